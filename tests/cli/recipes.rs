//! The CI recipes shipped with reg work as written: the pre-commit hooks
//! and the GitHub Action's steps run here against real registries.

use std::path::Path;

use crate::support::{Registry, definition, stdout};

fn repo_file(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The directory holding the `reg` under test, for scripts that call `reg`.
fn path_with_reg() -> String {
    let bin = assert_cmd::cargo::cargo_bin("reg");
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn pre_commit_hooks_run_as_pre_commit_would_run_them() {
    let hooks = repo_file(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["reg-validate", "reg-check"]);
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.write("drafts/x.yaml", "not: a definition\n");
    r.write(".github/workflows/ci.yml", "on: push\n");
    let tracked = [
        "reg.yaml",
        "definitions/slack/1.0.0.yaml",
        "drafts/x.yaml",
        ".github/workflows/ci.yml",
        "README.md",
    ];
    for hook in hooks {
        for key in ["id", "name", "entry", "language", "description"] {
            assert!(hook[key].is_string(), "{key} in {hook}");
        }
        assert_eq!(hook["language"], "rust", "pre-commit builds reg with cargo");
        let entry: Vec<&str> = hook["entry"].as_str().unwrap().split(' ').collect();
        assert_eq!(entry[0], "reg");
        // pre-commit passes the files the pattern selects, unless told not to.
        let mut args: Vec<String> = entry[1..].iter().map(|s| s.to_string()).collect();
        if hook["pass_filenames"] != false {
            let pattern = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
            let chosen: Vec<&str> = tracked
                .iter()
                .copied()
                .filter(|f| pattern.is_match(f))
                .collect();
            assert_eq!(
                chosen,
                ["reg.yaml", "definitions/slack/1.0.0.yaml"],
                "{hook}"
            );
            assert!(pattern.is_match("registry/instances/a.yaml"));
            args.extend(chosen.iter().map(|s| s.to_string()));
            r.reg().args(&args).assert().success();
            // And it fails a commit that breaks the registry.
            r.write("definitions/slack/1.0.0.yaml", "name: slack\n");
            r.reg().args(&args).assert().code(1);
            r.git(&["checkout", "--", "definitions"]);
        } else {
            // reg-check runs on push, where the branch has an upstream.
            let branch = r.branch();
            r.git(&["remote", "add", "origin", "."]);
            r.git(&[
                "update-ref",
                &format!("refs/remotes/origin/{branch}"),
                "HEAD",
            ]);
            r.git(&["branch", "--set-upstream-to", &format!("origin/{branch}")]);
            r.reg().args(&args).assert().success();
        }
    }
}

#[test]
fn the_github_actions_check_step_annotates_and_writes_sarif() {
    let action = repo_file("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    // It builds `reg` for one check: without the release profile's LTO.
    let install = steps.iter().find(|s| s["name"] == "Install reg").unwrap();
    assert_eq!(install["env"]["CARGO_PROFILE_RELEASE_LTO"], "false");
    let check = steps.iter().find(|s| s["id"] == "check").unwrap();
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
    }));
    let script = check["run"].as_str().unwrap();
    // A pull request: main as the runner fetched it, and a branch that
    // edits a published file by hand.
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    r.git(&["switch", "-q", "-c", "change"]);
    let text = r
        .read("definitions/slack/1.0.0.yaml")
        .replace("Connects to slack.", "Changed.");
    r.write("definitions/slack/1.0.0.yaml", &text);
    r.write("input/new.yaml", &definition("teams", "1.0.0", ""));
    let temp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(&r.root)
        .env("PATH", path_with_reg())
        .env("HOME", &r.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env("REG_REGISTRY", ".")
        .env("INPUT_BASE", "")
        .env("INPUT_STRICT", "false")
        .env("INPUT_SARIF", "true")
        .env("GITHUB_BASE_REF", "main")
        .env("RUNNER_TEMP", temp.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let annotations = stdout(&out);
    assert!(
        annotations.starts_with("::error file=definitions/slack/1.0.0.yaml,"),
        "{annotations}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(temp.path().join("reg.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results[0]["ruleId"], "published-changed", "{sarif}");
}

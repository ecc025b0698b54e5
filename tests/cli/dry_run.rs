//! `--dry-run` on every write, and what writes print under `-o json`.

use crate::support::{Registry, definition, json, stderr, stdout};

/// Runs `args` with `--dry-run`, then for real: the dry run changes no
/// file, reference, index or status, exits as the real run does, and
/// names the files the real run changes and its commit message.
fn rehearse(r: &Registry, args: &[&str]) -> std::process::Output {
    let files = r.snapshot();
    let git = r.git_state();
    let mut dry = vec!["--dry-run"];
    dry.extend_from_slice(args);
    let out = r.reg().args(&dry).output().unwrap();
    assert_eq!(r.snapshot(), files, "{args:?} wrote a file");
    assert_eq!(r.git_state(), git, "{args:?} changed git");
    let real = r.reg().args(args).output().unwrap();
    assert_eq!(out.status.code(), real.status.code(), "{args:?}");
    if real.status.success() {
        let plan = stdout(&out);
        for path in r.last_commit_paths() {
            assert!(
                plan.contains(&path),
                "{args:?}: {path} missing from\n{plan}"
            );
        }
        let summary = r.last_message().lines().next().unwrap().to_string();
        assert!(plan.contains(&summary), "{args:?}: {plan}");
        assert!(plan.contains("Reg-Action: "), "{plan}");
        assert!(
            stderr(&out).contains("dry run: nothing written"),
            "{}",
            stderr(&out)
        );
    }
    out
}

#[test]
fn every_write_rehearses_without_writing_and_exits_as_it_would() {
    let r = Registry::new();
    let slack = r.write("drafts/slack.yaml", &definition("slack", "1.0.0", ""));
    let slack = slack.to_str().unwrap();
    r.write("drafts/slack2.yaml", &definition("slack", "2.0.0", ""));
    r.write("good.yaml", "token: ${env:SLACK_TOKEN}\nport: 443\n");
    r.write("other.yaml", "token: ${env:OTHER}\nport: 80\n");
    // Refusals first: they exit as the real run would, with nothing written.
    rehearse(&r, &["publish", "slack@1.0.0"]);
    rehearse(&r, &["register", slack]);
    rehearse(&r, &["register", slack]);
    rehearse(&r, &["publish", "slack@1.0.0"]);
    rehearse(&r, &["publish", "slack@1.0.0"]);
    rehearse(&r, &["register", "drafts/slack2.yaml"]);
    rehearse(&r, &["publish", "slack@2.0.0"]);
    let create = [
        "instance",
        "create",
        "prod",
        "--definition",
        "slack@1.0.0",
        "--config",
        "good.yaml",
    ];
    rehearse(&r, &create);
    for args in [
        &["instance", "disable", "prod"][..],
        &["instance", "enable", "prod"],
        &["instance", "configure", "prod", "--config", "other.yaml"],
        &["instance", "upgrade", "prod", "--to", "slack@2.0.0"],
        &["deprecate", "slack@1.0.0", "--reason", "use 2"],
        &["archive", "slack@1.0.0"],
        &["instance", "retire", "prod"],
        &["instance", "delete", "prod"],
        &["delete", "slack@1.0.0"],
    ] {
        rehearse(&r, args);
    }
    r.assert_clean();
}

#[test]
fn a_dry_run_checks_what_the_write_checks() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    // A file with changes of its own refuses the write, and the dry run.
    r.write(
        "definitions/slack/1.0.0.yaml",
        &(r.read("definitions/slack/1.0.0.yaml") + "# mine\n"),
    );
    let out = r
        .reg()
        .args(["--dry-run", "deprecate", "slack@1.0.0", "--reason", "x"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("not committed"), "{}", stderr(&out));
    // No identity: the commit could not be made, so the dry run says so.
    r.git(&["checkout", "--", "definitions"]);
    r.reg_anonymous()
        .args(["--dry-run", "deprecate", "slack@1.0.0", "--reason", "x"])
        .assert()
        .code(5);
}

#[test]
fn writes_print_the_object_and_its_commit_under_json() {
    let r = Registry::new();
    let input = r.write("drafts/a.yaml", &definition("alpha", "1.0.0", ""));
    let out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    let head = r.git(&["rev-parse", "HEAD"]);
    assert_eq!(v[0]["commit"], head.trim(), "{v}");
    assert_eq!(v[0]["status"], "DRAFT");
    let v = json(
        &r.reg()
            .args(["-o", "json", "--dry-run", "publish", "alpha@1.0.0"])
            .assert()
            .success()
            .get_output()
            .clone(),
    );
    assert_eq!(
        (&v["commit"], &v["dryRun"], &v["status"]),
        (&serde_json::Value::Null, &true.into(), &"PUBLISHED".into()),
        "{v}"
    );
    assert_eq!(
        v["plan"]["files"][0]["path"],
        "definitions/alpha/1.0.0.yaml"
    );
    assert_eq!(v["plan"]["files"][0]["change"], "modify");
    assert!(
        v["plan"]["message"]
            .as_str()
            .unwrap()
            .contains("Reg-To: PUBLISHED")
    );
    let v = json(
        &r.reg()
            .args(["-o", "json", "publish", "alpha@1.0.0"])
            .assert()
            .success()
            .get_output()
            .clone(),
    );
    let head = r.git(&["rev-parse", "HEAD"]);
    assert_eq!(v["commit"], head.trim());
    r.write("cfg.yaml", "token: ${env:T}\n");
    let v = json(
        &r.reg()
            .args(["-o", "json", "--no-commit", "instance", "create", "i"])
            .args(["--definition", "alpha@1.0.0", "--config", "cfg.yaml"])
            .assert()
            .success()
            .get_output()
            .clone(),
    );
    assert_eq!(
        (&v["name"], &v["commit"]),
        (&"i".into(), &serde_json::Value::Null)
    );
}

#[test]
fn init_dry_run_creates_nothing() {
    let r = Registry::empty();
    let out = r
        .reg()
        .args(["--dry-run", "init", "new-registry"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(!r.path("new-registry").exists());
    let plan = stdout(&out);
    for line in ["create  reg.yaml", "create  .gitignore", "Reg-Action: init"] {
        assert!(plan.contains(line), "{plan}");
    }
    assert!(stderr(&out).contains("git init"), "{}", stderr(&out));
}

//! Migration notes (SPEC §13): a breaking bump says how to move, and the
//! commands that cross it say so.

use crate::support::{Registry, definition, json, stderr, stdout};

/// slack@2.0.0 with a port maximum of 1024: a breaking change from 1.x.
fn breaking(version: &str, migration: &str) -> String {
    definition("slack", version, migration).replace("maximum: 65535", "maximum: 1024")
}

const NOTE: &str = "migration:\n  message: Ports above 1024 are refused; move to 443.\n  deadline: 2020-01-31\n  url: https://docs.example/slack-2\n";

#[test]
fn a_breaking_bump_needs_a_note_and_says_what_to_paste() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    let bare = r.write("drafts/slack2.yaml", &breaking("2.0.0", ""));
    let before = r.snapshot();
    let out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&bare)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "migration-missing", "{v}");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains(
            "migration: {message: \"<what changed and what to do>\", deadline: YYYY-MM-DD"
        ),
        "{message}"
    );
    assert_eq!(r.snapshot(), before);
    // The same number with no breaking change has nothing to migrate.
    let same = r.write("drafts/same.yaml", &definition("slack", "2.0.0", ""));
    r.reg()
        .args(["--dry-run", "register"])
        .arg(&same)
        .assert()
        .success();
    // A pre-release is for trying.
    let rc = r.write("drafts/rc.yaml", &breaking("2.0.0-rc.1", ""));
    r.reg()
        .args(["--dry-run", "register"])
        .arg(&rc)
        .assert()
        .success();
    let noted = r.write("drafts/noted.yaml", &breaking("2.0.0", NOTE));
    r.reg().arg("register").arg(&noted).assert().success();
    r.reg().args(["publish", "slack@2.0.0"]).assert().success();
    assert!(
        r.read("definitions/slack/2.0.0.yaml")
            .contains("deadline: 2020-01-31")
    );
    // The policy can turn the rule off or make it a warning.
    let manifest = r.read("reg.yaml");
    r.write(
        "reg.yaml",
        &(manifest.clone() + "policy:\n  severity: {migrationRequired: warning}\n"),
    );
    r.git(&["commit", "-qam", "warn"]);
    let bare3 = r.write(
        "drafts/slack3.yaml",
        &breaking("3.0.0", "").replace("maximum: 1024", "maximum: 100"),
    );
    let out = r
        .reg()
        .args(["--dry-run", "register"])
        .arg(&bare3)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stderr(&out).contains("migration"), "{}", stderr(&out));
    r.write(
        "reg.yaml",
        &(manifest + "policy:\n  migrationRequired: false\n"),
    );
    r.git(&["commit", "-qam", "off"]);
    r.reg().arg("register").arg(&bare3).assert().success();
}

#[test]
fn a_breaking_version_added_by_hand_without_a_note_fails_check() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    let main = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    r.git(&["switch", "-q", "-c", "by-hand"]);
    let stored = breaking(
        "2.0.0",
        "id: 6f1c2d3e-4b5a-4c6d-8e7f-001122334455\nstatus: PUBLISHED\ncreatedAt: 2026-01-02T03:04:05Z\nupdatedAt: 2026-01-02T03:04:05Z\n",
    );
    r.write("definitions/slack/2.0.0.yaml", &stored);
    let out = r
        .reg()
        .args(["-o", "json", "check", "--base", &main])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "migration-missing"),
        "{v}"
    );
    let out = r
        .reg()
        .args(["-o", "json", "validate"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(stdout(&out).contains("migration-missing"));
}

fn line_with_notes() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.publish("slack", "1.1.0", "");
    let f = r.write("drafts/slack2.yaml", &breaking("2.0.0", NOTE));
    r.reg().arg("register").arg(&f).assert().success();
    r.reg().args(["publish", "slack@2.0.0"]).assert().success();
    r.write("old.yaml", "token: ${env:T}\nport: 8443\n");
    r.write("new.yaml", "token: ${env:T}\nport: 443\n");
    for (name, pin, config) in [
        ("old", "slack@1.0.0", "old.yaml"),
        ("fresh", "slack@2.0.0", "new.yaml"),
    ] {
        r.reg()
            .args([
                "instance",
                "create",
                name,
                "--definition",
                pin,
                "--config",
                config,
            ])
            .assert()
            .success();
    }
    r
}

#[test]
fn diff_and_upgrade_show_the_notes_they_cross() {
    let r = line_with_notes();
    let out = r
        .reg()
        .args(["diff", "slack@1.0.0", "slack@2.0.0"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("migration slack@2.0.0: Ports above 1024 are refused; move to 443. (deadline 2020-01-31) (see https://docs.example/slack-2)"),
        "{}",
        stdout(&out)
    );
    let v = json(
        &r.reg()
            .args(["-o", "json", "diff", "slack@1.1.0", "slack@2.0.0"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["migrations"][0]["deadline"], "2020-01-31", "{v}");
    let v = json(
        &r.reg()
            .args(["-o", "json", "diff", "slack@1.0.0", "slack@1.1.0"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["migrations"], serde_json::json!([]));
    // Upgrading across it prints it, in a dry run too.
    for dry in [true, false] {
        let mut args = vec![
            "instance",
            "upgrade",
            "old",
            "--to",
            "slack@2.0.0",
            "--config",
            "new.yaml",
        ];
        if dry {
            args.insert(0, "--dry-run");
        }
        let out = r.reg().args(&args).assert().success().get_output().clone();
        assert!(
            stderr(&out).contains("migration slack@2.0.0: Ports above 1024"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn outdated_lists_instances_below_the_newest_with_the_nearest_deadline() {
    let r = line_with_notes();
    let out = r
        .reg()
        .args(["-o", "json", "instance", "outdated"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["total"], 1, "{v}");
    let old = &v["items"][0];
    assert_eq!(
        (
            &old["instance"],
            &old["pinned"],
            &old["latestInLine"],
            &old["latest"]
        ),
        (
            &"old".into(),
            &"slack@1.0.0".into(),
            &"slack@1.1.0".into(),
            &"slack@2.0.0".into()
        ),
        "{old}"
    );
    assert_eq!(
        (&old["deadline"], &old["pastDeadline"]),
        (&"2020-01-31".into(), &true.into())
    );
    let out = r
        .reg()
        .args(["instance", "outdated", "--fail-after-deadline"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("2020-01-31 (past)"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("past a migration deadline"));
    // Once moved, nothing is outdated.
    r.reg()
        .args([
            "instance",
            "upgrade",
            "old",
            "--to",
            "slack@2.0.0",
            "--config",
            "new.yaml",
        ])
        .assert()
        .success();
    r.reg()
        .args(["instance", "outdated", "--fail-after-deadline"])
        .assert()
        .success();
}

#[test]
fn the_sample_registry_has_an_instance_past_its_deadline() {
    let r = Registry::empty();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("registry");
    let out = r
        .reg()
        .arg("--registry")
        .arg(&sample)
        .args([
            "-o",
            "json",
            "instance",
            "outdated",
            "--fail-after-deadline",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let past: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["pastDeadline"] == true)
        .map(|i| i["instance"].as_str().unwrap())
        .collect();
    assert_eq!(past, ["crm-salesforce-eu"], "{v}");
}

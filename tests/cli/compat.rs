//! `reg diff`, the compatibility rule on register and publish, and `reg check --base`.

use crate::support::{Registry, definition, json, stderr, stdout};

/// A version whose port maximum is `max`: a breaking change when lower,
/// so it carries the migration note a breaking bump needs (SPEC §13).
fn with_port_max(name: &str, version: &str, max: u32) -> String {
    definition(
        name,
        version,
        "migration: {message: ports above the new maximum are refused}\n",
    )
    .replace("maximum: 65535", &format!("maximum: {max}"))
}

#[test]
fn diff_reports_each_change_the_class_and_the_bump() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    let f = r.write("in/s2.yaml", &with_port_max("s", "2.0.0", 1024));
    r.reg().arg("register").arg(&f).assert().success();
    let out = r
        .reg()
        .args(["diff", "s@1.0.0", "s@2.0.0", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str(), v["class"].as_str()),
        (Some("s@1.0.0"), Some("s@2.0.0"), Some("breaking"))
    );
    assert_eq!(
        (v["requiredBump"].as_str(), v["bumpOk"].as_bool()),
        (Some("major"), Some(true))
    );
    assert_eq!(v["changes"][0]["path"], "/properties/port/maximum");
    assert_eq!(v["changes"][0]["keyword"], "maximum");
    let out = r
        .reg()
        .args(["diff", "s@1.0.0", "s@2.0.0"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("the upper bound tightened from ≤ 65535 to ≤ 1024"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn diff_replays_the_instances_of_the_line() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.write("hi.yaml", "token: ${env:T}\nport: 8080\n");
    r.write("lo.yaml", "token: ${env:T}\nport: 80\n");
    r.reg()
        .args([
            "instance",
            "create",
            "hi",
            "--definition",
            "s",
            "--config",
            "hi.yaml",
        ])
        .assert()
        .success();
    r.reg()
        .args([
            "instance",
            "create",
            "lo",
            "--definition",
            "s",
            "--config",
            "lo.yaml",
        ])
        .assert()
        .success();
    let f = r.write("in/s2.yaml", &with_port_max("s", "2.0.0", 1024));
    r.reg().arg("register").arg(&f).assert().success();
    let out = r
        .reg()
        .args(["diff", "s@1.0.0", "s@2.0.0", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["instances"]["checked"], 2);
    assert_eq!(v["instances"]["failing"], serde_json::json!(["hi"]));
    r.reg()
        .args(["diff", "s@1.0.0", "s@2.0.0", "--exit-code"])
        .assert()
        .code(1);
}

#[test]
fn a_breaking_change_without_a_major_bump_is_refused_on_register() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    let f = r.write("in/s.yaml", &with_port_max("s", "1.1.0", 1024));
    let before = r.snapshot();
    let out = r
        .reg()
        .arg("register")
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains("breaking-change") && err.contains("needs version 2.0.0 or later"),
        "{err}"
    );
    assert!(err.contains("s.yaml:19:16"), "points at the maximum: {err}");
    assert_eq!(r.snapshot(), before);
    // A compatible change is fine as a minor; a breaking one as a major.
    r.register("s", "1.1.0", "x-note: same schema\n");
    let f = r.write("in/s2.yaml", &with_port_max("s", "2.0.0", 1024));
    r.reg().arg("register").arg(&f).assert().success();
}

#[test]
fn the_rule_looks_at_the_next_higher_version_too_and_can_be_turned_off() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.publish("s", "1.2.0", "");
    // 1.1.0 accepting more than 1.2.0 would make 1.1 → 1.2 breaking.
    let loose = definition("s", "1.1.0", "").replace("      maximum: 65535\n", "");
    let f = r.write("in/loose.yaml", &loose);
    let out = r
        .reg()
        .arg("register")
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("s@1.2.0 would break"),
        "{}",
        stderr(&out)
    );
    r.write("reg.yaml", "format: 1\ncompatibility: none\n");
    r.git(&["commit", "-qam", "no compatibility rule"]);
    r.reg().arg("register").arg(&f).assert().success();
}

#[test]
fn zero_versions_bump_the_minor_for_breaking_changes() {
    let r = Registry::new();
    r.publish("s", "0.3.0", "");
    let f = r.write("in/a.yaml", &with_port_max("s", "0.3.1", 10));
    let out = r
        .reg()
        .arg("register")
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("needs version 0.4.0 or later"),
        "{}",
        stderr(&out)
    );
    let f = r.write("in/b.yaml", &with_port_max("s", "0.4.0", 10));
    r.reg().arg("register").arg(&f).assert().success();
}

#[test]
fn publish_rechecks_the_rule() {
    let r = Registry::new();
    r.register("s", "1.1.0", "");
    let f = r.write(
        "in/old.yaml",
        &definition("s", "1.0.0", "").replace("      maximum: 65535\n", ""),
    );
    // 1.0.0 accepts more than 1.1.0, so 1.0 → 1.1 would break: refused.
    r.reg().arg("register").arg(&f).assert().code(1);
    // Registered while the rule was off, it is still refused at publish once the rule is back.
    r.write("reg.yaml", "format: 1\ncompatibility: none\n");
    r.reg().arg("register").arg(&f).assert().success();
    r.write("reg.yaml", "format: 1\n");
    r.reg().args(["publish", "s@1.0.0"]).assert().code(1);
}

fn base(r: &Registry) -> String {
    r.git(&["rev-parse", "HEAD"]).trim().to_string()
}

#[test]
fn check_passes_a_clean_change() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    let b = base(&r);
    r.publish("s", "1.1.0", "");
    r.reg()
        .args(["deprecate", "s@1.0.0", "--reason", "old"])
        .assert()
        .success();
    let out = r
        .reg()
        .args(["check", "--base", &b, "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["ok"], true);
}

#[test]
fn check_finds_what_only_the_base_shows() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.publish("gone", "1.0.0", "");
    r.publish("back", "1.0.0", "");
    r.reg()
        .args(["deprecate", "back@1.0.0", "--reason", "x"])
        .assert()
        .success();
    let b = base(&r);
    // Published content edited by hand.
    let p = "definitions/s/1.0.0.yaml";
    r.write(
        p,
        &r.read(p)
            .replace("Connects to s.", "Connects to something else."),
    );
    // A published version deleted.
    std::fs::remove_file(r.path("definitions/gone/1.0.0.yaml")).unwrap();
    // A state moved backwards.
    let p = "definitions/back/1.0.0.yaml";
    r.write(
        p,
        &r.read(p)
            .replace("status: DEPRECATED", "status: PUBLISHED")
            .replace(
                "deprecation:\n  reason: x\n  since: 2026-01-02T03:04:05Z\n",
                "",
            ),
    );
    // A breaking change registered by hand with a minor bump.
    r.write(
        "definitions/s/1.1.0.yaml",
        &with_port_max("s", "1.1.0", 10).replace("name: s\n", "name: s\nstatus: DRAFT\n"),
    );
    let out = r
        .reg()
        .args(["check", "--base", &b, "-o", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let codes: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("definitions/s/1.0.0.yaml", "published-changed"),
        ("definitions/gone/1.0.0.yaml", "published-deleted"),
        ("definitions/back/1.0.0.yaml", "illegal-transition"),
        ("definitions/s/1.1.0.yaml", "breaking-change"),
    ] {
        assert!(
            codes.contains(&(want.0.into(), want.1.into())),
            "{want:?} not in {codes:?}"
        );
    }
    let changed = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "published-changed")
        .unwrap();
    assert_eq!(
        (changed["pointer"].as_str(), changed["line"].as_u64()),
        (Some("/description"), Some(6))
    );
}

#[test]
fn check_defaults_to_the_merge_base_with_the_upstream() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.git(&["branch", "upstream-copy"]);
    r.git(&["checkout", "-qb", "topic"]);
    r.git(&["branch", "--set-upstream-to", "upstream-copy"]);
    let p = "definitions/s/1.0.0.yaml";
    r.write(p, &r.read(p).replace("Connects to s.", "Changed."));
    r.git(&["commit", "-qam", "edit published"]);
    // HEAD itself is clean against HEAD; only the merge base shows the edit.
    r.reg().args(["check", "--base", "HEAD"]).assert().success();
    let out = r
        .reg()
        .args(["check", "-o", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(json(&out)["findings"][0]["code"], "published-changed");
    r.reg()
        .args(["check", "--base", "no-such-rev"])
        .assert()
        .code(5);
}

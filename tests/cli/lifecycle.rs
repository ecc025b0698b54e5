use crate::support::{Registry, json, stderr};

fn refuse(r: &Registry, args: &[&str], code: i32) -> String {
    let before = r.snapshot();
    let out = r.reg().args(args).assert().code(code).get_output().clone();
    assert_eq!(r.snapshot(), before, "{args:?} changed files or commits");
    stderr(&out)
}

#[test]
fn every_allowed_edge_is_one_commit_with_trailers() {
    let r = Registry::new();
    r.register("slack", "1.0.0", "");
    r.reg().args(["publish", "slack@1.0.0"]).assert().success();
    assert_eq!(
        r.last_message(),
        "publish slack@1.0.0\n\nReg-Action: publish\nReg-Subject: definition/slack@1.0.0\nReg-From: DRAFT\nReg-To: PUBLISHED\n\n"
    );
    assert_eq!(r.last_commit_paths(), ["definitions/slack/1.0.0.yaml"]);
    r.assert_clean();
    r.reg()
        .args(["deprecate", "slack@1.0.0", "--reason", "use v2"])
        .assert()
        .success();
    let text = r.read("definitions/slack/1.0.0.yaml");
    assert!(
        text.contains("status: DEPRECATED") && text.contains("reason: use v2"),
        "{text}"
    );
    r.reg().args(["archive", "slack@1.0.0"]).assert().success();
    assert!(
        r.last_message()
            .contains("Reg-From: DEPRECATED\nReg-To: ARCHIVED")
    );
    r.reg().args(["delete", "slack@1.0.0"]).assert().success();
    assert!(!r.exists("definitions/slack/1.0.0.yaml"));
    assert!(r.last_message().starts_with("delete slack@1.0.0\n\nReg-Action: delete\nReg-Subject: definition/slack@1.0.0\nReg-From: ARCHIVED\n"));
    r.assert_clean();
}

#[test]
fn published_to_archived_directly_and_draft_deleted() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    r.reg().args(["archive", "a@1.0.0"]).assert().success();
    r.register("b", "1.0.0", "");
    r.reg().args(["delete", "b@1.0.0"]).assert().success();
    assert!(!r.exists("definitions/b/1.0.0.yaml"));
    // The deletion and its tombstone are one commit.
    assert_eq!(
        r.last_commit_paths(),
        ["definitions/b/1.0.0.yaml", "definitions/b/tombstones.yaml"]
    );
    let tombstones = r.read("definitions/b/tombstones.yaml");
    assert!(
        tombstones.contains("version: 1.0.0")
            && tombstones.contains("deletedAt: 2026-01-02T03:04:05Z"),
        "{tombstones}"
    );
    r.reg().args(["validate"]).assert().success();
    r.reg().args(["list"]).assert().success();
}

#[test]
fn every_forbidden_edge_is_refused_with_the_allowed_ones() {
    let r = Registry::new();
    r.register("d", "1.0.0", "");
    let err = refuse(&r, &["deprecate", "d@1.0.0", "--reason", "x"], 4);
    assert!(
        err.contains("it is DRAFT") && err.contains("allowed: publish, delete"),
        "{err}"
    );
    refuse(&r, &["archive", "d@1.0.0"], 4);
    r.reg().args(["publish", "d@1.0.0"]).assert().success();
    let err = refuse(&r, &["publish", "d@1.0.0"], 4);
    assert!(err.contains("allowed: deprecate, archive"), "{err}");
    refuse(&r, &["delete", "d@1.0.0"], 4);
    r.reg()
        .args(["deprecate", "d@1.0.0", "--reason", "old"])
        .assert()
        .success();
    refuse(&r, &["publish", "d@1.0.0"], 4);
    refuse(&r, &["deprecate", "d@1.0.0", "--reason", "again"], 4);
    refuse(&r, &["delete", "d@1.0.0"], 4);
    r.reg().args(["archive", "d@1.0.0"]).assert().success();
    for args in [
        &["publish", "d@1.0.0"][..],
        &["deprecate", "d@1.0.0", "--reason", "x"],
        &["archive", "d@1.0.0"],
    ] {
        let err = refuse(&r, args, 4);
        assert!(err.contains("allowed: delete"), "{err}");
    }
}

#[test]
fn json_errors_carry_the_code() {
    let r = Registry::new();
    r.register("d", "1.0.0", "");
    let out = r
        .reg()
        .args(["-o", "json", "archive", "d@1.0.0"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    assert_eq!(json(&out)["error"]["code"], "transition");
}

#[test]
fn publish_needs_an_exact_version() {
    let r = Registry::new();
    r.register("d", "1.0.0", "");
    let err = refuse(&r, &["publish", "d"], 2);
    assert!(err.contains("d@1.0.0"), "lists the candidates: {err}");
}

#[test]
fn publish_refuses_unresolvable_dependencies_listing_every_one() {
    let r = Registry::new();
    r.register("base", "1.0.0", "");
    r.register(
        "app",
        "1.0.0",
        "dependencies:\n  - {name: base, version: ^1}\n  - {name: missing, version: '>=2, <3'}\n",
    );
    let err = refuse(&r, &["publish", "app@1.0.0"], 4);
    assert!(
        err.contains("dependency base ^1") && err.contains("base@1.0.0 DRAFT"),
        "{err}"
    );
    assert!(
        err.contains("dependency missing >=2, <3") && err.contains("no such definition"),
        "{err}"
    );
    let out = r
        .reg()
        .args(["-o", "json", "publish", "app@1.0.0"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    assert_eq!(
        json(&out)["error"]["references"].as_array().unwrap().len(),
        2
    );
    r.reg().args(["publish", "base@1.0.0"]).assert().success();
    r.register("missing", "2.5.0", "");
    r.reg()
        .args(["publish", "missing@2.5.0"])
        .assert()
        .success();
    r.reg().args(["publish", "app@1.0.0"]).assert().success();
}

#[test]
fn publish_refuses_a_cycle_and_prints_it() {
    let r = Registry::new();
    r.publish("b", "1.0.0", "");
    r.register("a", "1.0.0", "dependencies:\n  - {name: b, version: ^2}\n");
    r.register("b", "2.1.0", "dependencies:\n  - {name: a, version: ^1}\n");
    r.reg().args(["publish", "b@2.1.0"]).assert().code(4);
    // Neither can go first through reg; a hand edit (or a merge from another
    // branch) can still publish b@2.1.0, and then a's publish would close the cycle.
    let path = "definitions/b/2.1.0.yaml";
    r.write(
        path,
        &r.read(path).replace("status: DRAFT", "status: PUBLISHED"),
    );
    r.git(&["commit", "-qam", "hand publish"]);
    let err = refuse(&r, &["publish", "a@1.0.0"], 4);
    assert!(err.contains("a@1.0.0 → b@2.1.0 → a@1.0.0"), "{err}");
}

#[test]
fn a_dependency_diamond_publishes_and_deps_shows_the_tree() {
    let r = Registry::new();
    r.publish("oauth2", "1.2.0", "");
    r.publish(
        "left",
        "1.0.0",
        "dependencies:\n  - {name: oauth2, version: ^1}\n",
    );
    r.publish(
        "right",
        "1.0.0",
        "dependencies:\n  - {name: oauth2, version: ~1.2}\n",
    );
    r.publish(
        "top",
        "1.0.0",
        "dependencies:\n  - {name: left, version: ^1}\n  - {name: right, version: ^1}\n",
    );
    let out = r
        .reg()
        .args(["deps", "top"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = crate::support::stdout(&out);
    assert!(
        text.contains("left@1.0.0")
            && text.contains("right@1.0.0")
            && text.matches("oauth2@1.2.0").count() == 2,
        "{text}"
    );
    let out = r
        .reg()
        .args(["deps", "top", "--depth", "0", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["dependencies"][0]["note"], "depth limit");
    let out = r
        .reg()
        .args(["refs", "oauth2@1.2.0", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["definitions"].as_array().unwrap().len(), 2);
}

#[test]
fn deprecate_needs_a_reason_and_a_published_replacement() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.register("s", "2.0.0", "");
    refuse(&r, &["deprecate", "s@1.0.0"], 2);
    let err = refuse(
        &r,
        &[
            "deprecate",
            "s@1.0.0",
            "--reason",
            "old",
            "--replaced-by",
            "s@2.0.0",
        ],
        4,
    );
    assert!(err.contains("must be PUBLISHED"), "{err}");
    refuse(
        &r,
        &[
            "deprecate",
            "s@1.0.0",
            "--reason",
            "old",
            "--replaced-by",
            "nothing@1.0.0",
        ],
        3,
    );
    r.reg().args(["publish", "s@2.0.0"]).assert().success();
    r.reg()
        .args([
            "deprecate",
            "s@1.0.0",
            "--reason",
            "old",
            "--replaced-by",
            "s@^2",
        ])
        .assert()
        .success();
    let text = r.read("definitions/s/1.0.0.yaml");
    assert!(
        text.contains("replacedBy: s@2.0.0") && text.contains("since: 2026-01-02T03:04:05Z"),
        "{text}"
    );
}

#[test]
fn a_bare_name_resolves_to_deprecated_when_nothing_is_published() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.reg()
        .args(["deprecate", "s", "--reason", "old"])
        .assert()
        .success();
    let out = r
        .reg()
        .args(["show", "s", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["status"], "DEPRECATED");
}

#[test]
fn lifecycle_commands_change_only_the_state_keys() {
    let r = Registry::new();
    r.register("s", "1.0.0", "x-extra: keep me\n");
    let before = r.read("definitions/s/1.0.0.yaml");
    r.reg()
        .args(["publish", "s@1.0.0"])
        .env("GIT_COMMITTER_DATE", "2026-03-04T05:06:07Z")
        .assert()
        .success();
    let after = r.read("definitions/s/1.0.0.yaml");
    let diff: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        diff,
        [
            ("status: DRAFT", "status: PUBLISHED"),
            (
                "updatedAt: 2026-01-02T03:04:05Z",
                "updatedAt: 2026-03-04T05:06:07Z"
            )
        ]
    );
}

#[test]
fn archive_is_blocked_by_live_instances_and_sole_dependents_listing_all() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    r.publish(
        "app",
        "1.0.0",
        "dependencies:\n  - {name: base, version: ^1}\n",
    );
    r.publish(
        "tool",
        "1.0.0",
        "dependencies:\n  - {name: base, version: '>=1'}\n",
    );
    let cfg = r.write("cfg.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "one",
            "--definition",
            "base",
            "--config",
        ])
        .arg(&cfg)
        .assert()
        .success();
    r.reg()
        .args([
            "instance",
            "create",
            "two",
            "--definition",
            "base",
            "--config",
        ])
        .arg(&cfg)
        .assert()
        .success();
    r.reg()
        .args(["instance", "disable", "two"])
        .assert()
        .success();
    let err = refuse(&r, &["archive", "base@1.0.0"], 4);
    for needle in [
        "instance one (ACTIVE)",
        "instance two (DISABLED)",
        "definition app@1.0.0 (PUBLISHED) depends on base ^1",
        "definition tool@1.0.0",
    ] {
        assert!(err.contains(needle), "{needle} missing: {err}");
    }
    let out = r
        .reg()
        .args(["-o", "json", "archive", "base@1.0.0"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    assert_eq!(
        json(&out)["error"]["references"].as_array().unwrap().len(),
        4
    );
    // Another version that satisfies the ranges frees the definitions; retiring frees the instances.
    r.publish("base", "1.1.0", "");
    r.reg()
        .args(["instance", "retire", "one"])
        .assert()
        .success();
    r.reg()
        .args(["instance", "retire", "two"])
        .assert()
        .success();
    r.reg().args(["archive", "base@1.0.0"]).assert().success();
}

#[test]
fn delete_is_blocked_by_any_pinned_instance_even_retired() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    let cfg = r.write("cfg.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "one",
            "--definition",
            "base",
            "--config",
        ])
        .arg(&cfg)
        .assert()
        .success();
    r.reg()
        .args(["instance", "retire", "one"])
        .assert()
        .success();
    r.reg().args(["archive", "base@1.0.0"]).assert().success();
    let err = refuse(&r, &["delete", "base@1.0.0"], 4);
    assert!(err.contains("instance one (RETIRED)"), "{err}");
    r.reg()
        .args(["instance", "delete", "one"])
        .assert()
        .success();
    r.reg().args(["delete", "base@1.0.0"]).assert().success();
}

#[test]
fn json_output_of_a_lifecycle_command_keeps_extension_keys() {
    let r = Registry::new();
    r.register("s", "1.0.0", "x-team: blue\n");
    let out = r
        .reg()
        .args(["-o", "json", "publish", "s@1.0.0"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(
        (v["status"].as_str(), v["x-team"].as_str()),
        (Some("PUBLISHED"), Some("blue")),
        "{v}"
    );
}

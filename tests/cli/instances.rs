use crate::support::{Registry, json, stderr, stdout};

fn fixture() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.write("good.yaml", "token: ${env:SLACK_TOKEN}\nport: 443\n");
    r
}

fn create(r: &Registry, name: &str, reference: &str, config: &str) -> std::process::Output {
    r.reg()
        .args([
            "instance",
            "create",
            name,
            "--definition",
            reference,
            "--config",
            config,
        ])
        .output()
        .unwrap()
}

#[test]
fn create_pins_the_exact_version_and_commits() {
    let r = fixture();
    r.publish("slack", "1.2.0", "");
    let out = r
        .reg()
        .args([
            "instance",
            "create",
            "prod-slack",
            "--definition",
            "slack@^1",
            "--config",
            "good.yaml",
            "--label",
            "env=prod",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("Created instance prod-slack (slack@1.2.0, ACTIVE)"),
        "{}",
        stderr(&out)
    );
    let text = r.read("instances/prod-slack.yaml");
    assert!(
        text.contains("definition: slack@1.2.0")
            && text.contains("status: ACTIVE")
            && text.contains("env: prod"),
        "{text}"
    );
    assert_eq!(r.last_commit_paths(), ["instances/prod-slack.yaml"]);
    assert!(r.last_message().starts_with("instance-create prod-slack\n\nReg-Action: instance-create\nReg-Subject: instance/prod-slack\nReg-To: ACTIVE\n"));
    r.assert_clean();
}

#[test]
fn config_from_standard_input_as_json() {
    let r = fixture();
    r.reg()
        .args([
            "instance",
            "create",
            "x",
            "--definition",
            "slack",
            "--config",
            "-",
        ])
        .write_stdin(r#"{"token": "${file:/run/secrets/slack}"}"#)
        .assert()
        .success();
}

#[test]
fn an_invalid_config_lists_every_error_with_lines_and_writes_nothing() {
    let r = fixture();
    r.write("bad.yaml", "port: 70000\nextra: true\n");
    let before = r.snapshot();
    let out = r
        .reg()
        .args([
            "-o",
            "json",
            "instance",
            "create",
            "x",
            "--definition",
            "slack",
            "--config",
            "bad.yaml",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(r.snapshot(), before);
    let v = json(&out);
    let found: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["pointer"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["keyword"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        found.contains(&("/port".into(), 1, "maximum".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("/extra".into(), 2, "additionalProperties".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(String::new(), 1, "required".into())),
        "{found:?}"
    );
    assert!(stderr(&out).contains("port: 70000 is greater than the maximum 65535"));
}

#[test]
fn a_literal_secret_is_refused_and_never_printed() {
    let r = fixture();
    r.write("leak.yaml", "token: xoxb-very-secret\n");
    let out = r
        .reg()
        .args([
            "instance",
            "create",
            "x",
            "--definition",
            "slack",
            "--config",
            "leak.yaml",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("plaintext-secret"), "{all}");
    assert!(
        !all.contains("xoxb-very-secret"),
        "the secret leaked: {all}"
    );
    // Even a secret written into a file by hand never shows.
    create(&r, "ok", "slack", "good.yaml");
    let path = "instances/ok.yaml";
    r.write(
        path,
        &r.read(path)
            .replace("${env:SLACK_TOKEN}", "xoxb-very-secret"),
    );
    for args in [
        &["instance", "show", "ok"][..],
        &["instance", "show", "ok", "-o", "json"],
        &["instance", "list", "-o", "yaml"],
        &["validate"],
        &["validate", "-o", "json"],
        &["validate", "--format", "sarif"],
    ] {
        let out = r.reg().args(args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains("xoxb-very-secret"), "{args:?} leaked: {all}");
    }
}

#[test]
fn secret_references_are_not_type_checked() {
    let r = Registry::new();
    let schema = "configSchema:\n  type: object\n  properties:\n    pin:\n      type: integer\n      x-secret: true\n";
    let text = format!("name: bank\nversion: 1.0.0\ntitle: Bank\ndescription: d\n{schema}");
    let f = r.write("in/bank.yaml", &text);
    r.reg().arg("register").arg(&f).assert().success();
    r.reg().args(["publish", "bank@1.0.0"]).assert().success();
    r.write("c.yaml", "pin: ${env:PIN}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "b",
            "--definition",
            "bank",
            "--config",
            "c.yaml",
        ])
        .assert()
        .success();
    r.write("c2.yaml", "pin: 1234\n");
    r.reg()
        .args([
            "instance",
            "create",
            "b2",
            "--definition",
            "bank",
            "--config",
            "c2.yaml",
        ])
        .assert()
        .code(1);
}

#[test]
fn deprecated_versions_warn_and_drafts_or_archived_are_refused() {
    let r = fixture();
    r.publish("slack", "2.0.0", "");
    r.reg()
        .args([
            "deprecate",
            "slack@1.0.0",
            "--reason",
            "old API",
            "--replaced-by",
            "slack@2.0.0",
        ])
        .assert()
        .success();
    let out = create(&r, "old", "slack@1.0.0", "good.yaml");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("DEPRECATED: old API; use slack@2.0.0 instead"),
        "{}",
        stderr(&out)
    );
    r.register("slack", "3.0.0", "");
    let before = r.snapshot();
    let out = create(&r, "new", "slack@3.0.0", "good.yaml");
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("publish it first"));
    r.publish("gone", "1.0.0", "");
    r.reg().args(["archive", "gone@1.0.0"]).assert().success();
    let before2 = r.snapshot();
    assert_eq!(
        create(&r, "g", "gone@1.0.0", "good.yaml").status.code(),
        Some(4)
    );
    assert_eq!(r.snapshot(), before2);
    assert_ne!(before, before2);
}

#[test]
fn duplicate_instance_names_are_conflicts() {
    let r = fixture();
    assert!(create(&r, "x", "slack", "good.yaml").status.success());
    let before = r.snapshot();
    assert_eq!(create(&r, "x", "slack", "good.yaml").status.code(), Some(4));
    assert_eq!(r.snapshot(), before);
    assert_eq!(
        create(&r, "Bad Name", "slack", "good.yaml").status.code(),
        Some(2)
    );
}

#[test]
fn the_instance_lifecycle_walks_every_edge() {
    let r = fixture();
    create(&r, "x", "slack", "good.yaml");
    let step = |cmd: &str, code: i32| {
        let before = r.snapshot();
        r.reg().args(["instance", cmd, "x"]).assert().code(code);
        if code != 0 {
            assert_eq!(r.snapshot(), before, "{cmd} refused but changed something");
        }
    };
    step("enable", 4);
    step("delete", 4);
    step("disable", 0);
    assert!(r.last_message().contains(
        "Reg-Action: instance-disable\nReg-Subject: instance/x\nReg-From: ACTIVE\nReg-To: DISABLED"
    ));
    step("disable", 4);
    step("enable", 0);
    step("retire", 0);
    step("enable", 4);
    step("disable", 4);
    step("retire", 4);
    // RETIRED is final: neither a new pin nor a new configuration.
    for args in [
        &["instance", "upgrade", "x", "--to", "slack@1.0.0"][..],
        &["instance", "configure", "x", "--config", "good.yaml"],
    ] {
        let before = r.snapshot();
        let out = r.reg().args(args).assert().code(4).get_output().clone();
        assert!(
            crate::support::stderr(&out).contains("it is RETIRED"),
            "{args:?}"
        );
        assert_eq!(r.snapshot(), before, "{args:?}");
    }
    step("delete", 0);
    assert!(!r.exists("instances/x.yaml"));
    r.assert_clean();
    r.reg().args(["instance", "show", "x"]).assert().code(3);
}

#[test]
fn upgrade_moves_the_pin_when_the_config_fits() {
    let r = fixture();
    create(&r, "x", "slack@1.0.0", "good.yaml");
    r.publish("slack", "2.0.0", "");
    r.reg()
        .args(["instance", "upgrade", "x", "--to", "slack@2.0.0"])
        .assert()
        .success();
    assert!(
        r.read("instances/x.yaml")
            .contains("definition: slack@2.0.0")
    );
    assert!(
        r.last_message()
            .contains("Reg-From: slack@1.0.0\nReg-To: slack@2.0.0")
    );
    // A version whose schema the config breaks is refused.
    let strict = crate::support::definition(
        "slack",
        "3.0.0",
        "migration: {message: ports above 100 are refused}\n",
    )
    .replace("maximum: 65535", "maximum: 100");
    let f = r.write("in/strict.yaml", &strict);
    r.reg().arg("register").arg(&f).assert().success();
    r.reg().args(["publish", "slack@3.0.0"]).assert().success();
    let before = r.snapshot();
    let out = r
        .reg()
        .args(["instance", "upgrade", "x", "--to", "slack@3.0.0"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("instances/x.yaml:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(r.snapshot(), before);
    r.reg()
        .args(["instance", "upgrade", "x", "--to", "slack@9.0.0"])
        .assert()
        .code(3);
}

#[test]
fn list_filters_by_definition_status_and_labels() {
    let r = fixture();
    r.publish("slack", "2.0.0", "");
    r.reg()
        .args([
            "instance",
            "create",
            "a",
            "--definition",
            "slack@1.0.0",
            "--config",
            "good.yaml",
            "--label",
            "env=prod",
            "--label",
            "team=x",
        ])
        .assert()
        .success();
    r.reg()
        .args([
            "instance",
            "create",
            "b",
            "--definition",
            "slack@2.0.0",
            "--config",
            "good.yaml",
            "--label",
            "env=dev",
        ])
        .assert()
        .success();
    r.reg()
        .args(["instance", "disable", "b"])
        .assert()
        .success();
    let names = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["instance", "list", "-o", "json"];
        a.extend_from_slice(args);
        let v = json(&r.reg().args(&a).assert().success().get_output().clone());
        assert_eq!(v["total"], v["items"].as_array().unwrap().len(), "{v}");
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&[]), ["a", "b"]);
    assert_eq!(names(&["--definition", "slack@^2"]), ["b"]);
    assert_eq!(names(&["--definition", "slack@1.0.0"]), ["a"]);
    assert_eq!(names(&["--status", "disabled"]), ["b"]);
    assert_eq!(names(&["--label", "env=prod", "--label", "team=x"]), ["a"]);
    assert!(names(&["--label", "env=qa"]).is_empty());
}

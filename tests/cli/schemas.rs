//! Bad input to register: each must get a clear finding and change nothing.

use crate::support::{Registry, definition, json, stderr};

fn refused(r: &Registry, text: &str) -> (String, serde_json::Value) {
    let input = r.write("in/bad.yaml", text);
    let before = r.snapshot();
    let out = r
        .reg()
        .arg("register")
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(
        r.snapshot(),
        before,
        "a refused register changed files or commits"
    );
    let json_out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    (stderr(&out), json(&json_out))
}

#[test]
fn malformed_yaml_reports_its_line() {
    let r = Registry::new();
    let (err, v) = refused(
        &r,
        "name: slack\nversion: 1.0.0\ntitle: [unclosed\ndescription: x\n",
    );
    assert!(err.contains("yaml-syntax"), "{err}");
    let f = &v["findings"][0];
    assert_eq!(f["code"], "yaml-syntax");
    assert!(f["line"].as_u64().unwrap() >= 3, "{f}");
}

#[test]
fn unknown_keys_get_a_did_you_mean_at_the_key() {
    let r = Registry::new();
    let text =
        definition("slack", "1.0.0", "").replace("description:", "descripton: typo\ndescription:");
    let (err, v) = refused(&r, &text);
    assert!(
        err.contains("unknown key `descripton` (did you mean `description`?)"),
        "{err}"
    );
    let f = &v["findings"][0];
    assert_eq!(
        (
            f["line"].as_u64(),
            f["column"].as_u64(),
            f["pointer"].as_str()
        ),
        (Some(4), Some(1), Some("/descripton"))
    );
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let r = Registry::new();
    let (_, v) = refused(
        &r,
        "name: Bad Name\nversion: 01.2.3\ntitle: ''\nconfigSchema: 3\n",
    );
    let pointers: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["pointer"].as_str().unwrap())
        .collect();
    for p in ["/name", "/version", "/title", "/configSchema", ""] {
        assert!(pointers.contains(&p), "{p} missing from {pointers:?}");
    }
    assert_eq!(v["ok"], false);
}

#[test]
fn bad_names_are_refused() {
    for name in ["../x", "A B", &"a".repeat(65), "x/y", "-x"] {
        let r = Registry::new();
        let text = definition("placeholder", "1.0.0", "")
            .replace("name: placeholder", &format!("name: '{name}'"));
        let (_, v) = refused(&r, &text);
        assert_eq!(v["findings"][0]["pointer"], "/name", "{name}: {v}");
    }
}

#[test]
fn bad_versions_are_refused() {
    for version in ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "latest"] {
        let r = Registry::new();
        let (_, v) = refused(&r, &definition("slack", &format!("'{version}'"), ""));
        assert_eq!(v["findings"][0]["pointer"], "/version", "{version}: {v}");
    }
}

#[test]
fn an_invalid_config_schema_is_refused_with_its_pointer() {
    let r = Registry::new();
    let text = definition("slack", "1.0.0", "").replace("type: integer", "type: integr");
    let (_, v) = refused(&r, &text);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "invalid-config-schema");
    assert!(
        f["pointer"]
            .as_str()
            .unwrap()
            .starts_with("/configSchema/properties/port"),
        "{f}"
    );
    assert!(f["line"].as_u64().unwrap() > 0);
}

#[test]
fn a_draft_4_schema_is_checked_against_draft_4() {
    let r = Registry::new();
    // exclusiveMaximum is a boolean in draft-04 and a number afterwards.
    let ok = definition("slack", "1.0.0", "")
        .replace(
            "  type: object\n",
            "  $schema: http://json-schema.org/draft-04/schema#\n  type: object\n",
        )
        .replace(
            "maximum: 65535",
            "maximum: 65535\n      exclusiveMaximum: true",
        );
    let input = r.write("in/ok.yaml", &ok);
    r.reg().arg("register").arg(&input).assert().success();
    let bad = ok.replace("version: 1.0.0", "version: 1.0.1").replace(
        "$schema: http://json-schema.org/draft-04/schema#",
        "$schema: https://json-schema.org/draft/2020-12/schema",
    );
    let (_, v) = refused(&r, &bad);
    assert_eq!(v["findings"][0]["code"], "invalid-config-schema", "{v}");
}

#[test]
fn remote_refs_and_unknown_drafts_are_refused() {
    let r = Registry::new();
    let text = definition("slack", "1.0.0", "")
        .replace("type: integer", "$ref: 'https://example.com/port.json'");
    let (_, v) = refused(&r, &text);
    assert_eq!(v["findings"][0]["code"], "remote-ref", "{v}");
    let text = definition("slack", "1.0.0", "").replace(
        "  type: object\n",
        "  $schema: https://example.com/my-draft\n  type: object\n",
    );
    let (_, v) = refused(&r, &text);
    assert_eq!(v["findings"][0]["code"], "unknown-draft", "{v}");
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let r = Registry::new();
    let (_, v) = refused(
        &r,
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
    );
    assert_eq!(v["findings"][0]["code"], "yaml-syntax");
    let (_, v) = refused(&r, &format!("name: {}\n", "[".repeat(10_000)));
    assert_eq!(v["findings"][0]["code"], "yaml-syntax");
    let (_, v) = refused(&r, "name: a\nname: b\n");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("duplicate"),
        "{v}"
    );
    let (_, v) = refused(&r, "name: !!python/object:os.system x\n");
    assert_eq!(v["findings"][0]["code"], "yaml-syntax");
}

#[test]
fn a_deprecated_status_without_deprecation_is_invalid_in_the_registry() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    let path = "definitions/slack/1.0.0.yaml";
    let text = r
        .read(path)
        .replace("status: PUBLISHED", "status: DEPRECATED");
    r.write(path, &text);
    let out = r
        .reg()
        .args(["validate", "-o", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["findings"][0]["code"], "missing-key", "{v}");
}

#[test]
fn a_remote_ref_never_connects() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/port.json", listener.local_addr().unwrap());
    let r = Registry::new();
    let text = definition("slack", "1.0.0", "").replace("type: integer", &format!("$ref: '{url}'"));
    let (_, v) = refused(&r, &text);
    assert_eq!(v["findings"][0]["code"], "remote-ref", "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("never fetches")
    );
    // The same schema slipped into the registry by hand is reported by validate, still offline.
    r.write(
        "definitions/slack/1.0.0.yaml",
        &text.replace("owner: team-a\n", "owner: team-a\nstatus: PUBLISHED\n"),
    );
    let out = r
        .reg()
        .args(["validate", "-o", "json"])
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
            .any(|f| f["code"] == "remote-ref"),
        "{v}"
    );
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("something connected to the $ref's server: {other:?}"),
    }
}

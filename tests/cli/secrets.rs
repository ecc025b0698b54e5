//! Secrets wherever a schema puts them, and printed nowhere (SPEC §6): for
//! each way a schema can attach `writeOnly: true` or `x-secret: true` to a
//! value, a plaintext value is refused and committed nowhere, and a
//! plaintext value that got into a file by hand is masked in every output
//! and every findings format.

use crate::support::{Registry, json, stderr, stdout};

/// (form, configSchema as JSON, a configuration with the planted secret
/// `{S}`): every form the evaluation must see.
fn forms() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "direct",
            r#"{"properties": {"token": {"type": "string", "writeOnly": true}}}"#,
            r#"{"token": "{S}"}"#,
        ),
        (
            "items",
            r#"{"properties": {"keys": {"type": "array", "items": {"type": "string", "writeOnly": true}}}}"#,
            r#"{"keys": ["{S}"]}"#,
        ),
        (
            "allOf",
            r#"{"allOf": [{"properties": {"token": {"x-secret": true}}}]}"#,
            r#"{"token": "{S}"}"#,
        ),
        (
            "if/then",
            r#"{"if": {"required": ["mode"]}, "then": {"properties": {"token": {"writeOnly": true}}}}"#,
            r#"{"mode": "x", "token": "{S}"}"#,
        ),
        (
            "$ref",
            r##"{"$defs": {"cred": {"type": "string", "writeOnly": true}}, "properties": {"token": {"$ref": "#/$defs/cred"}}}"##,
            r#"{"token": "{S}"}"#,
        ),
        (
            "additionalProperties",
            r#"{"properties": {"headers": {"type": "object", "additionalProperties": {"type": "string", "writeOnly": true}}}}"#,
            r#"{"headers": {"Authorization": "{S}"}}"#,
        ),
        (
            "patternProperties",
            r#"{"patternProperties": {"^secret_": {"x-secret": true}}}"#,
            r#"{"secret_key": "{S}"}"#,
        ),
        (
            "$anchor",
            r##"{"$defs": {"cred": {"$anchor": "cred", "writeOnly": true}}, "properties": {"token": {"$ref": "#cred"}}}"##,
            r#"{"token": "{S}"}"#,
        ),
        (
            "percent-encoded pointer",
            r##"{"$defs": {"cred": {"writeOnly": true}}, "properties": {"token": {"$ref": "#/%24defs/cred"}}}"##,
            r#"{"token": "{S}"}"#,
        ),
        (
            "$ref through $id",
            r#"{"$defs": {"cred": {"$id": "https://example.com/cred", "writeOnly": true}}, "properties": {"token": {"$ref": "https://example.com/cred"}}}"#,
            r#"{"token": "{S}"}"#,
        ),
        (
            "dependentSchemas",
            r#"{"dependentSchemas": {"user": {"properties": {"password": {"writeOnly": true}}}}}"#,
            r#"{"user": "ada", "password": "{S}"}"#,
        ),
        (
            "unevaluatedProperties",
            r#"{"properties": {"host": {"type": "string"}}, "unevaluatedProperties": {"type": "string", "x-secret": true}}"#,
            r#"{"host": "h", "apiKey": "{S}"}"#,
        ),
        (
            "contains",
            r#"{"properties": {"list": {"type": "array", "contains": {"required": ["pw"], "properties": {"pw": {"writeOnly": true}}}}}}"#,
            r#"{"list": [{"pw": "{S}"}]}"#,
        ),
        (
            "$dynamicRef",
            r##"{"$defs": {"cred": {"$dynamicAnchor": "cred", "writeOnly": true}}, "properties": {"token": {"$dynamicRef": "#cred"}}}"##,
            r#"{"token": "{S}"}"#,
        ),
        (
            "a secret mapping",
            r#"{"properties": {"creds": {"type": "object", "writeOnly": true}}}"#,
            r#"{"creds": {"user": "ada", "pass": "{S}"}}"#,
        ),
        (
            "draft-07 definitions",
            r##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"cred": {"writeOnly": true}}, "properties": {"token": {"$ref": "#/definitions/cred"}}}"##,
            r#"{"token": "{S}"}"#,
        ),
        (
            "draft-04 x-secret",
            r#"{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"token": {"x-secret": true}}}"#,
            r#"{"token": "{S}"}"#,
        ),
    ]
}

/// A `$ref` chain 70 links long ending at the secret.
fn long_chain() -> (String, &'static str) {
    let mut defs = Vec::new();
    for i in 0..70 {
        defs.push(format!(r##""c{i}": {{"$ref": "#/$defs/c{}"}}"##, i + 1));
    }
    defs.push(r#""c70": {"writeOnly": true}"#.to_string());
    (
        format!(
            r##"{{"$defs": {{{}}}, "properties": {{"token": {{"$ref": "#/$defs/c0"}}}}}}"##,
            defs.join(", ")
        ),
        r#"{"token": "{S}"}"#,
    )
}

fn definition(name: &str, schema: &str) -> String {
    format!(
        "{{\"name\": \"{name}\", \"version\": \"1.0.0\", \"title\": \"t\", \"description\": \"d\", \"configSchema\": {schema}}}\n"
    )
}

#[test]
fn a_plaintext_secret_is_found_refused_and_never_printed_in_any_form() {
    let r = Registry::new();
    let (chain, chain_config) = long_chain();
    let mut cases: Vec<(String, String, String)> = forms()
        .into_iter()
        .map(|(f, s, c)| (f.to_string(), s.to_string(), c.to_string()))
        .collect();
    cases.push(("$ref chain of 70".into(), chain, chain_config.into()));
    for (i, (form, schema, config)) in cases.iter().enumerate() {
        let name = format!("f{i}");
        let secret = format!("PLANTED-{i}-hunter2");
        let def = r.write_outside(&format!("{name}.json"), &definition(&name, schema));
        let out = r.reg().arg("register").arg(&def).output().unwrap();
        assert!(out.status.success(), "{form}: {}", stderr(&out));
        r.reg()
            .args(["publish", &format!("{name}@1.0.0")])
            .assert()
            .success();
        let cfg = r.write_outside(&format!("{name}-cfg.json"), &config.replace("{S}", &secret));
        // Refused, with the pointer and never the value, and nothing committed.
        let commits = r.commit_count();
        for format in ["human", "json", "github", "sarif"] {
            let out = r
                .reg()
                .args(["config", "validate", &name])
                .arg(&cfg)
                .args(["--format", format])
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert_eq!(out.status.code(), Some(1), "{form} ({format}): {all}");
            assert!(all.contains("plaintext-secret"), "{form} ({format}): {all}");
            assert!(
                !all.contains(&secret),
                "{form} ({format}) printed the secret: {all}"
            );
        }
        let out = r
            .reg()
            .args([
                "instance",
                "create",
                &name,
                "--definition",
                &format!("{name}@1.0.0"),
                "--config",
            ])
            .arg(&cfg)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{form}");
        assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains(&secret));
        assert_eq!(r.commit_count(), commits, "{form}: something was committed");
        // Written by hand and committed: every output masks it.
        let config: serde_json::Value =
            serde_json::from_str(&config.replace("{S}", &secret)).unwrap();
        r.write(
            &format!("instances/{name}.yaml"),
            &format!(
                "name: {name}\ndefinition: {name}@1.0.0\nid: 00000000-0000-4000-8000-{i:012}\nstatus: ACTIVE\nconfig: {config}\ncreatedAt: 2026-01-02T03:04:05Z\nupdatedAt: 2026-01-02T03:04:05Z\n"
            ),
        );
        r.git(&["add", "-A", "instances"]);
        r.git(&["commit", "-qm", "by hand"]);
        for args in [
            vec!["instance", "show", name.as_str()],
            vec!["instance", "show", name.as_str(), "-o", "json"],
            vec!["instance", "show", name.as_str(), "-o", "yaml"],
            vec!["instance", "list"],
            vec!["instance", "list", "-o", "json"],
            vec!["validate"],
            vec!["validate", "--format", "json"],
            vec!["validate", "--format", "github"],
            vec!["validate", "--format", "sarif"],
            vec!["check", "--base", "HEAD~1", "--format", "github"],
        ] {
            let out = r.reg().args(&args).output().unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                !all.contains(&secret),
                "{form}: {args:?} printed the secret:\n{all}"
            );
        }
        let v = json(&r.reg().args(["validate", "-o", "json"]).output().unwrap());
        assert!(
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == "plaintext-secret"
                    && f["file"] == format!("instances/{name}.yaml")),
            "{form}: validate does not flag it: {v}"
        );
    }
}

#[test]
fn failures_around_a_secret_never_quote_it() {
    let r = Registry::new();
    let schema = r##"{"type": "object", "additionalProperties": false, "properties": {
        "auth": {"oneOf": [
            {"required": ["token"], "properties": {"token": {"type": "string", "writeOnly": true, "pattern": "^xoxb-"}}},
            {"required": ["key"], "properties": {"key": {"type": "integer"}}}]},
        "list": {"type": "array", "contains": {"required": ["pw"], "properties": {"pw": {"writeOnly": true, "minLength": 50}}}},
        "password": {"type": "string", "writeOnly": true}}}"##;
    let def = r.write_outside("d.json", &definition("d", schema));
    r.reg().arg("register").arg(&def).assert().success();
    r.reg().args(["publish", "d@1.0.0"]).assert().success();
    for (what, config) in [
        (
            "a oneOf's closest alternative",
            "auth:\n  token: xoxp-PLANTED-1\n",
        ),
        ("a contains over secrets", "list:\n  - pw: PLANTED-2\n"),
        ("a misspelt secret key", "pasword: PLANTED-3\n"),
        ("a YAML error on a secret's line", "password: \"PLANTED-4\n"),
        (
            "a secret given as a mapping",
            "password:\n  nested: PLANTED-5\n  more: PLANTED-5b\n",
        ),
    ] {
        let cfg = r.write_outside("c.yaml", config);
        for format in ["human", "json", "github", "sarif"] {
            let out = r
                .reg()
                .args(["config", "validate", "d"])
                .arg(&cfg)
                .args(["--format", format])
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert_eq!(out.status.code(), Some(1), "{what} ({format}): {all}");
            assert!(
                !all.contains("PLANTED"),
                "{what} ({format}) printed a secret:\n{all}"
            );
        }
    }
}

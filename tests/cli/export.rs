//! `reg export DIR` (SPEC §14): the static JSON view, byte for byte stable,
//! written only where it changed, and checked by its own schemas.

use std::path::Path;

use crate::support::{Registry, json, stdout};

fn fixture() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.publish("slack", "1.1.0", "");
    r.register("slack", "2.0.0-rc.1", "");
    r.publish("legacy", "1.0.0", "");
    r.reg().args(["archive", "legacy@1.0.0"]).assert().success();
    r.publish("stripe", "1.0.0", "");
    r.write("cfg.yaml", "token: ${env:SLACK_TOKEN}\nport: 443\n");
    r.reg()
        .args([
            "instance",
            "create",
            "alerts",
            "--definition",
            "slack@1.1.0",
            "--config",
            "cfg.yaml",
        ])
        .assert()
        .success();
    r
}

fn read(dir: &Path, rel: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(rel)).unwrap()).unwrap()
}

/// Every file against the schema the export wrote for its kind.
fn assert_schemas(dir: &Path) {
    let check = |schema: &str, rel: &Path| {
        let schema = read(dir, &format!("schemas/{schema}"));
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(rel).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", rel.display());
    };
    check("config.schema.json", &dir.join("config.json"));
    check("index.schema.json", &dir.join("index.json"));
    for (folder, schema) in [
        ("definitions", "definitions.schema.json"),
        ("instances", "instances.schema.json"),
    ] {
        if let Ok(entries) = std::fs::read_dir(dir.join(folder)) {
            for e in entries {
                check(schema, &e.unwrap().path());
            }
        }
    }
}

#[test]
fn export_writes_the_sparse_index_and_leaves_out_archived_names() {
    let r = fixture();
    let out = r.path("public");
    r.reg().arg("export").arg(&out).assert().success();
    let config = read(&out, "config.json");
    let head = r.git(&["rev-parse", "HEAD"]);
    assert_eq!(config["commit"], head.trim());
    assert_eq!(
        (config["names"].as_u64(), config["versions"].as_u64()),
        (Some(2), Some(4))
    );
    let index = read(&out, "index.json");
    let names: Vec<&str> = index["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["slack", "stripe"], "{index}");
    let slack = &index["items"][0];
    assert_eq!(
        (&slack["latest"], &slack["versions"]),
        (&"1.1.0".into(), &3.into())
    );
    let versions = read(&out, "definitions/slack.json");
    let v: Vec<&str> = versions["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["version"].as_str().unwrap())
        .collect();
    assert_eq!(v, ["2.0.0-rc.1", "1.1.0", "1.0.0"]);
    assert!(versions["versions"][0]["configSchema"]["properties"]["token"].is_object());
    assert!(!out.join("definitions/legacy.json").exists());
    assert!(
        !out.join("instances").exists(),
        "instances only when asked for"
    );
    assert_schemas(&out);
    // Nothing of the registry changed.
    r.assert_clean();
}

#[test]
fn export_is_deterministic_incremental_and_checkable() {
    let r = fixture();
    let out = r.path("public");
    r.reg().arg("export").arg(&out).assert().success();
    let mtime = |rel: &str| {
        std::fs::metadata(out.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let bytes = |rel: &str| std::fs::read(out.join(rel)).unwrap();
    let (stripe_at, stripe) = (
        mtime("definitions/stripe.json"),
        bytes("definitions/stripe.json"),
    );
    // Same registry, same bytes: nothing is written again.
    let again = r
        .reg()
        .args(["-o", "json", "export"])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .clone();
    let again = json(&again);
    assert_eq!(again["written"], serde_json::json!([]), "{again}");
    r.reg()
        .args(["export", "--check"])
        .arg(&out)
        .assert()
        .success();
    // One change: that name's file and the commit in config.json, nothing
    // else (the index is unchanged: 1.1.0 still stands for slack).
    std::thread::sleep(std::time::Duration::from_millis(20));
    r.reg()
        .args(["deprecate", "slack@1.0.0", "--reason", "old"])
        .assert()
        .success();
    let out_check = r
        .reg()
        .args(["export", "--check"])
        .arg(&out)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stdout(&out_check).contains("definitions/slack.json"),
        "{}",
        stdout(&out_check)
    );
    let done = r
        .reg()
        .args(["-o", "json", "export"])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .clone();
    let done = json(&done);
    assert_eq!(
        done["written"],
        serde_json::json!(["config.json", "definitions/slack.json"]),
        "{done}"
    );
    assert_eq!(mtime("definitions/stripe.json"), stripe_at);
    assert_eq!(bytes("definitions/stripe.json"), stripe);
    assert_eq!(
        read(&out, "definitions/slack.json")["versions"][2]["status"],
        "DEPRECATED"
    );
    // Another folder gets the same bytes.
    let other = r.path("elsewhere");
    r.reg().arg("export").arg(&other).assert().success();
    for rel in [
        "index.json",
        "definitions/slack.json",
        "definitions/stripe.json",
    ] {
        assert_eq!(std::fs::read(other.join(rel)).unwrap(), bytes(rel), "{rel}");
    }
    // A file edited by hand in DIR is put back, whatever the stamps say.
    std::fs::write(out.join("definitions/stripe.json"), b"{}").unwrap();
    r.reg()
        .args(["export", "--check"])
        .arg(&out)
        .assert()
        .code(1);
    r.reg().arg("export").arg(&out).assert().success();
    assert_eq!(bytes("definitions/stripe.json"), stripe);
    // A name archived entirely goes away.
    r.reg().args(["archive", "stripe@1.0.0"]).assert().success();
    let done = r
        .reg()
        .args(["-o", "json", "export"])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        json(&done)["removed"],
        serde_json::json!(["definitions/stripe.json"])
    );
}

#[test]
fn instances_are_exported_only_when_asked_with_secrets_as_references() {
    let r = fixture();
    let out = r.path("public");
    r.reg()
        .args(["export", "--instances"])
        .arg(&out)
        .assert()
        .success();
    let alerts = read(&out, "instances/alerts.json");
    assert_eq!(alerts["config"]["token"], "${env:SLACK_TOKEN}");
    assert_eq!(read(&out, "config.json")["instances"], 1);
    assert_schemas(&out);
    // Without the flag, an earlier export's instances are removed.
    r.reg().arg("export").arg(&out).assert().success();
    assert!(!out.join("instances/alerts.json").exists());
}

#[test]
fn an_invalid_registry_exports_nothing() {
    let r = fixture();
    r.write("definitions/slack/1.1.0.yaml", "name: slack\n");
    let out = r.path("public");
    r.reg().arg("export").arg(&out).assert().code(1);
    assert!(!out.exists());
}

#[test]
fn export_refuses_the_registrys_own_folders() {
    let r = fixture();
    for dir in [".", "definitions", "instances/x", ".reg"] {
        r.reg().args(["export", dir]).assert().code(2);
    }
    r.assert_clean();
    assert!(!r.exists("definitions/slack.json") && !r.exists("index.json"));
}

#[test]
fn the_sample_registry_exports_and_its_files_pass_their_schemas() {
    let r = Registry::empty();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("registry");
    let out = r.path("public");
    r.reg()
        .arg("--registry")
        .arg(&sample)
        .arg("export")
        .arg(&out)
        .assert()
        .success();
    assert_schemas(&out);
    let index = read(&out, "index.json");
    assert_eq!(index["items"].as_array().unwrap().len(), 20, "{index}");
    let salesforce = read(&out, "definitions/salesforce.json");
    // Newest first: 2.1.0 with its frozen schema reference, then the
    // breaking 2.0.0 with its migration note.
    assert_eq!(
        salesforce["versions"][0]["schemaRefs"]["reg:oauth2-base@^1"],
        "1.1.0"
    );
    assert_eq!(
        salesforce["versions"][1]["migration"]["deadline"],
        "2026-06-30"
    );
    // Exported twice, the same bytes.
    let again = r.path("again");
    r.reg()
        .arg("--registry")
        .arg(&sample)
        .arg("export")
        .arg(&again)
        .assert()
        .success();
    for rel in ["index.json", "config.json", "definitions/salesforce.json"] {
        assert_eq!(
            std::fs::read(out.join(rel)).unwrap(),
            std::fs::read(again.join(rel)).unwrap()
        );
    }
}

//! What an author uses before `register`: `reg new`, `reg schema` for
//! editors, `reg validate FILE` as the pre-commit lint, and `reg diff` of
//! the file against what is registered.

use crate::support::{Registry, definition, json, stderr, stdout};

#[test]
fn schema_prints_each_bundled_schema() {
    let r = Registry::new();
    for which in ["definition", "instance", "registry"] {
        let out = r
            .reg()
            .args(["schema", which])
            .assert()
            .success()
            .get_output()
            .clone();
        let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let bundled = std::fs::read_to_string(format!(
            "{}/schemas/{which}.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(
            printed,
            serde_json::from_str::<serde_json::Value>(&bundled).unwrap()
        );
    }
    r.reg().args(["schema", "nope"]).assert().code(2);
}

#[test]
fn new_points_editors_at_schemas_kept_in_the_cache_folder() {
    let r = Registry::new();
    // `init` already keeps them; a stale copy is rewritten.
    let kept = r.path(".reg/schemas/definition.schema.json");
    std::fs::write(&kept, "{}").unwrap();
    std::fs::create_dir_all(r.path("drafts")).unwrap();
    r.reg()
        .args(["new", "hubspot", "-f", "drafts/hubspot.yaml"])
        .assert()
        .success();
    let text = r.read("drafts/hubspot.yaml");
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../.reg/schemas/definition.schema.json\n"
        ),
        "{text}"
    );
    let schema = r
        .reg()
        .args(["schema", "definition"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(std::fs::read(&kept).unwrap(), schema);
    assert!(r.path(".reg/schemas/instance.schema.json").is_file());
    // Never committed.
    r.assert_clean();
    assert!(!r.git(&["status", "--porcelain"]).contains(".reg"));
    // A skeleton registers as it is.
    r.reg()
        .args(["register", "drafts/hubspot.yaml"])
        .assert()
        .success();
}

#[test]
fn new_for_an_existing_name_starts_from_its_latest_version() {
    let r = Registry::new();
    r.publish(
        "slack",
        "1.2.0",
        "links:\n  docs: https://slack.example/docs\n",
    );
    let out = r
        .reg()
        .args(["new", "slack", "-f", "-"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(text.contains("from slack@1.2.0"), "{text}");
    let draft: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(draft["version"], "1.3.0");
    assert_eq!(draft["links"]["docs"], "https://slack.example/docs");
    for stored in ["id", "status", "createdAt", "updatedAt"] {
        assert!(draft.get(stored).is_none(), "{stored} in\n{text}");
    }
    // Above a deleted number too: numbers are never reused.
    r.register("slack", "1.5.0", "");
    r.reg().args(["delete", "slack@1.5.0"]).assert().success();
    let out = r
        .reg()
        .args(["new", "slack", "-f", "-"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("version: 1.6.0"), "{}", stdout(&out));
    // The `reg diff` its header names runs as written, before registering.
    r.reg().args(["new", "slack"]).assert().success();
    let header = r.read("slack.yaml");
    let diff = header
        .split('`')
        .find(|part| part.starts_with("reg diff "))
        .unwrap_or_else(|| panic!("{header}"));
    assert_eq!(diff, "reg diff slack@1.2.0 slack.yaml", "{header}");
    let words: Vec<&str> = diff.split(' ').skip(1).collect();
    let out = r.reg().args(&words).assert().success().get_output().clone();
    assert!(
        stdout(&out).contains("no change to configSchema"),
        "{}",
        stdout(&out)
    );
    // What `new` wrote registers.
    r.reg().args(["register", "slack.yaml"]).assert().success();
    assert!(r.exists("definitions/slack/1.6.0.yaml"));
}

#[test]
fn new_with_a_bad_name_suggests_one_and_writes_nothing() {
    let r = Registry::new();
    let out = r
        .reg()
        .args(["-o", "json", "new", "Bad_Name"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(json(&out)["error"]["suggestions"][0], "bad-name");
    assert!(stderr(&out).contains("bad-name"));
    assert!(!r.exists("Bad_Name.yaml"));
    // A dry run prints the draft and writes nothing.
    let out = r
        .reg()
        .args(["--dry-run", "new", "ok"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("name: ok"));
    assert!(!r.exists("ok.yaml"));
}

#[test]
fn validate_checks_author_files_as_register_would() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    // A file at the root, and a folder of drafts: both are author inputs.
    r.write("hubspot.yaml", &definition("hubspot", "1.0.0", ""));
    r.reg()
        .args(["validate", "hubspot.yaml"])
        .assert()
        .success();
    r.write("drafts/slack.yaml", &definition("slack", "1.0.0", ""));
    r.write("drafts/bad.yaml", &definition("bad", "\"1.0\"", ""));
    r.write("drafts/notes.txt", "not yaml");
    let out = r
        .reg()
        .args(["-o", "json", "validate", "drafts", "hubspot.yaml"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["files"], 3, "{v}");
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("drafts/bad.yaml", "bad-version"),
            ("drafts/slack.yaml", "duplicate")
        ],
        "{v}"
    );
    // The bump rule, as register applies it: a removed option is breaking.
    let outside = r.write_outside(
        "slack.yaml",
        &definition("slack", "1.0.1", "")
            .replace("    port:\n      type: integer\n      maximum: 65535\n", ""),
    );
    let out = r
        .reg()
        .args(["-o", "json", "validate"])
        .arg(&outside)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(
        v["findings"][0]["file"],
        outside.display().to_string(),
        "{v}"
    );
    assert!(v["findings"][0]["line"].as_u64().is_some(), "{v}");
    // Nothing was written.
    r.assert_clean();
    assert!(!r.exists("definitions/hubspot"));
}

#[test]
fn diff_takes_an_authors_file_before_it_is_registered() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    let edited = r.write_outside(
        "work/slack.yaml",
        &definition("slack", "1.1.0", "").replace("maximum: 65535", "maximum: 1024"),
    );
    let before = r.snapshot();
    let out = r
        .reg()
        .args(["-o", "json", "diff", "slack"])
        .arg(&edited)
        .args(["--exit-code"])
        .output()
        .unwrap();
    // Breaking, and 1.1.0 does not make the bump: --exit-code says so.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["to"], "slack@1.1.0");
    assert_eq!(v["class"], "breaking", "{v}");
    assert_eq!(v["bumpOk"], false, "{v}");
    // From standard input too, and in either position.
    let text = std::fs::read_to_string(&edited).unwrap();
    let out = r
        .reg()
        .args(["-o", "json", "diff", "-", "slack@1.0.0"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["class"], "minor", "{}", stdout(&out));
    // A file that is not a definition is findings, a missing one a usage error.
    let bad = r.write_outside("work/bad.yaml", "name: slack\nversion: 1.1\n");
    let out = r.reg().args(["diff", "slack"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = r
        .reg()
        .args(["diff", "slack", "gone.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("gone.yaml: no such file"));
    assert_eq!(r.snapshot(), before);
}

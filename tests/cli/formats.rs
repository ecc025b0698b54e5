//! The machine formats, checked against their documented shapes.

use crate::support::{Registry, json, stdout};

fn broken() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.write(
        "instances/a.yaml",
        "name: a\ndefinition: slack@1.0.0\nconfig:\n  port: 99999\n  token: hunter2\n",
    );
    r.write(
        "instances/b.yaml",
        "name: b\ndefinition: nope@1.0.0\nconfig: {}\n",
    );
    r
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let r = broken();
    let out = r
        .reg()
        .args(["validate", "--format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let log = json(&out);
    assert_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "{results:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        for field in ["fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap();
            assert!(text.len() > 20, "{rule}");
        }
    }
    for res in results {
        let at = &res["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(at["uriBaseId"], "%SRCROOT%");
        assert!(
            at["uri"].as_str().unwrap().starts_with("instances/"),
            "{at}"
        );
    }
    let rules: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i], res["ruleId"].as_str().unwrap());
    }
    assert!(!log.to_string().contains("hunter2"));
}

/// Checks a SARIF log against the official schema.
fn assert_sarif(log: &serde_json::Value) {
    let schema_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sarif/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // The official schema's `language` pattern ends in a stray `]`, which
    // JavaScript reads as a literal and Rust's regex engines refuse; escape it.
    let schema_text = schema_text.replace(r"{2}]?$", r"{2}\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options().offline().build(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_says_why_when_the_command_cannot_run() {
    let r = broken();
    // No upstream and no --base: check cannot choose a base (exit 5).
    let out = r
        .reg()
        .args(["check", "--format", "sarif"])
        .assert()
        .code(5)
        .get_output()
        .clone();
    let log = json(&out);
    assert_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(note.contains("--base"), "{note}");
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn gitlab_code_quality_report() {
    let r = broken();
    let run = || {
        json(
            &r.reg()
                .args(["validate", "--format", "gitlab"])
                .assert()
                .code(1)
                .get_output()
                .clone(),
        )
    };
    let issues = run();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3, "{issues:#?}");
    let mut prints = std::collections::HashSet::new();
    for i in issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                i[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field}: {i}"
            );
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(
            i["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("instances/")
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            prints.insert(i["fingerprint"].clone()),
            "fingerprints are unique"
        );
    }
    // Stable across runs, so GitLab can tell new findings from old ones.
    assert_eq!(
        run().as_array().unwrap()[0]["fingerprint"],
        issues[0]["fingerprint"]
    );
    assert!(
        !serde_json::Value::Array(issues.clone())
            .to_string()
            .contains("hunter2")
    );
}

#[test]
fn github_annotations_follow_the_workflow_command_syntax() {
    let r = broken();
    let out = r
        .reg()
        .args(["validate", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        // ::error file={name},line={line},col={col},title={title}::{message}
        let rest = l.strip_prefix("::error ").unwrap_or_else(|| panic!("{l}"));
        let (props, message) = rest.split_once("::").unwrap();
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{l}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    assert!(text.contains("file=instances/a.yaml,line=4,col=9,title=config-invalid::port: 99999 is greater than the maximum 65535"), "{text}");
}

#[test]
fn annotation_paths_are_relative_to_the_repository_top() {
    let r = Registry::empty();
    r.git(&["init", "-q"]);
    r.reg().args(["init", "reg"]).assert().success();
    r.write(
        "reg/instances/x.yaml",
        "name: x\ndefinition: nope@1.0.0\nconfig: {}\n",
    );
    let out = r
        .reg()
        .args(["--registry", "reg", "validate", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("file=reg/instances/x.yaml,"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_findings_have_every_field() {
    let r = broken();
    let out = r
        .reg()
        .args(["validate", "-o", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    for f in v["findings"].as_array().unwrap() {
        for k in [
            "file", "line", "column", "pointer", "keyword", "code", "message", "severity",
        ] {
            assert!(f.get(k).is_some(), "{k} missing in {f}");
        }
    }
}

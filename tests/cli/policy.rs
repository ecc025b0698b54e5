//! Policy as data (SPEC §15): rules in `reg.yaml`, applied by `validate`,
//! `register`, `reg validate FILE` and `check`, with loosening them a
//! finding of its own.

use crate::support::{Registry, definition, json, stderr};

const POLICY: &str = "policy:\n  required: [owner, links.docs]\n  categories: [messaging, crm]\n  tags: [chat, alerts, oauth2]\n  namePattern: \"^[a-z]+$\"\n  maxSchemaBytes: 2000\n  severity: {tags: warning}\n";

fn with_policy() -> Registry {
    let r = Registry::new();
    let manifest = r.read("reg.yaml") + POLICY;
    r.write("reg.yaml", &manifest);
    r.git(&["commit", "-qam", "policy"]);
    r
}

fn codes(v: &serde_json::Value) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn init_writes_a_commented_example() {
    let r = Registry::new();
    let text = r.read("reg.yaml");
    assert!(
        text.contains("# policy:\n#   required: [owner, category, links.docs]"),
        "{text}"
    );
    // Uncommented, the example is a valid policy.
    let on: String = text
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|l| l.starts_with("policy:") || l.starts_with("  "))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n");
    r.write("reg.yaml", &(on + "\n"));
    r.reg().arg("validate").assert().success();
}

#[test]
fn findings_of_each_rule_with_their_severity() {
    let r = with_policy();
    let good = r.write(
        "drafts/slack.yaml",
        &definition("slack", "1.0.0", "links:\n  docs: https://x.example\n"),
    );
    r.reg().arg("register").arg(&good).assert().success();
    let bad = definition("ms-teams", "1.0.0", "")
        .replace("category: messaging", "category: chat")
        .replace("tags: [chat, alerts]", "tags: [chat, alrets]")
        .replace("owner: team-a\n", "")
        .replace(
            "    port:\n",
            &format!("    port:\n      description: {}\n", "x".repeat(2000)),
        );
    let bad = r.write("drafts/teams.yaml", &bad);
    let out = r
        .reg()
        .args(["-o", "json", "validate"])
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let mut found = codes(&v);
    found.sort();
    let expect = [
        ("policy/categories", "error"),
        ("policy/maxSchemaBytes", "error"),
        ("policy/namePattern", "error"),
        ("policy/required", "error"),
        ("policy/required", "error"),
        ("policy/tags", "warning"),
    ];
    assert_eq!(
        found,
        expect.map(|(c, s)| (c.to_string(), s.to_string())),
        "{v}"
    );
    let tags = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "policy/tags")
        .unwrap();
    assert!(
        tags["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `alerts`"),
        "{tags}"
    );
    assert!(tags["line"].as_u64().unwrap() > 0);
    // register refuses the errors, and writes nothing.
    let before = r.snapshot();
    r.reg().arg("register").arg(&bad).assert().code(1);
    assert_eq!(r.snapshot(), before);
    // A warning alone is said, not refused; --strict refuses it.
    let warned = r.write(
        "drafts/hubspot.yaml",
        &definition("hubspot", "1.0.0", "links:\n  docs: https://x.example\n")
            .replace("category: messaging", "category: crm")
            .replace("tags: [chat, alerts]", "tags: [chat, sales]"),
    );
    r.reg()
        .args(["register", "--strict"])
        .arg(&warned)
        .assert()
        .code(1);
    let out = r
        .reg()
        .arg("register")
        .arg(&warned)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stderr(&out).contains("policy/tags"), "{}", stderr(&out));
    // The stored file is held to the policy too, in every format.
    let out = r
        .reg()
        .args(["validate", "--format", "github"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("::warning file=definitions/hubspot/1.0.0.yaml")
    );
}

#[test]
fn a_bad_name_pattern_is_a_finding_on_reg_yaml() {
    let r = Registry::new();
    let manifest = r.read("reg.yaml") + "policy:\n  namePattern: \"([a-z\"\n";
    r.write("reg.yaml", &manifest);
    let out = r
        .reg()
        .args(["-o", "json", "validate"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["findings"][0]["file"], "reg.yaml", "{v}");
    assert_eq!(v["findings"][0]["pointer"], "/policy/namePattern", "{v}");
}

#[test]
fn check_reports_a_loosened_policy_and_refuses_it_with_what_it_lets_through() {
    let r = with_policy();
    let main = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    r.git(&["switch", "-q", "-c", "loosen"]);
    let loosened = r
        .read("reg.yaml")
        .replace("  required: [owner, links.docs]\n", "  required: [owner]\n")
        .replace(
            "categories: [messaging, crm]",
            "categories: [messaging, crm, chat]",
        )
        .replace("maxSchemaBytes: 2000", "maxSchemaBytes: 4000");
    r.write("reg.yaml", &loosened);
    let out = r
        .reg()
        .args(["-o", "json", "check", "--base", &main])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    let relaxed: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "policy-relaxed")
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(relaxed, ["warning", "warning", "warning"], "{v}");
    // With a definition the looser policy lets in, it is refused.
    r.write(
        "definitions/teams/1.0.0.yaml",
        &definition("teams", "1.0.0", "id: 6f1c2d3e-4b5a-4c6d-8e7f-001122334455\nstatus: DRAFT\ncreatedAt: 2026-01-02T03:04:05Z\nupdatedAt: 2026-01-02T03:04:05Z\n"),
    );
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
            .any(|f| f["code"] == "policy-relaxed" && f["severity"] == "error"),
        "{v}"
    );
    // Tightening is not a finding.
    r.git(&["checkout", "-q", "--", "."]);
    let _ = std::fs::remove_dir_all(r.path("definitions/teams"));
    let tighter = r
        .read("reg.yaml")
        .replace("maxSchemaBytes: 2000", "maxSchemaBytes: 1000");
    r.write("reg.yaml", &tighter);
    let out = r
        .reg()
        .args(["-o", "json", "check", "--base", &main])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["findings"], serde_json::json!([]));
}

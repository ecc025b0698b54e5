use crate::support::{Registry, json, stdout};

fn fixture() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.write("c.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "i",
            "--definition",
            "slack",
            "--config",
            "c.yaml",
        ])
        .assert()
        .success();
    r
}

fn findings(r: &Registry, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["validate", "-o", "json"];
    a.extend_from_slice(args);
    json(&r.reg().args(&a).output().unwrap())
}

#[test]
fn a_clean_registry_validates() {
    let r = fixture();
    let out = r
        .reg()
        .arg("validate")
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("2 file(s) checked: 0 error(s)"),
        "{}",
        stdout(&out)
    );
    let v = findings(&r, &[]);
    assert_eq!(
        (v["ok"].as_bool(), v["files"].as_u64()),
        (Some(true), Some(2))
    );
}

#[test]
fn every_problem_in_every_file_is_reported_sorted() {
    let r = fixture();
    r.write(
        "definitions/other/1.0.0.yaml",
        &crate::support::definition("another", "1.0.0", ""),
    );
    r.write(
        "definitions/zeta/1.0.0.yaml",
        "name: zeta\nversion: 2.0.0\ntitle: Z\ndescription: z\nconfigSchema: {type: objekt}\n",
    );
    r.write(
        "instances/i.yaml",
        &r.read("instances/i.yaml")
            .replace("token: ${env:T}", "token: ${env:T}\n  port: high"),
    );
    r.write(
        "instances/orphan.yaml",
        "name: orphan\ndefinition: nothing@1.0.0\nconfig: {}\n",
    );
    r.write("definitions/Bad/1.0.0.yaml", "x: 1\n");
    r.write("definitions/slack/notes.txt", "x\n");
    r.reg().arg("validate").assert().code(1);
    let v = findings(&r, &[]);
    let got: Vec<(String, String)> = v["findings"]
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
        ("definitions/other/1.0.0.yaml", "path-mismatch"),
        ("definitions/zeta/1.0.0.yaml", "path-mismatch"),
        ("definitions/zeta/1.0.0.yaml", "invalid-config-schema"),
        ("instances/i.yaml", "config-invalid"),
        ("instances/orphan.yaml", "unresolved-reference"),
        ("definitions/Bad", "unexpected-file"),
        ("definitions/slack/notes.txt", "unexpected-file"),
    ] {
        assert!(
            got.contains(&(want.0.into(), want.1.into())),
            "{want:?} not in {got:?}"
        );
    }
    let mut sorted = got.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got.iter().map(|g| &g.0).collect::<Vec<_>>(),
        sorted.iter().map(|g| &g.0).collect::<Vec<_>>()
    );
    let port = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/config/port")
        .unwrap();
    assert_eq!(
        (port["line"].as_u64(), port["keyword"].as_str()),
        (Some(7), Some("type")),
        "{port}"
    );
}

#[test]
fn paths_limit_what_is_checked() {
    let r = fixture();
    r.write(
        "instances/orphan.yaml",
        "name: orphan\ndefinition: nothing@1.0.0\nconfig: {}\n",
    );
    r.reg().args(["validate", "definitions"]).assert().success();
    r.reg()
        .args(["validate", "instances/orphan.yaml"])
        .assert()
        .code(1);
    r.reg().args(["validate", "nope"]).assert().code(3);
}

#[test]
fn github_and_sarif_formats() {
    let r = fixture();
    r.write(
        "instances/orphan.yaml",
        "name: orphan\ndefinition: nothing@1.0.0\nconfig: {}\n",
    );
    let out = r
        .reg()
        .args(["validate", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(
        stdout(&out).trim(),
        "::error file=instances/orphan.yaml,line=2,col=13,title=unresolved-reference::definition: `nothing@1.0.0` does not exist in this registry"
    );
    let out = r
        .reg()
        .args(["validate", "--format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unresolved-reference");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn a_symlink_out_of_the_registry_is_a_finding_not_a_read() {
    let r = fixture();
    std::os::unix::fs::symlink("/etc/passwd", r.path("definitions/slack/2.0.0.yaml")).unwrap();
    let v = findings(&r, &[]);
    assert_eq!(v["findings"][0]["code"], "symlink", "{v}");
    assert!(!v.to_string().contains("root:"));
}

#[test]
fn config_validate_checks_one_document() {
    let r = fixture();
    r.write("ok.yaml", "token: ${env:T}\nport: 80\n");
    r.reg()
        .args(["config", "validate", "slack", "ok.yaml"])
        .assert()
        .success();
    r.write("bad.json", "{\"token\": \"literal\", \"port\": -1.5}");
    let out = r
        .reg()
        .args([
            "config",
            "validate",
            "slack@1.0.0",
            "bad.json",
            "-o",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"plaintext-secret") && codes.contains(&"config-invalid"),
        "{codes:?}"
    );
    assert!(!out.stdout.windows(7).any(|w| w == b"literal"));
}

/// One mistake gives one finding, said in words: a bad name names the rule
/// and a valid spelling, a bad version is reported once (by SemVer, not
/// also by the schema's pattern), an empty file says so at line 1.
#[test]
fn findings_say_the_rule_in_words_once() {
    let r = Registry::new();
    let text = crate::support::definition("alpha", "1.0.0", "")
        .replace("name: alpha", "name: Bad_Name")
        .replace("version: 1.0.0", "version: '1.0'");
    let f = r.write_outside("in/bad.yaml", &text);
    let out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&f)
        .assert()
        .code(1);
    let v = json(out.get_output());
    let findings = v["findings"].as_array().unwrap();
    let at = |p: &str| {
        findings
            .iter()
            .filter(|x| x["pointer"] == p)
            .collect::<Vec<_>>()
    };
    assert_eq!(at("/version").len(), 1, "{v}");
    assert!(
        at("/version")[0]["message"]
            .as_str()
            .unwrap()
            .contains("is not SemVer 2.0")
    );
    let name = at("/name")[0]["message"].as_str().unwrap();
    assert!(
        name.contains("names use lowercase letters") && name.contains("try `bad-name`"),
        "{name}"
    );
    assert!(!v.to_string().contains("does not match the pattern"), "{v}");

    r.write("definitions/empty/1.0.0.yaml", "# to do\n");
    let out = r
        .reg()
        .args(["-o", "json", "validate", "definitions/empty"])
        .assert()
        .code(1);
    let v = json(out.get_output());
    assert_eq!(v["findings"][0]["code"], "empty-file");
    assert_eq!(v["findings"][0]["line"], 1);
}

#[test]
fn findings_name_the_other_file_use_the_right_article_and_come_sorted() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.publish("teams", "1.0.0", "");
    r.reg().args(["archive", "teams@1.0.0"]).assert().success();
    // A copy of a published file under another version number: same id.
    let copy = r
        .read("definitions/slack/1.0.0.yaml")
        .replace("version: 1.0.0", "version: 1.1.0");
    r.write("definitions/slack/1.1.0.yaml", &copy);
    r.write(
        "instances/b.yaml",
        "name: b\ndefinition: teams@1.0.0\nstatus: DISABLED\nconfig:\n  token: ${env:T}\n",
    );
    r.write(
        "instances/a.yaml",
        "name: a\ndefinition: nope@1.0.0\nconfig: {}\n",
    );
    let out = r
        .reg()
        .args(["-o", "json", "validate"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let findings = v["findings"].as_array().unwrap();
    let message = |code: &str| -> String {
        findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {v}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let dup = message("duplicate-id");
    assert!(dup.contains("definitions/slack/1.0.0.yaml"), "{dup}");
    assert!(
        message("pinned-unusable").contains("a DISABLED instance"),
        "{v}"
    );
    let keys: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

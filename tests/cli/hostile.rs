//! The hostile corpus (`tests/hostile/`): each input ends in a clear error,
//! within a bounded time and memory, and writes nothing.

use std::path::Path;

use crate::support::{Registry, json};

/// Runs `reg` on an input and returns its exit code and JSON output; no
/// run may take more than the 300 MB SPEC §10 allows.
fn run(r: &Registry, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    let (out, peak) = r.reg_peak(&all, None);
    assert!(peak < 300, "{args:?} peaked at {peak} MiB");
    let code = out.status.code().expect("reg exited");
    (
        code,
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
    )
}

fn message(v: &serde_json::Value) -> String {
    v["findings"][0]["message"]
        .as_str()
        .or_else(|| v["error"]["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_hostile_input_gets_a_clear_error_and_writes_nothing() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let cases: &[(&str, &str)] = &[
        ("billion-laughs.yaml", "aliases expand to more than"),
        ("deep-flow.yaml", "nests deeper than 128 levels"),
        ("deep-block.yaml", "nests deeper than 128 levels"),
        ("duplicate-keys.yaml", "duplicate key `title`"),
        ("tabs.yaml", "a tab in the indentation"),
        ("non-utf8.yaml", "not UTF-8"),
        ("nul-byte.yaml", "control character"),
        ("python-tag.yaml", "tag"),
        ("custom-tag.yaml", "tag `!Schema`"),
        ("multi-document.yaml", "one YAML document"),
        ("anchor-across-documents.yaml", "one YAML document"),
        (
            "name-dotdot.yaml",
            "names use lowercase letters, digits and `-`",
        ),
        (
            "name-slash.yaml",
            "names use lowercase letters, digits and `-`",
        ),
        (
            "name-uppercase.yaml",
            "names use lowercase letters, digits and `-`",
        ),
        (
            "name-lookalike.yaml",
            "names use lowercase letters, digits and `-`",
        ),
        ("version-leading-zeros.yaml", "is not SemVer 2.0"),
        ("ref-remote.yaml", "never fetches"),
        ("huge-number.yaml", "not a number JSON can hold"),
        ("complex-key.yaml", "not a string"),
    ];
    let r = Registry::new();
    let before = r.snapshot();
    for (file, expected) in cases {
        let path = corpus.join(file);
        let (code, v) = run(&r, &["register", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{file}: {v}");
        assert!(
            message(&v).contains(expected),
            "{file}: expected `{expected}` in {v}"
        );
        assert_eq!(r.snapshot(), before, "{file} changed something");
    }
}

#[test]
fn generated_hostile_inputs() {
    let r = Registry::new();
    let before = r.snapshot();
    // 200 MB: refused by its size before a byte is read.
    let big = r.path("big.yaml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let (code, v) = run(&r, &["register", big.to_str().unwrap()]);
    assert_eq!(
        (code, v["findings"][0]["code"].as_str()),
        (1, Some("file-too-large")),
        "{v}"
    );
    std::fs::remove_file(&big).unwrap();
    // A folder named as the input file: refused by what it is.
    let folder = r.path("folder.yaml");
    std::fs::create_dir(&folder).unwrap();
    let (code, v) = run(&r, &["register", folder.to_str().unwrap()]);
    assert_eq!(
        (code, v["findings"][0]["code"].as_str()),
        (1, Some("not-a-file")),
        "{v}"
    );
    std::fs::remove_dir(&folder).unwrap();
    // 100,000-deep nesting, and a schema 10,000 levels deep.
    for (name, text) in [
        (
            "deep.yaml",
            format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "schema.json",
            format!(
                "{{\"name\": \"deep\", \"version\": \"1.0.0\", \"title\": \"t\", \"description\": \"d\", \"configSchema\": {}{}}}",
                "{\"properties\": {\"a\": ".repeat(10_000),
                "}}".repeat(10_000)
            ),
        ),
    ] {
        let p = r.write(name, &text);
        let (code, v) = run(&r, &["register", p.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {v}");
        assert!(message(&v).contains("nests deeper"), "{name}: {v}");
        std::fs::remove_file(&p).unwrap();
    }
    assert_eq!(r.snapshot(), before);
}

#[test]
fn pathological_patterns_and_ref_loops_do_not_hang_validation() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for (file, config) in [
        (
            "catastrophic-regex.yaml",
            format!("id: \"{}!\"\n", "a".repeat(5000)),
        ),
        ("ref-loop.yaml", "x: 1\n".to_string()),
    ] {
        let r2 = Registry::new();
        r2.reg()
            .arg("register")
            .arg(corpus.join(file))
            .assert()
            .success();
        r2.reg()
            .args(["publish", "hostile@1.0.0"])
            .assert()
            .success();
        let c = r2.write("config.yaml", &config);
        let (code, v) = run(&r2, &["config", "validate", "hostile", c.to_str().unwrap()]);
        assert!(code == 0 || code == 1, "{file}: exit {code}: {v}");
    }
}

#[test]
fn a_symlink_out_of_the_registry_is_never_followed() {
    let r = Registry::new();
    std::fs::remove_dir_all(r.path("definitions")).ok();
    std::os::unix::fs::symlink("/etc", r.path("definitions")).unwrap();
    let out = r.reg().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    let out = r.reg().args(["validate", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["findings"][0]["file"], "definitions", "{v}");
    assert_eq!(v["findings"][0]["code"], "symlink", "{v}");
}

/// One long string repeated by aliases: few nodes, gigabytes of text.
fn string_bomb() -> String {
    let mut text = format!(
        "name: bomb\nversion: 1.0.0\ntitle: t\ndescription: d\nconfigSchema:\n  default: &s \"{}\"\n  examples: [",
        "x".repeat(2_000_000)
    );
    text.push_str(&vec!["*s"; 99_000].join(", "));
    text.push_str("]\n");
    text
}

#[test]
fn an_alias_bomb_of_one_long_string_is_refused_everywhere() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    let bomb = string_bomb();
    let input = r.write_outside("bomb.yaml", &bomb);
    let before = r.snapshot();
    let (code, v) = run(&r, &["register", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    assert!(message(&v).contains("bytes"), "{v}");
    assert_eq!(r.snapshot(), before);
    let (code, v) = run(&r, &["config", "validate", "base", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    // The same text committed by hand, read by every command that reads it.
    r.write("definitions/bomb/1.0.0.yaml", &bomb);
    r.git(&["add", "definitions/bomb"]);
    r.git(&["commit", "-qm", "a bomb"]);
    for args in [
        vec!["list"],
        vec!["validate"],
        vec!["check", "--base", "HEAD~1"],
        vec!["history", "bomb"],
        vec!["show", "bomb@1.0.0"],
    ] {
        let (code, v) = run(&r, &args);
        let short: String = v.to_string().chars().take(300).collect();
        assert!(
            code == 0 || code == 1 || code == 5,
            "{args:?}: {code} {short}"
        );
    }
}

#[test]
fn references_that_fan_out_are_followed_once() {
    let r = Registry::new();
    let mut defs = String::new();
    for i in 0..40 {
        defs.push_str(&format!(
            "    d{i}:\n      type: object\n      properties:\n        a: {{$ref: '#/$defs/d{n}'}}\n        b: {{$ref: '#/$defs/d{n}'}}\n",
            n = i + 1
        ));
    }
    let schema = |max: u32| {
        format!(
            "configSchema:\n  $ref: '#/$defs/d0'\n  $defs:\n{defs}    d40: {{type: string, writeOnly: true, maxLength: {max}}}\n"
        )
    };
    let def = |version: &str, max: u32| {
        format!(
            "name: fan\nversion: {version}\ntitle: t\ndescription: d\nmigration: {{message: shorter}}\n{}",
            schema(max)
        )
    };
    for (version, max) in [("1.0.0", 10), ("2.0.0", 5)] {
        let f = r.write_outside(&format!("fan-{version}.yaml"), &def(version, max));
        r.reg().arg("register").arg(f).assert().success();
        r.reg()
            .args(["publish", &format!("fan@{version}")])
            .assert()
            .success();
    }
    let (code, v) = run(&r, &["diff", "fan@1.0.0", "fan@2.0.0"]);
    assert_eq!((code, v["class"].as_str()), (0, Some("breaking")), "{v}");
    let mut config = "\"hunter2\"".to_string();
    for _ in 0..40 {
        config = format!("{{\"a\": {config}}}");
    }
    let cfg = r.write_outside("fan.json", &config);
    let (code, v) = run(
        &r,
        &[
            "instance",
            "create",
            "f",
            "--definition",
            "fan@1.0.0",
            "--config",
            cfg.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["findings"][0]["code"], "plaintext-secret", "{v}");
    assert!(!v.to_string().contains("hunter2"));
}

#[test]
fn standard_input_over_the_limit_is_an_error_not_a_truncation() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    let mut config = String::from("token: ${env:T}\nnote: \"");
    config.push_str(&"y".repeat(5 * 1024 * 1024));
    config.push_str("\"\n");
    let before = r.snapshot();
    let (out, peak) = r.reg_peak(
        &[
            "-o",
            "json",
            "instance",
            "create",
            "x",
            "--definition",
            "base",
            "--config",
            "-",
        ],
        Some(config.into_bytes()),
    );
    assert!(peak < 300, "{peak} MiB");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["findings"][0]["code"], "file-too-large");
    assert_eq!(r.snapshot(), before);
}

#[test]
fn reg_never_writes_a_file_it_would_refuse_to_read() {
    let r = Registry::new();
    // A flow list of 3.3 MB that reg's block style would store as 5.6 MB.
    let items: Vec<String> = (0..400_000).map(|i| format!("v{i}")).collect();
    let text = format!(
        "name: wide\nversion: 1.0.0\ntitle: t\ndescription: d\nconfigSchema:\n  enum: [{}]\n",
        items.join(",")
    );
    assert!(text.len() < 4 * 1024 * 1024);
    let input = r.write_outside("wide.yaml", &text);
    let before = r.snapshot();
    let (code, v) = run(&r, &["register", input.to_str().unwrap()]);
    let short: String = v.to_string().chars().take(300).collect();
    assert_eq!(code, 1, "{short}");
    assert_eq!(v["findings"][0]["code"], "file-too-large", "{short}");
    assert_eq!(r.snapshot(), before);
    r.reg().args(["list"]).assert().success();
}

#[test]
fn huge_blobs_in_history_are_refused_by_their_size() {
    let r = Registry::new();
    r.publish("big", "1.0.0", "");
    let path = r.path("definitions/big/1.0.0.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "x-padding: \"{}\"\n",
        "z".repeat(300 * 1024 * 1024)
    ));
    std::fs::write(&path, text).unwrap();
    r.git(&["commit", "-qam", "300 MB by hand"]);
    r.git(&["rm", "-q", "definitions/big/1.0.0.yaml"]);
    r.git(&["commit", "-qm", "gone again"]);
    for args in [vec!["history", "big"], vec!["check", "--base", "HEAD~1"]] {
        let (code, v) = run(&r, &args);
        assert_eq!(code, 5, "{args:?}: {v}");
        assert!(v.to_string().contains("at most"), "{args:?}: {v}");
    }
}

#[test]
fn control_characters_from_data_never_reach_a_terminal() {
    let r = Registry::new();
    r.publish("esc", "1.0.0", "");
    let path = r.path("definitions/esc/1.0.0.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "title: esc integration",
        "title: \"\\e[2J\\e]0;pwned\\a\\u009b31m\"",
    );
    std::fs::write(&path, text).unwrap();
    for args in [
        vec!["list"],
        vec!["show", "esc"],
        vec!["search", "esc"],
        vec!["versions", "esc"],
    ] {
        let out = r.reg().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(
            !all.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
        assert!(
            !String::from_utf8_lossy(&all).contains('\u{9b}'),
            "{args:?}"
        );
    }
    let v = json(
        &r.reg()
            .args(["show", "esc", "-o", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        v["title"], "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m",
        "JSON keeps the data, escaped"
    );
}

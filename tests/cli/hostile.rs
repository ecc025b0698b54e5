//! The hostile corpus (`tests/hostile/`): each input ends in a clear error,
//! within a bounded time and memory, and writes nothing.

use std::path::Path;
use std::time::Duration;

use crate::support::{Registry, json};

/// Runs `reg` on an input, killing it if it hangs, and returns its exit
/// code and JSON output.
fn run(r: &Registry, args: &[&str]) -> (i32, serde_json::Value) {
    let out = r
        .reg()
        .args(["-o", "json"])
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{args:?} was killed: it hung"));
    (
        code,
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
    )
}

/// The largest peak memory of any process this test binary has waited for.
fn peak_child_memory_mib() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage) };
    usage.ru_maxrss / 1024
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
        ("tabs.yaml", "tabs"),
        ("non-utf8.yaml", "not UTF-8"),
        ("nul-byte.yaml", "control character"),
        ("python-tag.yaml", "tag"),
        ("custom-tag.yaml", "tag `!Schema`"),
        ("multi-document.yaml", "one YAML document"),
        ("anchor-across-documents.yaml", "one YAML document"),
        ("name-dotdot.yaml", "does not match the pattern"),
        ("name-slash.yaml", "does not match the pattern"),
        ("name-uppercase.yaml", "does not match the pattern"),
        ("name-lookalike.yaml", "does not match the pattern"),
        ("version-leading-zeros.yaml", "does not match the pattern"),
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
    assert!(
        peak_child_memory_mib() < 200,
        "a process peaked at {} MiB",
        peak_child_memory_mib()
    );
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
    assert!(
        peak_child_memory_mib() < 200,
        "a process peaked at {} MiB",
        peak_child_memory_mib()
    );
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

//! The checked-in completion scripts are exactly what `reg completions` prints.

use crate::support::{Registry, stdout};

#[test]
fn checked_in_completions_match_the_cli() {
    let r = Registry::empty();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "reg.bash"),
        ("zsh", "_reg"),
        ("fish", "reg.fish"),
        ("powershell", "_reg.ps1"),
        ("elvish", "reg.elv"),
    ] {
        let out = r
            .reg()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .clone();
        let expected = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(
            stdout(&out) == expected,
            "completions/{file} is out of date; regenerate with `cargo run -q -- completions {shell} > completions/{file}`"
        );
    }
}

/// Asks `reg` for candidates as a shell does under `COMPLETE=bash`, with
/// the cursor on the last word of `line`.
fn candidates(r: &Registry, line: &[&str]) -> Vec<String> {
    let out = r
        .reg()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .arg("--")
        .args(line)
        .assert()
        .success()
        .get_output()
        .clone();
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn names_references_and_instances_complete_from_the_registry() {
    let r = Registry::new();
    r.publish("stripe", "1.0.0", "");
    r.publish("stripe", "1.1.0", "");
    r.register("slack", "0.1.0", "");
    r.write("cfg.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "billing",
            "--definition",
            "stripe@1.1.0",
        ])
        .args(["--config", "cfg.yaml"])
        .assert()
        .success();
    assert_eq!(candidates(&r, &["reg", "show", "s"]), ["slack", "stripe"]);
    // One name left: its versions follow, newest first.
    assert_eq!(
        candidates(&r, &["reg", "publish", "str"]),
        ["stripe", "stripe@1.1.0", "stripe@1.0.0"]
    );
    assert_eq!(
        candidates(&r, &["reg", "diff", "stripe@1.1.0", "stripe@1.0"]),
        ["stripe@1.0.0"]
    );
    // `diff` takes an author's file too: files follow the references.
    r.write("stripe-next.yaml", "name: stripe\n");
    assert_eq!(
        candidates(&r, &["reg", "diff", "stripe", "stri"]),
        ["stripe", "stripe@1.1.0", "stripe@1.0.0", "stripe-next.yaml"]
    );
    assert_eq!(candidates(&r, &["reg", "versions", "sl"]), ["slack"]);
    assert_eq!(
        candidates(&r, &["reg", "instance", "disable", "b"]),
        ["billing"]
    );
    assert_eq!(
        candidates(
            &r,
            &["reg", "instance", "upgrade", "billing", "--to", "stripe@"]
        ),
        ["stripe@1.1.0", "stripe@1.0.0"]
    );
    // Outside a registry: nothing, and no error.
    let empty = Registry::empty();
    assert!(candidates(&empty, &["reg", "show", "s"]).is_empty());
}

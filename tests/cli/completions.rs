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

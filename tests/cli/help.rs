//! Help and man pages change only on purpose: every command's `--help` is
//! snapshotted under `tests/snapshots/help/`, and `man/` is what `reg man`
//! writes. After reading a change, `REG_UPDATE_SNAPSHOTS=1 cargo test help`
//! rewrites the snapshots; `cargo run -q -- man man` the pages.

use std::path::{Path, PathBuf};

use crate::support::{Registry, stdout};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every command, as the words before `--help`.
fn commands(r: &Registry) -> Vec<Vec<String>> {
    // The man pages name every command that is not hidden: reg-instance-create.1.
    let dir = tempfile::tempdir().unwrap();
    r.reg().arg("man").arg(dir.path()).assert().success();
    let mut out: Vec<Vec<String>> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let words = name.trim_end_matches(".1");
            // `config-validate` is one command inside another; no command
            // name has a dash.
            words.split('-').skip(1).map(str::to_string).collect()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_commands_help_is_as_snapshotted() {
    let r = Registry::empty();
    let update = std::env::var_os("REG_UPDATE_SNAPSHOTS").is_some();
    let dir = manifest_dir().join("tests/snapshots/help");
    let mut stale = Vec::new();
    let commands = commands(&r);
    assert!(commands.len() > 30, "{commands:?}");
    for words in &commands {
        let out = r
            .reg()
            .args(words)
            .arg("--help")
            .assert()
            .success()
            .get_output()
            .clone();
        let help = stdout(&out);
        assert!(
            help.contains("Examples:\n  reg "),
            "reg {} --help has no examples",
            words.join(" ")
        );
        let file: PathBuf = dir.join(if words.is_empty() {
            "reg.txt".to_string()
        } else {
            format!("reg-{}.txt", words.join("-"))
        });
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &help).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(help.as_str()) {
            stale.push(file.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        stale.is_empty(),
        "help changed for {stale:?}: read the difference, then REG_UPDATE_SNAPSHOTS=1 cargo test help"
    );
}

#[test]
fn the_environment_variable_shows_only_when_set() {
    let r = Registry::empty();
    let out = r
        .reg()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(!stdout(&out).contains("[env:"), "{}", stdout(&out));
    assert!(stdout(&out).contains("REG_REGISTRY"));
    let out = r
        .reg()
        .env("REG_REGISTRY", "/srv/registry")
        .args(["list", "--help"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("[env: REG_REGISTRY=/srv/registry]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn checked_in_man_pages_match_the_cli() {
    let r = Registry::empty();
    let dir = tempfile::tempdir().unwrap();
    r.reg()
        .env("REG_REGISTRY", "/not/in/the/pages")
        .arg("man")
        .arg(dir.path())
        .assert()
        .success();
    let read = |d: &Path| -> Vec<(String, String)> {
        let mut pages: Vec<(String, String)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        pages.sort();
        pages
    };
    let fresh = read(dir.path());
    assert!(fresh.iter().any(|(n, _)| n == "reg.1") && fresh.len() > 30);
    assert!(
        fresh
            .iter()
            .all(|(_, text)| !text.contains("/not/in/the/pages"))
    );
    assert!(
        read(&manifest_dir().join("man")) == fresh,
        "man/ is out of date; regenerate with `cargo run -q -- man man`"
    );
}

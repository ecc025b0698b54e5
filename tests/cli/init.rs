use crate::support::{Registry, stderr};

#[test]
fn init_creates_the_layout_a_repository_and_one_commit() {
    let r = Registry::empty();
    r.reg()
        .args(["init", "reg-root", "--name", "acme"])
        .assert()
        .success();
    let root = r.root.join("reg-root");
    assert!(root.join(".git").is_dir(), "git init ran");
    assert!(root.join("definitions").is_dir() && root.join("instances").is_dir());
    let manifest = std::fs::read_to_string(root.join("reg.yaml")).unwrap();
    assert!(
        manifest.contains("format: 1") && manifest.contains("name: acme"),
        "{manifest}"
    );
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .lines()
            .any(|l| l == "/.reg")
    );
    let log = std::process::Command::new("git")
        .args(["log", "--format=%B"])
        .current_dir(&root)
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(
        log.starts_with("init registry\n\nReg-Action: init\nReg-Subject: registry\n"),
        "{log}"
    );
}

#[test]
fn init_in_a_sub_folder_of_an_existing_repository_does_not_nest_a_repository() {
    let r = Registry::empty();
    r.git(&["init", "-q"]);
    r.reg()
        .args(["init", "platform/registry"])
        .assert()
        .success();
    assert!(!r.root.join("platform/registry/.git").exists());
    assert_eq!(
        r.last_commit_paths(),
        vec!["platform/registry/.gitignore", "platform/registry/reg.yaml"]
    );
    // Commands work from anywhere inside it, and from the top with --registry.
    r.reg()
        .args(["--registry", "platform/registry", "list"])
        .assert()
        .success();
}

#[test]
fn init_twice_is_a_conflict_that_changes_nothing() {
    let r = Registry::new();
    let before = r.snapshot();
    // A dry run is refused the same way.
    for args in [&["init", "."][..], &["--dry-run", "init", "."]] {
        let out = r.reg().args(args).assert().code(4).get_output().clone();
        assert!(stderr(&out).contains("already a registry"), "{args:?}");
        assert_eq!(r.snapshot(), before, "{args:?}");
    }
}

#[test]
fn commands_outside_a_registry_exit_5_with_a_hint() {
    let r = Registry::empty();
    let out = r.reg().arg("list").assert().code(5).get_output().clone();
    let err = stderr(&out);
    assert!(
        err.contains("no registry found") && err.contains("reg init"),
        "{err}"
    );
}

#[test]
fn an_invalid_reg_yaml_is_reported_with_its_line() {
    let r = Registry::new();
    r.write("reg.yaml", "format: 1\ncompatibilty: none\n");
    let out = r.reg().arg("list").assert().code(1).get_output().clone();
    let err = stderr(&out);
    assert!(
        err.contains("reg.yaml:2:1") && err.contains("did you mean `compatibility`"),
        "{err}"
    );
}

#[test]
fn init_without_an_identity_creates_nothing() {
    let r = Registry::empty();
    let out = r
        .reg_anonymous()
        .args(["init", "new-registry"])
        .assert()
        .code(5)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("no git identity"), "{}", stderr(&out));
    assert!(!r.root.join("new-registry").exists());
    assert!(!r.root.join(".git").exists());
}

#[test]
fn init_keeps_a_gitignore_that_is_not_reg_s_to_commit() {
    for edited in [false, true] {
        let r = Registry::empty();
        r.git(&["init", "-q"]);
        r.write(".gitignore", "*.log\n");
        r.git(&["add", ".gitignore"]);
        r.git(&["commit", "-qm", "ignore logs"]);
        if edited {
            r.write(".gitignore", "*.log\n*.tmp\n");
        }
        let out = r.reg().args(["init", "."]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        r.reg().args(["list"]).assert().success();
        let status = r.git(&["status", "--porcelain", "--untracked-files=all"]);
        if edited {
            // Changes of its own: left alone, with a word about it; `.reg/`
            // ignores itself all the same.
            assert!(stderr(&out).contains("left it alone"), "{}", stderr(&out));
            assert_eq!(r.read(".gitignore"), "*.log\n*.tmp\n");
            assert_eq!(status.trim(), "M .gitignore", "{status}");
        } else {
            // Committed: it gains the line, in the init commit.
            let ignore = r.read(".gitignore");
            assert!(
                ignore.starts_with("*.log\n") && ignore.ends_with("/.reg\n"),
                "{ignore}"
            );
            assert!(status.is_empty(), "{status}");
        }
    }
}

use crate::support::{Registry, definition, json, stderr};

#[test]
fn register_writes_the_file_from_its_content_and_commits_only_it() {
    let r = Registry::new();
    let input = r.write("drafts/slack.yaml", &definition("slack", "1.0.0", ""));
    let before = r.commit_count();
    r.reg().arg("register").arg(&input).assert().success();
    assert_eq!(r.commit_count(), before + 1);
    assert_eq!(r.last_commit_paths(), vec!["definitions/slack/1.0.0.yaml"]);
    assert_eq!(
        r.last_message(),
        "register slack@1.0.0\n\nReg-Action: register\nReg-Subject: definition/slack@1.0.0\nReg-To: DRAFT\n\n"
    );
    let stored = r.read("definitions/slack/1.0.0.yaml");
    assert!(stored.contains("status: DRAFT"));
    assert!(
        stored.contains("createdAt: 2026-01-02T03:04:05Z"),
        "{stored}"
    );
    assert!(stored.contains("updatedAt: 2026-01-02T03:04:05Z"));
    let id = stored.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok());
    r.assert_clean();
    // The author's input is not part of the registry and is left alone.
    assert!(input.exists());
}

#[test]
fn create_is_an_alias_and_several_files_make_one_commit_each() {
    let r = Registry::new();
    let a = r.write("in/a.yaml", &definition("alpha", "1.0.0", ""));
    let b = r.write("in/b.yaml", &definition("beta", "0.1.0", ""));
    let before = r.commit_count();
    r.reg().arg("create").arg(&a).arg(&b).assert().success();
    assert_eq!(r.commit_count(), before + 2);
    assert!(r.exists("definitions/alpha/1.0.0.yaml") && r.exists("definitions/beta/0.1.0.yaml"));
    r.assert_clean();
}

#[test]
fn one_bad_file_writes_nothing() {
    let r = Registry::new();
    let good = r.write("in/a.yaml", &definition("alpha", "1.0.0", ""));
    let bad = r.write("in/b.yaml", "name: beta\nversion: 1.0\n");
    let before = r.snapshot();
    r.reg()
        .arg("register")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1);
    assert_eq!(r.snapshot(), before);
}

#[test]
fn duplicate_version_is_a_conflict_with_no_write_and_no_commit() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    let again = r.write(
        "in/again.yaml",
        &definition("slack", "1.0.0", "x-note: changed\n"),
    );
    let before = r.snapshot();
    let out = r
        .reg()
        .arg("register")
        .arg(&again)
        .assert()
        .code(4)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains("slack@1.0.0 already exists and is PUBLISHED"),
        "{err}"
    );
    assert!(err.contains("1.0.1"), "suggests the next version: {err}");
    assert_eq!(r.snapshot(), before);
    // --replace does not override immutability either.
    r.reg()
        .arg("register")
        .arg("--replace")
        .arg(&again)
        .assert()
        .code(4);
    assert_eq!(r.snapshot(), before);
}

#[test]
fn replace_overwrites_a_draft_keeping_its_id_and_creation_time() {
    let r = Registry::new();
    r.register("slack", "1.0.0", "");
    let first = r.read("definitions/slack/1.0.0.yaml");
    let input = r.write(
        "in/v2.yaml",
        &definition("slack", "1.0.0", "x-note: second draft\n"),
    );
    r.reg().arg("register").arg(&input).assert().code(4);
    r.reg()
        .arg("register")
        .arg("--replace")
        .arg(&input)
        .env("GIT_COMMITTER_DATE", "2026-02-03T00:00:00Z")
        .assert()
        .success();
    let second = r.read("definitions/slack/1.0.0.yaml");
    let id = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("id: "))
            .unwrap()
            .to_string()
    };
    assert_eq!(id(&first), id(&second));
    assert!(second.contains("createdAt: 2026-01-02T03:04:05Z"));
    assert!(second.contains("updatedAt: 2026-02-03T00:00:00Z"));
    assert!(second.contains("x-note: second draft"));
    assert!(
        r.last_message()
            .starts_with("replace slack@1.0.0\n\nReg-Action: replace\n")
    );
}

#[test]
fn no_commit_writes_the_file_and_stages_nothing() {
    let r = Registry::new();
    let input = r.write("in/a.yaml", &definition("alpha", "1.0.0", ""));
    let before = r.commit_count();
    r.reg()
        .args(["--no-commit", "register"])
        .arg(&input)
        .assert()
        .success();
    assert_eq!(r.commit_count(), before);
    assert!(r.exists("definitions/alpha/1.0.0.yaml"));
    assert_eq!(r.git(&["diff", "--cached", "--name-only"]), "");
    assert!(
        r.git(&["status", "--porcelain"])
            .contains("?? definitions/")
    );
}

#[test]
fn no_git_identity_exits_5_and_writes_nothing() {
    let r = Registry::new();
    let input = r.write("in/a.yaml", &definition("alpha", "1.0.0", ""));
    let before = r.snapshot();
    let out = r
        .reg_anonymous()
        .arg("register")
        .arg(&input)
        .assert()
        .code(5)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("no git identity"), "{}", stderr(&out));
    assert_eq!(r.snapshot(), before);
}

#[test]
fn identity_comes_from_git_config_when_the_environment_has_none() {
    let r = Registry::new();
    r.git(&["config", "user.name", "Config Person"]);
    r.git(&["config", "user.email", "config@example.com"]);
    let input = r.write("in/a.yaml", &definition("alpha", "1.0.0", ""));
    r.reg_anonymous()
        .arg("register")
        .arg(&input)
        .assert()
        .success();
    assert_eq!(
        r.git(&["log", "-1", "--format=%an <%ae>|%cn"]).trim(),
        "Config Person <config@example.com>|Config Person"
    );
}

#[test]
fn unrelated_staged_changes_are_neither_committed_nor_unstaged() {
    let r = Registry::new();
    r.write("notes.txt", "work in progress\n");
    r.git(&["add", "notes.txt"]);
    r.register("alpha", "1.0.0", "");
    assert_eq!(r.last_commit_paths(), vec!["definitions/alpha/1.0.0.yaml"]);
    assert_eq!(
        r.git(&["diff", "--cached", "--name-only"]).trim(),
        "notes.txt"
    );
    r.assert_clean();
}

#[test]
fn register_reads_standard_input_and_prints_json_on_request() {
    let r = Registry::new();
    let out = r
        .reg()
        .args(["-o", "json", "register", "-"])
        .write_stdin(definition("alpha", "2.0.0-rc.1", ""))
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v[0]["name"], "alpha");
    assert_eq!(v[0]["version"], "2.0.0-rc.1");
    assert_eq!(v[0]["status"], "DRAFT");
}

#[test]
fn extension_keys_are_kept() {
    let r = Registry::new();
    r.register("alpha", "1.0.0", "x-team-channel: '#alpha'\n");
    assert!(
        r.read("definitions/alpha/1.0.0.yaml")
            .contains("x-team-channel: '#alpha'")
    );
}

#[test]
fn no_git_hook_runs() {
    let r = Registry::new();
    let marker = r.path("hook-ran");
    for hook in [
        "pre-commit",
        "commit-msg",
        "post-commit",
        "prepare-commit-msg",
    ] {
        let path = r.path(&format!(".git/hooks/{hook}"));
        std::fs::write(&path, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&path, perms).unwrap();
    }
    r.publish("alpha", "1.0.0", "");
    assert!(!marker.exists(), "a git hook ran");
    // The hooks are live: git itself runs them.
    r.write("x.txt", "x\n");
    r.git(&["add", "x.txt"]);
    r.git(&["commit", "-qm", "by hand"]);
    assert!(marker.exists());
}

//! A write that fails changes nothing; a write git itself would refuse is
//! refused; a write that succeeds looks like the user's own edit
//! (SPEC §3, §10).

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::Stdio;

use crate::support::{Registry, definition, stderr};

fn input(r: &Registry, name: &str, version: &str) -> String {
    r.write_outside(
        &format!("in/{name}-{version}.yaml"),
        &definition(name, version, ""),
    )
    .to_str()
    .unwrap()
    .to_string()
}

#[test]
fn two_registries_of_one_repository_written_at_once_all_commit() {
    let r = Registry::empty();
    r.git(&["init", "-q", "-b", "main"]);
    r.git(&["commit", "-q", "--allow-empty", "-m", "start"]);
    for dir in ["left", "right"] {
        r.reg().args(["init", dir]).assert().success();
    }
    let before = r.commit_count();
    let mut children = Vec::new();
    for i in 0..8 {
        for dir in ["left", "right"] {
            let file = input(&r, &format!("{dir}{i}"), "1.0.0");
            let mut c = r.reg_std();
            c.args(["--registry", dir, "--lock-timeout", "60", "register", &file])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            children.push(c.spawn().unwrap());
        }
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(r.commit_count(), before + 16);
    r.assert_all_clean();
}

#[test]
fn a_held_branch_lock_fails_the_write_and_changes_nothing() {
    let r = Registry::new();
    let file = input(&r, "a", "1.0.0");
    let branch = r.branch();
    let lock = format!(".git/{branch}.lock");
    std::fs::write(r.path(&lock), "").unwrap();
    let state = r.git_state();
    let out = r.reg().args(["register", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    assert!(err.contains(&branch) && err.contains(&lock), "{err}");
    assert_eq!(r.git_state(), state, "refs, index and status as before");
    assert!(!r.exists("definitions/a/1.0.0.yaml"));
    std::fs::remove_file(r.path(&lock)).unwrap();
    r.reg().args(["register", &file]).assert().success();
    r.assert_all_clean();
}

#[test]
fn a_held_index_lock_takes_the_commit_back() {
    let r = Registry::new();
    r.register("a", "1.0.0", "");
    std::fs::write(r.path(".git/index.lock"), "").unwrap();
    let head = r.git(&["rev-parse", "HEAD"]);
    let text = r.read("definitions/a/1.0.0.yaml");
    let out = r
        .reg()
        .args(["publish", "a@1.0.0"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("index is locked"), "{}", stderr(&out));
    std::fs::remove_file(r.path(".git/index.lock")).unwrap();
    assert_eq!(
        r.git(&["rev-parse", "HEAD"]),
        head,
        "the branch is back where it was"
    );
    assert_eq!(r.read("definitions/a/1.0.0.yaml"), text);
    r.assert_all_clean();
}

/// Makes every write past `bytes` into one file fail, as a full disk does.
fn room_for(c: &mut std::process::Command, bytes: u64) {
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        c.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &raw const limit);
            Ok(())
        });
    }
}

#[test]
fn a_read_whose_cache_runs_out_of_room_answers_in_full_and_leaves_nothing() {
    let r = Registry::new();
    r.commit_connectors(40);
    let list = |room: Option<u64>| {
        let mut c = r.reg_std();
        c.args(["list", "-o", "json", "--limit", "100"]);
        if let Some(bytes) = room {
            room_for(&mut c, bytes);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        crate::support::json(&out)
    };
    // Room for part of the summaries (the cache is written as they are
    // read): the read answers from memory, nothing half-written stays.
    let cramped = list(Some(4096));
    assert_eq!(cramped["items"].as_array().unwrap().len(), 40);
    let left: Vec<_> = std::fs::read_dir(r.path(".reg"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n == "index")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // With room, the same answer, and the cache is saved.
    assert_eq!(list(None), cramped);
    assert!(r.exists(".reg/index"));
    r.assert_all_clean();
}

#[test]
fn a_write_that_runs_out_of_room_changes_nothing() {
    let r = Registry::new();
    r.register("a", "1.0.0", "");
    let state = r.git_state();
    let text = r.read("definitions/a/1.0.0.yaml");
    let mut c = r.reg_std();
    c.args(["publish", "a@1.0.0"]);
    room_for(&mut c, 200);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(r.git_state(), state);
    assert_eq!(r.read("definitions/a/1.0.0.yaml"), text);
    r.reg().args(["publish", "a@1.0.0"]).assert().success();
    r.assert_all_clean();
}

#[test]
fn no_commit_in_the_middle_of_a_merge_rebase_or_bisect() {
    let r = Registry::new();
    r.write("notes.txt", "one\n");
    r.git(&["add", "notes.txt"]);
    r.git(&["commit", "-qm", "notes"]);
    r.git(&["checkout", "-qb", "side"]);
    r.write("notes.txt", "side\n");
    r.git(&["commit", "-qam", "side"]);
    r.git(&["checkout", "-q", "-"]);
    r.write("notes.txt", "main\n");
    r.git(&["commit", "-qam", "main"]);
    let file = input(&r, "a", "1.0.0");
    let conflicted = r.git_output(&["merge", "side"]);
    assert!(!conflicted.status.success());
    assert!(r.exists(".git/MERGE_HEAD"));
    let out = r.reg().args(["register", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("middle of a merge") && stderr(&out).contains("git merge --abort"),
        "{}",
        stderr(&out)
    );
    r.git(&["merge", "--abort"]);
    r.git(&["bisect", "start"]);
    let out = r.reg().args(["register", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("git bisect reset"),
        "{}",
        stderr(&out)
    );
    r.git(&["bisect", "reset"]);
    r.reg().args(["register", &file]).assert().success();
}

#[test]
fn a_detached_head_gets_the_commit_and_a_word_about_it() {
    let r = Registry::new();
    r.register("a", "1.0.0", "");
    let name = r.branch();
    let branch = r.git(&["rev-parse", &name]);
    r.git(&["checkout", "-q", "--detach"]);
    let out = r.reg().args(["publish", "a@1.0.0"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("HEAD is detached"),
        "{}",
        stderr(&out)
    );
    assert_eq!(r.git(&["rev-parse", &name]), branch);
    assert!(r.last_message().contains("Reg-Action: publish"));
    r.assert_all_clean();
}

#[test]
fn signed_commits_required_means_no_unsigned_commit() {
    let r = Registry::new();
    r.git(&["config", "commit.gpgsign", "true"]);
    let file = input(&r, "a", "1.0.0");
    let commits = r.commit_count();
    let out = r.reg().args(["register", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("commit.gpgsign") && stderr(&out).contains("--no-commit"),
        "{}",
        stderr(&out)
    );
    assert_eq!(r.commit_count(), commits);
    r.reg()
        .args(["--no-commit", "register", &file])
        .assert()
        .success();
    assert!(r.exists("definitions/a/1.0.0.yaml"));
}

#[test]
fn a_file_with_changes_of_its_own_is_not_committed_by_a_command() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    let cfg = r.write_outside("cfg.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "x",
            "--definition",
            "a@1.0.0",
            "--config",
        ])
        .arg(&cfg)
        .assert()
        .success();
    // A password typed into the instance, and a title edited in a published file.
    let inst = r.read("instances/x.yaml").replace("${env:T}", "hunter2");
    r.write("instances/x.yaml", &inst);
    let def = r
        .read("definitions/a/1.0.0.yaml")
        .replace("a integration", "A, renamed");
    r.write("definitions/a/1.0.0.yaml", &def);
    let commits = r.commit_count();
    for (args, file) in [
        (vec!["instance", "disable", "x"], "instances/x.yaml"),
        (
            vec!["deprecate", "a@1.0.0", "--reason", "old"],
            "definitions/a/1.0.0.yaml",
        ),
    ] {
        let out = r.reg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("commit or discard your changes to {file} first")),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("hunter2"));
    }
    assert_eq!(r.commit_count(), commits);
    assert!(
        !r.git(&["log", "-p"]).contains("hunter2"),
        "never in history"
    );
    assert_eq!(r.read("instances/x.yaml"), inst, "the user's edit is kept");
    // Scripts batching their own commits may build on it.
    r.reg()
        .args(["--no-commit", "instance", "disable", "x"])
        .assert()
        .success();
}

#[test]
fn new_files_follow_the_umask_and_existing_files_keep_their_mode() {
    let r = Registry::new();
    let file = input(&r, "a", "1.0.0");
    let mut c = r.reg_std();
    c.args(["register", &file]);
    // SAFETY: umask is async-signal-safe.
    unsafe {
        c.pre_exec(|| {
            libc::umask(0o027);
            Ok(())
        });
    }
    assert!(c.status().unwrap().success());
    let path = r.path("definitions/a/1.0.0.yaml");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    r.reg().args(["publish", "a@1.0.0"]).assert().success();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

#[test]
fn lifecycle_writes_change_only_their_own_lines() {
    let r = Registry::new();
    r.register("a", "1.0.0", "");
    let committed = r.read("definitions/a/1.0.0.yaml");
    let annotated = format!(
        "# yaml-language-server: $schema=../../.reg/schemas/definition.schema.json\n{}",
        committed.replace(
            "title: a integration",
            "title: a integration  # shown in the portal"
        )
    );
    r.write("definitions/a/1.0.0.yaml", &annotated);
    r.git(&["commit", "-qam", "annotate"]);
    r.reg().args(["publish", "a@1.0.0"]).assert().success();
    r.reg()
        .args(["deprecate", "a@1.0.0", "--reason", "use b"])
        .assert()
        .success();
    let now = r.read("definitions/a/1.0.0.yaml");
    let diff = r.git(&["diff", "HEAD~2", "--", "definitions/a/1.0.0.yaml"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .map(|l| l.split(':').next().unwrap().trim_end())
        .collect();
    assert!(now.starts_with("# yaml-language-server:"), "{now}");
    assert!(now.contains("# shown in the portal"), "{now}");
    for line in &changed {
        assert!(
            [
                "-status",
                "+status",
                "-updatedAt",
                "+updatedAt",
                "+deprecation",
                "+  reason",
                "+  since"
            ]
            .contains(line),
            "an unexpected line changed: {line}\n{changed:?}"
        );
    }
}

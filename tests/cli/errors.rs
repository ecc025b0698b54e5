use crate::support::{Registry, json, stderr};

#[test]
fn usage_errors_exit_2() {
    let r = Registry::new();
    r.reg().arg("frobnicate").assert().code(2);
    r.reg().args(["list", "--limit", "many"]).assert().code(2);
    r.reg().args(["show", "A B"]).assert().code(2);
    r.reg()
        .args(["show", "slack@not-a-version"])
        .assert()
        .code(2);
}

#[test]
fn error_json_is_one_document_on_stdout_with_the_message_on_stderr() {
    let r = Registry::new();
    let out = r
        .reg()
        .args(["show", "nope", "-o", "json"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["error"]["code"], "not-found");
    assert!(v["error"]["message"].as_str().unwrap().contains("nope"));
    assert!(v["error"]["suggestions"].is_array() && v["error"]["references"].is_array());
    assert!(stderr(&out).contains("no definition named `nope`"));
}

/// What clap refuses is a usage error like reg's own: exit 2, the message
/// on stderr, and under `-o json` the error document on stdout, its "did
/// you mean" as suggestions.
#[test]
fn usage_errors_from_the_parser_print_json_under_o_json() {
    let r = Registry::new();
    let out = r.reg().args(["-o", "json", "lisst"]).assert().code(2);
    let v = json(out.get_output());
    assert_eq!(v["error"]["code"], "usage");
    assert_eq!(v["error"]["suggestions"], serde_json::json!(["list"]));
    assert!(stderr(out.get_output()).contains("unrecognized subcommand 'lisst'"));
    let out = r
        .reg()
        .args(["list", "--limit", "many", "--output=json"])
        .assert()
        .code(2);
    assert!(
        json(out.get_output())["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--limit")
    );
    // Without `-o json`, stdout stays empty.
    let out = r.reg().args(["list", "--limit", "many"]).assert().code(2);
    assert!(out.get_output().stdout.is_empty());
    r.reg().arg("--help").assert().success();
}

/// A refused transition lists what is allowed from there in `suggestions`,
/// as the human message's help line does (SPEC §9).
#[test]
fn a_refused_transition_suggests_the_allowed_ones_in_json() {
    let r = Registry::new();
    r.publish("alpha", "1.0.0", "");
    let out = r
        .reg()
        .args(["-o", "json", "publish", "alpha@1.0.0"])
        .assert()
        .code(4);
    let v = json(out.get_output());
    assert_eq!(v["error"]["code"], "transition");
    assert_eq!(
        v["error"]["suggestions"],
        serde_json::json!(["deprecate", "archive"])
    );
    assert!(stderr(out.get_output()).contains("from PUBLISHED, allowed: deprecate, archive"));
}

#[test]
fn a_waiting_writer_gives_up_after_the_lock_timeout() {
    let r = Registry::new();
    std::fs::create_dir_all(r.path(".reg")).unwrap();
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(r.path(".reg/lock"))
        .unwrap();
    lock.lock().unwrap();
    let f = r.write("in/a.yaml", &crate::support::definition("a", "1.0.0", ""));
    let before = r.snapshot();
    let out = r
        .reg()
        .args(["--lock-timeout", "0.3", "register"])
        .arg(&f)
        .assert()
        .code(5)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains("waiting for another reg") && err.contains("--lock-timeout"),
        "{err}"
    );
    assert_eq!(r.snapshot(), before);
    drop(lock);
    r.reg().arg("register").arg(&f).assert().success();
}

#[test]
fn a_locked_git_index_is_reported_and_rolled_back() {
    let r = Registry::new();
    std::fs::write(r.path(".git/index.lock"), "").unwrap();
    let f = r.write("in/a.yaml", &crate::support::definition("a", "1.0.0", ""));
    let before = r.snapshot();
    let out = r
        .reg()
        .arg("register")
        .arg(&f)
        .assert()
        .code(5)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("index is locked"), "{}", stderr(&out));
    assert_eq!(r.snapshot(), before);
}

#[test]
fn new_writes_a_skeleton_that_registers() {
    let r = Registry::new();
    r.reg().args(["new", "my-crm"]).assert().success();
    r.reg().args(["new", "my-crm"]).assert().code(4);
    r.reg().args(["register", "my-crm.yaml"]).assert().success();
    r.reg().args(["new", "Bad"]).assert().code(2);
}

#[test]
fn read_commands_refuse_bad_references_clearly() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    let before = r.snapshot();
    for (args, code) in [
        (&["diff", "s@1.0.0", "nope@1.0.0"][..], 3),
        (&["diff", "Bad Name", "s@1.0.0"], 2),
        (&["deps", "nope"], 3),
        (&["refs", "s@9.9.9"], 3),
        (&["history", "instance/Bad Name"], 2),
        (&["config", "validate", "s", "missing.yaml"], 3),
        (&["instance", "show", "nope"], 3),
    ] {
        let out = r
            .reg()
            .args(["-o", "json"])
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone();
        assert!(
            json(&out)["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{args:?}"
        );
    }
    assert_eq!(r.snapshot(), before);
}

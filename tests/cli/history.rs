use crate::support::{Registry, json, stderr, stdout};

fn events(r: &Registry, args: &[&str]) -> Vec<serde_json::Value> {
    let mut a = vec!["history", "-o", "json"];
    a.extend_from_slice(args);
    json(&r.reg().args(&a).assert().success().get_output().clone())["events"]
        .as_array()
        .unwrap()
        .clone()
}

fn actions(ev: &[serde_json::Value]) -> Vec<String> {
    ev.iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn history_reads_the_trailers_back_newest_first() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.reg()
        .args(["deprecate", "s@1.0.0", "--reason", "x"])
        .assert()
        .success();
    let ev = events(&r, &["s@1.0.0"]);
    assert_eq!(actions(&ev), ["deprecate", "publish", "register"]);
    assert_eq!(
        (ev[0]["from"].as_str(), ev[0]["to"].as_str()),
        (Some("PUBLISHED"), Some("DEPRECATED"))
    );
    assert_eq!(ev[2]["from"], serde_json::Value::Null);
    assert_eq!(ev[0]["author"], "Ada Lovelace <ada@example.com>");
    assert_eq!(ev[0]["at"], "2026-01-02T03:04:05Z");
    assert_eq!(ev[0]["commit"].as_str().unwrap().len(), 40);
    let out = r
        .reg()
        .args(["history", "s@1.0.0", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["subject"], "definition/s@1.0.0");
    let out = r
        .reg()
        .args(["history", "s@1.0.0"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("PUBLISHED → DEPRECATED"));
}

#[test]
fn a_name_gives_every_version_and_instances_have_history_too() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    r.publish("s", "2.0.0", "");
    let ev = events(&r, &["s"]);
    assert_eq!(ev.len(), 4);
    assert_eq!(ev[0]["subject"], "definition/s@2.0.0");
    r.write("c.yaml", "token: ${env:T}\n");
    r.reg()
        .args([
            "instance",
            "create",
            "i",
            "--definition",
            "s",
            "--config",
            "c.yaml",
        ])
        .assert()
        .success();
    r.reg()
        .args(["instance", "disable", "i"])
        .assert()
        .success();
    assert_eq!(
        actions(&events(&r, &["instance/i"])),
        ["instance-disable", "instance-create"]
    );
    assert_eq!(
        actions(&events(&r, &["--instance", "i"])),
        ["instance-disable", "instance-create"]
    );
    let out = r
        .reg()
        .args(["instance", "history", "i", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["events"].as_array().unwrap().len(), 2);
    r.reg().args(["history", "nothing"]).assert().code(3);
}

#[test]
fn history_survives_hand_edits_merges_rebases_and_recreation() {
    let r = Registry::new();
    r.register("s", "1.0.0", "");
    // A hand edit of the draft, committed with git: an edit with no trailers.
    let path = "definitions/s/1.0.0.yaml";
    r.write(
        path,
        &r.read(path)
            .replace("Connects to s.", "Connects to S, by hand."),
    );
    r.git(&["commit", "-qam", "tweak description"]);
    // A branch that publishes, merged back with a merge commit.
    let main = r
        .git(&["rev-parse", "--abbrev-ref", "HEAD"])
        .trim()
        .to_string();
    r.git(&["checkout", "-qb", "feature"]);
    r.reg().args(["publish", "s@1.0.0"]).assert().success();
    r.git(&["checkout", "-q", "-"]);
    r.write("README.md", "unrelated\n");
    r.git(&["add", "README.md"]);
    r.git(&["commit", "-qm", "docs"]);
    r.git(&["merge", "-q", "--no-ff", "feature", "-m", "merge feature"]);
    let ev = events(&r, &["s@1.0.0"]);
    assert_eq!(actions(&ev), ["publish", "edit", "register"], "{ev:?}");
    assert_eq!(ev[1]["message"], "tweak description");
    assert_eq!(ev[1]["author"], "Hand Editor <hand@example.com>");
    // A rebase rewrites commits; their trailers come along.
    r.git(&["checkout", "-qb", "topic", "HEAD~1"]);
    r.publish("t", "1.0.0", "");
    r.git(&["rebase", "-q", &main]);
    assert_eq!(actions(&events(&r, &["t@1.0.0"])), ["publish", "register"]);
    // Deleted: the number is never registered again (a tombstone says
    // so), and the history keeps every step.
    r.reg().args(["archive", "t@1.0.0"]).assert().success();
    r.reg().args(["delete", "t@1.0.0"]).assert().success();
    let input = r.write_outside(
        "t-again.yaml",
        &crate::support::definition("t", "1.0.0", ""),
    );
    let out = r.reg().arg("register").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("never used again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        actions(&events(&r, &["t@1.0.0"])),
        ["delete", "archive", "publish", "register"]
    );
}

#[test]
fn a_hand_edit_of_the_status_shows_the_move() {
    let r = Registry::new();
    r.publish("s", "1.0.0", "");
    let path = "definitions/s/1.0.0.yaml";
    r.write(
        path,
        &r.read(path)
            .replace("status: PUBLISHED", "status: ARCHIVED"),
    );
    r.git(&["commit", "-qam", "archive by hand"]);
    let ev = events(&r, &["s@1.0.0"]);
    assert_eq!(
        (
            ev[0]["action"].as_str(),
            ev[0]["from"].as_str(),
            ev[0]["to"].as_str()
        ),
        (Some("edit"), Some("PUBLISHED"), Some("ARCHIVED"))
    );
}

#[test]
fn the_history_index_follows_new_commits_rewrites_and_damage() {
    let r = Registry::new();
    r.register("s", "1.0.0", "");
    assert_eq!(actions(&events(&r, &["s"])), ["register"]);
    // Kept in the git directory, where no commit can put a file.
    let index = r.path(".git/reg-history");
    assert!(index.is_file());
    r.reg().args(["publish", "s@1.0.0"]).assert().success();
    assert_eq!(actions(&events(&r, &["s"])), ["publish", "register"]);
    let stale = std::fs::read(&index).unwrap();
    // History rewritten under the index: the publish is gone.
    r.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let path = "definitions/s/1.0.0.yaml";
    r.write(path, &r.read(path).replace("Connects to s.", "Edited."));
    r.git(&["commit", "-qam", "edit"]);
    std::fs::write(&index, &stale).unwrap();
    assert_eq!(actions(&events(&r, &["s"])), ["edit", "register"]);
    // A damaged index is built again.
    std::fs::write(&index, b"\x01garbage").unwrap();
    assert_eq!(actions(&events(&r, &["s"])), ["edit", "register"]);
    // A file planted where the index does not live changes nothing.
    r.write(".reg/log", "forged\n");
    r.git(&["add", "-f", ".reg/log"]);
    r.git(&["commit", "-qm", "plant"]);
    assert_eq!(actions(&events(&r, &["s"])), ["edit", "register"]);
}

/// Times in the table say their zone (UTC, as in JSON).
#[test]
fn history_times_carry_their_zone() {
    let r = Registry::new();
    r.register("alpha", "1.0.0", "");
    let out = r.reg().args(["history", "alpha"]).assert().success();
    let text = stdout(out.get_output());
    assert!(text.contains("2026-01-02 03:04:05Z"), "{text}");
}

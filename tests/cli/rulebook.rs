//! One rulebook (SPEC §3): whatever a command refuses, `reg check` reports
//! when the same change is made by hand in a branch. Each row below is a
//! change a contributor could make: the command that would make it is
//! refused, and the same change committed by hand on a branch is a
//! finding of `check --base <the branch it came from>`.

use crate::support::{Registry, connector, json, stderr};

/// A registry of realistic connectors, on a branch of its own.
struct Case {
    r: Registry,
    main: String,
}

impl Case {
    fn new() -> Self {
        let r = Registry::new();
        let main = r.branch().trim_start_matches("refs/heads/").to_string();
        Case { r, main }
    }

    fn register(&self, name: &str, version: &str, text: &str) {
        let f = self
            .r
            .write_outside(&format!("in/{name}-{version}.yaml"), text);
        let out = self.r.reg().arg("register").arg(f).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    fn run(&self, args: &[&str]) {
        let out = self.r.reg().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    /// The command is refused with `code`, and changes nothing.
    fn refused(&self, args: &[&str], code: i32) {
        let state = self.r.git_state();
        let out = self.r.reg().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert_eq!(self.r.git_state(), state, "{args:?} changed something");
    }

    /// Makes `edit` by hand on a branch, commits it, and returns what
    /// `check --base main` says: its exit code and finding codes.
    fn by_hand(&self, edit: impl FnOnce(&Registry)) -> (i32, Vec<String>) {
        self.r.git(&["checkout", "-qb", "by-hand"]);
        edit(&self.r);
        self.r.git(&["add", "-A", "."]);
        self.r.git(&["commit", "-qm", "by hand"]);
        let out = self
            .r
            .reg()
            .args(["check", "--base", &self.main, "-o", "json"])
            .output()
            .unwrap();
        let v = json(&out);
        let codes = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        (out.status.code().unwrap(), codes)
    }

    fn edit(r: &Registry, rel: &str, from: &str, to: &str) {
        let text = r.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        r.write(rel, &text.replacen(from, to, 1));
    }
}

/// A stored file as `reg` writes it, for versions added by hand.
fn stored(text: &str, status: &str) -> String {
    text.replacen(
        "configSchema:",
        &format!(
            "id: 5d1a3c9e-0b7e-4f5a-9a51-{:012x}\nstatus: {status}\ncreatedAt: 2026-01-02T03:04:05Z\nupdatedAt: 2026-01-02T03:04:05Z\nconfigSchema:",
            text.len()
        ),
        1,
    )
}

/// The region enum without `ap`, in an author's flow style or as `reg`
/// stores it (block style).
fn narrowed(text: &str) -> String {
    let flow = text.replace("enum: [us, eu, ap]", "enum: [us, eu]");
    if flow != text {
        return flow;
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.trim() == "- ap")
        .expect("a stored region enum");
    let mut out: Vec<&str> = lines[..i].to_vec();
    out.extend_from_slice(&lines[i + 1..]);
    out.join("\n") + "\n"
}

#[test]
fn draft_to_archived_or_deprecated() {
    for (status, extra) in [
        ("ARCHIVED", ""),
        (
            "DEPRECATED",
            "deprecation:\n  reason: old\n  since: 2026-01-02T03:04:05Z\n",
        ),
    ] {
        let c = Case::new();
        c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
        c.refused(&["archive", "crm@1.0.0"], 4);
        c.refused(&["deprecate", "crm@1.0.0", "--reason", "old"], 4);
        let (code, codes) = c.by_hand(|r| {
            let p = "definitions/crm/1.0.0.yaml";
            Case::edit(r, p, "status: DRAFT", &format!("status: {status}"));
            let text = r.read(p);
            r.write(p, &format!("{text}{extra}"));
        });
        assert_eq!(
            (code, codes.contains(&"illegal-transition".into())),
            (1, true),
            "{status}: {codes:?}"
        );
    }
}

#[test]
fn a_retired_instance_brought_back_or_a_live_one_deleted() {
    for retired in [true, false] {
        let c = Case::new();
        c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
        c.run(&["publish", "crm@1.0.0"]);
        let cfg = c.r.write_outside(
            "cfg.yaml",
            "region: eu\nauth: {method: api_key, apiKey: '${env:CRM_KEY}'}\n",
        );
        c.run(&[
            "instance",
            "create",
            "sales",
            "--definition",
            "crm@1.0.0",
            "--config",
            cfg.to_str().unwrap(),
        ]);
        let (code, codes) = if retired {
            c.run(&["instance", "retire", "sales"]);
            c.refused(&["instance", "enable", "sales"], 4);
            c.by_hand(|r| {
                Case::edit(
                    r,
                    "instances/sales.yaml",
                    "status: RETIRED",
                    "status: ACTIVE",
                )
            })
        } else {
            c.refused(&["instance", "delete", "sales"], 4);
            c.by_hand(|r| std::fs::remove_file(r.path("instances/sales.yaml")).unwrap())
        };
        let want = if retired {
            "illegal-transition"
        } else {
            "instance-deleted"
        };
        assert_eq!((code, codes.contains(&want.into())), (1, true), "{codes:?}");
    }
}

#[test]
fn a_compatible_draft_narrowed_then_published() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    c.register("crm", "1.1.0", &connector("crm", "1.1.0", ""));
    // The command: the narrowed draft is refused, as registration or publish.
    let f =
        c.r.write_outside("narrow.yaml", &narrowed(&connector("crm", "1.1.0", "")));
    c.refused(&["register", "--replace", f.to_str().unwrap()], 1);
    let (code, codes) = c.by_hand(|r| {
        let p = "definitions/crm/1.1.0.yaml";
        r.write(
            p,
            &narrowed(&r.read(p)).replace("status: DRAFT", "status: PUBLISHED"),
        );
    });
    assert_eq!(
        (code, codes.contains(&"breaking-change".into())),
        (1, true),
        "{codes:?}"
    );
    // And the tree on its own breaks the rule: validate says so too.
    let out = c.r.reg().args(["validate", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out).to_string().contains("breaking-change"));
}

#[test]
fn a_relaxed_policy_alongside_the_change_it_lets_through() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    let f =
        c.r.write_outside("narrow.yaml", &narrowed(&connector("crm", "1.1.0", "")));
    c.refused(&["register", f.to_str().unwrap()], 1);
    let (code, codes) = c.by_hand(|r| {
        Case::edit(
            r,
            "reg.yaml",
            "compatibility: backward",
            "compatibility: none",
        );
        r.write(
            "definitions/crm/1.1.0.yaml",
            &stored(&narrowed(&connector("crm", "1.1.0", "")), "PUBLISHED"),
        );
    });
    assert_eq!(code, 1, "{codes:?}");
    assert!(
        codes.contains(&"policy-relaxed".into()) && codes.contains(&"breaking-change".into()),
        "{codes:?}"
    );
}

#[test]
fn a_relaxed_policy_on_its_own_is_for_reviewers_to_see() {
    let c = Case::new();
    let (code, codes) = c.by_hand(|r| {
        Case::edit(
            r,
            "reg.yaml",
            "compatibility: backward",
            "compatibility: none",
        );
    });
    assert_eq!((code, codes), (0, vec!["policy-relaxed".to_string()]));
}

#[test]
fn a_minor_change_released_as_a_patch() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    let wider = |v: &str| connector("crm", v, "").replace("maximum: 10000", "maximum: 50000");
    let f = c.r.write_outside("wider.yaml", &wider("1.0.1"));
    c.refused(&["register", "--strict", f.to_str().unwrap()], 1);
    let out = c.r.reg().arg("register").arg(&f).output().unwrap();
    assert!(
        out.status.success() && stderr(&out).contains("needs a minor bump"),
        "{}",
        stderr(&out)
    );
    c.run(&["delete", "crm@1.0.1"]);
    let (code, codes) = c.by_hand(|r| {
        r.write(
            "definitions/crm/1.0.2.yaml",
            &stored(&wider("1.0.2"), "PUBLISHED"),
        );
    });
    assert_eq!(
        (code, codes.contains(&"needs-minor-bump".into())),
        (0, true),
        "{codes:?}"
    );
    let out =
        c.r.reg()
            .args(["check", "--base", &c.main, "--strict"])
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_deleted_number_registered_again() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["delete", "crm@1.0.0"]);
    let f = c.r.write_outside(
        "again.yaml",
        &connector("crm", "1.0.0", "").replace("Syncs", "Copies"),
    );
    c.refused(&["register", f.to_str().unwrap()], 4);
    let (code, codes) = c.by_hand(|r| {
        r.write(
            "definitions/crm/1.0.0.yaml",
            &stored(
                &connector("crm", "1.0.0", "").replace("Syncs", "Copies"),
                "DRAFT",
            ),
        );
    });
    assert_eq!(
        (code, codes.contains(&"version-reused".into())),
        (1, true),
        "{codes:?}"
    );
    // Removing the tombstone is no way around it.
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["delete", "crm@1.0.0"]);
    let (code, codes) =
        c.by_hand(|r| std::fs::remove_file(r.path("definitions/crm/tombstones.yaml")).unwrap());
    assert_eq!(
        (code, codes.contains(&"tombstone-removed".into())),
        (1, true),
        "{codes:?}"
    );
}

#[test]
fn versions_equal_in_precedence_are_one_version() {
    let c = Case::new();
    c.register("crm", "1.1.0", &connector("crm", "1.1.0", ""));
    let f =
        c.r.write_outside("bob.yaml", &connector("crm", "1.1.0+bob", ""));
    c.refused(&["register", f.to_str().unwrap()], 4);
    let (code, codes) = c.by_hand(|r| {
        r.write(
            "definitions/crm/1.1.0+bob.yaml",
            &stored(&connector("crm", "1.1.0+bob", ""), "DRAFT"),
        );
    });
    assert_eq!(
        (code, codes.contains(&"duplicate".into())),
        (1, true),
        "{codes:?}"
    );
}

#[test]
fn a_stored_file_without_reg_s_keys_and_an_id_changed_by_a_merge() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    let (code, codes) = c.by_hand(|r| {
        r.write(
            "definitions/crm/1.0.1.yaml",
            &connector("crm", "1.0.1", "").replacen(
                "configSchema:",
                "status: DRAFT\nconfigSchema:",
                1,
            ),
        );
        let p = "definitions/crm/1.0.0.yaml";
        let text = r.read(p);
        let id = text
            .lines()
            .find(|l| l.starts_with("id: "))
            .unwrap()
            .to_string();
        r.write(
            p,
            &text.replace(&id, "id: 00000000-0000-4000-8000-000000000000"),
        );
    });
    assert_eq!(code, 1);
    assert!(
        codes.contains(&"missing-field".into()) && codes.contains(&"identity-changed".into()),
        "{codes:?}"
    );
}

#[test]
fn each_change_to_published_content_is_one_finding_at_its_line() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    c.r.git(&["checkout", "-qb", "by-hand"]);
    let p = "definitions/crm/1.0.0.yaml";
    Case::edit(&c.r, p, "title: crm connector", "title: CRM connector");
    Case::edit(&c.r, p, "default: 500", "default: 250");
    c.r.git(&["commit", "-qam", "touch up"]);
    let out =
        c.r.reg()
            .args(["check", "--base", &c.main, "-o", "json"])
            .output()
            .unwrap();
    let v = json(&out);
    let text = c.r.read(p);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let found: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "published-changed")
        .map(|f| {
            (
                f["pointer"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1),
        ("/title", line("title: CRM"))
    );
    assert!(
        found[0].2.contains("\"crm connector\" → \"CRM connector\""),
        "{}",
        found[0].2
    );
    assert_eq!(
        (found[1].0.as_str(), found[1].1),
        (
            "/configSchema/properties/sync/properties/batchSize/default",
            line("default: 250")
        )
    );
    assert!(found[1].2.contains("500 → 250"), "{}", found[1].2);
}

#[test]
fn an_unresolved_merge_is_named_at_its_marker() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    let (code, _) = c.by_hand(|r| {
        let p = "definitions/crm/1.0.0.yaml";
        Case::edit(
            r,
            p,
            "title: crm connector\n",
            "<<<<<<< HEAD\ntitle: crm connector\n=======\ntitle: CRM\n>>>>>>> other\n",
        );
    });
    assert_eq!(code, 1);
    let out = c.r.reg().args(["validate", "-o", "json"]).output().unwrap();
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "merge-conflict", "{v}");
    let text = c.r.read("definitions/crm/1.0.0.yaml");
    assert_eq!(
        f["line"].as_u64().unwrap() as usize,
        text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1
    );
}

#[test]
fn a_property_made_required_points_at_the_item_added() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    let more = connector("crm", "1.1.0", "").replace(
        "required: [auth, region]",
        "required:\n    - auth\n    - region\n    - sync",
    );
    let f = c.r.write_outside("more.yaml", &more);
    let out =
        c.r.reg()
            .args(["-o", "json", "register", f.to_str().unwrap()])
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let finding = &v["findings"][0];
    assert_eq!(finding["pointer"], "/configSchema/required/2", "{v}");
    assert_eq!(
        finding["line"].as_u64().unwrap() as usize,
        more.lines().position(|l| l == "    - sync").unwrap() + 1
    );
}

#[test]
fn the_base_is_the_merge_base_never_head_itself() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    c.r.git(&["checkout", "-qb", "topic"]);
    c.register("other", "0.1.0", &connector("other", "0.1.0", ""));
    // Meanwhile upstream deprecates, which the topic branch never saw.
    c.r.git(&["checkout", "-q", &c.main]);
    c.run(&["deprecate", "crm@1.0.0", "--reason", "superseded"]);
    c.r.git(&["checkout", "-q", "topic"]);
    for base in [c.main.clone(), format!("{}...HEAD", c.main)] {
        let out =
            c.r.reg()
                .args(["check", "--base", &base, "-o", "json"])
                .output()
                .unwrap();
        assert_eq!(out.status.code(), Some(0), "{base}: {}", json(&out));
    }
    // `main..HEAD` reads as git reads it: compared with main's tip, the
    // deprecation looks undone.
    let out =
        c.r.reg()
            .args([
                "check",
                "--base",
                &format!("{}..HEAD", c.main),
                "-o",
                "json",
            ])
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // No upstream and no --base: no silent comparison with HEAD.
    let out = c.r.reg().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("--base"), "{}", stderr(&out));
    c.r.git(&["checkout", "-q", "--detach"]);
    let out = c.r.reg().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("detached"), "{}", stderr(&out));
}

#[test]
fn a_shallow_clone_without_the_merge_base_says_to_fetch_more() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.r.git(&["checkout", "-qb", "topic"]);
    c.register("other", "0.1.0", &connector("other", "0.1.0", ""));
    c.r.git(&["checkout", "-q", &c.main]);
    c.run(&["publish", "crm@1.0.0"]);
    let clone = c.r.outside.join("clone");
    let url = format!("file://{}", c.r.root.display());
    let out = std::process::Command::new("git")
        .args([
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "topic",
            &url,
        ])
        .arg(&clone)
        .env("HOME", &c.r.home)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out =
        c.r.reg()
            .current_dir(&clone)
            .args(["check", "--base", &format!("origin/{}", c.main)])
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("fetch-depth: 0"), "{}", stderr(&out));
}

#[test]
fn check_sees_changes_not_committed_yet() {
    let c = Case::new();
    c.register("crm", "1.0.0", &connector("crm", "1.0.0", ""));
    c.run(&["publish", "crm@1.0.0"]);
    c.register("mail", "1.0.0", &connector("mail", "1.0.0", ""));
    c.run(&["publish", "mail@1.0.0"]);
    c.r.git(&["checkout", "-qb", "local"]);
    // Edited and not staged; edited and staged; new and untracked.
    Case::edit(
        &c.r,
        "definitions/crm/1.0.0.yaml",
        "title: crm connector",
        "title: CRM",
    );
    Case::edit(
        &c.r,
        "definitions/mail/1.0.0.yaml",
        "title: mail connector",
        "title: Mail",
    );
    c.r.git(&["add", "definitions/mail/1.0.0.yaml"]);
    c.r.write(
        "definitions/crm/1.1.0.yaml",
        &stored(&narrowed(&connector("crm", "1.1.0", "")), "DRAFT"),
    );
    let out =
        c.r.reg()
            .args(["check", "--base", &c.main, "-o", "json"])
            .output()
            .unwrap();
    let v = json(&out);
    let found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("definitions/crm/1.0.0.yaml", "published-changed"),
        ("definitions/mail/1.0.0.yaml", "published-changed"),
        ("definitions/crm/1.1.0.yaml", "breaking-change"),
    ] {
        assert!(
            found.contains(&(want.0.into(), want.1.into())),
            "{want:?} not in {found:?}"
        );
    }
    assert!(
        stderr(&out).contains("3 file(s) of the registry changed"),
        "{}",
        stderr(&out)
    );
}

use crate::support::{Registry, json, stderr, stdout};

fn fixture() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.publish("slack", "1.1.0", "");
    r.register("slack", "2.0.0-rc.1", "");
    let stripe = crate::support::definition("stripe", "3.0.0", "")
        .replace("category: messaging", "category: payments");
    let f = r.write("in/stripe.yaml", &stripe);
    r.reg().arg("register").arg(&f).assert().success();
    r.reg().args(["publish", "stripe@3.0.0"]).assert().success();
    r.register("salesforce", "0.1.0", "");
    r.publish("legacy", "1.0.0", "");
    r.reg().args(["archive", "legacy@1.0.0"]).assert().success();
    r
}

#[test]
fn show_resolves_names_ranges_exact_versions_and_ids() {
    let r = fixture();
    let show = |reference: &str| {
        json(
            &r.reg()
                .args(["show", "-o", "json", reference])
                .assert()
                .success()
                .get_output()
                .clone(),
        )
    };
    assert_eq!(show("slack")["version"], "1.1.0", "latest PUBLISHED");
    assert_eq!(show("slack@~1.0")["version"], "1.0.0");
    assert_eq!(
        show("slack@2.0.0-rc.1")["status"],
        "DRAFT",
        "exact versions show any state"
    );
    let id = show("slack@1.0.0")["id"].as_str().unwrap().to_string();
    assert_eq!(show(&id)["version"], "1.0.0");
    // The whole file, configSchema included.
    assert!(show("slack")["configSchema"]["properties"]["token"].is_object());
}

#[test]
fn show_prints_yaml_and_a_readable_summary() {
    let r = fixture();
    let out = r
        .reg()
        .args(["show", "slack", "-o", "yaml"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).starts_with("name: slack\nversion: 1.1.0\n"),
        "{}",
        stdout(&out)
    );
    let out = r
        .reg()
        .args(["show", "slack"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(text.starts_with("slack@1.1.0 PUBLISHED\n"), "{text}");
    assert!(
        text.contains("token") && text.contains("required, secret"),
        "{text}"
    );
}

#[test]
fn unresolvable_references_exit_3_with_what_exists() {
    let r = fixture();
    let out = r
        .reg()
        .args(["show", "salesforse"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("did you mean `salesforce`?"),
        "{}",
        stderr(&out)
    );
    // Drafts only: not found, listing the drafts.
    let out = r
        .reg()
        .args(["show", "salesforce", "-o", "json"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["error"]["code"], "not-found");
    assert_eq!(v["error"]["suggestions"][0], "salesforce@0.1.0 (DRAFT)");
    r.reg().args(["show", "slack@^3"]).assert().code(3);
    r.reg().args(["show", "slack@9.9.9"]).assert().code(3);
    r.reg().args(["show", "../etc/passwd"]).assert().code(2);
}

#[test]
fn versions_lists_every_version_newest_first() {
    let r = fixture();
    let out = r
        .reg()
        .args(["versions", "slack", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(
        (v["total"].as_u64(), v["offset"].as_u64()),
        (Some(3), Some(0))
    );
    let versions: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["2.0.0-rc.1", "1.1.0", "1.0.0"]);
    let out = r
        .reg()
        .args(["versions", "slack"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("DRAFT"));
    r.reg().args(["versions", "nope"]).assert().code(3);
}

#[test]
fn list_shows_one_row_per_name_and_hides_archived() {
    let r = fixture();
    let out = r
        .reg()
        .args(["list", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["total"], 3);
    assert_eq!(
        (v["offset"].as_u64(), v["limit"].as_u64()),
        (Some(0), Some(50))
    );
    let rows: Vec<(String, String)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().into(),
                i["version"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("salesforce".into(), "0.1.0".into()),
            ("slack".into(), "1.1.0".into()),
            ("stripe".into(), "3.0.0".into())
        ]
    );
    assert!(v["items"][0].get("configSchema").is_none());
    let out = r
        .reg()
        .args(["list", "--include-archived", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["total"], 4);
    let out = r
        .reg()
        .args(["list", "--status", "ARCHIVED", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["items"][0]["name"], "legacy");
}

#[test]
fn list_filters_sorts_and_pages() {
    let r = fixture();
    let list = |args: &[&str]| {
        let mut a = vec!["list", "-o", "json"];
        a.extend_from_slice(args);
        json(&r.reg().args(&a).assert().success().get_output().clone())
    };
    assert_eq!(list(&["--all-versions"])["total"], 5);
    assert_eq!(
        list(&[
            "--all-versions",
            "--status",
            "published",
            "--status",
            "DRAFT"
        ])["total"],
        5
    );
    assert_eq!(
        list(&["--category", "payments"])["items"][0]["name"],
        "stripe"
    );
    assert_eq!(list(&["--tag", "chat", "--tag", "alerts"])["total"], 3);
    assert_eq!(list(&["--tag", "chat", "--tag", "nope"])["total"], 0);
    assert_eq!(list(&["--owner", "team-a"])["total"], 3);
    assert_eq!(list(&["--name", "s*e*"])["total"], 2);
    let page = list(&["--all-versions", "--limit", "2", "--offset", "1"]);
    assert_eq!(page["total"], 5);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let by_version = list(&["--sort", "version"]);
    assert_eq!(by_version["items"][0]["name"], "stripe");
}

#[test]
fn list_as_a_table_and_yaml() {
    let r = fixture();
    let out = r.reg().arg("list").assert().success().get_output().clone();
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("NAME"), "{text}");
    assert!(
        text.contains("slack") && text.contains("1.1.0") && !text.contains("legacy"),
        "{text}"
    );
    let out = r
        .reg()
        .args(["list", "-o", "yaml"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).starts_with("total: 3\n"), "{}", stdout(&out));
}

#[test]
fn a_broken_file_is_skipped_with_a_warning_not_fatal() {
    let r = fixture();
    r.write(
        "definitions/broken/1.0.0.yaml",
        "name: broken\nversion: [\n",
    );
    let out = r
        .reg()
        .args(["list", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json(&out)["total"], 3);
    assert!(
        stderr(&out).contains("skipped definitions/broken/1.0.0.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn listing_skips_what_a_full_read_refuses_and_changes_nothing() {
    let r = fixture();
    // Listing does not build `configSchema`, but must still refuse what
    // the full read refuses inside it; and it opens files without
    // following links.
    let good = crate::support::definition("dup", "1.0.0", "");
    let dup = good.replacen("configSchema:\n", "configSchema:\n  type: object\n", 1);
    assert_ne!(dup, good, "the fixture has a block configSchema");
    r.write("definitions/dup/1.0.0.yaml", &dup);
    r.write(
        "definitions/listed/1.0.0.yaml",
        &crate::support::definition("listed", "1.0.0", "").replacen(
            "configSchema:\n",
            "configSchema:\n- type\nx-after:\n",
            1,
        ),
    );
    std::fs::create_dir_all(r.path("definitions/linked")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", r.path("definitions/linked/1.0.0.yaml")).unwrap();
    let before = r.snapshot();
    for args in [
        &["list", "-o", "json"][..],
        &["search", "slack", "-o", "json"],
    ] {
        let out = r.reg().args(args).assert().success().get_output().clone();
        let v = json(&out);
        let names: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| ["dup", "listed", "linked"].contains(n)),
            "{names:?}"
        );
        let err = stderr(&out);
        for file in ["dup", "listed", "linked"] {
            assert!(
                err.contains(&format!("skipped definitions/{file}/1.0.0.yaml")),
                "{err}"
            );
        }
        assert!(err.contains("symbolic link"), "{err}");
    }
    let v = json(&r.reg().args(["validate", "-o", "json"]).output().unwrap());
    assert_eq!(v["ok"], false, "the full read refuses them too: {v}");
    assert_eq!(r.snapshot(), before);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let r = fixture();
    for i in 0..30 {
        r.register(&format!("n{i:02}"), "1.0.0", "");
    }
    let reg = assert_cmd::cargo::cargo_bin("reg");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' list --all-versions --limit 500 | head -1; echo \"status=${{PIPESTATUS:-done}}\"",
            reg.display()
        ))
        .current_dir(&r.root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success());
}

/// A page that shows part of a collection says so on stderr (SPEC §9), so
/// stdout stays the table alone; `--quiet` silences it; `--limit 0` counts
/// what it hides instead of claiming nothing matches.
#[test]
fn paging_hints_go_to_stderr_for_list_and_search() {
    let r = Registry::new();
    for name in ["alpha", "beta", "gamma"] {
        r.register(name, "1.0.0", "");
    }
    let cases: [(&[&str], &str); 5] = [
        (
            &["list", "--limit", "2"],
            "2 of 3 shown; --offset 2 for more",
        ),
        (
            &["search", "integration", "--limit", "1"],
            "1 of 3 shown; --offset 1 for more",
        ),
        (
            &["list", "--limit", "0"],
            "0 of 3 shown; raise --limit to see them",
        ),
        (
            &["list", "--offset", "5"],
            "nothing at --offset 5: there are 3",
        ),
        (&["list"], ""),
    ];
    for (args, hint) in cases {
        let out = r.reg().args(args).assert().success();
        let (o, e) = (stdout(out.get_output()), stderr(out.get_output()));
        assert!(
            !o.contains("shown") && !o.contains("--offset"),
            "{args:?}: {o}"
        );
        assert_eq!(e.trim(), hint, "{args:?}");
        let quiet = r.reg().arg("-q").args(args).assert().success();
        assert_eq!(stderr(quiet.get_output()), "", "{args:?} -q");
    }
    let out = r.reg().args(["search", " "]).assert().code(2);
    assert!(stderr(out.get_output()).contains("at least one word"));
}

#[test]
fn tables_cut_free_text_and_never_break_names_versions_or_states() {
    let r = Registry::new();
    let long = crate::support::definition("amazon-s3", "1.0.0", "").replace(
        "title: amazon-s3 integration",
        "title: Amazon Simple Storage Service buckets and objects",
    );
    let f = r.write("in/s3.yaml", &long);
    r.reg().arg("register").arg(&f).assert().success();
    r.reg()
        .args(["publish", "amazon-s3@1.0.0"])
        .assert()
        .success();
    for columns in ["60", "80"] {
        let out = r
            .reg()
            .env("COLUMNS", columns)
            .arg("list")
            .assert()
            .success()
            .get_output()
            .clone();
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "one line per row at {columns}:\n{text}");
        for whole in [
            "NAME",
            "VERSION",
            "STATUS",
            "UPDATED",
            "amazon-s3",
            "1.0.0",
            "PUBLISHED",
            "2026-01-02",
        ] {
            assert!(text.contains(whole), "{whole} broken at {columns}:\n{text}");
        }
        assert!(
            text.contains('…') && !text.contains("buckets and objects"),
            "{text}"
        );
    }
    // No width known (a pipe, no COLUMNS): nothing is cut or wrapped.
    let out = r.reg().arg("list").assert().success().get_output().clone();
    assert!(stdout(&out).contains("Amazon Simple Storage Service buckets and objects"));
    assert!(!stdout(&out).contains('…'));
}

#[test]
fn choosing_a_version_reads_every_one_and_a_broken_one_is_named() {
    let r = fixture();
    // A version broken by hand, not the one `slack` resolves to.
    let file = "definitions/slack/1.0.0.yaml";
    r.write(
        file,
        &r.read(file)
            .replace("configSchema:", "configSchema: [oops\nx:"),
    );
    let before = r.snapshot();
    for reference in ["slack", "slack@^1"] {
        let out = r.reg().args(["show", reference]).assert().code(1);
        assert!(
            stderr(out.get_output()).contains(file),
            "{reference}: {}",
            stderr(out.get_output())
        );
    }
    // The version asked for exactly is read alone.
    r.reg().args(["show", "slack@1.1.0"]).assert().success();
    assert_eq!(r.snapshot(), before);
}

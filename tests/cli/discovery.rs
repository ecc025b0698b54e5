//! `reg search` ranking and the cache's freshness under every kind of change.

use std::time::Duration;

use crate::support::{Registry, definition, json, stdout};

fn fixture() -> Registry {
    let r = Registry::new();
    let add = |name: &str, title: &str, desc: &str, category: &str, tags: &str| {
        let text = definition(name, "1.0.0", "")
            .replace(
                &format!("title: {name} integration"),
                &format!("title: {title}"),
            )
            .replace(
                &format!("description: Connects to {name}."),
                &format!("description: {desc}"),
            )
            .replace("category: messaging", &format!("category: {category}"))
            .replace("tags: [chat, alerts]", &format!("tags: [{tags}]"));
        let f = r.write(&format!("in/{name}.yaml"), &text);
        r.reg().arg("register").arg(&f).assert().success();
        r.reg()
            .args(["publish", &format!("{name}@1.0.0")])
            .assert()
            .success();
    };
    add(
        "stripe",
        "Stripe payments",
        "Charges cards and handles refunds.",
        "payments",
        "billing",
    );
    add(
        "stripe-connect",
        "Stripe Connect",
        "Pays out marketplace sellers.",
        "payments",
        "marketplace",
    );
    add(
        "paypal",
        "PayPal",
        "Takes payments through PayPal checkout.",
        "payments",
        "billing",
    );
    add(
        "ledger",
        "Ledger export",
        "Exports invoices; mentions stripe once.",
        "finance",
        "accounting",
    );
    add(
        "cafe",
        "Café orders",
        "Réservations et commandes.",
        "food",
        "orders",
    );
    r
}

fn names(r: &Registry, args: &[&str]) -> Vec<String> {
    let mut a = vec!["search", "-o", "json"];
    a.extend_from_slice(args);
    let v = json(&r.reg().args(&a).assert().success().get_output().clone());
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn exact_name_then_prefix_then_text() {
    let r = fixture();
    assert_eq!(
        names(&r, &["stripe"]),
        ["stripe", "stripe-connect", "ledger"]
    );
    let v = json(
        &r.reg()
            .args(["search", "stripe", "-o", "json"])
            .assert()
            .success()
            .get_output()
            .clone(),
    );
    assert_eq!(v["total"], 3);
    assert!(
        v["items"][0]["matched"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("name:exact"))
    );
    assert!(v["items"][0]["score"].as_f64().unwrap() > v["items"][1]["score"].as_f64().unwrap());
    assert!(v["items"][0].get("configSchema").is_none());
}

#[test]
fn tags_categories_typos_and_accents() {
    let r = fixture();
    assert_eq!(names(&r, &["billing"]), ["paypal", "stripe"]);
    assert_eq!(
        names(&r, &["paymnets"])[..2].len(),
        2,
        "one typo in a long word still matches"
    );
    assert!(names(&r, &["paymnets"]).contains(&"paypal".to_string()));
    assert_eq!(names(&r, &["CAFE"]), ["cafe"]);
    assert_eq!(names(&r, &["reservations"]), ["cafe"]);
    assert!(names(&r, &["zzzz"]).is_empty());
    let out = r
        .reg()
        .args(["search", "stripe"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("name:exact"), "{}", stdout(&out));
}

/// `matched` names what met the query in the definition, not the query:
/// a typo and a plural show the word they found.
#[test]
fn matched_says_what_was_found() {
    let r = fixture();
    let out = r
        .reg()
        .args(["search", "refund", "-o", "json"])
        .assert()
        .success();
    let v = json(out.get_output());
    assert_eq!(v["items"][0]["name"], "stripe");
    assert_eq!(
        v["items"][0]["matched"],
        serde_json::json!(["description:refunds"])
    );
    let out = r
        .reg()
        .args(["search", "paymnets", "-o", "json"])
        .assert()
        .success();
    let matched = json(out.get_output())["items"][0]["matched"].clone();
    assert!(
        matched
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "category:payments"),
        "{matched}"
    );
}

#[test]
fn search_takes_the_list_filters() {
    let r = fixture();
    assert_eq!(
        names(
            &r,
            &["payments", "--category", "payments", "--tag", "billing"]
        ),
        ["stripe", "paypal"],
        "the title outweighs the description"
    );
    assert_eq!(
        names(&r, &["stripe", "--limit", "1", "--offset", "1"]),
        ["stripe-connect"]
    );
    r.reg().args(["archive", "paypal@1.0.0"]).assert().success();
    assert!(
        !names(&r, &["paypal"]).contains(&"paypal".to_string()),
        "archived hidden"
    );
    assert_eq!(names(&r, &["paypal", "--include-archived"]), ["paypal"]);
}

fn titles(r: &Registry) -> Vec<String> {
    let v = json(
        &r.reg()
            .args(["list", "-o", "json", "--all-versions", "--limit", "100000"])
            .assert()
            .success()
            .get_output()
            .clone(),
    );
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                i["name"].as_str().unwrap(),
                i["title"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_cache_sees_every_change_made_behind_its_back() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    r.publish("b", "1.0.0", "");
    assert_eq!(titles(&r), ["a:a integration", "b:b integration"]);
    assert!(r.exists(".reg/index"), "a read builds the cache");
    let p = "definitions/a/1.0.0.yaml";
    // In place, same size, same second.
    r.write(
        p,
        &r.read(p)
            .replace("title: a integration", "title: A integration"),
    );
    assert_eq!(titles(&r)[0], "a:A integration");
    // Added and removed by hand.
    r.write(
        "definitions/c/1.0.0.yaml",
        &r.read("definitions/b/1.0.0.yaml")
            .replace("name: b", "name: c")
            .replace("b integration", "c integration"),
    );
    assert_eq!(titles(&r).len(), 3);
    std::fs::remove_file(r.path("definitions/b/1.0.0.yaml")).unwrap();
    assert_eq!(titles(&r), ["a:A integration", "c:c integration"]);
    // git checkout of an older tree.
    r.git(&["checkout", "-q", "--", "definitions/b"]);
    r.git(&["stash", "-q", "-u"]);
    assert_eq!(titles(&r), ["a:a integration", "b:b integration"]);
    r.git(&["stash", "pop", "-q"]);
    assert_eq!(
        titles(&r),
        ["a:A integration", "b:b integration", "c:c integration"]
    );
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_still_seen() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    titles(&r);
    // Let the entry leave the racy window so only its stamp vouches for it.
    std::thread::sleep(Duration::from_millis(2200));
    titles(&r);
    let path = r.path("definitions/a/1.0.0.yaml");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: a integration", "title: z integration");
    std::fs::write(&path, text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    assert_eq!(titles(&r), ["a:z integration"]);
}

#[test]
fn a_change_after_a_long_unchanged_run_of_folders_is_seen() {
    // Proving the cache takes folders in batches that grow while nothing
    // changes: this registry is long enough for the third batch to be the
    // largest, and the change comes in it.
    let r = Registry::new();
    r.publish("n0000", "1.0.0", "");
    let first = r.read("definitions/n0000/1.0.0.yaml");
    let name = |i: usize| format!("n{i:04}");
    for i in 1..1400 {
        r.write(
            &format!("definitions/{}/1.0.0.yaml", name(i)),
            &first.replace("n0000", &name(i)),
        );
    }
    let before = titles(&r);
    assert_eq!(before.len(), 1400);
    // Out of the window where a stamp is too recent to vouch for a file.
    std::thread::sleep(Duration::from_millis(2200));
    assert_eq!(titles(&r), before);
    for i in [1300, 1399] {
        let p = format!("definitions/{}/1.0.0.yaml", name(i));
        r.write(&p, &r.read(&p).replace("integration", "changed"));
    }
    let after = titles(&r);
    let changed: Vec<&String> = after.iter().filter(|t| t.ends_with("changed")).collect();
    assert_eq!(changed, ["n1300:n1300 changed", "n1399:n1399 changed"]);
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    assert_eq!(titles(&r), after, "the same as a read with no cache");
}

#[test]
fn list_and_search_items_carry_links_and_extension_keys() {
    let r = Registry::new();
    r.register(
        "a",
        "1.0.0",
        "links:\n  docs: https://docs.example/a\n  x-wiki: https://wiki.example/a\n\
         x-team: payments\nx-tier: {level: 2}\n",
    );
    let item = |args: &[&str]| {
        let v = json(&r.reg().args(args).assert().success().get_output().clone());
        v["items"][0].clone()
    };
    for got in [
        item(&["list", "-o", "json"]),
        item(&["search", "a", "-o", "json"]),
        // The first read builds the cache; the others read it.
        item(&["list", "-o", "json", "--all-versions"]),
    ] {
        assert_eq!(got["links"]["docs"], "https://docs.example/a");
        assert_eq!(got["links"]["x-wiki"], "https://wiki.example/a");
        assert_eq!(got["x-team"], "payments");
        assert_eq!(got["x-tier"]["level"], 2);
        assert!(got.get("configSchema").is_none());
    }
}

#[test]
fn a_touched_but_unchanged_file_is_reread_without_rewriting_the_cache() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    titles(&r);
    // Stamps are compared in whole seconds: three of them take any stamp
    // out of the two-second window.
    std::thread::sleep(Duration::from_millis(3100));
    titles(&r);
    let written = || {
        let m = std::fs::metadata(r.path(".reg/index")).unwrap();
        (
            m.modified().unwrap(),
            std::os::unix::fs::MetadataExt::ino(&m),
        )
    };
    let before = written();
    // A new stamp, the same content: read again, but while the stamp is
    // too recent to trust, rewriting the cache would settle nothing.
    let path = r.path("definitions/a/1.0.0.yaml");
    std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(titles(&r), ["a:a integration"]);
    assert_eq!(written(), before, "rewritten inside the racy window");
    std::thread::sleep(Duration::from_millis(3100));
    assert_eq!(titles(&r), ["a:a integration"]);
    assert_ne!(written(), before, "never settled");
}

#[test]
fn a_broken_or_unwritable_cache_is_harmless() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    titles(&r);
    for garbage in [
        &b""[..],
        b"regcache",
        b"regcache\xff\xff\xff\xff",
        b"not a cache at all",
    ] {
        std::fs::write(r.path(".reg/index"), garbage).unwrap();
        assert_eq!(titles(&r), ["a:a integration"]);
    }
    let len = std::fs::metadata(r.path(".reg/index")).unwrap().len();
    let bytes = std::fs::read(r.path(".reg/index")).unwrap();
    std::fs::write(r.path(".reg/index"), &bytes[..(len / 2) as usize]).unwrap();
    assert_eq!(titles(&r), ["a:a integration"]);
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    assert_eq!(titles(&r), ["a:a integration"]);
    // A `.reg` the process cannot write into (here: not even a folder).
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    std::fs::write(r.path(".reg"), "").unwrap();
    assert_eq!(titles(&r), ["a:a integration"]);
    let out = r
        .reg()
        .args(["show", "a"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stdout(&out).contains("a@1.0.0"));
}

#[test]
fn a_cache_damaged_anywhere_gives_the_same_answers() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    r.publish("b", "1.0.0", "");
    // Every version, or (reading fewer words) one per name.
    let search = |word: &str, all: bool| {
        let args: &[&str] = if all {
            &[word, "--all-versions"]
        } else {
            &[word]
        };
        names(&r, args)
    };
    let (list, found) = (titles(&r), search("integration", true));
    assert_eq!(search("integration", false), found, "one version per name");
    assert_eq!(found.len(), 2);
    let good = std::fs::read(r.path(".reg/index")).unwrap();
    // Every 7th byte: the header, the records, the words search reads
    // and the summaries shown.
    for at in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        std::fs::write(r.path(".reg/index"), &bad).unwrap();
        let all = at % 2 == 1;
        assert_eq!(search("integration", all), found, "byte {at} damaged");
        std::fs::write(r.path(".reg/index"), &bad).unwrap();
        assert_eq!(titles(&r), list, "byte {at} damaged");
    }
}

#[test]
fn show_by_id_uses_the_cache_and_verifies_it() {
    let r = Registry::new();
    r.publish("a", "1.0.0", "");
    r.publish("b", "1.0.0", "");
    titles(&r);
    let id = |name: &str| {
        r.read(&format!("definitions/{name}/1.0.0.yaml"))
            .lines()
            .find_map(|l| l.strip_prefix("id: ").map(String::from))
            .unwrap()
    };
    let (ia, ib) = (id("a"), id("b"));
    let show = |id: &str| {
        json(
            &r.reg()
                .args(["show", "-o", "json", id])
                .assert()
                .success()
                .get_output()
                .clone(),
        )["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(show(&ia), "a");
    // Swap the ids by hand: the cache's answer is checked against the file.
    let (pa, pb) = ("definitions/a/1.0.0.yaml", "definitions/b/1.0.0.yaml");
    let (ta, tb) = (r.read(pa), r.read(pb));
    r.write(pa, &ta.replace(&ia, &ib));
    r.write(pb, &tb.replace(&ib, &ia));
    assert_eq!(show(&ia), "b");
    assert_eq!(show(&ib), "a");
}

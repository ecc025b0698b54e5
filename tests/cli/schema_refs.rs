//! Schema references between definitions (SPEC §12): a `configSchema`
//! uses a part of another definition's schema by `reg:<name>@<range>#/...`,
//! resolved in this registry only, frozen at publish, followed by diff, the
//! bump rule and the secrets walk, and counted by deps, refs and guards.

use crate::support::{Registry, json, stderr, stdout};

/// `oauth2-base`: shared credentials, the secret marked there. `extra`
/// goes inside `credentials.properties` (a new option).
fn base(version: &str, extra: &str) -> String {
    format!(
        "name: oauth2-base\nversion: {version}\ntitle: OAuth2 credentials\ndescription: Shared OAuth2 client credentials.\n\
         category: messaging\nowner: team-a\n\
         configSchema:\n  $defs:\n    credentials:\n      type: object\n      additionalProperties: false\n      \
         required: [clientId, clientSecret]\n      properties:\n        clientId: {{type: string, minLength: 1}}\n        \
         clientSecret: {{$ref: '#/$defs/secret'}}\n{extra}    secret: {{type: string, writeOnly: true}}\n"
    )
}

/// `crm`, whose `auth` is the shared credentials in `range`.
fn crm(version: &str, range: &str, extra: &str) -> String {
    format!(
        "name: crm\nversion: {version}\ntitle: CRM\ndescription: Syncs the CRM.\ncategory: messaging\nowner: team-a\n{extra}\
         configSchema:\n  type: object\n  required: [auth]\n  properties:\n    region: {{enum: [us, eu]}}\n    \
         auth:\n      $ref: 'reg:oauth2-base@{range}#/$defs/credentials'\n"
    )
}

fn register(r: &Registry, file: &str, text: &str) -> std::process::Output {
    let f = r.write_outside(file, text);
    r.reg().arg("register").arg(f).output().unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "{}{}", stdout(out), stderr(out));
}

fn run(r: &Registry, args: &[&str]) -> std::process::Output {
    let out = r.reg().args(args).output().unwrap();
    ok(&out);
    out
}

/// oauth2-base@1.0.0 published, crm@1.0.0 using it, published.
/// Runs a command that must be refused as a conflict (exit 4) and change
/// nothing; its output, for what the refusal says.
fn refused(r: &Registry, args: &[&str]) -> std::process::Output {
    let before = r.snapshot();
    let out = r.reg().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
    assert_eq!(r.snapshot(), before, "{args:?} changed nothing");
    out
}

fn shared() -> Registry {
    let r = Registry::new();
    ok(&register(&r, "in/base.yaml", &base("1.0.0", "")));
    run(&r, &["publish", "oauth2-base@1.0.0"]);
    ok(&register(&r, "in/crm.yaml", &crm("1.0.0", "^1", "")));
    run(&r, &["publish", "crm@1.0.0"]);
    r
}

/// oauth2-base@1.1.0: the credentials take an optional `scope` too.
fn publish_base_with_scope(r: &Registry) {
    ok(&register(
        r,
        "in/base11.yaml",
        &base("1.1.0", "        scope: {type: string}\n"),
    ));
    run(r, &["publish", "oauth2-base@1.1.0"]);
}

fn instance(r: &Registry, name: &str, pin: &str, config: &str) -> std::process::Output {
    let cfg = r.write_outside(&format!("cfg/{name}.json"), config);
    r.reg()
        .args([
            "-o",
            "json",
            "instance",
            "create",
            name,
            "--definition",
            pin,
            "--config",
        ])
        .arg(cfg)
        .output()
        .unwrap()
}

const GOOD: &str =
    r#"{"auth": {"clientId": "app", "clientSecret": "${env:CRM_SECRET}", "scope": "read"}}"#;

#[test]
fn publish_freezes_the_version_each_reference_resolved_to() {
    let r = shared();
    let stored = r.read("definitions/crm/1.0.0.yaml");
    assert!(
        stored.ends_with("schemaRefs:\n  reg:oauth2-base@^1: 1.0.0\n"),
        "{stored}"
    );
    // A newer part in range: the published crm keeps validating against
    // 1.0.0 (no `scope`), a new draft resolves live to 1.1.0.
    publish_base_with_scope(&r);
    let out = instance(&r, "frozen", "crm@1.0.0", GOOD);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("scope"), "{}", stdout(&out));
    ok(&register(&r, "in/crm11.yaml", &crm("1.1.0", "^1", "")));
    run(&r, &["publish", "crm@1.1.0"]);
    assert!(
        r.read("definitions/crm/1.1.0.yaml")
            .contains("reg:oauth2-base@^1: 1.1.0")
    );
    ok(&instance(&r, "live", "crm@1.1.0", GOOD));
    run(&r, &["validate"]);
    // `show` and export print the file as stored: the reference as written.
    let shown = json(&run(&r, &["show", "crm@1.0.0", "-o", "json"]));
    assert_eq!(
        shown["schemaRefs"]["reg:oauth2-base@^1"], "1.0.0",
        "{shown}"
    );
}

#[test]
fn a_secret_marked_in_the_shared_part_is_a_secret_where_it_is_used() {
    let r = shared();
    let plain = "hunter2-plaintext-value";
    let before = r.snapshot();
    let out = instance(
        &r,
        "leaky",
        "crm@1.0.0",
        &format!(r#"{{"auth": {{"clientId": "app", "clientSecret": "{plain}"}}}}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("plaintext-secret"), "{all}");
    assert!(!all.contains(plain), "{all}");
    assert_eq!(r.snapshot(), before);
    // The same value committed by hand is found and masked by validate.
    ok(&instance(
        &r,
        "ok",
        "crm@1.0.0",
        r#"{"auth": {"clientId": "app", "clientSecret": "${env:S}"}}"#,
    ));
    let file = r.read("instances/ok.yaml").replace("${env:S}", plain);
    r.write("instances/ok.yaml", &file);
    r.git(&["commit", "-qam", "by hand"]);
    let out = r.reg().args(["validate", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("plaintext-secret"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains(plain));
}

#[test]
fn an_unresolvable_reference_is_a_finding_at_its_line() {
    let r = Registry::new();
    // Only a DRAFT in range: references resolve to PUBLISHED or DEPRECATED.
    ok(&register(&r, "in/base.yaml", &base("1.0.0", "")));
    let before = r.snapshot();
    for (range, pointer, says) in [
        (
            "^1",
            "/$defs/credentials",
            "no PUBLISHED or DEPRECATED version of `oauth2-base`",
        ),
        ("^1", "/$defs/nothing", "no PUBLISHED or DEPRECATED version"),
        ("~>1", "/$defs/credentials", "is not a SemVer range"),
    ] {
        let text = crm("1.0.0", range, "").replace("/$defs/credentials", pointer);
        let f = r.write_outside("in/crm.yaml", &text);
        let out = r
            .reg()
            .args(["-o", "json", "register"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let v = json(&out);
        let finding = &v["findings"][0];
        assert_eq!(finding["code"], "unresolved-schema-ref", "{v}");
        assert_eq!(
            finding["pointer"], "/configSchema/properties/auth/$ref",
            "{v}"
        );
        let line = text.lines().position(|l| l.contains("$ref")).unwrap() + 1;
        assert_eq!(finding["line"], line, "{v}");
        assert!(finding["message"].as_str().unwrap().contains(says), "{v}");
        assert_eq!(r.snapshot(), before);
    }
    // Published, the pointer must name something.
    run(&r, &["publish", "oauth2-base@1.0.0"]);
    let f = r.write_outside(
        "in/crm.yaml",
        &crm("1.0.0", "^1", "").replace("/$defs/credentials", "/$defs/nothing"),
    );
    let out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("has nothing at `#/$defs/nothing`"),
        "{}",
        stdout(&out)
    );
    // `validate FILE` says the same of an author's file.
    let out = r.reg().args(["validate"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("unresolved-schema-ref"),
        "{}",
        stdout(&out)
    );
}

/// A published file as `reg` stores it, written by hand.
fn stored(name: &str, n: u8, schema: &str, frozen: &str) -> String {
    format!(
        "name: {name}\nversion: 1.0.0\nid: 5d1a3c9e-0b7e-4f5a-9a51-0000000000{n:02}\nstatus: PUBLISHED\n\
         title: {name}\ndescription: Part of a loop.\ncreatedAt: 2026-01-02T03:04:05Z\n\
         updatedAt: 2026-01-02T03:04:05Z\nschemaRefs: {frozen}\nconfigSchema: {schema}\n"
    )
}

#[test]
fn references_that_come_back_around_are_a_recursive_schema() {
    // Only a tree made by hand can freeze two versions at each other.
    let r = Registry::new();
    r.write(
        "definitions/tree/1.0.0.yaml",
        &stored(
            "tree",
            1,
            r##"{"$defs": {"node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "reg:forest@^1#/$defs/node"}}}}}, "$ref": "#/$defs/node"}"##,
            r#"{"reg:forest@^1": 1.0.0}"#,
        ),
    );
    r.write(
        "definitions/forest/1.0.0.yaml",
        &stored(
            "forest",
            2,
            r##"{"$defs": {"node": {"$ref": "reg:tree@^1#/$defs/node"}}, "$ref": "#/$defs/node"}"##,
            r#"{"reg:tree@^1": 1.0.0}"#,
        ),
    );
    r.git(&["add", "-A", "."]);
    r.git(&["commit", "-qm", "by hand"]);
    run(&r, &["validate"]);
    let deep = r#"{"children": [{"children": [{"children": []}]}]}"#;
    ok(&instance(&r, "deep", "tree@1.0.0", deep));
    let out = instance(
        &r,
        "bad",
        "tree@1.0.0",
        r#"{"children": [{"children": 3}]}"#,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn diff_and_the_bump_rule_follow_the_reference() {
    let r = shared();
    // oauth2-base@2.0.0: clientId gets a pattern, a breaking change.
    let two = base("2.0.0", "").replace("minLength: 1", "minLength: 1, pattern: '^[a-z]+$'");
    let note = "migration: {message: clientId is lower case now}\n";
    let two = two.replacen("configSchema:", &format!("{note}configSchema:"), 1);
    ok(&register(&r, "in/base2.yaml", &two));
    run(&r, &["publish", "oauth2-base@2.0.0"]);
    // crm's only change is moving its reference to ^2: breaking, so 1.1.0
    // is refused and says what version it needs.
    let before = r.snapshot();
    let f = r.write_outside("in/crm11.yaml", &crm("1.1.0", "^2", ""));
    let out = r
        .reg()
        .args(["-o", "json", "register"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json(&out);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"breaking-change"), "{v}");
    assert!(v.to_string().contains("2.0.0 or later"), "{v}");
    assert_eq!(r.snapshot(), before);
    ok(&register(&r, "in/crm2.yaml", &crm("2.0.0", "^2", note)));
    let out = run(&r, &["diff", "crm@1.0.0", "crm@2.0.0", "-o", "json"]);
    let v = json(&out);
    assert_eq!(v["class"], "breaking", "{v}");
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["path"].as_str().unwrap().starts_with("/properties/auth")),
        "{v}"
    );
    // Within the line, a part that accepts more is a minor change: as a
    // patch it is said, not refused.
    publish_base_with_scope(&r);
    let f = r.write_outside("in/crm101.yaml", &crm("1.0.1", "^1", ""));
    let out = r.reg().arg("register").arg(&f).output().unwrap();
    ok(&out);
    assert!(
        stderr(&out).contains("needs-minor-bump") || stderr(&out).contains("minor bump"),
        "{}",
        stderr(&out)
    );
    let v = json(&run(&r, &["diff", "crm@1.0.0", "crm@1.0.1", "-o", "json"]));
    assert_eq!(v["class"], "minor", "{v}");
}

#[test]
fn deps_refs_and_the_guards_count_schema_references() {
    let r = shared();
    publish_base_with_scope(&r);
    let v = json(&run(&r, &["deps", "crm@1.0.0", "-o", "json"]));
    let node = &v["dependencies"][0];
    assert_eq!(node["kind"], "schemaRef", "{v}");
    assert_eq!(node["resolved"], "oauth2-base@1.0.0", "{v}");
    assert!(
        stdout(&run(&r, &["deps", "crm@1.0.0"]))
            .contains("oauth2-base@1.0.0 PUBLISHED [=1.0.0] (schema part)")
    );
    let text = stdout(&run(&r, &["refs", "oauth2-base@1.0.0"]));
    assert!(
        text.contains("definition crm@1.0.0 PUBLISHED uses a schema part of oauth2-base =1.0.0"),
        "{text}"
    );
    // 1.1.0 is in crm's range, but crm@1.0.0 is frozen at 1.0.0.
    run(
        &r,
        &["deprecate", "oauth2-base@1.0.0", "--reason", "use 1.1.0"],
    );
    let out = refused(&r, &["archive", "oauth2-base@1.0.0"]);
    assert!(stderr(&out).contains("crm@1.0.0"), "{}", stderr(&out));
    // Once crm@1.0.0 is archived too, nothing in use needs it.
    run(&r, &["deprecate", "crm@1.0.0", "--reason", "old"]);
    run(&r, &["archive", "crm@1.0.0"]);
    run(&r, &["archive", "oauth2-base@1.0.0"]);
    // Deleting it would leave the archived crm@1.0.0's reference dangling.
    let out = refused(&r, &["delete", "oauth2-base@1.0.0"]);
    assert!(
        stderr(&out).contains("uses a schema part of"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hand_edits_to_frozen_references_fail_check() {
    let r = shared();
    let main = r.branch().trim_start_matches("refs/heads/").to_string();
    publish_base_with_scope(&r);
    let check = |r: &Registry, base: &str| -> (i32, String) {
        let out = r
            .reg()
            .args(["check", "--base", base, "-o", "json"])
            .output()
            .unwrap();
        (out.status.code().unwrap(), stdout(&out))
    };
    let head = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    // Moving a published version's frozen reference is changing it.
    r.git(&["checkout", "-qb", "move"]);
    let file = r.read("definitions/crm/1.0.0.yaml");
    r.write(
        "definitions/crm/1.0.0.yaml",
        &file.replace("reg:oauth2-base@^1: 1.0.0", "reg:oauth2-base@^1: 1.1.0"),
    );
    r.git(&["commit", "-qam", "move"]);
    let (code, out) = check(&r, &head);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("published-changed"), "{out}");
    // Publishing by hand without freezing: `check` says what to write.
    r.git(&["checkout", "-q", &main]);
    r.git(&["checkout", "-qb", "hand-publish"]);
    ok(&register(&r, "in/crm11.yaml", &crm("1.1.0", "^1", "")));
    let at = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    let file = r.read("definitions/crm/1.1.0.yaml");
    r.write(
        "definitions/crm/1.1.0.yaml",
        &file.replace("status: DRAFT", "status: PUBLISHED"),
    );
    r.git(&["commit", "-qam", "publish by hand"]);
    let (code, out) = check(&r, &at);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("unfrozen-schema-ref"), "{out}");
    assert!(
        out.contains("schemaRefs: {\\\"reg:oauth2-base@^1\\\": 1.1.0}"),
        "{out}"
    );
    // Frozen at a version outside its range: refused too.
    r.write(
        "definitions/crm/1.1.0.yaml",
        &(r.read("definitions/crm/1.1.0.yaml") + "schemaRefs:\n  reg:oauth2-base@^1: 0.9.0\n"),
    );
    r.git(&["commit", "-qam", "freeze wrong"]);
    let (code, out) = check(&r, &at);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("outside `^1`"), "{out}");
}

#[test]
fn the_sample_registry_shares_its_oauth2_credentials() {
    let r = Registry::empty();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("registry");
    let out = r
        .reg()
        .arg("--registry")
        .arg(&sample)
        .args(["-o", "json", "refs", "oauth2-base@1.1.0"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let uses: Vec<&str> = v["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "schemaRef")
        .map(|d| d["reference"].as_str().unwrap())
        .collect();
    assert_eq!(uses, ["salesforce@2.1.0"], "{v}");
}

#[test]
fn a_draft_using_the_only_version_in_range_blocks_its_archive() {
    let r = Registry::new();
    let main = r.branch().trim_start_matches("refs/heads/").to_string();
    ok(&register(&r, "in/base.yaml", &base("1.0.0", "")));
    run(&r, &["publish", "oauth2-base@1.0.0"]);
    ok(&register(&r, "in/crm.yaml", &crm("1.0.0", "^1", "")));
    run(&r, &["deprecate", "oauth2-base@1.0.0", "--reason", "going"]);
    let out = refused(&r, &["archive", "oauth2-base@1.0.0"]);
    assert!(
        stderr(&out).contains("crm@1.0.0 (DRAFT) uses a schema part of oauth2-base ^1"),
        "{}",
        stderr(&out)
    );
    // The same archive made by hand is a finding of `check`, which reads
    // only the changed file: the draft it would break is named.
    let head = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    r.git(&["checkout", "-qb", "by-hand"]);
    let file = r.read("definitions/oauth2-base/1.0.0.yaml");
    r.write(
        "definitions/oauth2-base/1.0.0.yaml",
        &file.replace("status: DEPRECATED", "status: ARCHIVED"),
    );
    r.git(&["commit", "-qam", "archive by hand"]);
    let out = r
        .reg()
        .args(["check", "--base", &head, "-o", "json"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("crm@1.0.0 (DRAFT)"),
        "{}",
        stdout(&out)
    );
    r.git(&["checkout", "-q", &main]);
}

#[test]
fn show_prints_the_options_through_the_reference_and_expanded_on_request() {
    let r = shared();
    let text = stdout(&run(&r, &["show", "crm@1.0.0"]));
    let secret = text
        .lines()
        .find(|l| l.contains("auth.clientSecret"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(secret.contains("secret"), "{secret}");
    assert!(secret.contains("(from oauth2-base@1.0.0)"), "{secret}");
    // The stored file by default; the self-contained schema on request.
    let stored = json(&run(&r, &["show", "crm@1.0.0", "-o", "json"]));
    assert_eq!(
        stored["configSchema"]["properties"]["auth"]["$ref"],
        "reg:oauth2-base@^1#/$defs/credentials"
    );
    let expanded = json(&run(&r, &["show", "crm@1.0.0", "--expanded", "-o", "json"]));
    let schema = &expanded["configSchema"];
    assert_eq!(
        schema["properties"]["auth"]["$ref"], "#/$defs/reg:oauth2-base@1.0.0/$defs/credentials",
        "{schema}"
    );
    assert_eq!(
        schema["$defs"]["reg:oauth2-base@1.0.0"]["$defs"]["secret"]["writeOnly"], true,
        "{schema}"
    );
    assert!(
        !schema.to_string().contains("\"reg:oauth2-base@^1"),
        "{schema}"
    );
    // Frozen outside its range by hand: `--expanded` says why, exit 1; the
    // plain view still shows where the option points.
    let file = r.read("definitions/crm/1.0.0.yaml");
    r.write(
        "definitions/crm/1.0.0.yaml",
        &file.replace("reg:oauth2-base@^1: 1.0.0", "reg:oauth2-base@^1: 9.0.0"),
    );
    let before = r.snapshot();
    let out = r
        .reg()
        .args(["show", "crm@1.0.0", "--expanded", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("unresolved-schema-ref"),
        "{}",
        stdout(&out)
    );
    let text = stdout(&run(&r, &["show", "crm@1.0.0"]));
    assert!(
        text.contains("→ reg:oauth2-base@^1#/$defs/credentials"),
        "{text}"
    );
    assert_eq!(r.snapshot(), before);
}

#[test]
fn a_reference_spelt_with_escapes_by_hand_still_counts() {
    let r = shared();
    // The same values, spelt so that the text never says `reg:`.
    let file = r.read("definitions/crm/1.0.0.yaml");
    let hidden = file
        .replace(
            "reg:oauth2-base@^1#/$defs/credentials",
            "\"\\x72eg:oauth2-base@^1#/$defs/credentials\"",
        )
        .replace(
            "reg:oauth2-base@^1: 1.0.0",
            "\"\\x72eg:oauth2-base@^1\": 1.0.0",
        );
    assert!(!hidden.contains("reg:"), "{hidden}");
    r.write("definitions/crm/1.0.0.yaml", &hidden);
    r.git(&["commit", "-qam", "same values, other spelling"]);
    run(&r, &["validate"]);
    let v = json(&run(&r, &["refs", "oauth2-base@1.0.0", "-o", "json"]));
    assert_eq!(v["definitions"][0]["reference"], "crm@1.0.0", "{v}");
    assert_eq!(v["definitions"][0]["kind"], "schemaRef", "{v}");
    run(&r, &["deprecate", "oauth2-base@1.0.0", "--reason", "going"]);
    refused(&r, &["archive", "oauth2-base@1.0.0"]);
}

//! Proofs of bundled checks (`.git/reg-proofs`): a single-file read skips
//! the bundled check only for a text `reg` itself proved, and `validate`
//! and `check` never skip it.

use sha2::{Digest, Sha256};

use crate::support::{Registry, stderr, stdout};

const FILE: &str = "definitions/slack/1.0.0.yaml";

/// A registry with one published definition whose cache, and so its
/// proofs, have been built by `reg list`.
fn proved() -> Registry {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    r.reg().arg("list").assert().success();
    assert!(r.exists(".git/reg-proofs"), "a cold list records proofs");
    r
}

/// The definition as committed, with a key the bundled schema refuses and
/// nothing else would notice.
fn with_unknown_key(r: &Registry) -> String {
    format!("{}bogus: 1\n", r.read(FILE))
}

/// A proofs file holding `r`'s proofs and one of `text` (a definition),
/// as only a forger could make it: the header as `reg` wrote it (magic,
/// format, digest of the bundled schemas), the count, the fan-out, the
/// sorted proofs.
fn forged(r: &Registry, text: &str) -> Vec<u8> {
    const HEAD: usize = 44;
    const PROOFS: usize = HEAD + 4 + 256 * 4;
    let real = std::fs::read(r.path(".git/reg-proofs")).unwrap();
    let mut proofs: Vec<Vec<u8>> = real[PROOFS..].chunks(16).map(<[u8]>::to_vec).collect();
    let mut h = Sha256::new();
    h.update(b"d");
    h.update(text.as_bytes());
    proofs.push(h.finalize()[..16].to_vec());
    proofs.sort();
    let mut out = real[..HEAD].to_vec();
    out.extend_from_slice(&u32::try_from(proofs.len()).unwrap().to_le_bytes());
    for first in 0..=255u8 {
        let upto = proofs.iter().filter(|p| p[0] <= first).count();
        out.extend_from_slice(&u32::try_from(upto).unwrap().to_le_bytes());
    }
    out.extend(proofs.concat());
    out
}

#[test]
fn a_hand_edit_is_checked_in_full_despite_the_proofs() {
    let r = proved();
    r.reg().args(["show", "slack@1.0.0"]).assert().success();
    r.write(FILE, &with_unknown_key(&r));
    let before = r.snapshot();
    let out = r.reg().args(["show", "slack@1.0.0"]).assert().code(1);
    assert!(
        stderr(out.get_output()).contains("bogus"),
        "{}",
        stderr(out.get_output())
    );
    // The same for `reg.yaml`, proved by the same list.
    let manifest = r.read("reg.yaml");
    r.write("reg.yaml", &format!("{manifest}bogus: 1\n"));
    let out = r.reg().args(["list"]).assert().code(1);
    assert!(
        stderr(out.get_output()).contains("bogus"),
        "{}",
        stderr(out.get_output())
    );
    r.write("reg.yaml", &manifest);
    assert_eq!(r.snapshot().0.len(), before.0.len());
}

#[test]
fn a_cold_cache_and_versions_read_an_edited_config_schema_in_full() {
    let r = proved();
    // With proofs kept, a cold read passes over the proven `configSchema`.
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    let out = r.reg().args(["list", "-o", "json"]).assert().success();
    assert_eq!(crate::support::json(out.get_output())["total"], 1);
    // A hand edit inside it (a key given twice, which only reading the
    // block notices) finds no proof, so the block is read and refused.
    let text = r.read(FILE);
    let (head, tail) = text.split_once("configSchema:\n").unwrap();
    let first = tail.lines().next().unwrap();
    r.write(FILE, &format!("{head}configSchema:\n{first}\n{tail}"));
    let before = r.snapshot();
    // `versions`, which reads each version as `list` does, refuses it too.
    let out = r.reg().args(["versions", "slack"]).assert().code(1);
    assert!(
        stderr(out.get_output()).contains("duplicate key"),
        "{}",
        stderr(out.get_output())
    );
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    let out = r.reg().args(["list", "-o", "json"]).assert().success();
    assert_eq!(crate::support::json(out.get_output())["total"], 0);
    assert!(
        stderr(out.get_output()).contains(&format!("skipped {FILE}")),
        "{}",
        stderr(out.get_output())
    );
    assert_eq!(r.snapshot(), before, "a read changes nothing");
}

#[test]
fn a_proof_counts_only_from_the_git_directory_and_never_for_the_gates() {
    let r = proved();
    let bad = with_unknown_key(&r);
    let forged = forged(&r, &bad);
    r.write(FILE, &bad);
    // Planted in the work tree (a pull request can commit `.reg/`): never read.
    std::fs::write(r.path(".reg/reg-proofs"), &forged).unwrap();
    r.reg().args(["show", "slack@1.0.0"]).assert().code(1);
    // In the git directory, which only this machine writes, it is trusted
    // by single-file reads: that is what spares them the bundled check...
    std::fs::write(r.path(".git/reg-proofs"), &forged).unwrap();
    r.reg().args(["show", "slack@1.0.0"]).assert().success();
    // So does the cache when it reads the file again.
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    let out = r.reg().args(["list", "-o", "json"]).assert().success();
    assert_eq!(crate::support::json(out.get_output())["total"], 1);
    // ...but the gates check every file in full whatever it holds.
    for gate in [&["validate"][..], &["check", "--base", "HEAD"]] {
        let out = r.reg().args(gate).assert().code(1);
        assert!(
            stdout(out.get_output()).contains("unknown key `bogus`"),
            "{gate:?}: {}",
            stdout(out.get_output())
        );
    }
}

#[test]
fn damaged_proofs_are_ignored_and_replaced() {
    let r = proved();
    std::fs::write(r.path(".git/reg-proofs"), b"REGPROOF garbage").unwrap();
    r.reg().args(["show", "slack@1.0.0"]).assert().success();
    r.write(FILE, &with_unknown_key(&r));
    r.reg().args(["show", "slack@1.0.0"]).assert().code(1);
    r.git(&["checkout", "--", FILE]);
    // The next read that parses files writes a whole file again.
    std::fs::remove_dir_all(r.path(".reg")).unwrap();
    r.reg().arg("list").assert().success();
    let proofs = std::fs::read(r.path(".git/reg-proofs")).unwrap();
    assert!(proofs.starts_with(b"REGPROOF") && (proofs.len() - 48 - 1024).is_multiple_of(16));
}

#[test]
fn a_write_cut_short_leaves_nothing_for_long() {
    let r = Registry::new();
    r.publish("slack", "1.0.0", "");
    // What a `reg` killed while writing its proofs leaves: a temporary
    // file beside them. One from a moment ago may still be being written.
    let old = r.path(".git/.reg-proofs-killed");
    let young = r.path(".git/.reg-proofs-young");
    std::fs::write(&old, b"half").unwrap();
    std::fs::write(&young, b"half").unwrap();
    let touch = std::process::Command::new("touch")
        .args(["-d", "2 hours ago"])
        .arg(&old)
        .status()
        .unwrap();
    assert!(touch.success());
    r.reg().arg("list").assert().success();
    assert!(r.exists(".git/reg-proofs"));
    assert!(!old.exists(), "a stale temporary file is removed");
    assert!(young.exists(), "a fresh one is left to its writer");
}

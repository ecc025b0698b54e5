//! `reg` rewrites git's index itself for the entries a write changes
//! (`src/git/index.rs`). Whatever form the index is in, git must see
//! exactly what a `git add` of the same files would have left: nothing
//! staged or modified, a cache tree that never vouches for a changed
//! folder, and the forms `reg` does not rewrite left to libgit2.

use crate::support::Registry;

/// Registers, publishes and deletes, checking after each write that the
/// index matches HEAD, that `git write-tree` (which trusts the cache tree)
/// gives HEAD's tree, and that `git fsck` is clean.
fn writes_keep_git_exact(r: &Registry) {
    let steps: [&[&str]; 3] = [
        &["publish", "alpha@1.1.0"],
        &["delete", "alpha@1.0.0"],
        &["deprecate", "beta@1.0.0", "--reason", "use alpha"],
    ];
    r.register("alpha", "1.0.0", "");
    r.register("alpha", "1.1.0", "");
    r.publish("beta", "1.0.0", "");
    for step in steps {
        // A cache tree covering every folder, as `git commit` leaves it.
        r.git(&["write-tree"]);
        r.reg().args(step).assert().success();
        r.assert_all_clean();
        assert_eq!(
            r.git(&["write-tree"]),
            r.git(&["rev-parse", "HEAD^{tree}"]),
            "after {step:?}"
        );
        r.git(&["fsck", "--no-progress"]);
    }
}

#[test]
fn a_version_2_index_with_a_cache_tree_is_rewritten_exactly() {
    let r = Registry::new();
    writes_keep_git_exact(&r);
    let index = std::fs::read(r.path(".git/index")).unwrap();
    assert_eq!(&index[..8], b"DIRC\0\0\0\x02");
}

#[test]
fn forms_reg_does_not_rewrite_are_left_to_libgit2() {
    for form in [
        &["update-index", "--index-version", "4"][..],
        &["update-index", "--index-version", "3"][..],
    ] {
        let r = Registry::new();
        r.git(form);
        writes_keep_git_exact(&r);
    }
}

#[test]
fn a_split_index_is_refused_with_a_way_out_and_nothing_changes() {
    let r = Registry::new();
    r.register("alpha", "1.0.0", "");
    r.git(&["update-index", "--split-index"]);
    let before = r.git_state();
    let out = r.reg().args(["publish", "alpha@1.0.0"]).assert().code(5);
    let err = crate::support::stderr(out.get_output());
    assert!(err.contains("git update-index --no-split-index"), "{err}");
    assert_eq!(r.git_state(), before);
}

#[test]
fn an_index_without_or_with_a_wrong_checksum_is_read_as_git_reads_it_and_a_damaged_one_refused() {
    let r = Registry::new();
    r.register("alpha", "1.0.0", "");
    // `index.skipHash`: git writes zeros where the checksum goes.
    r.git(&["config", "index.skipHash", "true"]);
    r.git(&["update-index", "--really-refresh"]);
    r.git(&["write-tree"]);
    r.reg().args(["publish", "alpha@1.0.0"]).assert().success();
    r.assert_all_clean();

    // A wrong checksum is read as git reads it (only `git fsck` checks
    // it), and the index is written back with a right one.
    r.git(&["config", "index.skipHash", "false"]);
    r.git(&["update-index", "--index-version", "2"]);
    let path = r.path(".git/index");
    let mut index = std::fs::read(&path).unwrap();
    let last = index.len() - 1;
    index[last] ^= 0xff;
    std::fs::write(&path, &index).unwrap();
    r.reg()
        .args(["deprecate", "alpha@1.0.0", "--reason", "old"])
        .assert()
        .success();
    r.assert_all_clean();
    r.git(&["fsck", "--no-progress"]);

    // A damaged one (an entry count past its end) is refused untouched.
    let mut index = std::fs::read(&path).unwrap();
    index[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
    std::fs::write(&path, &index).unwrap();
    let refs = r.git(&["for-each-ref", "--format=%(refname) %(objectname)"]);
    let out = r.reg().args(["archive", "alpha@1.0.0"]).assert().code(5);
    let err = crate::support::stderr(out.get_output());
    assert!(err.contains("runs past the end"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        index,
        "the index is as it was"
    );
    assert_eq!(
        r.git(&["for-each-ref", "--format=%(refname) %(objectname)"]),
        refs
    );
}

#[test]
fn a_change_staged_but_not_in_the_work_tree_is_refused_and_nothing_visible_changes() {
    // The index is read while the commit's objects are made, so this
    // refusal comes after them: only objects nothing refers to may remain.
    let r = Registry::new();
    r.publish("alpha", "1.0.0", "");
    let file = "definitions/alpha/1.0.0.yaml";
    let committed = r.read(file);
    r.write(file, &(committed.clone() + "# staged\n"));
    r.git(&["add", file]);
    r.write(file, &committed);
    let before = r.git_state();
    let out = r
        .reg()
        .args(["deprecate", "alpha@1.0.0", "--reason", "old"])
        .assert()
        .code(4);
    let err = crate::support::stderr(out.get_output());
    assert!(err.contains("not committed"), "{err}");
    assert_eq!(r.git_state(), before);
    assert_eq!(r.read(file), committed);
    assert!(!r.exists(".reg/journal"), "no journal is left");
    r.git(&["fsck", "--no-progress"]);
}

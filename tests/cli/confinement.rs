//! Nothing outside the root, no link followed, no special file read
//! (SPEC §1): each tree here is one a pull request could commit, or a
//! machine could hold, and each command must refuse it, report it, or work
//! around it, without reading, writing or printing anything beyond it.

use std::path::Path;
use std::time::Duration;

use crate::support::{Registry, definition, json, stderr, stdout};

/// A folder outside the registry with a file a link will point at.
fn outside_target(r: &Registry) -> std::path::PathBuf {
    r.write_outside(
        "elsewhere/1.0.0.yaml",
        &definition("linked", "1.0.0", "id: 6f8f57d2-1a2b-4c3d-8e9f-000000000001\nstatus: DRAFT\ncreatedAt: 2026-01-01T00:00:00Z\nupdatedAt: 2026-01-01T00:00:00Z\n"),
    );
    r.outside.join("elsewhere")
}

/// Every file outside the repository, with its contents, to prove none changed.
fn outside_files(r: &Registry) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(&r.outside)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_definition_folder_linked_outside_is_refused_by_every_command() {
    let r = Registry::new();
    let target = outside_target(&r);
    std::os::unix::fs::symlink(&target, r.path("definitions/linked")).unwrap();
    r.git(&["add", "definitions/linked"]);
    r.git(&["commit", "-qm", "a link, as a pull request could add"]);
    let input = r.write_outside("in/linked-2.0.0.yaml", &definition("linked", "2.0.0", ""));
    let before = outside_files(&r);
    let commits = r.commit_count();
    for args in [
        vec!["register", input.to_str().unwrap()],
        vec!["publish", "linked@1.0.0"],
        vec!["delete", "linked@1.0.0"],
        vec!["show", "linked@1.0.0"],
        vec!["versions", "linked"],
    ] {
        let out = r.reg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("definitions/linked is a symbolic link"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stdout(&out).contains("Connects to linked"), "{args:?}");
    }
    assert_eq!(
        outside_files(&r),
        before,
        "nothing outside was written or removed"
    );
    assert!(!target.join("2.0.0.yaml").exists());
    assert_eq!(r.commit_count(), commits);
    let out = r.reg().args(["validate", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "definitions/linked" && f["code"] == "symlink"),
        "{v}"
    );
    // Listing does not read through it either.
    let out = r.reg().args(["list", "-o", "json"]).output().unwrap();
    assert!(!stdout(&out).contains("\"linked\""), "{}", stdout(&out));
}

#[test]
fn a_cache_folder_linked_to_git_is_never_written_through() {
    let r = Registry::new();
    r.publish("stripe", "1.0.0", "");
    std::fs::remove_dir_all(r.path(".reg")).ok();
    std::os::unix::fs::symlink(".git", r.path(".reg")).unwrap();
    let index = std::fs::read(r.path(".git/index")).unwrap();
    let listed = r.reg().args(["list", "-o", "json"]).output().unwrap();
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert_eq!(json(&listed)["total"], 1);
    r.reg().args(["search", "stripe"]).assert().success();
    assert_eq!(std::fs::read(r.path(".git/index")).unwrap(), index);
    assert!(!r.path(".git/ids").exists() && !r.path(".git/journal").exists());
    // git still reads its index.
    r.git(&["status", "--porcelain"]);
    let out = r.reg().args(["publish", "stripe@1.0.0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(".reg is a symbolic link"),
        "{}",
        stderr(&out)
    );
    let v = json(&r.reg().args(["validate", "-o", "json"]).output().unwrap());
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == ".reg" && f["code"] == "symlink"),
        "{v}"
    );
}

#[test]
fn a_manifest_linked_to_a_credentials_file_is_never_printed() {
    let r = Registry::new();
    let secret = r.write_outside(
        "credentials",
        "aws_secret_access_key = AKIASECRETSECRETSECRET\nformat: [\n",
    );
    std::fs::remove_file(r.path("reg.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, r.path("reg.yaml")).unwrap();
    for args in [
        vec!["list"],
        vec!["list", "-o", "json"],
        vec!["show", "x"],
        vec!["validate"],
        vec!["validate", "--format", "json"],
        vec!["validate", "--format", "github"],
        vec!["validate", "--format", "sarif"],
        vec!["check", "--base", "HEAD"],
        vec!["check", "--base", "HEAD", "--format", "github"],
    ] {
        let out = r.reg().args(&args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains("AKIASECRET"),
            "{args:?} printed the target: {all}"
        );
        assert!(all.contains("reg.yaml"), "{args:?}: {all}");
        let review = args[0] == "validate" || args[0] == "check";
        assert_eq!(
            out.status.code(),
            Some(if review { 1 } else { 5 }),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn a_forged_id_entry_cannot_lead_outside() {
    let r = Registry::new();
    r.publish("stripe", "1.0.0", "");
    r.reg().args(["list"]).assert().success();
    let shown = json(
        &r.reg()
            .args(["show", "stripe", "-o", "json"])
            .output()
            .unwrap(),
    );
    let id = shown["id"].as_str().unwrap().to_string();
    let target = outside_target(&r);
    // Rewrite the id file so the one id points at an absolute path.
    let forged = target.join("1.0.0.yaml").display().to_string();
    let uuid = uuid::Uuid::parse_str(&id).unwrap();
    let mut bytes = b"regids1\0".to_vec();
    bytes.extend_from_slice(&1u32.to_le_bytes());
    bytes.extend_from_slice(uuid.as_bytes());
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&u16::try_from(forged.len()).unwrap().to_le_bytes());
    bytes.extend_from_slice(forged.as_bytes());
    std::fs::write(r.path(".reg/ids"), bytes).unwrap();
    let out = r.reg().args(["show", &id, "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out)["name"],
        "stripe",
        "the id still finds its own file"
    );
    assert!(!stdout(&out).contains("linked"));
}

/// Creates a FIFO; reading it without `O_NONBLOCK` would wait forever.
fn fifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo only reads the path it is given.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn fifos_anywhere_never_hang_a_command() {
    let r = Registry::new();
    r.publish("stripe", "1.0.0", "");
    r.reg().args(["list"]).assert().success();
    fifo(&r.path("definitions/fifo/1.0.0.yaml"));
    fifo(&r.path("instances/fifo.yaml"));
    for cache in [".reg/index", ".reg/ids"] {
        std::fs::remove_file(r.path(cache)).unwrap();
        fifo(&r.path(cache));
    }
    let id = json(
        &r.reg()
            .args(["show", "stripe", "-o", "json"])
            .output()
            .unwrap(),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (args, code) in [
        (vec!["list"], 0),
        (vec!["search", "stripe"], 0),
        (vec!["show", &id], 0),
        (vec!["show", "fifo@1.0.0"], 5),
        (vec!["instance", "show", "fifo"], 5),
        (vec!["validate"], 1),
        // git cannot hold a FIFO, so no change carries one: check has
        // nothing to judge, and validate is what reports them.
        (vec!["check", "--base", "HEAD"], 0),
    ] {
        let out = r
            .reg()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?} hung or failed: {}",
            stderr(&out)
        );
    }
    let v = json(&r.reg().args(["validate", "-o", "json"]).output().unwrap());
    let special: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "special-file")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        special,
        ["definitions/fifo/1.0.0.yaml", "instances/fifo.yaml"],
        "{v}"
    );
}

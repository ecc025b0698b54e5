//! Many writers at once, and writers killed at random moments: the registry
//! and the git repository must stay whole (SPEC §10).

use std::process::{Child, Command, Stdio};

use std::time::Duration;

use crate::support::{Registry, definition};

fn spawn(r: &Registry, args: &[&str]) -> Child {
    let mut c = r.reg_std();
    c.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    c.spawn().unwrap()
}

fn fsck(r: &Registry) {
    let out = Command::new("git")
        .args(["fsck", "--no-dangling", "--no-progress"])
        .current_dir(&r.root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git fsck: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sixteen_writers_queue_and_none_is_lost() {
    let r = Registry::new();
    let files: Vec<_> = (0..16)
        .map(|i| {
            r.write(
                &format!("in/d{i}.yaml"),
                &definition(&format!("d{i:02}"), "1.0.0", ""),
            )
        })
        .collect();
    let before = r.commit_count();
    let children: Vec<Child> = files
        .iter()
        .map(|f| {
            spawn(
                &r,
                &["--lock-timeout", "60", "register", f.to_str().unwrap()],
            )
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(r.commit_count(), before + 16);
    let touched = r.git(&["log", "--format=", "--name-only", "HEAD~16..HEAD"]);
    let mut paths: Vec<&str> = touched.lines().filter(|l| !l.is_empty()).collect();
    paths.sort_unstable();
    let expected: Vec<String> = (0..16)
        .map(|i| format!("definitions/d{i:02}/1.0.0.yaml"))
        .collect();
    assert_eq!(paths, expected, "each registration in exactly one commit");
    fsck(&r);
    r.assert_clean();
}

#[test]
fn sixteen_racing_publishes_succeed_once() {
    let r = Registry::new();
    r.register("s", "1.0.0", "");
    let before = r.commit_count();
    let children: Vec<Child> = (0..16)
        .map(|_| spawn(&r, &["--lock-timeout", "60", "publish", "s@1.0.0"]))
        .collect();
    let codes: Vec<i32> = children
        .into_iter()
        .map(|mut c| c.wait().unwrap().code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 4).count(), 15, "{codes:?}");
    assert_eq!(r.commit_count(), before + 1);
    fsck(&r);
    r.assert_clean();
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// After a kill: git is consistent, every file parses, nothing partial is
/// visible, and a later validation passes.
fn assert_whole(r: &Registry, what: &str) {
    // A kill inside libgit2's index write can leave index.lock, exactly as a
    // killed git does; `reg` then refuses to write until it is removed.
    let lock = r.path(".git/index.lock");
    if lock.exists() {
        std::fs::remove_file(&lock).unwrap();
    }
    fsck(r);
    let out = r.reg().args(["validate", "-o", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "after killing {what}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let status = r.git(&["status", "--porcelain", "--untracked-files=all"]);
    for line in status.lines() {
        let path = &line[3..];
        assert!(
            !path.contains(".tmp"),
            "a temporary file is visible after killing {what}: {status}"
        );
    }
}

#[test]
fn writes_killed_at_random_moments_leave_everything_whole() {
    let r = Registry::new();
    // Kill within as long as two writes take in this build (debug or
    // release): about half the kills land mid-write, the rest after it.
    let started = std::time::Instant::now();
    r.publish("base", "1.0.0", "");
    let window = started.elapsed().as_micros().max(2_000);
    let window = u64::try_from(window).unwrap_or(60_000);
    r.write("cfg.yaml", "token: ${env:T}\n");
    let mut rng = Lcg(0x5eed);
    let mut killed = 0;
    for i in 0..150 {
        let version = format!("1.{}.0", i + 1);
        let src = r.write("in/next.yaml", &definition("base", &version, ""));
        let (what, mut child) = match i % 3 {
            0 => ("register", spawn(&r, &["register", src.to_str().unwrap()])),
            1 => {
                // Register untouched, then kill the publish.
                let _ = r.reg().args(["register"]).arg(&src).output();
                (
                    "publish",
                    spawn(&r, &["publish", &format!("base@{version}")]),
                )
            }
            _ => (
                "instance create",
                spawn(
                    &r,
                    &[
                        "instance",
                        "create",
                        &format!("i{i}"),
                        "--definition",
                        "base@1.0.0",
                        "--config",
                        "cfg.yaml",
                    ],
                ),
            ),
        };
        std::thread::sleep(Duration::from_micros(rng.next(window)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        assert_whole(&r, what);
    }
    assert!(
        killed > 30,
        "the harness killed only {killed} writes: make the delays shorter"
    );
}

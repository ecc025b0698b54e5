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

/// What a killed write leaves, once the next command has run: nothing.
fn assert_settled(r: &Registry, what: &str) {
    r.assert_all_clean();
    fsck(r);
    for lock in [
        ".git/index.lock".to_string(),
        ".git/HEAD.lock".into(),
        format!(".git/{}.lock", r.branch()),
    ] {
        assert!(!r.path(&lock).exists(), "{lock} left after killing {what}");
    }
    let leftovers: Vec<String> = std::fs::read_dir(r.path(".reg"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.ends_with(".tmp")
                || n == "journal"
                || n.starts_with("moving")
                || n.starts_with("writing")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "left in .reg after killing {what}: {leftovers:?}"
    );
}

/// The writes the harness kills, each with what it needs set up first.
const WRITES: [&str; 7] = [
    "register",
    "publish",
    "deprecate",
    "instance-create",
    "instance-upgrade",
    "instance-retire",
    "delete",
];

/// Runs `args` to the end; setup steps must succeed.
fn run_ok(r: &Registry, args: &[&str]) {
    let out = r.reg().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Sets up round `i` for `write` and returns the command to kill.
fn prepare(r: &Registry, write: &str, i: usize, cfg: &str) -> Vec<String> {
    let version = format!("1.{}.0", i + 1);
    let reference = format!("base@{version}");
    let input = r.write_outside(&format!("in/{i}.yaml"), &definition("base", &version, ""));
    let input = input.to_str().unwrap().to_string();
    let instance = format!("i{i}");
    let owned = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    let create = [
        "instance",
        "create",
        &instance,
        "--definition",
        "base@1.0.0",
        "--config",
        cfg,
    ];
    match write {
        "register" => owned(&["register", &input]),
        "publish" => {
            run_ok(r, &["register", &input]);
            owned(&["publish", &reference])
        }
        "deprecate" => {
            run_ok(r, &["register", &input]);
            run_ok(r, &["publish", &reference]);
            owned(&["deprecate", &reference, "--reason", "superseded"])
        }
        "instance-create" => owned(&create),
        "instance-upgrade" => {
            run_ok(r, &create);
            run_ok(r, &["register", &input]);
            run_ok(r, &["publish", &reference]);
            owned(&["instance", "upgrade", &instance, "--to", &reference])
        }
        "instance-retire" => {
            run_ok(r, &create);
            owned(&["instance", "retire", &instance])
        }
        "delete" => {
            run_ok(r, &["register", &input]);
            owned(&["delete", &reference])
        }
        other => unreachable!("{other}"),
    }
}

#[test]
fn writes_killed_at_any_moment_are_settled_by_the_next_command() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    let cfg = r.write_outside("cfg.yaml", "token: ${env:T}\n");
    let cfg = cfg.to_str().unwrap().to_string();
    // How long each write takes in this build (debug or release): kills are
    // spread over all of it, from process start to the last rename.
    let mut window = std::collections::HashMap::new();
    for (k, write) in WRITES.iter().enumerate() {
        let args = prepare(&r, write, 10_000 + k, &cfg);
        let started = std::time::Instant::now();
        run_ok(&r, &args.iter().map(String::as_str).collect::<Vec<_>>());
        window.insert(
            *write,
            u64::try_from(started.elapsed().as_micros())
                .unwrap()
                .max(1_000),
        );
    }
    let mut rng = Lcg(0x5eed);
    let mut kills = std::collections::HashMap::<&str, usize>::new();
    let mut landed = 0;
    let mut round = 0;
    // Each write is killed 30 times: the next round kills the write killed
    // least so far.
    let fewest = |kills: &std::collections::HashMap<&str, usize>| {
        *WRITES
            .iter()
            .min_by_key(|w| kills.get(**w).copied().unwrap_or(0))
            .unwrap()
    };
    while kills.get(fewest(&kills)).copied().unwrap_or(0) < 30 && round < 600 {
        let write = fewest(&kills);
        let args = prepare(&r, write, round, &cfg);
        let before = r.commit_count();
        let branch = r.path(&format!(".git/{}", r.branch()));
        let tip = std::fs::read(&branch).unwrap_or_default();
        let mut child = spawn(&r, &args.iter().map(String::as_str).collect::<Vec<_>>());
        let w = window[write];
        let mut after_commit = false;
        match rng.next(4) {
            // Right after the branch moved, while the files follow it.
            0 => {
                while child.try_wait().unwrap().is_none()
                    && std::fs::read(&branch).unwrap_or_default() == tip
                {
                    std::thread::sleep(Duration::from_micros(50));
                }
                after_commit = true;
                std::thread::sleep(Duration::from_micros(rng.next(w / 10 + 1)));
            }
            // Anywhere in the write.
            1 | 2 => std::thread::sleep(Duration::from_micros(rng.next(w))),
            // In its last part.
            _ => std::thread::sleep(Duration::from_micros(w * 6 / 10 + rng.next(w / 2))),
        }
        let killed = child.try_wait().unwrap().is_none();
        if killed {
            child.kill().unwrap();
            *kills.entry(write).or_default() += 1;
        } else if !after_commit {
            // Done before the kill: the machine is faster now than when
            // the window was measured.
            window.insert(write, (w * 3 / 4).max(1_000));
        }
        child.wait().unwrap();
        // The next command, a read, settles whatever the kill left.
        run_ok(&r, &["list"]);
        assert_settled(&r, write);
        let after = r.commit_count();
        assert!(
            after == before || after == before + 1,
            "{write}: {before} → {after} commits"
        );
        if after == before + 1 && killed {
            landed += 1;
            let message = r.last_message();
            assert!(
                message.contains(&format!("Reg-Action: {write}")),
                "{write} landed as another action:\n{message}"
            );
        }
        if round % 25 == 0 {
            run_ok(&r, &["validate"]);
        }
        round += 1;
    }
    let total: usize = kills.values().sum();
    eprintln!("{total} kills in {round} rounds ({kills:?}); {landed} killed writes had committed");
    assert!(
        total >= 200,
        "only {total} kills in {round} rounds: {kills:?}"
    );
    for write in WRITES {
        assert!(
            kills.get(write).copied().unwrap_or(0) >= 30,
            "{write} was killed too rarely: {kills:?}"
        );
    }
    // Some kills come after the reference moved (the write lands and the
    // next command finishes it), most before: both sides of the commit
    // point are exercised.
    assert!(
        landed >= 20 && landed + 100 < total,
        "{landed} of {total} killed writes had committed"
    );
    // History is exactly what completed: one event per commit, in order.
    let history = crate::support::json(
        &r.reg()
            .args(["history", "base", "-o", "json"])
            .output()
            .unwrap(),
    );
    let events = history["events"].as_array().unwrap().len();
    let touching = r
        .git(&["log", "--format=%H", "--", "definitions/base"])
        .lines()
        .count();
    assert_eq!(
        events, touching,
        "reg history lists every commit that landed, and only those"
    );
}

/// The temporary files in `.reg/`.
fn temps(r: &Registry) -> Vec<String> {
    std::fs::read_dir(r.path(".reg"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_read_killed_while_it_writes_its_cache_leaves_nothing_once_the_next_command_ran() {
    let r = Registry::new();
    // Enough connector-sized files that building the cache takes a while.
    r.commit_connectors(400);
    let cold = || {
        let _ = std::fs::remove_file(r.path(".reg/index"));
        let _ = std::fs::remove_file(r.path(".reg/ids"));
    };
    cold();
    let started = std::time::Instant::now();
    run_ok(&r, &["list", "--limit", "1"]);
    let window = u64::try_from(started.elapsed().as_micros())
        .unwrap()
        .max(1_000);
    let mut rng = Lcg(0xcafe);
    let mut killed = 0;
    for _ in 0..12 {
        cold();
        let mut child = spawn(&r, &["list", "--limit", "1"]);
        std::thread::sleep(Duration::from_micros(rng.next(window)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let out = r
            .reg()
            .args(["list", "-o", "json", "--limit", "1000"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", crate::support::stderr(&out));
        assert_eq!(
            crate::support::json(&out)["items"]
                .as_array()
                .unwrap()
                .len(),
            400
        );
        assert!(temps(&r).is_empty(), "left in .reg: {:?}", temps(&r));
    }
    assert!(killed > 0, "no read was killed before it ended");
    r.assert_clean();
}

#[test]
fn a_cache_another_reg_is_still_writing_is_left_to_it() {
    let r = Registry::new();
    r.publish("base", "1.0.0", "");
    // What a killed read leaves, and what a live one is writing: a file its
    // writer holds locked (as `reg` holds each temporary file it writes).
    std::fs::write(r.path(".reg/.reg-998-killed.tmp"), "half a cache").unwrap();
    let live = std::fs::File::create(r.path(".reg/.reg-999-live.tmp")).unwrap();
    rustix::fs::flock(&live, rustix::fs::FlockOperation::LockExclusive).unwrap();
    run_ok(&r, &["list"]);
    assert_eq!(temps(&r), [".reg-999-live.tmp"]);
    // Its writer gone (the lock is dropped with it), it is a leftover.
    drop(live);
    run_ok(&r, &["list"]);
    assert!(temps(&r).is_empty(), "{:?}", temps(&r));
}

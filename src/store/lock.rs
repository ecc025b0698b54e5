//! The registry's write lock, `.reg/lock`: an operating-system lock, so a
//! killed `reg` can never leave it behind (SPEC §10).

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

use rustix::fs::{FileType, Mode, OFlags};

use crate::error::{Error, LINK, Result};
use crate::registry::{CACHE_DIR, Registry};
use crate::root::Kind;

/// The lock file under `.reg/`.
const FILE: &str = "lock";

/// Held until dropped.
pub struct Lock {
    _file: File,
}

/// Takes the lock, waiting up to `timeout` and saying once on stderr that
/// it waits.
///
/// # Errors
///
/// Exit 5 when it stays busy past the timeout, or `.reg` or the lock file
/// is not a plain folder and a plain file.
pub fn take(registry: &Registry, timeout: Duration) -> Result<Lock> {
    let file = open(registry)?;
    let start = Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io("lock", path(), e)),
        }
        if start.elapsed() >= timeout {
            return Err(Error::Environment {
                message: format!(
                    "another reg process is writing to this registry (waited {:.1}s for {})",
                    timeout.as_secs_f64(),
                    path().display()
                ),
                help: Some("try again when it is done, or raise --lock-timeout".into()),
            });
        }
        if !said {
            eprintln!("reg: waiting for another reg process to finish writing...");
            said = true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Takes the lock if nobody holds it; `None` when another process does or
/// it cannot be had at all (a read then goes on without it).
#[must_use]
pub fn try_take(registry: &Registry) -> Option<Lock> {
    let file = open(registry).ok()?;
    file.try_lock().ok()?;
    Some(Lock { _file: file })
}

fn path() -> std::path::PathBuf {
    Path::new(CACHE_DIR).join(FILE)
}

/// Opens (creating) the lock file, refusing a `.reg` or lock file that is
/// a link or a special file: nothing is ever written through them.
fn open(registry: &Registry) -> Result<File> {
    let fs = registry.fs();
    let dir =
        fs.make_dirs(Path::new(CACHE_DIR))
            .map_err(|e| match fs.kind(Path::new(CACHE_DIR)) {
                Ok(Some(Kind::Link)) => Error::Unsafe {
                    path: CACHE_DIR.into(),
                    what: LINK,
                },
                Ok(Some(Kind::Special(what))) => Error::Unsafe {
                    path: CACHE_DIR.into(),
                    what,
                },
                _ => Error::io("create", CACHE_DIR, e),
            })?;
    // The folder ignores itself, as cargo's `target/` does, so it stays out
    // of `git status` even where `.gitignore` does not name it.
    if let Ok(fd) = rustix::fs::openat(
        &dir,
        ".gitignore",
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o666),
    ) {
        let _ = std::io::Write::write_all(&mut File::from(fd), b"*\n");
    }
    let fd = rustix::fs::openat(
        &dir,
        FILE,
        OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o666),
    )
    .map_err(|e| match e {
        rustix::io::Errno::LOOP => Error::Unsafe {
            path: path().display().to_string(),
            what: LINK,
        },
        e => Error::io("open", path(), e.into()),
    })?;
    let stat = rustix::fs::fstat(&fd).map_err(|e| Error::io("open", path(), e.into()))?;
    if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
        return Err(Error::Unsafe {
            path: path().display().to_string(),
            what: "not a regular file",
        });
    }
    Ok(File::from(fd))
}

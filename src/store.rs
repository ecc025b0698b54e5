//! Writing to a registry: one write transaction per command, holding the
//! registry lock, writing each file atomically and making exactly one
//! commit of exactly those files (SPEC §3, §10).

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::git::{Event, Identity, Repo};
use crate::registry::{CACHE_DIR, Registry};

/// How a write is recorded.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Write the files and stage nothing (`--no-commit`).
    pub no_commit: bool,
    /// How long to wait for another writer (`--lock-timeout`).
    pub lock_timeout: Duration,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            no_commit: false,
            lock_timeout: Duration::from_secs(10),
        }
    }
}

/// One write in progress: the lock is held until it is dropped.
pub struct Transaction<'r> {
    registry: &'r Registry,
    repo: Option<(Repo, Identity)>,
    time: Timestamp,
    _lock: File,
}

impl<'r> Transaction<'r> {
    /// Takes the registry's write lock, then the identity the commit will
    /// carry, before anything is read for the change, so that what the
    /// command checks is what it writes over.
    ///
    /// # Errors
    ///
    /// Exit 5 when the lock stays busy past the timeout, there is no git
    /// repository or no identity.
    pub fn begin(registry: &'r Registry, options: WriteOptions) -> Result<Self> {
        let lock = lock(registry.root(), options.lock_timeout)?;
        let (repo, time) = if options.no_commit {
            let time = match std::env::var("GIT_COMMITTER_DATE").ok() {
                Some(d) => crate::git::parse_date(&d)
                    .and_then(|t| Timestamp::from_second(t.seconds()).ok())
                    .unwrap_or_else(Timestamp::now),
                None => Timestamp::now(),
            };
            (None, time)
        } else {
            let repo = Repo::open(registry.root())?;
            let identity = repo.identity()?;
            let time = identity.time();
            (Some((repo, identity)), time)
        };
        Ok(Transaction {
            registry,
            repo,
            time: Timestamp::from_second(time.as_second()).unwrap_or(time),
            _lock: lock,
        })
    }

    /// The time this change is stamped with (the commit's time).
    #[must_use]
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// Writes (or, with `None`, deletes) each file atomically, then commits
    /// them as one `event`. If the commit fails, the files are put back.
    ///
    /// # Errors
    ///
    /// Exit 5 on I/O or git failure; the work tree is left as it was.
    pub fn commit(
        &self,
        changes: Vec<(PathBuf, Option<String>)>,
        event: &Event,
    ) -> Result<Option<git2::Oid>> {
        let root = self.registry.root();
        let mut undo: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
        let result = (|| {
            for (rel, contents) in &changes {
                let path = root.join(rel);
                let before = match std::fs::read(&path) {
                    Ok(b) => Some(b),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => return Err(Error::io("read", &path, e)),
                };
                undo.push((path.clone(), before));
                if let Some(dir) = path.parent() {
                    remove_leftovers(dir);
                }
                match contents {
                    Some(text) => write_atomic(&path, text.as_bytes())?,
                    None => remove(&path)?,
                }
            }
            match &self.repo {
                Some((repo, identity)) => {
                    let paths: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
                    repo.commit(&paths, event, identity).map(Some)
                }
                None => Ok(None),
            }
        })();
        if result.is_err() {
            for (path, before) in undo.into_iter().rev() {
                // Best effort: the error being reported matters more than a failed undo.
                let _ = match before {
                    Some(bytes) => write_atomic(&path, &bytes),
                    None => remove(&path),
                };
            }
        }
        result
    }
}

/// Takes the exclusive lock `.reg/lock`, waiting up to `timeout` and saying
/// once on stderr that it waits. The operating system releases it when the
/// process dies, so a killed `reg` never leaves a stale lock.
fn lock(root: &Path, timeout: Duration) -> Result<File> {
    let dir = root.join(CACHE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let path = dir.join("lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io("open", &path, e))?;
    let start = Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io("lock", &path, e)),
        }
        if start.elapsed() >= timeout {
            return Err(Error::Environment {
                message: format!(
                    "another reg process is writing to this registry (waited {:.1}s for {})",
                    timeout.as_secs_f64(),
                    path.display()
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

/// Writes a file so that a crash leaves either the old or the new contents:
/// a temporary file in the same folder, flushed to disk, renamed over the
/// target, and the folder flushed so the rename itself survives.
///
/// # Errors
///
/// Exit 5 on I/O failure; the target is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".reg-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("write", path, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io("write", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("write", path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Removes temporary files a killed `reg` left in `dir`. Only called with
/// the write lock held, so no other writer's file can be among them.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".reg-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io("remove", path, e)),
    }
    if let Some(dir) = path.parent() {
        // An emptied definition folder goes too, as git would not keep it.
        let _ = std::fs::remove_dir(dir);
        sync_dir(dir.parent().unwrap_or(dir));
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Not every platform can open a folder to sync it; the rename is still atomic.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

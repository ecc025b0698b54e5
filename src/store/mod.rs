//! Writing to a registry (SPEC §3, §10): one transaction per command, under
//! the registry's lock, and each write all or nothing, even when the
//! process is killed at any instruction.
//!
//! # How one write happens
//!
//! 1. What can be checked is checked before anything is written: every
//!    file the write replaces must equal HEAD, in the work tree and in the
//!    index (so no commit carries an edit its command did not make), and
//!    every new file must be one `reg` would read back.
//! 2. The blobs, tree and commit go into git's object database. Objects no
//!    reference points at are invisible; `git gc` collects them.
//! 3. The intent record, `.reg/journal`, is written and flushed: the
//!    reference, its commit before and after, and for each file the blob it
//!    holds and the blob it will hold.
//! 4. The new files are written and flushed under temporary names in
//!    `.reg/`, so a full disk fails here, while nothing visible changed.
//! 5. The reference moves, by compare and swap. This is the moment the
//!    write happens. If another commit came first, the write is made again
//!    on top of it, when that commit did not touch this registry.
//! 6. The files are renamed into place and their index entries set.
//! 7. The journal is removed.
//!
//! A failure before 5 removes what 2–4 made and leaves every file, the
//! index and every reference as they were. A failure after it moves the
//! reference back and settles. A kill anywhere leaves the journal, and the
//! next `reg` command, read or write, settles it first (`store/journal.rs`).

mod journal;
mod lock;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::Oid;
use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::git::{Event, Head, Identity, Index, Moved, Repo};
use crate::registry::{CACHE_DIR, Registry};
use crate::root::Temp;
use journal::{Entry, Journal, blob_id};

/// How a write is recorded.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Write the files and stage nothing (`--no-commit`).
    pub no_commit: bool,
    /// Check everything a write checks, then write nothing (`--dry-run`):
    /// what would have been written is kept as a [`Plan`].
    pub dry_run: bool,
    /// How long to wait for another writer (`--lock-timeout`).
    pub lock_timeout: Duration,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            no_commit: false,
            dry_run: false,
            lock_timeout: Duration::from_secs(10),
        }
    }
}

/// One write in progress: the lock is held until it is dropped.
pub struct Transaction<'r> {
    registry: &'r Registry,
    repo: Option<(Repo, Identity)>,
    time: Timestamp,
    notes: RefCell<Vec<String>>,
    dry_run: bool,
    plan: RefCell<Option<Plan>>,
    /// `None` in a dry run, which writes nothing, not even a lock.
    _lock: Option<lock::Lock>,
}

/// What a dry run would have written: the files and the commit message.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Plan {
    /// Each file, relative to the registry root, and what happens to it.
    pub files: Vec<PlannedFile>,
    /// The commit message, trailers included; `None` with `--no-commit`.
    pub message: Option<String>,
}

/// One file of a [`Plan`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlannedFile {
    /// Relative to the registry root, with `/`.
    pub path: String,
    /// `create`, `modify` or `delete`.
    pub change: &'static str,
}

/// How many times a write is made again on a reference that moved.
const RETRIES: usize = 8;

impl Registry {
    /// Opens the registry at `explicit` (`--registry`), else the nearest
    /// folder at or above the current directory holding `reg.yaml`, after
    /// finishing or undoing a write a killed `reg` left (SPEC §10). Every
    /// command opens its registry here, so none reads a half-made write.
    ///
    /// # Errors
    ///
    /// Exit 5 when there is none or `reg.yaml` is a link or special file;
    /// exit 1 when `reg.yaml` is invalid.
    pub fn open(explicit: Option<&Path>) -> Result<Registry> {
        let mut registry = Registry::open_unrecovered(explicit, false)?;
        registry.recovered = recover_if_needed(&registry);
        Ok(registry)
    }

    /// [`Registry::open`] for `reg validate` and `reg check`: a `reg.yaml`
    /// that is a link or a special file is a finding (exit 1), so CI
    /// reports it where it reports everything else.
    ///
    /// # Errors
    ///
    /// As [`Registry::open`].
    pub fn open_for_review(explicit: Option<&Path>) -> Result<Registry> {
        let mut registry = Registry::open_unrecovered(explicit, true)?;
        registry.recovered = recover_if_needed(&registry);
        Ok(registry)
    }
}

/// Settles a write a killed `reg` left, if there is one and no live writer
/// holds the lock. Reads call this before anything else; what it says is
/// returned for the user. A failure here is only reported: the read goes on
/// from the work tree as it is.
#[must_use]
fn recover_if_needed(registry: &Registry) -> Vec<String> {
    if !journal::pending(registry.fs()) && !journal::leftovers(registry.fs()) {
        return Vec::new();
    }
    let Some(_lock) = lock::try_take(registry) else {
        return Vec::new();
    };
    match journal::settle(registry) {
        Ok(notes) => notes,
        Err(e) => vec![format!(
            "could not finish a write a killed reg left ({e}); the next write tries again"
        )],
    }
}

/// What one file of a write holds before it.
struct Current {
    rel: PathBuf,
    text: Option<String>,
    /// Its bytes and permissions now; `None` when it does not exist.
    now: Option<(Vec<u8>, u32)>,
}

impl<'r> Transaction<'r> {
    /// Takes the registry's write lock, settles a write a killed `reg`
    /// left, then checks that a commit can be made (no merge or rebase in
    /// progress, no signing required, an identity), before anything is read
    /// for the change: what the command checks is what it writes over.
    ///
    /// # Errors
    ///
    /// Exit 5 when the lock stays busy past the timeout, `.reg` is a link,
    /// there is no git repository or no identity, or git is mid-operation.
    pub fn begin(registry: &'r Registry, options: WriteOptions) -> Result<Self> {
        // A dry run reads as a read does: what a killed write left was
        // settled when the registry was opened, if no writer held the lock.
        let (lock, notes) = if options.dry_run {
            (None, Vec::new())
        } else {
            let lock = lock::take(registry, options.lock_timeout)?;
            (Some(lock), journal::settle(registry)?)
        };
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
            repo.ready_to_commit()?;
            let identity = repo.identity()?;
            let time = identity.time();
            (Some((repo, identity)), time)
        };
        Ok(Transaction {
            registry,
            repo,
            time: Timestamp::from_second(time.as_second()).unwrap_or(time),
            notes: RefCell::new(notes),
            dry_run: options.dry_run,
            plan: RefCell::new(None),
            _lock: lock,
        })
    }

    /// The time this change is stamped with (the commit's time).
    #[must_use]
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// What the user should hear about this write besides its outcome (a
    /// detached HEAD, an earlier write settled).
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        self.notes.take()
    }

    /// In a dry run, what the last [`Transaction::commit`] would have
    /// written.
    #[must_use]
    pub fn plan(&self) -> Option<Plan> {
        self.plan.take()
    }

    /// Writes (or, with `None`, deletes) each file and commits them as one
    /// `event`, all or nothing (see the module's description).
    ///
    /// # Errors
    ///
    /// Exit 1 when a file would be one `reg` refuses to read; exit 4 when a
    /// file to replace has changes of its own; exit 5 on I/O or git failure,
    /// with the work tree, the index and every reference as before.
    pub fn commit(
        &self,
        changes: Vec<(PathBuf, Option<String>)>,
        event: &Event,
    ) -> Result<Option<Oid>> {
        let fs = self.registry.fs();
        let mut files = Vec::with_capacity(changes.len());
        for (rel, text) in changes {
            if let Some(text) = &text {
                readable(&rel, text)?;
            }
            let now = match fs.open_file(&rel) {
                Ok(file) => {
                    let mode = rustix::fs::fstat(&file)
                        .map(|s| s.st_mode & 0o7777)
                        .unwrap_or(0o644);
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(
                        &mut std::io::Read::take(file, crate::text::MAX_FILE_BYTES + 1),
                        &mut bytes,
                    )
                    .map_err(|e| Error::io("read", &rel, e))?;
                    Some((bytes, mode))
                }
                Err(crate::text::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    None
                }
                Err(e) => return Err(Error::unreadable(&rel, e)),
            };
            files.push(Current { rel, text, now });
        }
        if self.dry_run {
            return self.rehearse(&files, event).map(|()| None);
        }
        match &self.repo {
            None => self.write_files(&files).map(|()| None),
            Some((repo, identity)) => {
                match self.commit_files(repo, identity, &files, event)? {
                    Ok(new) => Ok(Some(new)),
                    // Outside the git lock, which settling takes again.
                    Err(undo) => Err(self.take_back(repo, undo)),
                }
            }
        }
    }

    /// `--dry-run`: the checks a commit makes before it writes, then the
    /// plan instead of the write.
    fn rehearse(&self, files: &[Current], event: &Event) -> Result<()> {
        if let Some((repo, _)) = &self.repo {
            let head = repo.head()?;
            let index = repo.index()?;
            for f in files {
                as_in_head(repo, head.commit, &index, f)?;
            }
        }
        *self.plan.borrow_mut() = Some(Plan {
            files: files
                .iter()
                .map(|f| PlannedFile {
                    path: crate::root::display_rel(&f.rel),
                    change: match (&f.now, &f.text) {
                        (_, None) => "delete",
                        (None, Some(_)) => "create",
                        (Some(_), Some(_)) => "modify",
                    },
                })
                .collect(),
            message: self.repo.as_ref().map(|_| event.message()),
        });
        Ok(())
    }

    /// `--no-commit`: the files only, still all or nothing.
    fn write_files(&self, files: &[Current]) -> Result<()> {
        let fs = self.registry.fs();
        // Staged first: a full disk fails here, and temporary files in
        // `.reg/` are removed by the next write whatever happens.
        let mut temps = self.stage(files)?;
        let journal = Journal {
            format: 1,
            commit: false,
            reference: None,
            old: None,
            new: None,
            files: files
                .iter()
                .map(|f| Entry {
                    path: crate::root::display_rel(&f.rel),
                    before: f.now.as_ref().map(|(b, _)| blob_id(b)),
                    after: f.text.as_ref().map(|t| blob_id(t.as_bytes())),
                    text: f.text.clone(),
                })
                .collect(),
        };
        journal.save(fs)?;
        if let Err(e) = self.place(files, &mut temps) {
            // Put back what was already placed, from what was read before.
            for f in files {
                let _ = match &f.now {
                    Some((bytes, _)) => journal::put(fs, &f.rel, bytes).map(drop),
                    None => fs.remove(&f.rel),
                };
            }
            let _ = Journal::remove(fs);
            return Err(e);
        }
        Journal::remove(fs)
    }

    /// Whether `rel` holds what HEAD holds, in the work tree and in the
    /// index (always true with `--no-commit`).
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn unchanged(&self, rel: &Path) -> Result<bool> {
        let Some((repo, _)) = &self.repo else {
            return Ok(true);
        };
        let head = repo.head()?;
        let committed = repo
            .entry_at(head.commit, rel)?
            .map(|(id, _)| id.to_string());
        let here = match self.registry.fs().read_text(rel) {
            Ok(text) => Some(blob_id(text.as_bytes())),
            Err(crate::text::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::unreadable(rel, e)),
        };
        let staged = repo
            .index_entry(&repo.index()?, rel)
            .map(|(id, _)| id.to_string());
        Ok(here == committed && staged == committed)
    }

    /// Makes the commit. `Ok(Err(..))` is a failure after the commit
    /// point, to be taken back once the git lock is released.
    fn commit_files(
        &self,
        repo: &Repo,
        identity: &Identity,
        files: &[Current],
        event: &Event,
    ) -> Result<std::result::Result<Oid, Undo>> {
        let fs = self.registry.fs();
        // Other registries of this repository wait here, so index updates
        // never interleave.
        let _git = repo.lock()?;
        let head = repo.head()?;
        // The commit's objects are made while the index is read; what they
        // are is known before the index says whether the change can go in.
        // A refusal then leaves only objects nothing refers to, which git
        // prunes, as it does those `git add` leaves.
        let (index, made) = repo.index_while(|| {
            let committed = files
                .iter()
                .map(|f| committed_as_now(repo, head.commit, f))
                .collect::<Result<Vec<_>>>()?;
            let objects = || {
                let mut updates = Vec::with_capacity(files.len());
                for (f, committed) in files.iter().zip(&committed) {
                    let blob = match &f.text {
                        Some(text) => {
                            let mode = committed.map_or_else(
                                || match &f.now {
                                    Some((_, m)) if m & 0o111 != 0 => 0o100_755,
                                    _ => 0o100_644,
                                },
                                |(_, m)| m,
                            );
                            let blob = repo.write_blob(text.as_bytes()).map_err(|e| {
                                nothing_changed(format!("cannot store the new file in git: {e}"))
                            })?;
                            Some((blob, mode))
                        }
                        None => None,
                    };
                    updates.push((f.rel.clone(), blob));
                }
                let commit = make_commit(repo, head.commit, &updates, event, identity)?;
                Ok::<_, Error>((updates, commit))
            };
            let made = objects();
            Ok::<_, Error>((committed, made))
        });
        let index = index?;
        // Refusals first, then a failure to store the objects.
        let (committed, made) = made?;
        for (f, committed) in files.iter().zip(&committed) {
            staged_as_committed(repo, &index, f, *committed)?;
        }
        let (updates, first) = made?;
        let entries = files
            .iter()
            .zip(&committed)
            .zip(&updates)
            .map(|((f, committed), (_, blob))| Entry {
                path: crate::root::display_rel(&f.rel),
                before: committed.map(|(id, _)| id.to_string()),
                after: blob.map(|(id, _)| id.to_string()),
                text: None,
            })
            .collect();
        let mut journal = Journal {
            format: 1,
            commit: true,
            reference: Some(head.reference.clone()),
            old: head.commit.map(|c| c.to_string()),
            new: None,
            files: entries,
        };
        let summary = event
            .message()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        let mut base = head.commit;
        let mut commit = first;
        let mut temps: Option<Vec<Option<Temp>>> = None;
        let mut attempt = 0;
        let new = loop {
            journal.old = base.map(|c| c.to_string());
            journal.new = Some(commit.to_string());
            journal
                .save(fs)
                .map_err(|e| self.abandon(nothing_changed(e.to_string())))?;
            if temps.is_none() {
                match self.stage(files) {
                    Ok(t) => temps = Some(t),
                    Err(e) => return Err(self.abandon(e)),
                }
            }
            let _ = fs.mark(&Path::new(CACHE_DIR).join(journal::MOVING_REF));
            let moved = repo.move_ref(&head, base, commit, &summary);
            let _ = fs.unmark(&Path::new(CACHE_DIR).join(journal::MOVING_REF));
            match moved {
                Ok(()) => break commit,
                Err(Moved::To(tip))
                    if attempt < RETRIES
                        && repo.registry_unchanged(base, tip, &paths(files))? =>
                {
                    attempt += 1;
                    base = tip;
                    commit = make_commit(repo, base, &updates, event, identity)?;
                }
                Err(Moved::To(tip)) => {
                    return Err(self.abandon(Error::git(
                        format!(
                            "{} moved while reg was writing (it is now at {}), and the new commits change this registry; nothing was written",
                            head.reference,
                            tip.map_or("nothing".to_string(), |t| t.to_string()[..10].to_string())
                        ),
                        Some("run the command again: it will check the new state first".to_string()),
                    )));
                }
                Err(Moved::Locked) => {
                    let lock = repo.ref_lock_path(&head.reference).unwrap_or_default();
                    return Err(self.abandon(Error::git(
                        format!(
                            "git's lock on {} is held by another git process; nothing was written",
                            head.reference
                        ),
                        Some(format!(
                            "wait for it to finish and run the command again; if no git is running, remove {}",
                            lock.display()
                        )),
                    )));
                }
                Err(Moved::Failed(e)) => return Err(self.abandon(e)),
            }
        };
        // The commit is made: the work tree and the index follow it, or it
        // is taken back.
        let mut temps = temps.unwrap_or_default();
        let done = self
            .place(files, &mut temps)
            .and_then(|stats| self.stage_in_index(repo, index, files, &updates, &stats));
        if let Err(error) = done {
            return Ok(Err(Undo {
                head,
                new,
                base,
                error,
            }));
        }
        Journal::remove(fs)?;
        if head.detached {
            self.notes.borrow_mut().push(format!(
                "HEAD is detached: commit {} is on no branch (`git switch -c NAME` keeps it)",
                &new.to_string()[..10]
            ));
        }
        Ok(Ok(new))
    }

    /// Writes each new file under a temporary name in `.reg/`, flushed.
    fn stage(&self, files: &[Current]) -> Result<Vec<Option<Temp>>> {
        let fs = self.registry.fs();
        files
            .iter()
            .map(|f| {
                f.text
                    .as_ref()
                    .map(|text| {
                        fs.temp(
                            Path::new(CACHE_DIR),
                            text.as_bytes(),
                            f.now.as_ref().map(|(_, mode)| *mode),
                        )
                        .map_err(|e| {
                            nothing_changed(format!(
                                "cannot write {}: {e}",
                                crate::root::display_rel(&f.rel)
                            ))
                        })
                    })
                    .transpose()
            })
            .collect()
    }

    /// Renames each staged file into place and removes each deleted one;
    /// returns the stat data of each file placed.
    fn place(
        &self,
        files: &[Current],
        temps: &mut [Option<Temp>],
    ) -> Result<Vec<Option<rustix::fs::Stat>>> {
        let fs = self.registry.fs();
        let mut stats = Vec::with_capacity(files.len());
        for (f, temp) in files.iter().zip(temps.iter_mut()) {
            match temp {
                Some(t) => {
                    fs.place(t, &f.rel)
                        .map_err(|e| Error::io("write", &f.rel, e))?;
                    stats.push(t.stat().ok());
                }
                None => {
                    fs.remove(&f.rel)
                        .map_err(|e| Error::io("remove", &f.rel, e))?;
                    stats.push(None);
                }
            }
        }
        Ok(stats)
    }

    /// Sets the index entries of the files just committed.
    fn stage_in_index(
        &self,
        repo: &Repo,
        index: Index,
        files: &[Current],
        updates: &[(PathBuf, Option<(Oid, i32)>)],
        stats: &[Option<rustix::fs::Stat>],
    ) -> Result<()> {
        let fs = self.registry.fs();
        // The index read before the commit, unless git has written it since.
        let mut index = repo.index_again(index)?;
        for ((f, (_, blob)), stat) in files.iter().zip(updates).zip(stats) {
            let entry = match (blob, stat) {
                (Some((id, mode)), Some(st)) => Some((*id, *mode, st)),
                _ => None,
            };
            repo.set_index_entry(&mut index, &f.rel, entry)?;
        }
        let marker = Path::new(CACHE_DIR).join(journal::WRITING_INDEX);
        let _ = fs.mark(&marker);
        // `git status` in an editor takes the index's lock for moments:
        // wait a little before giving up.
        let mut written = repo.write_index(&mut index);
        for _ in 0..40 {
            if written.is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
            written = repo.write_index(&mut index);
        }
        let _ = fs.unmark(&marker);
        written
    }

    /// Gives up before the commit point: the staged files and the journal
    /// go, and nothing visible changed.
    fn abandon(&self, e: Error) -> Error {
        let _ = Journal::remove(self.registry.fs());
        let _ = journal::settle(self.registry);
        e
    }

    /// Gives up after the commit point: the reference moves back and the
    /// files are settled to it. If even that fails, the journal stays and
    /// the next command settles.
    fn take_back(&self, repo: &Repo, undo: Undo) -> Error {
        let Undo {
            head,
            new,
            base,
            error: e,
        } = undo;
        let back = match base {
            Some(base) => repo.move_ref(&head, Some(new), base, "reg: undo a failed write"),
            None => Err(Moved::Failed(Error::git(
                "the branch had no commit before",
                None,
            ))),
        };
        if back.is_ok() && journal::settle(self.registry).is_ok() {
            return Error::Environment {
                message: format!("{e}; the commit was taken back and nothing changed"),
                help: Some("fix the cause and run the command again".into()),
            };
        }
        Error::Environment {
            message: format!(
                "{e}; commit {} was made but the work tree could not follow it",
                &new.to_string()[..10]
            ),
            help: Some("the next reg command finishes it; fix the cause first".into()),
        }
    }
}

/// The commit of `updates` on `base`, its objects written.
fn make_commit(
    repo: &Repo,
    base: Option<Oid>,
    updates: &[(PathBuf, Option<(Oid, i32)>)],
    event: &Event,
    identity: &Identity,
) -> Result<Oid> {
    repo.make_commit(base, updates, event, identity)
        .map_err(|e| nothing_changed(format!("cannot store the commit in git: {e}")))
}

/// A failure before the commit point, saying what to do.
fn nothing_changed(message: String) -> Error {
    Error::Environment {
        message: format!("{message}; nothing was changed"),
        help: Some(
            "check that the disk has room and the registry and its git folder are writable, then run the command again"
                .into(),
        ),
    }
}

/// A write that failed after its commit was made, to take back.
struct Undo {
    head: Head,
    new: Oid,
    base: Option<Oid>,
    error: Error,
}

fn paths(files: &[Current]) -> Vec<PathBuf> {
    files.iter().map(|f| f.rel.clone()).collect()
}

/// A file to replace has changes of its own (SPEC §3).
/// HEAD's entry for a file the write replaces, which must hold in the work
/// tree and the index what HEAD holds: no commit carries an edit its
/// command did not make.
fn as_in_head(
    repo: &Repo,
    head: Option<Oid>,
    index: &Index,
    f: &Current,
) -> Result<Option<(Oid, i32)>> {
    let committed = committed_as_now(repo, head, f)?;
    staged_as_committed(repo, index, f, committed)?;
    Ok(committed)
}

/// What `head` holds at `f`'s path (blob and mode), refused unless the
/// work tree holds the same.
fn committed_as_now(repo: &Repo, head: Option<Oid>, f: &Current) -> Result<Option<(Oid, i32)>> {
    let committed = repo.entry_at(head, &f.rel)?;
    let in_head = committed.map(|(id, _)| id.to_string());
    let here = f.now.as_ref().map(|(b, _)| blob_id(b));
    if here != in_head {
        return Err(uncommitted(&f.rel, in_head.is_some()));
    }
    Ok(committed)
}

/// Refuses a change to `f` when the index stages something other than
/// what is committed there.
fn staged_as_committed(
    repo: &Repo,
    index: &Index,
    f: &Current,
    committed: Option<(Oid, i32)>,
) -> Result<()> {
    let staged = repo.index_entry(index, &f.rel).map(|(id, _)| id);
    if staged != committed.map(|(id, _)| id) {
        return Err(uncommitted(&f.rel, committed.is_some()));
    }
    Ok(())
}

fn uncommitted(rel: &Path, tracked: bool) -> Error {
    let file = crate::root::display_rel(rel);
    Error::conflict(
        "uncommitted",
        if tracked {
            format!("{file} has changes that are not committed; reg commits only its own")
        } else {
            format!("{file} exists but is not committed; reg commits only its own changes")
        },
        vec![file.clone()],
        Some(format!(
            "commit or discard your changes to {file} first (`git diff HEAD -- {file}` shows them), or pass --no-commit"
        )),
    )
}

/// Refuses to write a file `reg` itself would refuse to read (SPEC §10):
/// the registry's YAML files (`.gitignore` is git's, not `reg`'s to read).
fn readable(rel: &Path, text: &str) -> Result<()> {
    if rel.extension().is_none_or(|e| e != "yaml") {
        return Ok(());
    }
    let file = crate::root::display_rel(rel);
    let problem = if text.len() as u64 > crate::text::MAX_FILE_BYTES {
        Some((
            "file-too-large",
            format!(
                "the file would be {} bytes; reg reads files of at most {} bytes, so it writes none larger",
                text.len(),
                crate::text::MAX_FILE_BYTES
            ),
        ))
    } else {
        crate::yaml::parse(text).err().map(|e| {
            (
                "unreadable-output",
                format!(
                    "the file reg would write could not be read back: {}",
                    e.message
                ),
            )
        })
    };
    match problem {
        None => Ok(()),
        Some((code, message)) => {
            let mut report = crate::finding::Report {
                files: 1,
                ..Default::default()
            };
            report.add(
                vec![crate::finding::Finding::error(
                    &file, "", "file", code, message,
                )],
                None,
            );
            Err(Error::Invalid(report))
        }
    }
}

/// Writes a file outside any registry (`reg new`), atomically: a temporary
/// file in the same folder, flushed, renamed over the target.
///
/// # Errors
///
/// Exit 5 on I/O failure; the target is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fs = crate::root::Root::open(dir).map_err(|e| Error::io("write", path, e))?;
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage(format!("{} is not a file name", path.display()), None))?;
    let mut temp = fs
        .temp(Path::new(""), bytes, None)
        .map_err(|e| Error::io("write", path, e))?;
    fs.place(&mut temp, Path::new(name))
        .map_err(|e| Error::io("write", path, e))
}

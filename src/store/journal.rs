//! The intent record of a write in progress, `.reg/journal`, and how the
//! next `reg` command settles a write that was cut short (SPEC §10).
//!
//! Settling makes each file the journal names match the commit its
//! reference points at *now*: if the reference moved, the write happened
//! and the work tree catches up; if it did not, the write never happened
//! and nothing visible had changed yet. A file is only touched when it
//! holds one of the two versions the journal says `reg` was moving between,
//! so an edit made since is never lost; and what is written comes from the
//! commit's tree, never from the journal, which is as untrusted as
//! anything else under `.reg/`. A `--no-commit` write is finished from the
//! journal's copy of the new contents, under the same condition.

use std::path::{Path, PathBuf};

use git2::Oid;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::git::Repo;
use crate::registry::{CACHE_DIR, Registry};
use crate::root::Root;
use crate::text::ReadError;

/// The journal under `.reg/`.
pub(super) const FILE: &str = "journal";
/// Present while `reg` moves a reference: git's lock file for it, if left
/// behind, is then the dead write's.
pub(super) const MOVING_REF: &str = "moving-ref";
/// Present while `reg` writes git's index: its lock file, if left behind,
/// is the dead write's.
pub(super) const WRITING_INDEX: &str = "writing-index";
/// Journals larger than this are not ours (two 4 MiB files and change).
const MAX_JOURNAL_BYTES: u64 = 16 * 1024 * 1024;

/// What a write is doing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Journal {
    pub format: u32,
    /// `true`: one commit; `false`: files only (`--no-commit`).
    pub commit: bool,
    /// The reference the commit moves (`refs/heads/main`, or `HEAD`).
    #[serde(default)]
    pub reference: Option<String>,
    /// Its commit before.
    #[serde(default)]
    pub old: Option<String>,
    /// The commit it moves to.
    #[serde(default)]
    pub new: Option<String>,
    pub files: Vec<Entry>,
}

/// One file of a write.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// Relative to the registry root.
    pub path: String,
    /// The git blob id of what it held; `None`: it did not exist.
    pub before: Option<String>,
    /// The git blob id of what it will hold; `None`: it is deleted.
    pub after: Option<String>,
    /// The new contents, for a `--no-commit` write only.
    #[serde(default)]
    pub text: Option<String>,
}

/// The git blob id of some bytes, as git would name them.
pub(super) fn blob_id(bytes: &[u8]) -> String {
    Oid::hash_object(git2::ObjectType::Blob, bytes)
        .map(|o| o.to_string())
        .unwrap_or_default()
}

fn rel(name: &str) -> PathBuf {
    Path::new(CACHE_DIR).join(name)
}

impl Journal {
    /// Writes the journal, flushed, before anything it announces happens.
    pub fn save(&self, fs: &Root) -> Result<()> {
        let bytes = serde_json::to_vec(self).expect("journals serialize");
        let mut temp = fs
            .temp(Path::new(CACHE_DIR), &bytes, None)
            .map_err(|e| Error::io("write", rel(FILE), e))?;
        fs.place(&mut temp, &rel(FILE))
            .map_err(|e| Error::io("write", rel(FILE), e))
    }

    /// Removes the journal: the write is complete, or undone.
    pub fn remove(fs: &Root) -> Result<()> {
        fs.unmark(&rel(FILE))
            .map_err(|e| Error::io("remove", rel(FILE), e))
    }

    /// Reads the journal; `None` when there is none, or it is not one `reg`
    /// wrote (a forged or foreign file is only removed).
    fn load(fs: &Root) -> Option<Journal> {
        let file = fs.open_file(&rel(FILE)).ok()?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, MAX_JOURNAL_BYTES),
            &mut bytes,
        )
        .ok()?;
        serde_json::from_slice::<Journal>(&bytes)
            .ok()
            .filter(|j| j.format == 1)
    }
}

/// Whether a journal is waiting, without reading it.
pub(super) fn pending(fs: &Root) -> bool {
    fs.kind(&rel(FILE)).is_ok_and(|k| k.is_some())
}

/// Settles the write a journal describes, if there is one; the caller holds
/// the registry's lock. Returns what is worth telling the user.
///
/// # Errors
///
/// Exit 5 when git cannot be read or a file cannot be written; the journal
/// then stays for the next command to try again.
pub(super) fn settle(registry: &Registry) -> Result<Vec<String>> {
    let fs = registry.fs();
    let mut notes = Vec::new();
    if pending(fs) {
        match Journal::load(fs) {
            Some(j) => {
                if j.commit {
                    settle_commit(registry, &j, &mut notes)?;
                } else {
                    settle_files(fs, &j, &mut notes);
                }
                // Where `.reg/` is on another file system, a file is
                // staged beside its target instead.
                for entry in &j.files {
                    if let Some(dir) = Path::new(&entry.path).parent() {
                        remove_temps(fs, dir);
                    }
                }
            }
            None => notes.push(format!(
                "removed {}: it was not a journal reg can use",
                rel(FILE).display()
            )),
        }
        Journal::remove(fs)?;
    }
    remove_leftovers(fs);
    Ok(notes)
}

/// What the work tree holds at `path`, as a blob id; `Err` when it must
/// not be touched (a link or special file, unreadable).
fn holds(fs: &Root, path: &Path) -> std::result::Result<Option<String>, ReadError> {
    match fs.open_file(path) {
        Ok(file) => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(file, crate::text::MAX_FILE_BYTES + 1),
                &mut bytes,
            )
            .map_err(ReadError::Io)?;
            Ok(Some(blob_id(&bytes)))
        }
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` at `path` atomically, keeping the file's permissions
/// when it exists.
pub(super) fn put(fs: &Root, path: &Path, bytes: &[u8]) -> std::io::Result<crate::root::Temp> {
    let mode = fs
        .open_file(path)
        .ok()
        .and_then(|f| rustix::fs::fstat(&f).ok())
        .map(|s| s.st_mode & 0o7777);
    let mut temp = fs.temp(Path::new(CACHE_DIR), bytes, mode)?;
    fs.place(&mut temp, path)?;
    Ok(temp)
}

fn settle_commit(registry: &Registry, j: &Journal, notes: &mut Vec<String>) -> Result<()> {
    let fs = registry.fs();
    let repo = Repo::open(registry.root())?;
    let Some(reference) = j.reference.as_deref() else {
        return Ok(());
    };
    let new = j.new.as_deref().and_then(|n| Oid::from_str(n).ok());
    // A lock git's reference update left when `reg` was killed inside it.
    if fs.kind(&rel(MOVING_REF)).is_ok_and(|k| k.is_some())
        && let Some(lock) = repo.ref_lock_path(reference)
        && let Ok(held) = std::fs::read_to_string(&lock)
        && (held.trim().is_empty() || new.is_some_and(|n| held.trim() == n.to_string()))
    {
        let _ = std::fs::remove_file(&lock);
    }
    let tip = repo.target(reference)?;
    let committed = match (new, tip) {
        (Some(n), Some(t)) => repo.is_ancestor(n, t),
        _ => false,
    };
    let _git = repo.lock()?;
    let mut settled = Vec::new();
    for entry in &j.files {
        let path = PathBuf::from(&entry.path);
        let want = repo.entry_at(tip, &path)?;
        let want_id = want.map(|(id, _)| id.to_string());
        let have = match holds(fs, &path) {
            Ok(h) => h,
            Err(e) => {
                notes.push(format!("left {} alone: {e}", entry.path));
                continue;
            }
        };
        if have != want_id {
            if have != entry.before && have != entry.after {
                notes.push(format!(
                    "left {} as it is: it holds changes reg did not make",
                    entry.path
                ));
                continue;
            }
            match want {
                Some((id, _)) => {
                    put(fs, &path, &repo.blob(id)?).map_err(|e| Error::io("write", &path, e))?;
                }
                None => fs
                    .remove(&path)
                    .map_err(|e| Error::io("remove", &path, e))?,
            }
        }
        settled.push((path, want, entry));
    }
    // The index entries the dead write may have set, or not set yet.
    if fs.kind(&rel(WRITING_INDEX)).is_ok_and(|k| k.is_some()) {
        let _ = std::fs::remove_file(repo.index_lock_path());
    }
    let mut index = repo.index()?;
    let mut changed = false;
    for (path, want, entry) in settled {
        let staged = repo
            .index_entry(&index, &path)
            .map(|(id, _)| id.to_string());
        let want_id = want.map(|(id, _)| id.to_string());
        if staged == want_id
            || (staged != entry.before && staged != entry.after && staged.is_some())
        {
            continue;
        }
        let stat = fs
            .open_file(&path)
            .ok()
            .and_then(|f| rustix::fs::fstat(&f).ok());
        match (want, stat) {
            (Some((id, mode)), Some(st)) => {
                repo.set_index_entry(&mut index, &path, Some((id, mode, &st)))?;
            }
            _ => repo.set_index_entry(&mut index, &path, None)?,
        }
        changed = true;
    }
    if changed {
        repo.write_index(&mut index)?;
    }
    notes.push(if committed {
        format!(
            "finished a write a killed reg left: {}",
            j.new.as_deref().map_or("", |n| &n[..n.len().min(10)])
        )
    } else {
        "undid a write a killed reg left before it committed".to_string()
    });
    Ok(())
}

fn settle_files(fs: &Root, j: &Journal, notes: &mut Vec<String>) {
    let mut done = true;
    for entry in &j.files {
        let path = PathBuf::from(&entry.path);
        let Ok(have) = holds(fs, &path) else {
            continue;
        };
        if have == entry.after {
            continue;
        }
        if have != entry.before {
            notes.push(format!(
                "left {} as it is: it holds changes reg did not make",
                entry.path
            ));
            continue;
        }
        let wrote = match (&entry.after, &entry.text) {
            (Some(after), Some(text)) if blob_id(text.as_bytes()) == *after => {
                put(fs, &path, text.as_bytes()).map(drop)
            }
            (None, _) => fs.remove(&path),
            _ => continue,
        };
        done &= wrote.is_ok();
    }
    if done {
        notes.push("finished writing files a killed reg left half-written".into());
    }
}

/// Whether a file is what a killed write leaves in `.reg/`.
fn leftover(name: &str) -> bool {
    (name.starts_with(".reg-") && name.ends_with(".tmp"))
        || name == MOVING_REF
        || name == WRITING_INDEX
}

/// Whether a killed write left temporary files or markers in `.reg/`
/// (killed before its journal was in place, or while a cache was saved).
pub(super) fn leftovers(fs: &Root) -> bool {
    let dir = Path::new(CACHE_DIR);
    fs.list(dir).is_ok_and(|entries| {
        entries.iter().any(|(name, _)| {
            leftover(name) && !(name.ends_with(".tmp") && fs.temp_in_use(&dir.join(name)))
        })
    })
}

/// Removes the temporary files and markers killed writes left in `.reg/`;
/// the caller holds the lock, so no live write's are among them, and the
/// temporary files of live reads (a cache being built) are held.
fn remove_leftovers(fs: &Root) {
    remove_temps(fs, Path::new(CACHE_DIR));
}

fn remove_temps(fs: &Root, dir: &Path) {
    let Ok(entries) = fs.list(dir) else {
        return;
    };
    let markers_too = dir == Path::new(CACHE_DIR);
    for (name, _) in entries {
        if !leftover(&name) {
            continue;
        }
        if name.ends_with(".tmp") {
            // Another `reg`'s cache, still being written, is left to it.
            let _ = fs.remove_left_temp(&dir.join(&name));
        } else if markers_too {
            let _ = fs.unmark(&dir.join(&name));
        }
    }
}

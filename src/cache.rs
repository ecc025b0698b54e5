//! The read cache under `.reg/`: a summary of every definition, so `list`,
//! `search` and id lookups need not parse the whole tree (SPEC §10, §11).
//!
//! # Why it can never be stale
//!
//! Every read re-proves each cached summary against the file system, the
//! way git's index proves `git status`:
//!
//! * A file's summary is reused only if its size, modification time (ns),
//!   change time (ns) and inode are all what they were when it was parsed.
//!   An edit changes mtime and ctime; `touch -d` or a checkout that restores
//!   an old mtime still changes ctime; a replacement by rename (what git
//!   checkout, editors and `reg` itself do) changes the inode.
//! * A folder's list of files is reused only if the folder's own stamp is
//!   unchanged: adding, removing or renaming an entry changes a folder's
//!   mtime and ctime. Otherwise the folder is read again.
//! * Coarse clocks: a stamp that falls within [`RACY`] of the moment the
//!   cache was written is not trusted (git's "racily clean" rule). A file
//!   edited twice in the same clock tick as the cache was written, keeping
//!   its size, is therefore still re-read, whatever the file system's
//!   timestamp granularity.
//!
//! So the cost of a warm read is one `stat` per file and per folder (done
//! on all cores), never a parse, and a cold or invalid cache only costs a
//! rebuild. The cache file is written to a temporary file and renamed into
//! place, so concurrent writers never leave a torn file; one that fails to
//! decode, comes from another format version, or cannot be read is ignored
//! and rebuilt; a read-only `.reg/` only means the cache is not saved.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::definition::{Listing, Summary};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::{CACHE_DIR, DEFINITIONS, Registry};
use crate::schema::Bundled;

/// Stamps this close to the cache's own write time are re-checked.
pub const RACY: Duration = Duration::from_secs(2);

/// Bumped whenever the encoding or the summary changes.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"regcache";
const FILE: &str = "index";

/// What identifies one version of a file or folder on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    inode: u64,
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Stamp {
        Stamp {
            size: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
        }
    }

    /// Whether the stamp is too close to `written` to prove anything.
    fn racy(&self, written: (i64, i64)) -> bool {
        let limit = written.0 - i64::try_from(RACY.as_secs()).unwrap_or(2);
        self.mtime.0 >= limit || self.ctime.0 >= limit
    }
}

/// One cached definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// `definitions/<name>/<version>.yaml`.
    pub path: String,
    stamp: Stamp,
    /// What discovery needs of it.
    pub summary: Summary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Folder {
    stamp: Option<Stamp>,
    files: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    root: Folder,
    /// Per name: the folder's stamp and its version files.
    names: Vec<(String, Folder)>,
    entries: Vec<Entry>,
}

/// A fresh summary of every definition.
#[derive(Debug, Default)]
pub struct Index {
    /// Every definition that loads, in path order.
    pub entries: Vec<Entry>,
    /// Files that do not load, with why.
    pub problems: Report,
}

fn cache_path(registry: &Registry) -> PathBuf {
    registry.root().join(CACHE_DIR).join(FILE)
}

/// Reads the cache file; anything unexpected means "no cache".
fn read_cache(registry: &Registry) -> Option<(CacheFile, (i64, i64))> {
    let path = cache_path(registry);
    let bytes = std::fs::read(&path).ok()?;
    let meta = std::fs::metadata(&path).ok()?;
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let cache: CacheFile = postcard::from_bytes(body).ok()?;
    (cache.format == FORMAT).then_some((cache, (meta.mtime(), meta.mtime_nsec())))
}

/// Looks an id up in `.reg/ids` (sorted fixed-width records, searched in
/// place) without reading the rest of the cache. The answer is only a hint:
/// the caller must confirm that the file it names really holds that id.
#[must_use]
pub fn path_of_id(registry: &Registry, id: uuid::Uuid) -> Option<PathBuf> {
    let bytes = std::fs::read(registry.root().join(CACHE_DIR).join(IDS)).ok()?;
    let body = bytes.strip_prefix(IDS_MAGIC.as_slice())?;
    let count = usize::try_from(u32::from_le_bytes(body.get(..4)?.try_into().ok()?)).ok()?;
    let records = body.get(4..4 + count.checked_mul(RECORD)?)?;
    let paths = body.get(4 + count * RECORD..)?;
    let key = id.as_bytes();
    let record = |i: usize| &records[i * RECORD..(i + 1) * RECORD];
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match record(mid)[..16].cmp(key.as_slice()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let r = record(mid);
                let start = usize::try_from(u32::from_le_bytes(r[16..20].try_into().ok()?)).ok()?;
                let len = usize::from(u16::from_le_bytes(r[20..22].try_into().ok()?));
                let path = std::str::from_utf8(paths.get(start..start + len)?).ok()?;
                return Some(PathBuf::from(path));
            }
        }
    }
    None
}

const IDS: &str = "ids";
const IDS_MAGIC: &[u8; 8] = b"regids1\0";
/// A 16-byte id, a 4-byte offset and a 2-byte length into the paths.
const RECORD: usize = 22;

/// The id lookup file: every id with its path, sorted by id.
fn ids_file(entries: &[Entry]) -> Vec<u8> {
    let mut ids: Vec<(&[u8; 16], &str)> = entries
        .iter()
        .filter_map(|e| Some((e.summary.id.as_ref()?.as_bytes(), e.path.as_str())))
        .collect();
    ids.sort_unstable();
    let mut records = Vec::with_capacity(ids.len() * RECORD);
    let mut paths = Vec::new();
    for (id, path) in &ids {
        let (Ok(start), Ok(len)) = (u32::try_from(paths.len()), u16::try_from(path.len())) else {
            continue;
        };
        records.extend_from_slice(*id);
        records.extend_from_slice(&start.to_le_bytes());
        records.extend_from_slice(&len.to_le_bytes());
        paths.extend_from_slice(path.as_bytes());
    }
    let count = u32::try_from(records.len() / RECORD).unwrap_or(0);
    let mut out = Vec::with_capacity(IDS_MAGIC.len() + 4 + records.len() + paths.len());
    out.extend_from_slice(IDS_MAGIC);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&records);
    out.extend_from_slice(&paths);
    out
}

/// The summaries of every definition, proven fresh against the work tree;
/// the cache is refreshed when anything changed.
///
/// # Errors
///
/// Fails only when the registry's folders cannot be read.
pub fn index(registry: &Registry) -> Result<Index> {
    let (old, written) = match read_cache(registry) {
        Some((c, w)) => (c, Some(w)),
        None => (CacheFile::default(), None),
    };
    let trusted = |stamp: &Stamp, was: Option<&Stamp>| {
        was == Some(stamp) && written.is_some_and(|w| !stamp.racy(w))
    };
    let defs = registry.root().join(DEFINITIONS);
    let root_stamp = std::fs::symlink_metadata(&defs).ok().map(|m| Stamp::of(&m));
    let names: Vec<String> = match root_stamp {
        Some(s) if trusted(&s, old.root.stamp.as_ref()) => old.root.files.clone(),
        _ => registry.definition_names()?,
    };
    let old_names: HashMap<&str, &Folder> =
        old.names.iter().map(|(n, f)| (n.as_str(), f)).collect();
    let old_entries: HashMap<&str, usize> = old
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.as_str(), i))
        .collect();

    // Per name, on all cores: prove or re-read the folder, then each file.
    // Proven entries are named by their index in the old cache and moved
    // out of it afterwards: copying every summary would cost more than the scan.
    enum Found {
        Kept(usize),
        New(Box<Entry>),
    }
    type Scanned = (String, Folder, Vec<Found>, Report, bool);
    let scanned: Vec<Result<Scanned>> = names
        .par_iter()
        .map(|name| {
            let dir = defs.join(name);
            let Ok(meta) = std::fs::symlink_metadata(&dir) else {
                return Ok((
                    name.clone(),
                    Folder::default(),
                    Vec::new(),
                    Report::default(),
                    true,
                ));
            };
            let stamp = Stamp::of(&meta);
            let cached = old_names.get(name.as_str());
            let (files, mut changed) = match cached {
                Some(f) if trusted(&stamp, f.stamp.as_ref()) => (f.files.clone(), false),
                _ => (
                    registry
                        .version_numbers(name)?
                        .iter()
                        .map(|v| format!("{v}.yaml"))
                        .collect(),
                    true,
                ),
            };
            let mut entries = Vec::with_capacity(files.len());
            let mut problems = Report::default();
            for file in &files {
                let rel = format!("{DEFINITIONS}/{name}/{file}");
                let Ok(meta) = std::fs::symlink_metadata(registry.root().join(&rel)) else {
                    changed = true;
                    continue;
                };
                let stamp = Stamp::of(&meta);
                match old_entries.get(rel.as_str()) {
                    Some(&i) if trusted(&stamp, Some(&old.entries[i].stamp)) => {
                        entries.push(Found::Kept(i))
                    }
                    _ => {
                        changed = true;
                        match registry.load::<Listing>(Path::new(&rel), Bundled::Definition) {
                            Ok(l) => entries.push(Found::New(Box::new(Entry {
                                path: rel,
                                stamp,
                                summary: Summary::from(l.data),
                            }))),
                            Err(r) => problems.merge(r),
                        }
                    }
                }
            }
            Ok((
                name.clone(),
                Folder {
                    stamp: Some(stamp),
                    files,
                },
                entries,
                problems,
                changed,
            ))
        })
        .collect();

    let mut fresh = CacheFile {
        format: FORMAT,
        root: Folder {
            stamp: root_stamp,
            files: names.clone(),
        },
        names: Vec::with_capacity(names.len()),
        entries: Vec::new(),
    };
    let mut problems = Report::default();
    let mut old_slots: Vec<Option<Entry>> = old.entries.into_iter().map(Some).collect();
    let old_root = old.root;
    let mut changed = written.is_none()
        || fresh.root.files != old_root.files
        || fresh.root.stamp != old_root.stamp;
    for s in scanned {
        let (name, folder, entries, report, c) = s?;
        changed |= c;
        problems.merge(report);
        fresh.names.push((name, folder));
        fresh
            .entries
            .extend(entries.into_iter().filter_map(|f| match f {
                Found::Kept(i) => old_slots[i].take(),
                Found::New(e) => Some(*e),
            }));
    }
    problems.files = fresh.entries.len() + problems.findings.len();
    // Racy stamps settle once the cache is rewritten well after them.
    let settle = written.is_some_and(|w| {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        now > w.0 + i64::try_from(RACY.as_secs()).unwrap_or(2)
            && fresh.entries.iter().any(|e| e.stamp.racy(w))
    });
    let ids_missing = !registry.root().join(CACHE_DIR).join(IDS).exists();
    if changed || settle || ids_missing {
        save(registry, &fresh);
    }
    Ok(Index {
        entries: fresh.entries,
        problems,
    })
}

/// Writes the cache and the id lookup file atomically; failure (a
/// read-only `.reg/`) is not an error.
fn save(registry: &Registry, cache: &CacheFile) {
    let Ok(body) = postcard::to_allocvec(cache) else {
        return;
    };
    let mut bytes = Vec::with_capacity(body.len() + MAGIC.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&body);
    let dir = registry.root().join(CACHE_DIR);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for (name, bytes) in [(FILE, bytes), (IDS, ids_file(&cache.entries))] {
        let Ok(mut tmp) = tempfile::Builder::new().prefix(".index-").tempfile_in(&dir) else {
            return;
        };
        if std::io::Write::write_all(&mut tmp, &bytes).is_ok() {
            let _ = tmp.persist(dir.join(name));
        }
    }
}

//! Proving the cache against the work tree, folder by folder on all cores,
//! and building a new one when anything changed (see the module above for
//! why this can never be stale).

use std::borrow::Cow;

use rayon::prelude::*;
use std::path::Path;

use rustix::fs::AtFlags;
use semver::Version;

use super::layout::{Builder, Parsed, Remap, Sink, Stamp, View};
use super::{Index, RACY, Row, ids};
use crate::definition::{Status, Summary};
use crate::error::{Error, Result};
use crate::finding::Report;
use crate::registry::{CACHE_DIR, DEFINITIONS, Listed, Registry};
use crate::root::Temp;
use crate::schema::proven::Proof;
use crate::text::ReadError;

/// The cache file under `.reg/`.
pub(super) const FILE: &str = "index";

/// Folders scanned per parallel batch: a cold build holds only one
/// batch's parsed files at a time, not the whole registry's.
const BATCH: usize = 256;
/// The largest batch: after a batch where every folder was as cached, the
/// next is twice as large, up to this. A warm read waits for the slower
/// core at the end of each batch, and with 256 folders a batch that wait
/// was a tenth of proving 100,000 files; a change that comes after a long
/// unchanged run holds at most this many folders' parsed files.
const MAX_BATCH: usize = 1024;

fn stamp_of(s: &rustix::fs::Stat) -> Stamp {
    let nanos = |n| u32::try_from(n).unwrap_or(0);
    Stamp {
        size: u64::try_from(s.st_size).unwrap_or(0),
        mtime: (s.st_mtime, nanos(s.st_mtime_nsec)),
        ctime: (s.st_ctime, nanos(s.st_ctime_nsec)),
        inode: s.st_ino,
    }
}

/// Whether a stamp is too close to `written` (seconds) to prove anything.
fn racy(stamp: &Stamp, written: i64) -> bool {
    let limit = written - i64::try_from(RACY.as_secs()).unwrap_or(2);
    stamp.mtime.0 >= limit || stamp.ctime.0 >= limit
}

/// Reads the cache file and when it was written; anything unexpected means
/// "no cache".
fn read_cache(registry: &Registry) -> Option<(View, i64)> {
    // Through the root: a `.reg` that is a link, or a cache file that is a
    // FIFO, is no cache at all.
    let file = registry
        .fs()
        .open_file(&Path::new(CACHE_DIR).join(FILE))
        .ok()?;
    let written = std::os::unix::fs::MetadataExt::mtime(&file.metadata().ok()?);
    Some((View::open(file)?, written))
}

/// What one folder's scan found.
enum Scan {
    /// The folder and every file in it are as cached (its old row).
    Same(usize),
    /// Something changed: the folder's stamp, files and what each became.
    Changed {
        stamp: Stamp,
        files: Vec<String>,
        found: Vec<Found>,
    },
    /// The folder is gone.
    Gone,
}

/// One folder's scan and the files in it that did not load.
type Scanned = Result<(Scan, Report)>;

enum Found {
    /// Entry `i` of the old cache still holds.
    Kept(usize),
    /// Parsed again, with the proof that its text passed the bundled
    /// check when none was kept yet.
    New(Box<Parsed>, Option<Proof>),
}

/// What every scan shares: the old cache, its write time, the open
/// definitions folder.
struct Prover<'a> {
    registry: &'a Registry,
    old: Option<&'a View>,
    written: Option<i64>,
    dir: rustix::fd::OwnedFd,
    /// The folder list is as cached, so name `i` is old row `i`.
    root_same: bool,
    /// Seconds since the epoch when the scan started.
    now: i64,
}

impl Prover<'_> {
    fn trusted(&self, stamp: &Stamp, was: Option<Stamp>) -> bool {
        was.as_ref() == Some(stamp) && self.written.is_some_and(|w| !racy(stamp, w))
    }

    /// A handle of the definitions folder for one worker. Each worker
    /// opens its own: threads sharing one descriptor make the kernel count
    /// references to it on every call, and that count bounces between
    /// cores (a tenth of a warm `list` went there). `None` when it cannot
    /// be opened again; the shared one still works.
    fn worker_dir(&self) -> Option<rustix::fd::OwnedFd> {
        rustix::fs::openat(
            &self.dir,
            ".",
            rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .ok()
    }

    /// Proves or re-reads folder `name` (number `n` in the folder list),
    /// through `dir`, a handle of the definitions folder.
    fn folder(
        &self,
        dir: Option<&rustix::fd::OwnedFd>,
        n: usize,
        name: &str,
    ) -> Result<(Scan, Report)> {
        let dir = dir.unwrap_or(&self.dir);
        // Relative to the open folder: the kernel walks two path
        // components instead of the whole path.
        let stat = |path: &str| {
            rustix::fs::statat(dir, path, AtFlags::SYMLINK_NOFOLLOW)
                .ok()
                .map(|s| stamp_of(&s))
        };
        let Some(stamp) = stat(name) else {
            return Ok((Scan::Gone, Report::default()));
        };
        let old_row = self.old.and_then(|v| {
            let i = if self.root_same {
                Some(n)
            } else {
                find_name(v, name)
            }?;
            Some((v, i, v.name(i)))
        });
        let listed = old_row.filter(|(_, _, row)| self.trusted(&stamp, row.stamp));
        // Listed files keep their symbols, so matching them to entries
        // compares numbers; a re-read folder compares names.
        let files: Vec<(Cow<'_, str>, Option<u32>)> = match listed {
            Some((v, _, row)) => v
                .file_syms(&row)
                .map(|f| (Cow::Borrowed(v.sym(f)), Some(f)))
                .collect(),
            None => self
                .registry
                .version_numbers(name)?
                .iter()
                .map(|v| (Cow::Owned(format!("{v}.yaml")), None))
                .collect(),
        };
        // Re-listed only because the folder's stamp is too recent, with the
        // same files: as for files below, a rewrite would settle nothing.
        let mut changed = match (listed, old_row) {
            (None, Some((v, _, row))) => {
                !(racy(&stamp, self.now) && v.files(&row).eq(files.iter().map(|(f, _)| f.as_ref())))
            }
            (listed, _) => listed.is_none(),
        };
        let mut found = Vec::with_capacity(files.len());
        let mut problems = Report::default();
        let mut path = String::with_capacity(name.len() + 24);
        for (file, sym) in &files {
            path.clear();
            path.push_str(name);
            path.push('/');
            path.push_str(file);
            let was = old_row.and_then(|(v, _, row)| {
                let (start, len) = row.entries;
                (start as usize..(start + len) as usize).find(|&i| {
                    let have = v.entry_file(i);
                    sym.map_or_else(|| v.sym(have) == file, |s| s == have)
                })
            });
            // Only a file the old cache holds is asked about by path: one
            // that must be read anyway takes its stamp from the open file.
            if let Some(i) = was
                && let Some(v) = self.old
            {
                let Some(stamp) = stat(&path) else {
                    changed = true;
                    continue;
                };
                if self.trusted(&stamp, Some(v.entry_stamp(i))) {
                    found.push(Found::Kept(i));
                    continue;
                }
            }
            match self.registry.load_listing_at(dir, &path) {
                Ok(None) => changed = true,
                Ok(Some((
                    Listed {
                        loaded: l,
                        new_proof,
                    },
                    stat,
                ))) => {
                    let stamp = stamp_of(&stat);
                    let Some(p) = Parsed::new(stamp, Summary::listed(l.data, &l.raw, &l.text))
                    else {
                        continue;
                    };
                    // Re-read only because its stamp is too recent to vouch
                    // for it, and unchanged: rewriting the cache now would
                    // not settle it (the stamp would still be too recent),
                    // so keep the old entry and let a later read do it.
                    if let Some(i) = was
                        && let Some(v) = self.old
                        && racy(&stamp, self.now)
                        && p.same_summary(v, &v.entry(i))
                    {
                        found.push(Found::Kept(i));
                        continue;
                    }
                    changed = true;
                    found.push(Found::New(Box::new(p), new_proof));
                }
                // A file that did not load before and still does not
                // changes nothing the cache holds.
                Err(r) => {
                    changed |= was.is_some();
                    problems.merge(r);
                }
            }
        }
        let scan = match old_row {
            Some((_, i, _)) if !changed => Scan::Same(i),
            _ => Scan::Changed {
                stamp,
                files: files.into_iter().map(|(f, _)| f.into_owned()).collect(),
                found,
            },
        };
        Ok((scan, problems))
    }
}

/// Starts a new cache: its summaries streamed into a temporary file in
/// `.reg/` when `persist` and one can be made there, else kept in memory.
fn start<'a>(
    registry: &Registry,
    root: Option<Stamp>,
    old: Option<&'a View>,
    persist: bool,
) -> (Builder<'a>, Option<Temp>) {
    // Through the root: a `.reg` that is a link or a file is never written
    // through, and the cache is then only kept in memory.
    let temp = persist
        .then(|| {
            let temp = registry
                .fs()
                .temp_with(Path::new(CACHE_DIR), |_| Ok(()))
                .ok()?;
            let file = temp.file().ok()?;
            Some((temp, file))
        })
        .flatten();
    match temp {
        // Large writes: the cache is tens of megabytes at 100,000
        // definitions, eight thousand system calls in 8 KiB ones.
        Some((temp, file)) => {
            let sink = Sink::File(std::io::BufWriter::with_capacity(WRITE_BUFFER, file));
            (Builder::new(root, old, sink), Some(temp))
        }
        None => (Builder::new(root, old, Sink::Memory(Vec::new())), None),
    }
}

/// Finishes a new cache: saved and placed in `.reg/` when it is being
/// written there, else held in memory. An error means it could not be
/// finished (a full disk), and nothing was placed.
fn finish(
    registry: &Registry,
    builder: Builder<'_>,
    temp: Option<Temp>,
) -> std::io::Result<Option<View>> {
    let built = builder.finish()?;
    let Some(mut temp) = temp else {
        // Not saved (a read-only `.reg/`): answer from memory.
        return Ok(built.into_view());
    };
    let view = built.save()?;
    // The view reads the file it wrote, placed or not.
    if registry
        .fs()
        .place(&mut temp, &Path::new(CACHE_DIR).join(FILE))
        .is_ok()
    {
        ids::save(registry, &view);
    }
    Ok(Some(view))
}

/// The new cache, started only once something differs from the old one.
struct Rebuild<'a> {
    registry: &'a Registry,
    /// Whether the new cache is written to `.reg/`.
    persist: bool,
    old: Option<&'a View>,
    root: Option<Stamp>,
    /// Folders proven the same before the first change, to copy if one comes.
    same: Vec<(&'a str, usize)>,
    builder: Option<Builder<'a>>,
    /// The file the new cache is being written to.
    temp: Option<Temp>,
    remap: Remap,
    /// Files that did not load.
    problems: Report,
    /// The old cache's words were found readable.
    checked: bool,
    /// Proofs of the files read again ([`proven`]).
    proofs: Vec<Proof>,
}

impl<'a> Rebuild<'a> {
    /// Takes one batch's scans; `true` means "start again without the old
    /// cache" (its words are damaged, so its entries cannot be copied).
    fn take(&mut self, names: &'a [String], scans: Vec<Scanned>, root_same: bool) -> Result<bool> {
        for (name, s) in names.iter().zip(scans) {
            let (found, report) = s?;
            self.problems.merge(report);
            let same = matches!(found, Scan::Same(_)) && root_same;
            if !self.checked && !same {
                // The first change: entries will be copied with their
                // words, so those must be readable.
                self.checked = true;
                if self.old.is_some_and(|v| !v.has_words(true)) {
                    return Ok(true);
                }
            }
            self.add(name, found);
        }
        Ok(false)
    }

    fn add(&mut self, name: &'a str, scan: Scan) {
        if let (None, Scan::Same(i)) = (&self.builder, &scan) {
            self.same.push((name, *i));
            return;
        }
        if self.builder.is_none() {
            let (mut builder, temp) = start(self.registry, self.root, self.old, self.persist);
            self.temp = temp;
            for (name, i) in std::mem::take(&mut self.same) {
                self.copy(&mut builder, name, i);
            }
            self.builder = Some(builder);
        }
        let mut builder = self.builder.take().expect("started above");
        match scan {
            Scan::Gone => {}
            Scan::Same(i) => self.copy(&mut builder, name, i),
            Scan::Changed {
                stamp,
                files,
                found,
            } => {
                builder.begin_name(name, Some(stamp), files.iter().map(String::as_str));
                let mut versions: Vec<(Version, Status)> = Vec::with_capacity(found.len());
                for f in found {
                    match (f, self.old) {
                        (Found::Kept(i), Some(v)) => {
                            let row = Row {
                                view: v,
                                entry: v.entry(i),
                            };
                            let Some(version) = row.version() else {
                                continue;
                            };
                            versions.push((version, row.status()));
                            builder.push_kept(&mut self.remap, i);
                        }
                        (Found::New(p, proof), _) => {
                            self.proofs.extend(proof);
                            versions.push((p.summary.version.clone(), p.summary.status));
                            builder.push_parsed(&format!("{}.yaml", p.summary.version), &p);
                        }
                        (Found::Kept(_), None) => {}
                    }
                }
                builder.end_name(crate::version::representative(&versions));
            }
        }
        self.builder = Some(builder);
    }

    /// Copies folder row `i` of the old cache as it is.
    fn copy(&mut self, builder: &mut Builder<'_>, name: &str, i: usize) {
        let Some(v) = self.old else {
            return;
        };
        let row = v.name(i);
        builder.begin_name(name, row.stamp, v.files(&row));
        let (start, len) = row.entries;
        for e in start as usize..(start + len) as usize {
            builder.push_kept(&mut self.remap, e);
        }
        builder.end_name(row.representative.map(|r| r as usize));
    }
}

/// Proves the cache (unless `use_cache` is false) and rebuilds it when
/// anything changed, writing it to `.reg/` when `persist`. `words:
/// Some(all)` also reads the search words (every version's when `all`)
/// while the folders are proven.
pub(super) fn scan(
    registry: &Registry,
    use_cache: bool,
    words: Option<bool>,
    persist: bool,
) -> Result<Index> {
    let (old, written) = match read_cache(registry).filter(|_| use_cache) {
        Some((v, w)) => (Some(v), Some(w)),
        None => (None, None),
    };
    let dir = match registry.fs().open_dir(Path::new(DEFINITIONS)) {
        Ok(dir) => dir,
        // No definitions folder: an empty registry, nothing to cache.
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Index {
                view: None,
                problems: Report::default(),
            });
        }
        Err(e) => return Err(Error::unreadable(Path::new(DEFINITIONS), e)),
    };
    let root = rustix::fs::fstat(&dir).ok().map(|s| stamp_of(&s));
    let mut prover = Prover {
        registry,
        old: None,
        written,
        dir,
        root_same: false,
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    };
    prover.root_same = root.is_some_and(|r| prover.trusted(&r, old.as_ref().and_then(View::root)));
    let old_names = |v: &View| -> Vec<String> {
        (0..v.names())
            .map(|i| v.sym(v.name(i).name).to_owned())
            .collect()
    };
    let names: Vec<String> = match &old {
        Some(v) if prover.root_same => old_names(v),
        _ => registry.definition_names()?,
    };
    // The same names, re-listed only because the folder's stamp is too
    // recent: name `i` is still old row `i`, and nothing needs rewriting.
    if let (Some(v), Some(r)) = (&old, root)
        && !prover.root_same
        && racy(&r, prover.now)
        && old_names(v) == names
    {
        prover.root_same = true;
    }
    prover.old = old.as_ref();
    let proved = std::thread::scope(|threads| {
        // Search reads the words section too: on a thread of its own, it
        // costs nothing while the file system is asked about every file.
        if let (Some(all), Some(v)) = (words, &old) {
            threads.spawn(move || v.has_words(all));
        }
        prove(&names, &prover, old.as_ref(), root, persist)
    });
    let Some(Proved {
        builder,
        temp,
        mut problems,
        proofs,
    }) = proved?
    else {
        return scan(registry, false, words, persist);
    };
    drop(prover);
    let built = match builder {
        Some(builder) => {
            let builder = builder.without_old();
            drop(old);
            builder.and_then(|b| finish(registry, b, temp))
        }
        None => match old {
            // Nothing changed: the old cache is the answer.
            Some(v) => {
                if !registry
                    .fs()
                    .kind(&Path::new(CACHE_DIR).join(ids::FILE))
                    .is_ok_and(|k| k.is_some())
                {
                    ids::save(registry, &v);
                }
                Ok(Some(v))
            }
            // No folders and no cache: an empty one.
            None => {
                let (builder, temp) = start(registry, root, None, persist);
                finish(registry, builder, temp)
            }
        },
    };
    let view = match built {
        Ok(view) => view,
        // Not finished (a full disk, or the old cache unreadable half-way):
        // answer from a new read held in memory. Without the old cache, as
        // copying from it may be what failed: with neither a file nor an
        // old cache, nothing in the next read can fail this way.
        Err(_) => return scan(registry, false, words, false),
    };
    registry.record_proofs(proofs);
    problems.files = view.as_ref().map_or(0, View::entries) + problems.findings.len();
    Ok(Index { view, problems })
}

/// What proving the folders found: the new cache when anything changed
/// (and the file it is being written to), the files that did not load,
/// and proofs of the files read again.
struct Proved<'a> {
    builder: Option<Builder<'a>>,
    temp: Option<Temp>,
    problems: Report,
    proofs: Vec<Proof>,
}

/// Proves every folder of `names` against `old`, building a new cache from
/// the first difference on; `None` when the old cache turns out unusable.
fn prove<'a>(
    names: &'a [String],
    prover: &Prover<'a>,
    old: Option<&'a View>,
    root: Option<Stamp>,
    persist: bool,
) -> Result<Option<Proved<'a>>> {
    let mut rebuild = Rebuild {
        registry: prover.registry,
        persist,
        temp: None,
        old,
        root,
        same: Vec::new(),
        builder: None,
        remap: Remap::default(),
        problems: Report::default(),
        checked: false,
        proofs: Vec::new(),
    };
    // Batch k is scanned on all cores while batch k-1 is added to the
    // new cache, so the single-threaded part hides behind the parallel one.
    let (mut start, mut size) = (0, BATCH);
    let mut pending: Option<(&[String], Vec<Scanned>)> = None;
    loop {
        let end = (start + size).min(names.len());
        let next = (start < end).then(|| (start, &names[start..end]));
        start = end;
        let (scanned, restart) = rayon::join(
            || {
                next.map(|(first, batch)| {
                    let scans = batch
                        .par_iter()
                        .enumerate()
                        .map_init(
                            || prover.worker_dir(),
                            |dir, (k, name)| prover.folder(dir.as_ref(), first + k, name),
                        )
                        .collect::<Vec<_>>();
                    (batch, scans)
                })
            },
            || match pending.take() {
                Some((batch, scans)) => rebuild.take(batch, scans, prover.root_same),
                None => Ok(false),
            },
        );
        if restart? {
            return Ok(None);
        }
        match scanned {
            Some(batch) => {
                let unchanged = batch.1.iter().all(|s| matches!(s, Ok((Scan::Same(_), _))));
                size = if unchanged {
                    (size * 2).min(MAX_BATCH)
                } else {
                    BATCH
                };
                pending = Some(batch);
            }
            None => break,
        }
    }
    Ok(Some(Proved {
        builder: rebuild.builder,
        temp: rebuild.temp,
        problems: rebuild.problems,
        proofs: rebuild.proofs,
    }))
}

/// Name `name`'s row in a cache, found by binary search (names are sorted).
fn find_name(view: &View, name: &str) -> Option<usize> {
    let (mut lo, mut hi) = (0, view.names());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match view.sym(view.name(mid).name).cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// The buffer the cache's files are written through.
pub(super) const WRITE_BUFFER: usize = 1 << 20;

/// Writes `.reg/<name>` through a temporary file renamed into place, and
/// returns the file written; failure (a read-only `.reg/`) is not an error.
pub(super) fn persist(
    registry: &Registry,
    name: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Option<std::fs::File> {
    // Through the root: a `.reg` that is a link or a file is never written
    // through, and the cache is then only kept in memory.
    let fs = registry.fs();
    let mut temp = fs.temp_with(Path::new(CACHE_DIR), write).ok()?;
    fs.place(&mut temp, &Path::new(CACHE_DIR).join(name)).ok()?;
    temp.file().ok()
}

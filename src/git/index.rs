//! git's index file, read and written by `reg` itself for the entries a
//! write changes.
//!
//! libgit2 reads an index into a hash map of every entry, checking every
//! path, and writes it back whole, hashing it twice with a
//! collision-detecting SHA-1: at 100,000 entries that was 80% of a
//! `reg register`. A write changes one or two entries, so here the file is
//! read as bytes, checked for shape (not its trailing SHA-1, which git
//! itself leaves to `git fsck`), looked up by binary search (entries are
//! sorted by path) and streamed back with the changed entries spliced in,
//! under git's own `index.lock`.
//!
//! Only what can be rewritten exactly is handled: versions 2 and 3, SHA-1
//! object ids, no extension git requires readers to understand (split and
//! sparse indexes). Anything else is left to libgit2 ([`Index::Libgit2`]).
//! Of the optional extensions, the cache tree (`TREE`) is kept with the
//! changed paths' folders marked invalid, as git does; resolve-undo
//! (`REUC`) is kept; the others hold positions or stat data of the old
//! entries (untracked cache, fsmonitor, offset tables) and are dropped, which
//! git allows: they are caches it rebuilds.

use std::io::Write;
use std::path::{Path, PathBuf};

use git2::Oid;
use sha1::{Digest, Sha1};

use crate::error::{Error, Result};

/// The size of an entry's fixed part, before its flags' extension.
const FIXED: usize = 62;
/// An object id in a SHA-1 repository.
const ID: usize = 20;

/// An index file as read.
pub enum Index {
    /// Read and written here.
    Plain(IndexFile),
    /// A form this module does not rewrite.
    Libgit2(git2::Index),
}

/// One entry of the file: where its bytes are, or new bytes.
enum Slot {
    /// `raw[start..start + len]`, its path `path_len` bytes from `path_at`.
    Kept {
        start: usize,
        len: usize,
        path_at: usize,
        path_len: usize,
    },
    /// An entry written here, serialized with its padding.
    New { bytes: Vec<u8>, path_len: usize },
}

/// A version 2 or 3 index, as bytes and the places of its entries.
pub struct IndexFile {
    path: PathBuf,
    /// The file's identity and times when read: a file git rewrote since
    /// has another (git renames a new file into place).
    stamp: Stamp,
    raw: Vec<u8>,
    version: u32,
    slots: Vec<Slot>,
    /// The cache tree's extension data, if any.
    tree: Option<Vec<u8>>,
    /// Extensions kept as they are (signature and data).
    kept: Vec<([u8; 4], Vec<u8>)>,
    /// Folders (with `/` at the end, `""` for the top) whose cache-tree
    /// entries the changes invalidate.
    touched: Vec<Vec<u8>>,
}

/// What an entry is set to: the blob, its mode and the file's stat data.
pub struct NewEntry<'a> {
    /// The blob.
    pub id: Oid,
    /// Its git mode.
    pub mode: u32,
    /// The stat data of the file as written.
    pub stat: &'a rustix::fs::Stat,
}

impl IndexFile {
    /// Reads `path` (git's `index`); `Ok(None)` when it is in a form left
    /// to libgit2 (or absent).
    ///
    /// # Errors
    ///
    /// Exit 5 when it cannot be read or its entries do not fit in it.
    pub fn read(path: &Path) -> Result<Option<IndexFile>> {
        let mut file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(corrupt(path, &e.to_string())),
        };
        let read = file.metadata().and_then(|meta| {
            let mut raw = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            std::io::Read::read_to_end(&mut file, &mut raw).map(|_| (Stamp::of(&meta), raw))
        });
        match read {
            Ok((stamp, raw)) => Self::parse(path, stamp, raw),
            Err(e) => Err(corrupt(path, &e.to_string())),
        }
    }

    /// Whether the file on disk is still the one read.
    #[must_use]
    pub fn unchanged(&self) -> bool {
        std::fs::metadata(&self.path).is_ok_and(|meta| Stamp::of(&meta) == self.stamp)
    }

    fn parse(path: &Path, stamp: Stamp, raw: Vec<u8>) -> Result<Option<IndexFile>> {
        let bad = |why: &str| corrupt(path, why);
        if raw.len() < 12 + ID || &raw[..4] != b"DIRC" {
            return Err(bad("not an index file"));
        }
        let version = be32(&raw, 4);
        if !(2..=3).contains(&version) {
            return Ok(None);
        }
        // The trailing checksum is not verified, as git itself does not
        // (only `git fsck` does): every entry and extension is still
        // checked to lie within the file, and hashing 11 MB at 100,000
        // entries was a tenth of a `reg register`.
        let body = raw.len() - ID;
        let count = be32(&raw, 8) as usize;
        // Room for the entries a write adds: growing a vector of 100,000
        // to insert one copies it whole.
        let mut slots = Vec::with_capacity(count + 16);
        let mut at = 12;
        for _ in 0..count {
            if at + FIXED > body {
                return Err(bad("an entry runs past the end"));
            }
            let flags = be16(&raw, at + 60);
            let extended = flags & 0x4000 != 0;
            if extended && version < 3 {
                return Err(bad("an extended entry in a version 2 index"));
            }
            let path_at = at + FIXED + if extended { 2 } else { 0 };
            let path_len = match memchr::memchr(0, raw.get(path_at..body).unwrap_or_default()) {
                Some(n) => n,
                None => return Err(bad("an entry's path has no end")),
            };
            let len = (path_at - at + path_len + 8) & !7;
            if at + len > body {
                return Err(bad("an entry runs past the end"));
            }
            slots.push(Slot::Kept {
                start: at,
                len,
                path_at,
                path_len,
            });
            at += len;
        }
        let mut tree = None;
        let mut kept = Vec::new();
        while at < body {
            if at + 8 > body {
                return Err(bad("an extension runs past the end"));
            }
            let signature: [u8; 4] = raw[at..at + 4].try_into().unwrap_or_default();
            let size = be32(&raw, at + 4) as usize;
            let Some(data) = raw
                .get(at + 8..at + 8 + size)
                .filter(|_| at + 8 + size <= body)
            else {
                return Err(bad("an extension runs past the end"));
            };
            match &signature {
                // One git requires readers to understand: libgit2 does not
                // either, so say how to turn it off.
                s if !s[0].is_ascii_uppercase() => {
                    let (what, off) = match s {
                        b"link" => ("a split index", "git update-index --no-split-index"),
                        b"sdir" => (
                            "a sparse index",
                            "git sparse-checkout init --no-sparse-index",
                        ),
                        _ => (
                            "an extension reg does not know",
                            "git update-index --index-version 2",
                        ),
                    };
                    return Err(Error::git(
                        format!(
                            "git's index {} is {what} (`{}`), which reg cannot update; nothing was written",
                            path.display(),
                            String::from_utf8_lossy(s)
                        ),
                        Some(format!(
                            "turn it off with `{off}` and run the command again"
                        )),
                    ));
                }
                b"TREE" => tree = Some(data.to_vec()),
                b"REUC" => kept.push((signature, data.to_vec())),
                _ => {}
            }
            at += 8 + size;
        }
        let file = IndexFile {
            path: path.to_path_buf(),
            stamp,
            raw,
            version,
            slots,
            tree,
            kept,
            touched: Vec::new(),
        };
        // Conflicted entries are git's business (a merge in progress).
        if (0..file.slots.len()).any(|i| file.stage(i) != 0) {
            return Ok(None);
        }
        Ok(Some(file))
    }

    fn bytes(&self, i: usize) -> &[u8] {
        match &self.slots[i] {
            Slot::Kept { start, len, .. } => &self.raw[*start..start + len],
            Slot::New { bytes, .. } => bytes,
        }
    }

    fn path(&self, i: usize) -> &[u8] {
        match &self.slots[i] {
            Slot::Kept {
                path_at, path_len, ..
            } => &self.raw[*path_at..path_at + path_len],
            Slot::New { bytes, path_len } => &bytes[FIXED..FIXED + path_len],
        }
    }

    fn stage(&self, i: usize) -> u16 {
        (be16(self.bytes(i), 60) >> 12) & 3
    }

    /// Where `path` is, or would be inserted.
    fn find(&self, path: &[u8]) -> std::result::Result<usize, usize> {
        let mut lo = 0;
        let mut hi = self.slots.len();
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match self.path(mid).cmp(path) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The blob and mode of `path`'s entry.
    #[must_use]
    pub fn get(&self, path: &[u8]) -> Option<(Oid, u32)> {
        let i = self.find(path).ok()?;
        let b = self.bytes(i);
        Some((Oid::from_bytes(&b[40..40 + ID]).ok()?, be32(b, 24)))
    }

    /// Sets `path`'s entry, or removes it (`None`).
    pub fn set(&mut self, path: &[u8], entry: Option<&NewEntry<'_>>) {
        self.touch(path);
        match (self.find(path), entry) {
            (Ok(i), Some(e)) => self.slots[i] = encode(path, e),
            (Err(i), Some(e)) => self.slots.insert(i, encode(path, e)),
            (Ok(i), None) => {
                self.slots.remove(i);
            }
            (Err(_), None) => {}
        }
    }

    /// Marks every folder above `path` as changed for the cache tree.
    fn touch(&mut self, path: &[u8]) {
        self.touched.push(Vec::new());
        for (i, b) in path.iter().enumerate() {
            if *b == b'/' {
                self.touched.push(path[..=i].to_vec());
            }
        }
    }

    /// Writes the index under git's lock: `index.lock` created exclusively,
    /// filled, then renamed over `index`.
    ///
    /// # Errors
    ///
    /// [`WriteError::Locked`] when another process holds the lock; exit 5 otherwise.
    pub fn write(&self) -> std::result::Result<(), WriteError> {
        let lock = self.path.with_file_name("index.lock");
        let file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(WriteError::Locked);
            }
            Err(e) => return Err(WriteError::Io(e)),
        };
        // No flush to disk, as git and libgit2 by default: the index is a
        // cache of the work tree, rebuilt by `git reset` if a crash loses it.
        let written = self
            .stream(file)
            .and_then(|()| std::fs::rename(&lock, &self.path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&lock);
            return Err(WriteError::Io(e));
        }
        Ok(())
    }

    /// Writes the file's bytes and their checksum. Kept entries go out as
    /// the runs of the old file they are, straight from it: at 100,000
    /// entries, building the whole new file in memory first cost as much
    /// as writing it. The checksum (about 5 ms of SHA-1 for an 11 MB index)
    /// is summed on another core while the kernel copies the bytes.
    fn stream(&self, file: std::fs::File) -> std::io::Result<()> {
        let mut head = Vec::with_capacity(12);
        head.extend_from_slice(b"DIRC");
        head.extend_from_slice(&self.version.to_be_bytes());
        head.extend_from_slice(
            &u32::try_from(self.slots.len())
                .unwrap_or(u32::MAX)
                .to_be_bytes(),
        );
        let mut extensions = Vec::new();
        if let Some(tree) = self.tree.as_ref().map(|t| invalidate(t, &self.touched))
            && !tree.is_empty()
        {
            extension(&mut extensions, b"TREE", &tree);
        }
        for (signature, data) in &self.kept {
            extension(&mut extensions, signature, data);
        }
        let mut parts: Vec<&[u8]> = vec![&head];
        let mut run = 0..0;
        for slot in &self.slots {
            match slot {
                Slot::Kept { start, len, .. } if *start == run.end => run.end += len,
                Slot::Kept { start, len, .. } => {
                    parts.push(&self.raw[run]);
                    run = *start..start + len;
                }
                Slot::New { bytes, .. } => {
                    parts.push(&self.raw[std::mem::replace(&mut run, 0..0)]);
                    parts.push(bytes);
                }
            }
        }
        parts.push(&self.raw[run]);
        parts.push(&extensions);
        std::thread::scope(|threads| {
            let summing = threads.spawn(|| {
                let mut sum = Sha1::new();
                for part in &parts {
                    sum.update(part);
                }
                sum.finalize()
            });
            // Large runs go past the buffer in one call each.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            for part in &parts {
                out.write_all(part)?;
            }
            let sum = summing
                .join()
                .map_err(|_| std::io::Error::other("the index's checksum failed"))?;
            out.write_all(&sum)?;
            out.flush()
        })
    }
}

/// Appends an extension: its signature, size and data.
fn extension(out: &mut Vec<u8>, signature: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(signature);
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(data);
}

/// What tells one index file from another written since.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Why an index could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// Another process holds `index.lock`.
    Locked,
    /// The file system refused.
    Io(std::io::Error),
}

/// An entry as git lays it out, padded with NULs to a multiple of 8.
fn encode(path: &[u8], e: &NewEntry<'_>) -> Slot {
    let st = e.stat;
    let mut b = Vec::with_capacity((FIXED + path.len() + 8) & !7);
    // git keeps the low 32 bits of each field.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    for field in [
        st.st_ctime as u32,
        st.st_ctime_nsec as u32,
        st.st_mtime as u32,
        st.st_mtime_nsec as u32,
        st.st_dev as u32,
        st.st_ino as u32,
        e.mode,
        st.st_uid,
        st.st_gid,
        st.st_size as u32,
    ] {
        b.extend_from_slice(&field.to_be_bytes());
    }
    b.extend_from_slice(e.id.as_bytes());
    let name_len = u16::try_from(path.len().min(0xfff)).unwrap_or(0xfff);
    b.extend_from_slice(&name_len.to_be_bytes());
    b.extend_from_slice(path);
    b.resize((FIXED + path.len() + 8) & !7, 0);
    Slot::New {
        bytes: b,
        path_len: path.len(),
    }
}

/// The cache tree with the entries of `touched` folders marked invalid
/// (entry count -1, no object id), as git does when it changes an entry.
/// Data it cannot read is dropped, which only costs git a rebuild.
fn invalidate(tree: &[u8], touched: &[Vec<u8>]) -> Vec<u8> {
    fn node(
        tree: &[u8],
        at: &mut usize,
        prefix: &[u8],
        touched: &[Vec<u8>],
        out: &mut Vec<u8>,
    ) -> Option<()> {
        let name_end = *at + memchr::memchr(0, &tree[*at..])?;
        let name = &tree[*at..name_end];
        let line_end = name_end + 1 + memchr::memchr(b'\n', &tree[name_end + 1..])?;
        let line = std::str::from_utf8(&tree[name_end + 1..line_end]).ok()?;
        let (count, subtrees) = line.split_once(' ')?;
        let count: i64 = count.parse().ok()?;
        let subtrees: usize = subtrees.parse().ok()?;
        *at = line_end + 1;
        let mut path = prefix.to_vec();
        if !name.is_empty() {
            path.extend_from_slice(name);
            path.push(b'/');
        }
        let valid = count >= 0 && !touched.contains(&path);
        out.extend_from_slice(name);
        out.push(0);
        if valid {
            out.extend_from_slice(format!("{count} {subtrees}\n").as_bytes());
            out.extend_from_slice(tree.get(*at..*at + ID)?);
        } else {
            out.extend_from_slice(format!("-1 {subtrees}\n").as_bytes());
        }
        if count >= 0 {
            *at += ID;
        }
        for _ in 0..subtrees {
            node(tree, at, &path, touched, out)?;
        }
        Some(())
    }
    let mut out = Vec::with_capacity(tree.len());
    let mut at = 0;
    while at < tree.len() {
        if node(tree, &mut at, b"", touched, &mut out).is_none() {
            return Vec::new();
        }
    }
    out
}

fn corrupt(path: &Path, why: &str) -> Error {
    Error::git(
        format!("git's index {} cannot be read: {why}", path.display()),
        Some(
            "run `git status` to see what git makes of it; `git reset` rebuilds it from HEAD"
                .into(),
        ),
    )
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

//! How the cache file is laid out: fixed-width little-endian records read
//! in place, so a warm read decodes nothing it does not show.
//!
//! ```text
//! header  magic, the definitions folder's stamp, counts, checksums
//! blobs   one postcard `Summary` per entry, read only for the rows shown
//! head    symbol offsets | symbol text | names | folder files | entries | tags
//! words   the folded title and description words of each name's
//!         representative, then of every other entry: search reads the
//!         first part only, unless asked for every version
//! ```
//!
//! The summaries come first so that a rebuild streams them into the file
//! as folders are read, and holds only the head and words in memory; the
//! header, written last, is what makes the file a cache.
//!
//! Strings (names, file names, categories, owners, tags, search words) are
//! symbols: indices into one table. Every index and range is checked once
//! when the file is opened, so a file that passes [`View::open`] can be
//! read without further checks; one that fails is simply not a cache. The
//! head, each words section and each summary carry a checksum.
//!
//! This module holds the format (constants, rows, checksums, the
//! derivation key) and the types; `read.rs` reads a file ([`View`]),
//! `write.rs` builds one ([`Builder`], [`Parsed`], [`Built`]).

use std::collections::HashMap;
use std::io::{Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::sync::OnceLock;

use crate::definition::{Status, Summary};

mod read;
mod write;

/// Changed whenever the layout or the encoded `Summary` changes.
const MAGIC: &[u8; 8] = b"regidx\0\x04";
const NONE: u32 = u32::MAX;
const HEADER: usize = 8 + 8 + STAMP + 12 * 8;
/// Marks a word range in the second words section.
const REST: u32 = 1 << 31;
const STAMP: usize = 40;
const NAME: usize = 4 + 4 + STAMP + 4 * 5;
const ENTRY: usize = 136;

/// What identifies one version of a file or folder on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time (seconds, nanoseconds).
    pub mtime: (i64, u32),
    /// Status-change time (seconds, nanoseconds).
    pub ctime: (i64, u32),
    /// Inode number.
    pub inode: u64,
}

impl Stamp {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.mtime.0.to_le_bytes());
        out.extend_from_slice(&self.mtime.1.to_le_bytes());
        out.extend_from_slice(&self.ctime.0.to_le_bytes());
        out.extend_from_slice(&self.ctime.1.to_le_bytes());
        out.extend_from_slice(&self.inode.to_le_bytes());
    }

    fn get(b: &[u8]) -> Stamp {
        Stamp {
            size: u64_at(b, 0),
            mtime: (i64_at(b, 8), u32_at(b, 16)),
            ctime: (i64_at(b, 20), u32_at(b, 28)),
            inode: u64_at(b, 32),
        }
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

fn i64_at(b: &[u8], at: usize) -> i64 {
    b.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .map_or(0, i64::from_le_bytes)
}

/// The symbols of a `(start, len)` range of a table of them.
fn syms(table: &[u8], (start, len): (u32, u32)) -> impl Iterator<Item = u32> + '_ {
    let (start, len) = (idx(start), idx(len));
    let end = (start + len).min(table.len() / 4);
    (start.min(end)..end).map(move |i| u32_at(table, i * 4))
}

fn idx(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

fn n32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(NONE)
}

/// One definition folder: `definitions/<name>/`.
#[derive(Debug, Clone, Copy)]
pub struct NameRow {
    /// The name's symbol.
    pub name: u32,
    /// The folder's stamp when it was listed.
    pub stamp: Option<Stamp>,
    /// Its `*.yaml` files: a range of the folder-files table.
    pub files: (u32, u32),
    /// Its loadable versions, ascending: a range of the entries.
    pub entries: (u32, u32),
    /// The entry that stands for the name in `reg list`, if any.
    pub representative: Option<u32>,
}

impl NameRow {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.name.to_le_bytes());
        out.extend_from_slice(&u32::from(self.stamp.is_some()).to_le_bytes());
        self.stamp.unwrap_or_default().put(out);
        for v in [
            self.files.0,
            self.files.1,
            self.entries.0,
            self.entries.1,
            self.representative.unwrap_or(NONE),
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    fn get(b: &[u8]) -> NameRow {
        let at = 8 + STAMP;
        let rep = u32_at(b, at + 16);
        NameRow {
            name: u32_at(b, 0),
            stamp: (u32_at(b, 4) == 1).then(|| Stamp::get(&b[8..8 + STAMP])),
            files: (u32_at(b, at), u32_at(b, at + 4)),
            entries: (u32_at(b, at + 8), u32_at(b, at + 12)),
            representative: (rep != NONE).then_some(rep),
        }
    }
}

/// One cached definition: what filters, sorting and search need, and where
/// its summary is.
#[derive(Debug, Clone, Copy)]
pub struct EntryRow {
    /// The file name's symbol (`1.2.0.yaml`).
    pub file: u32,
    /// Index of its name row.
    pub name: u32,
    /// The file's stamp when it was parsed.
    pub stamp: Stamp,
    /// Its state.
    pub status: Status,
    /// Category symbol.
    pub category: Option<u32>,
    /// Owner symbol.
    pub owner: Option<u32>,
    /// `updatedAt` (seconds, nanoseconds).
    pub updated: Option<(i64, u32)>,
    /// Its id.
    pub id: Option<[u8; 16]>,
    /// Its tags: a range of the tags table.
    pub tags: (u32, u32),
    /// Its title's and description's words: start, title words, all words.
    pub words: (u32, u32, u32),
    /// Its summary: offset and length in the blobs, and their checksum.
    pub blob: (u64, u32, u64),
}

fn status_code(s: Status) -> u32 {
    match s {
        Status::Draft => 0,
        Status::Published => 1,
        Status::Deprecated => 2,
        Status::Archived => 3,
    }
}

impl EntryRow {
    fn put(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&self.file.to_le_bytes());
        out.extend_from_slice(&self.name.to_le_bytes());
        self.stamp.put(out);
        for v in [
            status_code(self.status),
            self.category.unwrap_or(NONE),
            self.owner.unwrap_or(NONE),
            u32::from(self.updated.is_some()),
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let (secs, nanos) = self.updated.unwrap_or_default();
        out.extend_from_slice(&secs.to_le_bytes());
        out.extend_from_slice(&nanos.to_le_bytes());
        out.extend_from_slice(&u32::from(self.id.is_some()).to_le_bytes());
        out.extend_from_slice(&self.id.unwrap_or_default());
        for v in [
            self.tags.0,
            self.tags.1,
            self.words.0,
            self.words.1,
            self.words.2,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.blob.0.to_le_bytes());
        out.extend_from_slice(&self.blob.1.to_le_bytes());
        out.extend_from_slice(&self.blob.2.to_le_bytes());
        debug_assert_eq!(out.len() - start, ENTRY);
    }

    /// Reads a row; `None` when its status code is unknown.
    fn get(b: &[u8]) -> Option<EntryRow> {
        let opt = |v: u32| (v != NONE).then_some(v);
        let at = 8 + STAMP;
        Some(EntryRow {
            file: u32_at(b, 0),
            name: u32_at(b, 4),
            stamp: Stamp::get(b.get(8..8 + STAMP)?),
            status: *Status::ALL.get(idx(u32_at(b, at)))?,
            category: opt(u32_at(b, at + 4)),
            owner: opt(u32_at(b, at + 8)),
            updated: (u32_at(b, at + 12) == 1).then(|| (i64_at(b, at + 16), u32_at(b, at + 24))),
            id: (u32_at(b, at + 28) == 1)
                .then(|| b.get(at + 32..at + 48)?.try_into().ok())
                .flatten(),
            tags: (u32_at(b, at + 48), u32_at(b, at + 52)),
            words: (u32_at(b, at + 56), u32_at(b, at + 60), u32_at(b, at + 64)),
            blob: (u64_at(b, at + 68), u32_at(b, at + 76), u64_at(b, at + 80)),
        })
    }
}

/// Where the words and blobs are: still in the file, or in memory after a
/// rebuild.
#[derive(Debug)]
enum Store {
    File(std::fs::File),
    Memory(Vec<u8>),
}

/// A cache file, checked and read in place.
#[derive(Debug)]
pub struct View {
    head: Vec<u8>,
    /// Where each section of `head` starts ([`Counts::sections`]).
    at: [usize; 7],
    /// The symbol text, checked to be UTF-8 once.
    text: String,
    root: Option<Stamp>,
    counts: Counts,
    store: Store,
    /// Where the two words sections start in the file (the summaries
    /// start right after the header).
    words_at: [u64; 2],
    words_sum: [u64; 2],
    /// The words sections, read and checked on first use (`None`: broken).
    words: [OnceLock<Option<Vec<u8>>>; 2],
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    syms: usize,
    sym_bytes: usize,
    names: usize,
    files: usize,
    entries: usize,
    tags: usize,
    /// Words of representatives, then of the other entries.
    words: [usize; 2],
    blobs: u64,
}

impl Counts {
    /// Section offsets within the head: symbol offsets, symbol text, names,
    /// files, entries, tags, end.
    fn sections(&self) -> Option<[usize; 7]> {
        let sizes = [
            self.syms.checked_add(1)?.checked_mul(4)?,
            self.sym_bytes,
            self.names.checked_mul(NAME)?,
            self.files.checked_mul(4)?,
            self.entries.checked_mul(ENTRY)?,
            self.tags.checked_mul(4)?,
        ];
        let mut at = [0usize; 7];
        for (i, size) in sizes.iter().enumerate() {
            at[i + 1] = at[i].checked_add(*size)?;
        }
        Some(at)
    }
}

/// A fast 64-bit checksum of the head, four lanes wide.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lanes = [K, K.rotate_left(17), K.rotate_left(31), K.rotate_left(47)];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            *lane = (*lane ^ u64_at(c, i * 8)).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut h = lanes
        .iter()
        .fold(bytes.len() as u64, |h, l| (h ^ l).wrapping_mul(K));
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h
}

/// The checksum of the header's fields before the three checksums, and of the head.
fn head_sum(header: &[u8], head: &[u8]) -> u64 {
    checksum(&header[..HEADER - 24]) ^ checksum(head).rotate_left(1)
}

/// What the cache derives from the files, as a key: the version of each
/// derivation (the summary's encoding, the search words, the
/// representative version of a name), and what each makes of fixed probes,
/// so a change of tokenizer or rule that forgot its version still shows. A
/// cache derived otherwise is not used (SPEC §10: never an answer from
/// another reading of the files).
pub(super) fn derivations() -> u64 {
    static KEY: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
        use std::hash::Hasher;
        let mut h = std::hash::DefaultHasher::new();
        h.write_u32(crate::definition::SUMMARY_VERSION);
        h.write_u32(crate::words::WORDS_VERSION);
        h.write_u32(crate::version::REPRESENTATIVE_VERSION);
        // Not derived data, but recorded as files are read: a cache from
        // before proofs is read again once, so every file gets one.
        h.write_u32(crate::schema::proven::FORMAT);
        for w in crate::words::words("Ça va? Déjà-vu, ÉCOLE_x 123 o'clock ß ǅ ﬁ") {
            h.write(w.as_bytes());
            h.write_u8(0);
        }
        let v = |s: &str| s.parse::<semver::Version>().expect("probe versions parse");
        for probe in [
            vec![
                (v("1.0.0"), Status::Published),
                (v("2.0.0-rc.1"), Status::Published),
                (v("1.5.0"), Status::Draft),
            ],
            vec![
                (v("1.0.0"), Status::Deprecated),
                (v("0.9.0"), Status::Published),
            ],
            vec![(v("3.0.0"), Status::Archived), (v("2.0.0"), Status::Draft)],
        ] {
            h.write_usize(crate::version::representative(&probe).map_or(usize::MAX, |i| i));
        }
        // The low bit of the header word holds whether a root stamp follows.
        h.finish() & !1
    });
    *KEY
}

/// The root stamp, the counts and the checksums of the head and of both
/// words sections, if the header is of this format and was derived as
/// `key` says.
fn parse_header(h: &[u8], key: u64) -> Option<(Option<Stamp>, Counts, [u64; 3])> {
    if h.get(..8)? != MAGIC || u64_at(h, 8) & !1 != key {
        return None;
    }
    let root = (u64_at(h, 8) & 1 == 1).then(|| Stamp::get(&h[16..16 + STAMP]));
    let at = 16 + STAMP;
    let n = |i: usize| usize::try_from(u64_at(h, at + i * 8)).ok();
    let counts = Counts {
        syms: n(0)?,
        sym_bytes: n(1)?,
        names: n(2)?,
        files: n(3)?,
        entries: n(4)?,
        tags: n(5)?,
        words: [n(6)?, n(7)?],
        blobs: u64_at(h, at + 8 * 8),
    };
    let sum = |i: usize| u64_at(h, at + i * 8);
    Some((root, counts, [sum(9), sum(10), sum(11)]))
}

/// Symbol ids of one view, translated into a builder's on first use.
#[derive(Debug, Default)]
pub struct Remap(Vec<u32>);

/// Writes a new cache, entry by entry, folder by folder.
#[derive(Debug)]
pub struct Builder<'a> {
    sym_text: String,
    sym_offs: Vec<u32>,
    lookup: HashMap<String, u32, foldhash::fast::FixedState>,
    root: Option<Stamp>,
    names: Vec<NameRow>,
    files: Vec<u32>,
    /// Entry rows, already encoded.
    entries: Vec<u8>,
    tags: Vec<u32>,
    /// Word symbols, already encoded: representatives', then the others'.
    words: [Vec<u8>; 2],
    /// The current folder's entries and their words, until its
    /// representative is known.
    pending: Vec<(EntryRow, Vec<u32>)>,
    /// The summaries, written as they come.
    blobs: Blobs<'a>,
}

/// Where a new cache's summaries go, in order, as entries are added.
#[derive(Debug)]
struct Blobs<'a> {
    sink: Sink,
    /// The cache kept entries are copied from.
    old: Option<&'a View>,
    /// Summaries of the old cache still to copy (offset, length): kept
    /// entries are mostly neighbours, so they are copied a run at a time.
    run: Option<(u64, u64)>,
    len: u64,
    /// The first write that failed: the file is then no cache.
    failed: Option<std::io::Error>,
}

/// Where a builder puts the summaries.
#[derive(Debug)]
pub enum Sink {
    /// The new cache file, written from the start (room is left for the
    /// header, which is written last).
    File(std::io::BufWriter<std::fs::File>),
    /// Memory, when the cache cannot be written (a read-only `.reg/`).
    Memory(Vec<u8>),
}

/// A definition parsed for the cache, encoded on the thread that read it.
#[derive(Debug)]
pub struct Parsed {
    /// The file's stamp when it was read.
    pub stamp: Stamp,
    /// What discovery needs of it.
    pub summary: Summary,
    blob: Vec<u8>,
    /// Folded words of the title, then of the description, space-separated.
    words: String,
    title_words: u32,
}

/// A new cache: its summaries written to their sink, its head and words
/// in memory, to be written after them.
#[derive(Debug)]
pub struct Built {
    head: Vec<u8>,
    root: Option<Stamp>,
    counts: Counts,
    words: [Vec<u8>; 2],
    sink: Sink,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Summary;

    fn summary(name: &str, version: &str, status: Status) -> Summary {
        Summary {
            name: name.into(),
            version: version.parse().unwrap(),
            id: Some(uuid::Uuid::new_v4()),
            status,
            title: format!("{name} title"),
            description: "Sends messages.".into(),
            category: Some("messaging".into()),
            tags: vec!["chat".into(), "alerts".into()],
            owner: Some("team-a".into()),
            dependencies: Vec::new(),
            schema_refs: Vec::new(),
            created_at: None,
            updated_at: Some("2026-01-02T03:04:05.5Z".parse().unwrap()),
            deprecation: None,
            extra: Some(r#"{"links":{"docs":"https://x.example"},"x-team":7}"#.into()),
        }
    }

    fn stamp(n: u64) -> Stamp {
        Stamp {
            size: n,
            mtime: (1_700_000_000, 5),
            ctime: (1_700_000_001, 7),
            inode: n * 3,
        }
    }

    /// Two names, three entries, written to a file.
    fn written() -> (tempfile::NamedTempFile, Vec<u8>) {
        let mut b = Builder::new(Some(stamp(1)), None, Sink::Memory(Vec::new()));
        for (name, versions) in [("slack", &["1.0.0", "1.1.0"][..]), ("stripe", &["2.0.0"])] {
            let files: Vec<String> = versions.iter().map(|v| format!("{v}.yaml")).collect();
            b.begin_name(name, Some(stamp(2)), files.iter().map(String::as_str));
            for (i, v) in versions.iter().enumerate() {
                let s = summary(name, v, Status::Published);
                let mut p = Parsed::new(stamp(10 + i as u64), s).unwrap();
                p.words = format!("{name} title sends messages");
                p.title_words = 2;
                b.push_parsed(&files[i], &p);
            }
            b.end_name(Some(versions.len() - 1));
        }
        let bytes = b.finish().unwrap().bytes(derivations());
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        (file, bytes)
    }

    #[test]
    fn a_cache_derived_otherwise_is_not_used() {
        let (file, _) = written();
        let open = |key| View::open_derived(std::fs::File::open(file.path()).unwrap(), key);
        assert!(open(derivations()).is_some());
        // Another tokenizer, representative rule or summary encoding: the
        // same bytes, another key.
        assert!(open(derivations() ^ 2).is_none());
        // And the key is written as the cache is.
        let mut b = Builder::new(None, None, Sink::Memory(Vec::new()));
        b.begin_name("x", None, std::iter::empty());
        b.end_name(None);
        assert_eq!(u64_at(&b.finish().unwrap().bytes(0xabc0), 8), 0xabc0);
    }

    #[test]
    fn a_written_cache_reads_back() {
        let (file, _) = written();
        let v = View::open(std::fs::File::open(file.path()).unwrap()).unwrap();
        assert_eq!((v.names(), v.entries()), (2, 3));
        assert_eq!(v.root(), Some(stamp(1)));
        let slack = v.name(0);
        assert_eq!(v.sym(slack.name), "slack");
        assert_eq!(
            v.files(&slack).collect::<Vec<_>>(),
            ["1.0.0.yaml", "1.1.0.yaml"]
        );
        assert_eq!((slack.entries, slack.representative), ((0, 2), Some(1)));
        let e = v.entry(1);
        assert_eq!(e.stamp, stamp(11));
        assert_eq!(v.entry_stamp(1), stamp(11));
        assert_eq!(v.sym(v.entry_file(1)), "1.1.0.yaml");
        assert_eq!(e.category.map(|c| v.sym(c)), Some("messaging"));
        let tags: Vec<&str> = v.tags(&e).map(|t| v.sym(t)).collect();
        assert_eq!(tags, ["chat", "alerts"]);
        let words: Vec<&str> = v.words(&e).map(|w| v.sym(w)).collect();
        assert_eq!(words, ["slack", "title", "sends", "messages"]);
        assert_eq!(e.words.1, 2);
        let s = v.summary(&e).unwrap();
        assert_eq!(s.to_json()["links"]["docs"], "https://x.example");
        assert_eq!(s.to_json()["x-team"], 7);
        assert_eq!(
            (s.name.as_str(), s.version.to_string()),
            ("slack", "1.1.0".into())
        );
        assert_eq!(e.id, s.id.map(|u| *u.as_bytes()));
        assert_eq!(v.ids().count(), 3);
    }

    #[test]
    fn kept_entries_copy_across_symbol_tables() {
        let (file, _) = written();
        let old = View::open(std::fs::File::open(file.path()).unwrap()).unwrap();
        let build = |sink| {
            let mut b = Builder::new(None, Some(&old), sink);
            let mut remap = Remap::default();
            // A different first symbol shifts every id of the new table.
            b.begin_name("stripe", Some(stamp(2)), ["2.0.0.yaml"]);
            b.push_kept(&mut remap, 2);
            b.end_name(Some(0));
            b
        };
        // Finished from the old cache, or with the kept summaries copied
        // first so the old cache could be dropped: the same cache.
        let finished = build(Sink::Memory(Vec::new())).finish().unwrap();
        let detached = build(Sink::Memory(Vec::new())).without_old().unwrap();
        assert_eq!(
            detached.finish().unwrap().bytes(derivations()),
            finished.bytes(derivations())
        );
        let build = |sink| build(sink).finish().unwrap();
        // Streamed into a file and saved, then read back; written out as
        // bytes; and kept in memory, as when `.reg/` cannot be written.
        let streamed = tempfile::NamedTempFile::new().unwrap();
        let out = std::io::BufWriter::new(streamed.reopen().unwrap());
        let saved = build(Sink::File(out)).save().unwrap();
        let reread = View::open(std::fs::File::open(streamed.path()).unwrap()).unwrap();
        let mut as_bytes = tempfile::NamedTempFile::new().unwrap();
        let bytes = build(Sink::Memory(Vec::new())).bytes(derivations());
        std::io::Write::write_all(&mut as_bytes, &bytes).unwrap();
        assert_eq!(std::fs::read(streamed.path()).unwrap(), bytes);
        let on_disk = View::open(std::fs::File::open(as_bytes.path()).unwrap()).unwrap();
        let in_memory = build(Sink::Memory(Vec::new())).into_view().unwrap();
        for v in [saved, reread, on_disk, in_memory] {
            let e = v.entry(0);
            assert_eq!(v.sym(v.name(0).name), "stripe");
            assert_eq!(v.sym(e.file), "2.0.0.yaml");
            assert_eq!(
                v.tags(&e).map(|t| v.sym(t)).collect::<Vec<_>>(),
                ["chat", "alerts"]
            );
            assert_eq!(
                v.words(&e).map(|w| v.sym(w)).collect::<Vec<_>>()[0],
                "stripe"
            );
            assert_eq!(v.summary(&e).unwrap().name, "stripe");
        }
    }

    #[test]
    fn any_damage_is_noticed() {
        let (file, bytes) = written();
        let open = |b: &[u8]| {
            std::fs::write(file.path(), b).unwrap();
            View::open(std::fs::File::open(file.path()).unwrap())
        };
        assert!(open(&bytes).is_some());
        assert!(open(&bytes[..bytes.len() - 1]).is_none(), "truncated");
        assert!(open(&bytes[..HEADER / 2]).is_none(), "truncated header");
        let head_at = HEADER + usize::try_from(open(&bytes).unwrap().counts.blobs).unwrap();
        let mut flipped = bytes.clone();
        flipped[head_at + 40] ^= 1;
        assert!(open(&flipped).is_none(), "a flipped bit in the head");
        // A summary is checked when it is read: the others still read.
        let mut flipped = bytes.clone();
        flipped[HEADER + 5] ^= 1;
        let v = open(&flipped).unwrap();
        assert!(v.summary(&v.entry(0)).is_none());
        assert!(v.summary(&v.entry(1)).is_some());
        let mut foreign = bytes.clone();
        foreign[7] = 1;
        assert!(open(&foreign).is_none(), "another format version");
        // The words are checked when search first reads them.
        let v = open(&bytes).unwrap();
        assert!(v.has_words(true));
        let at = usize::try_from(v.words_at[0]).unwrap();
        let mut flipped = bytes.clone();
        flipped[at] ^= 1;
        let v = open(&flipped).unwrap();
        assert!(!v.has_words(false));
        // Entry 1 stands for its name: its words were in the damaged part;
        // entry 0's, in the other part, still read.
        assert_eq!(v.words(&v.entry(1)).count(), 0);
        assert_eq!(v.words(&v.entry(0)).count(), 4);
        let mut flipped = bytes.clone();
        flipped[usize::try_from(v.words_at[1]).unwrap()] ^= 1;
        let v = open(&flipped).unwrap();
        assert!(v.has_words(false) && !v.has_words(true));
    }
}

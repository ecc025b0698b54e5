//! How the cache file is laid out: fixed-width little-endian records read
//! in place, so a warm read decodes nothing it does not show.
//!
//! ```text
//! header  magic, the definitions folder's stamp, counts, checksums
//! head    symbol offsets | symbol text | names | folder files | entries | tags
//! words   the folded title and description words of each name's
//!         representative, then of every other entry: search reads the
//!         first part only, unless asked for every version
//! blobs   one postcard `Summary` per entry, read only for the rows shown
//! ```
//!
//! Strings (names, file names, categories, owners, tags, search words) are
//! symbols: indices into one table. Every index and range is checked once
//! when the file is opened, so a file that passes [`View::open`] can be
//! read without further checks; one that fails is simply not a cache. The
//! head, each words section and each summary carry a checksum.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::sync::OnceLock;

use crate::definition::{Status, Summary};

/// Changed whenever the layout or the encoded `Summary` changes.
const MAGIC: &[u8; 8] = b"regidx\0\x03";
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
    /// Where the two words sections and the blobs start in the file.
    words_at: [u64; 2],
    blobs_at: u64,
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

impl View {
    /// Reads a cache file's header and head; words and blobs stay on disk.
    pub fn open(file: std::fs::File) -> Option<View> {
        Self::open_derived(file, derivations())
    }

    /// [`View::open`] of a cache that must have been derived as `key` says.
    fn open_derived(mut file: std::fs::File, key: u64) -> Option<View> {
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let (root, counts, sums) = parse_header(&header, key)?;
        let len = counts.sections()?[6];
        let words = counts.words[0]
            .checked_add(counts.words[1])?
            .checked_mul(4)?;
        let blobs_at = u64::try_from(HEADER.checked_add(len)?.checked_add(words)?).ok()?;
        // Sizes are checked against the file before anything is allocated.
        if file.metadata().ok()?.len() != blobs_at.checked_add(counts.blobs)? {
            return None;
        }
        let mut head = vec![0u8; len];
        file.read_exact(&mut head).ok()?;
        if head_sum(&header, &head) != sums[0] {
            return None;
        }
        View::check(head, root, counts, Store::File(file), [sums[1], sums[2]])
    }

    fn check(
        head: Vec<u8>,
        root: Option<Stamp>,
        counts: Counts,
        store: Store,
        words_sum: [u64; 2],
    ) -> Option<View> {
        let at = counts.sections()?;
        if head.len() != at[6] {
            return None;
        }
        let text = String::from_utf8(head[at[1]..at[2]].to_vec()).ok()?;
        let first = u64::try_from(HEADER + head.len()).ok()?;
        let second = first + counts.words[0] as u64 * 4;
        let view = View {
            head,
            at,
            text,
            root,
            counts,
            store,
            words_at: [first, second],
            blobs_at: second + counts.words[1] as u64 * 4,
            words_sum,
            words: [OnceLock::new(), OnceLock::new()],
        };
        view.valid().then_some(view)
    }

    /// Words section `i`, read and checked once; `None` when it is broken.
    fn words_section(&self, i: usize) -> Option<&[u8]> {
        self.words[i]
            .get_or_init(|| {
                let Store::File(file) = &self.store else {
                    return None;
                };
                let mut bytes = vec![0u8; self.counts.words[i].checked_mul(4)?];
                file.read_exact_at(&mut bytes, self.words_at[i]).ok()?;
                let syms = self.counts.syms;
                let ok = checksum(&bytes) == self.words_sum[i]
                    && bytes.chunks_exact(4).all(|w| idx(u32_at(w, 0)) < syms);
                ok.then_some(bytes)
            })
            .as_deref()
    }

    /// Whether the search words can be read: the representatives', and
    /// with `all` every entry's.
    #[must_use]
    pub fn has_words(&self, all: bool) -> bool {
        self.words_section(0).is_some() && (!all || self.words_section(1).is_some())
    }

    /// Every symbol, range and index points inside its table.
    fn valid(&self) -> bool {
        let s = self.at;
        let c = self.counts;
        let text = &self.text;
        let mut last = 0;
        for i in 0..=c.syms {
            let at = idx(u32_at(&self.head, s[0] + i * 4));
            if at < last || at > text.len() || !text.is_char_boundary(at) {
                return false;
            }
            last = at;
        }
        let sym = |v: u32| idx(v) < c.syms;
        let range = |(start, len): (u32, u32), n: usize| idx(start).saturating_add(idx(len)) <= n;
        let files_ok = (0..c.files).all(|i| sym(self.file_sym(i)));
        let names_ok = (0..c.names).all(|i| {
            let n = self.name(i);
            sym(n.name)
                && range(n.files, c.files)
                && range(n.entries, c.entries)
                && n.representative.is_none_or(|r| r < n.entries.1)
        });
        let entries_ok = (0..c.entries).all(|i| {
            let Some(e) = self.try_entry(i) else {
                return false;
            };
            sym(e.file)
                && idx(e.name) < c.names
                && e.category.is_none_or(sym)
                && e.owner.is_none_or(sym)
                && range(e.tags, c.tags)
                && e.words.1 <= e.words.2
                && match e.words.0 & REST {
                    0 => range((e.words.0, e.words.2), c.words[0]),
                    _ => range((e.words.0 & !REST, e.words.2), c.words[1]),
                }
                && e.blob.0.saturating_add(u64::from(e.blob.1)) <= c.blobs
        });
        let tags_ok = (0..c.tags).all(|i| sym(u32_at(&self.head, s[5] + i * 4)));
        files_ok && names_ok && entries_ok && tags_ok
    }

    fn section(&self, i: usize) -> &[u8] {
        &self.head[self.at[i]..self.at[i + 1]]
    }

    /// The definitions folder's stamp when it was listed.
    #[must_use]
    pub fn root(&self) -> Option<Stamp> {
        self.root
    }

    /// How many names.
    #[must_use]
    pub fn names(&self) -> usize {
        self.counts.names
    }

    /// How many entries.
    #[must_use]
    pub fn entries(&self) -> usize {
        self.counts.entries
    }

    /// A symbol's text.
    #[must_use]
    pub fn sym(&self, id: u32) -> &str {
        let offs = self.section(0);
        let (a, b) = (
            idx(u32_at(offs, idx(id) * 4)),
            idx(u32_at(offs, idx(id) * 4 + 4)),
        );
        self.text.get(a..b).unwrap_or_default()
    }

    /// Name row `i`.
    #[must_use]
    pub fn name(&self, i: usize) -> NameRow {
        NameRow::get(
            self.section(2)
                .get(i * NAME..(i + 1) * NAME)
                .unwrap_or_default(),
        )
    }

    fn file_sym(&self, i: usize) -> u32 {
        u32_at(self.section(3), i * 4)
    }

    /// The file names a folder held.
    pub fn files(&self, row: &NameRow) -> impl Iterator<Item = &str> + '_ {
        self.file_syms(row).map(|f| self.sym(f))
    }

    /// The symbols of the file names a folder held.
    pub fn file_syms(&self, row: &NameRow) -> impl Iterator<Item = u32> + '_ {
        let (start, len) = (idx(row.files.0), idx(row.files.1));
        (start..start + len).map(|i| self.file_sym(i))
    }

    fn try_entry(&self, i: usize) -> Option<EntryRow> {
        EntryRow::get(self.section(4).get(i * ENTRY..(i + 1) * ENTRY)?)
    }

    /// Entry `i`'s file name symbol, without reading the rest of it.
    #[must_use]
    pub fn entry_file(&self, i: usize) -> u32 {
        u32_at(self.section(4), i * ENTRY)
    }

    /// Entry `i`'s stamp, without reading the rest of it.
    #[must_use]
    pub fn entry_stamp(&self, i: usize) -> Stamp {
        let at = i * ENTRY + 8;
        Stamp::get(self.section(4).get(at..at + STAMP).unwrap_or(&[0; STAMP]))
    }

    /// Entry row `i` (checked when the file was opened).
    #[must_use]
    pub fn entry(&self, i: usize) -> EntryRow {
        self.try_entry(i).unwrap_or(EntryRow {
            file: 0,
            name: 0,
            stamp: Stamp::default(),
            status: Status::Archived,
            category: None,
            owner: None,
            updated: None,
            id: None,
            tags: (0, 0),
            words: (0, 0, 0),
            blob: (0, 0, 0),
        })
    }

    /// An entry's tag symbols.
    pub fn tags(&self, e: &EntryRow) -> impl Iterator<Item = u32> + '_ {
        syms(self.section(5), e.tags)
    }

    /// An entry's word symbols: the title's, then the description's (none
    /// when its words section is broken: see [`View::has_words`]).
    pub fn words(&self, e: &EntryRow) -> impl Iterator<Item = u32> + '_ {
        let (section, start) = match e.words.0 & REST {
            0 => (0, e.words.0),
            _ => (1, e.words.0 & !REST),
        };
        syms(
            self.words_section(section).unwrap_or_default(),
            (start, e.words.2),
        )
    }

    /// An entry's encoded summary.
    #[must_use]
    pub fn blob(&self, e: &EntryRow) -> Option<std::borrow::Cow<'_, [u8]>> {
        let len = usize::try_from(e.blob.1).ok()?;
        match &self.store {
            Store::Memory(b) => {
                let start = usize::try_from(e.blob.0).ok()?;
                b.get(start..start + len).map(std::borrow::Cow::Borrowed)
            }
            Store::File(f) => {
                let mut buf = vec![0u8; len];
                f.read_exact_at(&mut buf, self.blobs_at + e.blob.0).ok()?;
                Some(std::borrow::Cow::Owned(buf))
            }
        }
    }

    /// An entry's summary; `None` when its bytes are damaged.
    #[must_use]
    pub fn summary(&self, e: &EntryRow) -> Option<Summary> {
        let blob = self.blob(e)?;
        (checksum(&blob) == e.blob.2)
            .then(|| postcard::from_bytes(&blob).ok())
            .flatten()
    }

    /// Every entry's id with its path under `definitions/`.
    pub fn ids(&self) -> impl Iterator<Item = ([u8; 16], String)> + '_ {
        (0..self.counts.entries).filter_map(|i| {
            let e = self.entry(i);
            let name = self.name(idx(e.name));
            Some((
                e.id?,
                format!("{}/{}", self.sym(name.name), self.sym(e.file)),
            ))
        })
    }

    /// Copies `len` bytes of the blobs from `offset` to `out`.
    fn copy_blobs(&self, offset: u64, len: u64, out: &mut impl Write) -> std::io::Result<()> {
        match &self.store {
            Store::Memory(b) => {
                let range = usize::try_from(offset)
                    .ok()
                    .zip(usize::try_from(offset + len).ok());
                let bytes = range.and_then(|(a, z)| b.get(a..z));
                out.write_all(bytes.ok_or_else(|| std::io::Error::other("blob range"))?)
            }
            Store::File(f) => {
                let mut buf = vec![0u8; 1 << 20];
                let mut at = 0;
                while at < len {
                    let n = usize::try_from((len - at).min(1 << 20)).unwrap_or(1 << 20);
                    f.read_exact_at(&mut buf[..n], self.blobs_at + offset + at)?;
                    out.write_all(&buf[..n])?;
                    at += n as u64;
                }
                Ok(())
            }
        }
    }
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
        h.write_u32(crate::search::WORDS_VERSION);
        h.write_u32(crate::discover::REPRESENTATIVE_VERSION);
        for w in crate::search::words("Ça va? Déjà-vu, ÉCOLE_x 123 o'clock ß ǅ ﬁ") {
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
            h.write_usize(crate::discover::representative(&probe).map_or(usize::MAX, |i| i));
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
pub struct Builder {
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
    /// The new blob section, piece by piece.
    pieces: Vec<Piece>,
    /// The summaries parsed anew, which [`Piece::New`] points into.
    fresh: Vec<u8>,
    blobs_len: u64,
}

/// A run of the new blob section.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// Copied from the old cache's blobs: offset and length.
    Old(u64, u64),
    /// From [`Builder::fresh`]: offset and length.
    New(u64, u64),
}

impl Piece {
    /// Extends the last piece when `piece` follows it, else starts one.
    fn push(pieces: &mut Vec<Piece>, piece: Piece) {
        match (pieces.last_mut(), piece) {
            (Some(Piece::Old(a, n)), Piece::Old(b, m))
            | (Some(Piece::New(a, n)), Piece::New(b, m))
                if *a + *n == b =>
            {
                *n += m;
            }
            _ => pieces.push(piece),
        }
    }
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

impl Parsed {
    /// Encodes a summary read from a file with this stamp.
    #[must_use]
    pub fn new(stamp: Stamp, summary: Summary) -> Option<Parsed> {
        let blob = postcard::to_allocvec(&summary).ok()?;
        let title = crate::search::words(&summary.title);
        let mut words = title.join(" ");
        for w in crate::search::words(&summary.description) {
            words.push(' ');
            words.push_str(&w);
        }
        Some(Parsed {
            stamp,
            blob,
            words,
            title_words: n32(title.len()),
            summary,
        })
    }
}

impl Parsed {
    /// Whether entry `e` of `view` already holds exactly this summary.
    #[must_use]
    pub fn same_summary(&self, view: &View, e: &EntryRow) -> bool {
        e.blob.1 == n32(self.blob.len()) && view.blob(e).is_some_and(|b| *b == *self.blob)
    }
}

impl Builder {
    /// An empty cache for a definitions folder with this stamp.
    #[must_use]
    pub fn new(root: Option<Stamp>) -> Builder {
        Builder {
            sym_text: String::new(),
            sym_offs: vec![0],
            lookup: HashMap::default(),
            root,
            names: Vec::new(),
            files: Vec::new(),
            entries: Vec::new(),
            tags: Vec::new(),
            words: [Vec::new(), Vec::new()],
            pending: Vec::new(),
            pieces: Vec::new(),
            fresh: Vec::new(),
            blobs_len: 0,
        }
    }

    fn sym(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.lookup.get(s) {
            return id;
        }
        let id = n32(self.sym_offs.len() - 1);
        self.sym_text.push_str(s);
        self.sym_offs.push(n32(self.sym_text.len()));
        self.lookup.insert(s.to_owned(), id);
        id
    }

    fn remap(&mut self, old: &View, map: &mut Remap, id: u32) -> u32 {
        if map.0.len() < old.counts.syms {
            map.0.resize(old.counts.syms, NONE);
        }
        match map.0.get(idx(id)) {
            Some(&new) if new != NONE => new,
            _ => {
                let new = self.sym(old.sym(id));
                if let Some(slot) = map.0.get_mut(idx(id)) {
                    *slot = new;
                }
                new
            }
        }
    }

    /// Starts a folder: its name, stamp and files.
    pub fn begin_name<'a>(
        &mut self,
        name: &str,
        stamp: Option<Stamp>,
        files: impl IntoIterator<Item = &'a str>,
    ) {
        let name = self.sym(name);
        let start = n32(self.files.len());
        for f in files {
            let f = self.sym(f);
            self.files.push(f);
        }
        self.names.push(NameRow {
            name,
            stamp,
            files: (start, n32(self.files.len()) - start),
            entries: (n32(self.entries.len() / ENTRY), 0),
            representative: None,
        });
    }

    /// Ends the current folder, naming the entry (counted from its first)
    /// that stands for it.
    pub fn end_name(&mut self, representative: Option<usize>) {
        for (k, (mut row, words)) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            let section = usize::from(Some(k) != representative);
            let start = n32(self.words[section].len() / 4);
            row.words.0 = if section == 0 { start } else { start | REST };
            for w in words {
                self.words[section].extend_from_slice(&w.to_le_bytes());
            }
            row.put(&mut self.entries);
        }
        let entries = n32(self.entries.len() / ENTRY);
        if let Some(row) = self.names.last_mut() {
            row.entries.1 = entries - row.entries.0;
            row.representative = representative.map(n32);
        }
    }

    /// Adds a freshly parsed definition to the current folder.
    pub fn push_parsed(&mut self, file: &str, p: &Parsed) {
        let s = &p.summary;
        let tags_start = n32(self.tags.len());
        for t in &s.tags {
            let t = self.sym(t);
            self.tags.push(t);
        }
        let words: Vec<u32> = p
            .words
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| self.sym(w))
            .collect();
        let row = EntryRow {
            file: self.sym(file),
            name: n32(self.names.len().saturating_sub(1)),
            stamp: p.stamp,
            status: s.status,
            category: s.category.as_deref().map(|c| self.sym(c)),
            owner: s.owner.as_deref().map(|o| self.sym(o)),
            updated: s.updated_at.map(|t| {
                (
                    t.as_second(),
                    u32::try_from(t.subsec_nanosecond()).unwrap_or(0),
                )
            }),
            id: s.id.map(|u| *u.as_bytes()),
            tags: (tags_start, n32(self.tags.len()) - tags_start),
            words: (0, p.title_words, n32(words.len())),
            blob: (self.blobs_len, n32(p.blob.len()), checksum(&p.blob)),
        };
        let len = p.blob.len() as u64;
        Piece::push(&mut self.pieces, Piece::New(self.fresh.len() as u64, len));
        self.fresh.extend_from_slice(&p.blob);
        self.blobs_len += len;
        self.pending.push((row, words));
    }

    /// Copies entry `i` of an older cache into the current folder.
    pub fn push_kept(&mut self, old: &View, map: &mut Remap, i: usize) {
        let e = old.entry(i);
        let tags_start = n32(self.tags.len());
        for t in old.tags(&e) {
            let t = self.remap(old, map, t);
            self.tags.push(t);
        }
        let words: Vec<u32> = old
            .words(&e)
            .collect::<Vec<_>>()
            .into_iter()
            .map(|w| self.remap(old, map, w))
            .collect();
        let row = EntryRow {
            file: self.remap(old, map, e.file),
            name: n32(self.names.len().saturating_sub(1)),
            category: e.category.map(|c| self.remap(old, map, c)),
            owner: e.owner.map(|o| self.remap(old, map, o)),
            tags: (tags_start, n32(self.tags.len()) - tags_start),
            words: (0, e.words.1, n32(words.len())),
            blob: (self.blobs_len, e.blob.1, e.blob.2),
            ..e
        };
        Piece::push(&mut self.pieces, Piece::Old(e.blob.0, u64::from(e.blob.1)));
        self.blobs_len += u64::from(e.blob.1);
        self.pending.push((row, words));
    }

    /// The finished cache, ready to be written.
    #[must_use]
    pub fn finish(self) -> Built {
        let entries = self.entries.len();
        let mut head = Vec::with_capacity(
            (self.sym_offs.len() + self.files.len() + self.tags.len()) * 4
                + self.sym_text.len()
                + self.names.len() * NAME
                + entries,
        );
        for o in &self.sym_offs {
            head.extend_from_slice(&o.to_le_bytes());
        }
        head.extend_from_slice(self.sym_text.as_bytes());
        for n in &self.names {
            n.put(&mut head);
        }
        for v in &self.files {
            head.extend_from_slice(&v.to_le_bytes());
        }
        head.extend_from_slice(&self.entries);
        drop(self.entries);
        for v in &self.tags {
            head.extend_from_slice(&v.to_le_bytes());
        }
        let counts = Counts {
            syms: self.sym_offs.len() - 1,
            sym_bytes: self.sym_text.len(),
            names: self.names.len(),
            files: self.files.len(),
            entries: entries / ENTRY,
            tags: self.tags.len(),
            words: [self.words[0].len() / 4, self.words[1].len() / 4],
            blobs: self.blobs_len,
        };
        Built {
            head,
            root: self.root,
            counts,
            words: self.words,
            pieces: self.pieces,
            fresh: self.fresh,
        }
    }
}

/// A new cache: its head and words in memory, its summaries partly new
/// and partly still in the old cache's file, so a rebuild never holds two
/// copies of every summary.
#[derive(Debug)]
pub struct Built {
    head: Vec<u8>,
    root: Option<Stamp>,
    counts: Counts,
    words: [Vec<u8>; 2],
    pieces: Vec<Piece>,
    fresh: Vec<u8>,
}

impl Built {
    /// Writes the cache file, copying kept summaries from `old`.
    ///
    /// # Errors
    ///
    /// When writing, or reading `old`, fails.
    pub fn write(&self, out: &mut impl Write, old: Option<&View>) -> std::io::Result<()> {
        self.write_derived(out, old, derivations())
    }

    /// [`Built::write`], marked as derived as `key` says.
    fn write_derived(
        &self,
        out: &mut impl Write,
        old: Option<&View>,
        key: u64,
    ) -> std::io::Result<()> {
        let c = self.counts;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&(key | u64::from(self.root.is_some())).to_le_bytes());
        self.root.unwrap_or_default().put(&mut header);
        for v in [
            c.syms,
            c.sym_bytes,
            c.names,
            c.files,
            c.entries,
            c.tags,
            c.words[0],
            c.words[1],
        ] {
            header.extend_from_slice(&(v as u64).to_le_bytes());
        }
        header.extend_from_slice(&c.blobs.to_le_bytes());
        header.extend_from_slice(&head_sum(&header, &self.head).to_le_bytes());
        for words in &self.words {
            header.extend_from_slice(&checksum(words).to_le_bytes());
        }
        out.write_all(&header)?;
        out.write_all(&self.head)?;
        for words in &self.words {
            out.write_all(words)?;
        }
        for piece in &self.pieces {
            match *piece {
                Piece::Old(at, len) => old
                    .ok_or_else(|| std::io::Error::other("no old cache"))?
                    .copy_blobs(at, len, out)?,
                Piece::New(at, len) => {
                    let range = usize::try_from(at).ok().zip(usize::try_from(at + len).ok());
                    let bytes = range.and_then(|(a, z)| self.fresh.get(a..z));
                    out.write_all(bytes.ok_or_else(|| std::io::Error::other("blob range"))?)?;
                }
            }
        }
        out.flush()
    }

    /// The cache as a view in memory, for when it cannot be saved.
    #[must_use]
    pub fn into_view(self, old: Option<&View>) -> Option<View> {
        let mut blobs = Vec::with_capacity(usize::try_from(self.counts.blobs).ok()?);
        for piece in &self.pieces {
            match *piece {
                Piece::Old(at, len) => old?.copy_blobs(at, len, &mut blobs).ok()?,
                Piece::New(at, len) => blobs.extend_from_slice(
                    self.fresh
                        .get(usize::try_from(at).ok()?..usize::try_from(at + len).ok()?)?,
                ),
            }
        }
        let words_sum = [checksum(&self.words[0]), checksum(&self.words[1])];
        let view = View::check(
            self.head,
            self.root,
            self.counts,
            Store::Memory(blobs),
            words_sum,
        )?;
        let [first, second] = self.words;
        let _ = view.words[0].set(Some(first));
        let _ = view.words[1].set(Some(second));
        Some(view)
    }
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
        let mut b = Builder::new(Some(stamp(1)));
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
        let mut bytes = Vec::new();
        b.finish().write(&mut bytes, None).unwrap();
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
        let mut b = Builder::new(None);
        b.begin_name("x", None, std::iter::empty());
        b.end_name(None);
        let mut bytes = Vec::new();
        b.finish().write_derived(&mut bytes, None, 0xabc0).unwrap();
        assert_eq!(u64_at(&bytes, 8), 0xabc0);
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
        let mut b = Builder::new(None);
        let mut remap = Remap::default();
        // A different first symbol shifts every id of the new table.
        b.begin_name("stripe", Some(stamp(2)), ["2.0.0.yaml"]);
        b.push_kept(&old, &mut remap, 2);
        b.end_name(Some(0));
        // Written, with the kept summary copied from the old file, and read
        // back; and kept in memory, as when `.reg/` cannot be written.
        let built = b.finish();
        let mut bytes = Vec::new();
        built.write(&mut bytes, Some(&old)).unwrap();
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        let on_disk = View::open(std::fs::File::open(file.path()).unwrap()).unwrap();
        let in_memory = built.into_view(Some(&old)).unwrap();
        for v in [on_disk, in_memory] {
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
        let mut flipped = bytes.clone();
        flipped[HEADER + 40] ^= 1;
        assert!(open(&flipped).is_none(), "a flipped bit in the head");
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

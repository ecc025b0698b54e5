//! Reading a cache file: [`View`] checks the header and head once, then
//! answers rows, words and summaries in place.

use super::*;

impl View {
    /// Reads a cache file's header and head; words and blobs stay on disk.
    pub fn open(file: std::fs::File) -> Option<View> {
        Self::open_derived(file, derivations())
    }

    /// [`View::open`] of a cache that must have been derived as `key` says.
    pub(super) fn open_derived(mut file: std::fs::File, key: u64) -> Option<View> {
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let (root, counts, sums) = parse_header(&header, key)?;
        let len = counts.sections()?[6];
        let words = counts.words[0]
            .checked_add(counts.words[1])?
            .checked_mul(4)?;
        let head_at = (HEADER as u64).checked_add(counts.blobs)?;
        let end = head_at.checked_add(u64::try_from(len.checked_add(words)?).ok()?)?;
        // Sizes are checked against the file before anything is allocated.
        if file.metadata().ok()?.len() != end {
            return None;
        }
        // Read into capacity, not into zeroes: writing 16 MB of zeroes (at
        // 100,000 definitions) and faulting it in took longer than the read.
        let mut head = Vec::with_capacity(len);
        file.seek(std::io::SeekFrom::Start(head_at)).ok()?;
        (&mut file).take(len as u64).read_to_end(&mut head).ok()?;
        if head.len() != len {
            return None;
        }
        if head_sum(&header, &head) != sums[0] {
            return None;
        }
        View::check(head, root, counts, Store::File(file), [sums[1], sums[2]])
    }

    pub(super) fn check(
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
        let first = (HEADER as u64)
            .checked_add(counts.blobs)?
            .checked_add(u64::try_from(head.len()).ok()?)?;
        let second = first + counts.words[0] as u64 * 4;
        let view = View {
            head,
            at,
            text,
            root,
            counts,
            store,
            words_at: [first, second],
            words_sum,
            words: [OnceLock::new(), OnceLock::new()],
        };
        view.valid().then_some(view)
    }

    /// Words section `i`, read and checked once; `None` when it is broken.
    pub(super) fn words_section(&self, i: usize) -> Option<&[u8]> {
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
    pub(super) fn valid(&self) -> bool {
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

    pub(super) fn section(&self, i: usize) -> &[u8] {
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

    pub(super) fn file_sym(&self, i: usize) -> u32 {
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

    pub(super) fn try_entry(&self, i: usize) -> Option<EntryRow> {
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
                f.read_exact_at(&mut buf, HEADER as u64 + e.blob.0).ok()?;
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
    pub(super) fn copy_blobs(
        &self,
        offset: u64,
        len: u64,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
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
                    f.read_exact_at(&mut buf[..n], HEADER as u64 + offset + at)?;
                    out.write_all(&buf[..n])?;
                    at += n as u64;
                }
                Ok(())
            }
        }
    }
}

//! Writing a cache file: [`Builder`] takes entries folder by folder,
//! copying unchanged summaries from the old file and encoding new ones
//! ([`Parsed`]), and [`Built`] writes the result.

use super::*;

impl Piece {
    /// Extends the last piece when `piece` follows it, else starts one.
    pub(super) fn push(pieces: &mut Vec<Piece>, piece: Piece) {
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

impl Parsed {
    /// Encodes a summary read from a file with this stamp.
    #[must_use]
    pub fn new(stamp: Stamp, summary: Summary) -> Option<Parsed> {
        // Sized for a typical summary, so it is allocated once.
        let blob = postcard::to_extend(&summary, Vec::with_capacity(512)).ok()?;
        let title = crate::words::words(&summary.title);
        let mut words = title.join(" ");
        for w in crate::words::words(&summary.description) {
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

    pub(super) fn sym(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.lookup.get(s) {
            return id;
        }
        let id = n32(self.sym_offs.len() - 1);
        self.sym_text.push_str(s);
        self.sym_offs.push(n32(self.sym_text.len()));
        self.lookup.insert(s.to_owned(), id);
        id
    }

    pub(super) fn remap(&mut self, old: &View, map: &mut Remap, id: u32) -> u32 {
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
        // Each part is dropped once copied, so the peak holds the head
        // and at most one part twice, not every part twice.
        for o in self.sym_offs {
            head.extend_from_slice(&o.to_le_bytes());
        }
        head.extend_from_slice(self.sym_text.as_bytes());
        drop(self.sym_text);
        drop(self.lookup);
        for n in self.names {
            n.put(&mut head);
        }
        for v in self.files {
            head.extend_from_slice(&v.to_le_bytes());
        }
        head.extend_from_slice(&self.entries);
        drop(self.entries);
        for v in self.tags {
            head.extend_from_slice(&v.to_le_bytes());
        }
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
    pub(super) fn write_derived(
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

    /// The view of the cache just written to `file` (still open, so
    /// another process's cache renamed over it cannot be mistaken for it):
    /// its head and words are the ones in memory, checked as a read
    /// checks them, and the summaries are read from the file as needed.
    /// Reading the head back instead would hold it twice at the peak.
    #[must_use]
    pub fn saved(self, file: std::fs::File) -> Option<View> {
        self.view(Store::File(file))
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
        self.view(Store::Memory(blobs))
    }

    /// The view of this cache with its summaries in `store`: its head and
    /// words are the ones in memory, checked as a read checks them.
    fn view(self, store: Store) -> Option<View> {
        let Built {
            head,
            root,
            counts,
            words,
            pieces,
            fresh,
        } = self;
        // Gone before the view is checked: the peak holds one copy.
        drop((pieces, fresh));
        let words_sum = [checksum(&words[0]), checksum(&words[1])];
        let view = View::check(head, root, counts, store, words_sum)?;
        let [first, second] = words;
        let _ = view.words[0].set(Some(first));
        let _ = view.words[1].set(Some(second));
        Some(view)
    }
}

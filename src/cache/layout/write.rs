//! Writing a cache file: [`Builder`] takes entries folder by folder,
//! copying unchanged summaries from the old file and encoding new ones
//! ([`Parsed`]), and [`Built`] writes the result.

use super::*;

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::File(f) => f.write(buf),
            Sink::Memory(m) => m.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::File(f) => f.write_all(buf),
            Sink::Memory(m) => m.write_all(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::File(f) => f.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

impl Blobs<'_> {
    /// Adds a summary encoded anew.
    fn push_new(&mut self, blob: &[u8]) {
        self.copy_run();
        self.write(blob);
        self.len += blob.len() as u64;
    }

    /// Adds the old cache's summary at `at`, `len` bytes long.
    fn push_old(&mut self, at: u64, len: u64) {
        match &mut self.run {
            Some((start, n)) if *start + *n == at => *n += len,
            _ => {
                self.copy_run();
                self.run = Some((at, len));
            }
        }
        self.len += len;
    }

    /// Copies the run of old summaries waiting.
    fn copy_run(&mut self) {
        let Some((at, len)) = self.run.take() else {
            return;
        };
        if self.failed.is_some() {
            return;
        }
        let copied = match self.old {
            Some(old) => old.copy_blobs(at, len, &mut self.sink),
            None => Err(std::io::Error::other("no old cache")),
        };
        if let Err(e) = copied {
            self.failed = Some(e);
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.failed.is_none()
            && let Err(e) = self.sink.write_all(bytes)
        {
            self.failed = Some(e);
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

impl<'a> Builder<'a> {
    /// An empty cache for a definitions folder with this stamp, whose
    /// summaries go to `sink` (a file is written from its start) and whose
    /// kept entries are copied from `old`.
    #[must_use]
    pub fn new(root: Option<Stamp>, old: Option<&'a View>, sink: Sink) -> Builder<'a> {
        let mut blobs = Blobs {
            sink,
            old,
            run: None,
            len: 0,
            failed: None,
        };
        if matches!(blobs.sink, Sink::File(_)) {
            // Room for the header, written once the rest is known.
            blobs.write(&[0; HEADER]);
        }
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
            blobs,
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
    pub fn begin_name<'f>(
        &mut self,
        name: &str,
        stamp: Option<Stamp>,
        files: impl IntoIterator<Item = &'f str>,
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
            blob: (self.blobs.len, n32(p.blob.len()), checksum(&p.blob)),
        };
        self.blobs.push_new(&p.blob);
        self.pending.push((row, words));
    }

    /// Copies entry `i` of the old cache (the builder's) into the current
    /// folder; nothing when there is none.
    pub fn push_kept(&mut self, map: &mut Remap, i: usize) {
        let Some(old) = self.blobs.old else {
            return;
        };
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
            blob: (self.blobs.len, e.blob.1, e.blob.2),
            ..e
        };
        self.blobs.push_old(e.blob.0, u64::from(e.blob.1));
        self.pending.push((row, words));
    }

    /// The same builder with every kept summary copied from the old cache,
    /// which it then no longer refers to: the old cache (its head and
    /// words) can be dropped before the new one is finished, so the two
    /// are not both in memory at the peak.
    ///
    /// # Errors
    ///
    /// When writing a summary, or copying one from the old cache, failed.
    pub fn without_old(mut self) -> std::io::Result<Builder<'static>> {
        self.blobs.copy_run();
        if let Some(e) = self.blobs.failed.take() {
            return Err(e);
        }
        // Field by field: `..self` cannot change the lifetime.
        let Builder {
            sym_text,
            sym_offs,
            lookup,
            root,
            names,
            files,
            entries,
            tags,
            words,
            pending,
            blobs,
        } = self;
        Ok(Builder {
            sym_text,
            sym_offs,
            lookup,
            root,
            names,
            files,
            entries,
            tags,
            words,
            pending,
            blobs: Blobs {
                sink: blobs.sink,
                old: None,
                run: None,
                len: blobs.len,
                failed: None,
            },
        })
    }

    /// The finished cache, its summaries all in the sink.
    ///
    /// # Errors
    ///
    /// When writing a summary, or copying one from the old cache, failed.
    pub fn finish(self) -> std::io::Result<Built> {
        Ok(self.without_old()?.assemble())
    }

    /// The head put together from the parts, each dropped once copied.
    fn assemble(self) -> Built {
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
            blobs: self.blobs.len,
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
            sink: self.blobs.sink,
        }
    }
}

impl Built {
    /// The header, which says how the rest is laid out and that it is
    /// derived as `key` says.
    fn header(&self, key: u64) -> Vec<u8> {
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
        header
    }

    /// Finishes the cache file the summaries were written to: the head and
    /// words after them, then the header at the start. Returns its view,
    /// the file still open (so another process's cache renamed over it
    /// cannot be mistaken for it), with the head and words the ones in
    /// memory, checked as a read checks them: reading them back would hold
    /// them twice at the peak.
    ///
    /// # Errors
    ///
    /// When writing fails, or the summaries were not written to a file.
    pub fn save(self) -> std::io::Result<View> {
        self.save_derived(derivations())
    }

    /// [`Built::save`], marked as derived as `key` says.
    pub(super) fn save_derived(mut self, key: u64) -> std::io::Result<View> {
        let header = self.header(key);
        let Sink::File(mut out) = std::mem::replace(&mut self.sink, Sink::Memory(Vec::new()))
        else {
            return Err(std::io::Error::other("the summaries are not in a file"));
        };
        out.write_all(&self.head)?;
        for words in &self.words {
            out.write_all(words)?;
        }
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.write_all_at(&header, 0)?;
        self.view(Store::File(file))
            .ok_or_else(|| std::io::Error::other("the cache written does not check"))
    }

    /// The cache as a view in memory (summaries kept in memory: when it
    /// cannot be saved).
    #[must_use]
    pub fn into_view(mut self) -> Option<View> {
        let Sink::Memory(blobs) = std::mem::replace(&mut self.sink, Sink::Memory(Vec::new()))
        else {
            return None;
        };
        self.view(Store::Memory(blobs))
    }

    /// The whole file as bytes, derived as `key` says (summaries kept in
    /// memory).
    #[cfg(test)]
    pub(super) fn bytes(&self, key: u64) -> Vec<u8> {
        let Sink::Memory(blobs) = &self.sink else {
            panic!("summaries written to a file");
        };
        let mut out = self.header(key);
        out.extend_from_slice(blobs);
        out.extend_from_slice(&self.head);
        for words in &self.words {
            out.extend_from_slice(words);
        }
        out
    }

    /// The view of this cache with its summaries in `store`: its head and
    /// words are the ones in memory, checked as a read checks them.
    fn view(self, store: Store) -> Option<View> {
        let Built {
            head,
            root,
            counts,
            words,
            sink,
        } = self;
        drop(sink);
        let words_sum = [checksum(&words[0]), checksum(&words[1])];
        let view = View::check(head, root, counts, store, words_sum)?;
        let [first, second] = words;
        let _ = view.words[0].set(Some(first));
        let _ = view.words[1].set(Some(second));
        Some(view)
    }
}

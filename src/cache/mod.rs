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
//! on all cores, relative to the open definitions folder so the kernel
//! walks two path components, not the whole path), never a parse; the
//! cache is read in place (`layout/`) and only the summaries of the rows
//! shown are decoded. A cold or invalid cache only costs a rebuild. The
//! cache file is written to a temporary file and renamed into place, so
//! concurrent writers never leave a torn file; one that fails its checksum
//! or checks, comes from another format version, or cannot be read is
//! ignored and rebuilt; a read-only `.reg/` only means the cache is not saved.
//!
//! One refinement: a file re-read only because its stamp is too recent to
//! vouch for it, whose summary comes out byte for byte as cached (or a
//! folder re-listed with the same files), does not make the cache be
//! rewritten: the new stamp would still be too recent to trust, so
//! rewriting would settle nothing. The entry stays as it was and is read
//! again until a read after the window rewrites it.

mod ids;
mod layout;
mod scan;

use std::ops::Range;
use std::time::Duration;

use semver::Version;

use crate::definition::{Status, Summary};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::Registry;
use layout::{EntryRow, View};

pub use ids::path_of_id;

/// The summary of every definition, proven fresh against the work tree
/// through the cache. Files that fail to load are reported, not fatal, so
/// one bad file does not hide the others.
///
/// # Errors
///
/// Fails only when the folders cannot be read.
pub fn summaries(registry: &Registry) -> Result<(Vec<Summary>, Report)> {
    let index = index(registry)?;
    Ok((index.summaries(), index.problems))
}

/// Stamps this close to the cache's own write time are re-checked.
pub const RACY: Duration = Duration::from_secs(2);

/// A fresh summary of every definition, read in place.
#[derive(Debug)]
pub struct Index {
    view: Option<View>,
    /// Files that do not load, with why.
    pub problems: Report,
}

/// One cached definition.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    view: &'a View,
    entry: EntryRow,
}

impl<'a> Row<'a> {
    /// Its name.
    #[must_use]
    pub fn name(&self) -> &'a str {
        self.view.sym(self.view.name(self.entry.name as usize).name)
    }

    /// Its name's index (names are in order).
    #[must_use]
    pub fn name_index(&self) -> usize {
        self.entry.name as usize
    }

    /// Its version as the file name spells it.
    #[must_use]
    pub fn version_text(&self) -> &'a str {
        let file = self.view.sym(self.entry.file);
        file.strip_suffix(".yaml").unwrap_or(file)
    }

    /// Its version.
    #[must_use]
    pub fn version(&self) -> Option<Version> {
        self.version_text().parse().ok()
    }

    /// Its state.
    #[must_use]
    pub fn status(&self) -> Status {
        self.entry.status
    }

    /// Its category's symbol.
    #[must_use]
    pub fn category(&self) -> Option<u32> {
        self.entry.category
    }

    /// Its owner's symbol.
    #[must_use]
    pub fn owner(&self) -> Option<u32> {
        self.entry.owner
    }

    /// Its tags' symbols.
    pub fn tags(&self) -> impl Iterator<Item = u32> + 'a {
        self.view.tags(&self.entry)
    }

    /// The symbols of its folded title words, then description words.
    pub fn words(&self) -> impl Iterator<Item = u32> + 'a {
        self.view.words(&self.entry)
    }

    /// How many of [`Row::words`] come from the title.
    #[must_use]
    pub fn title_words(&self) -> usize {
        self.entry.words.1 as usize
    }

    /// When it last changed state.
    #[must_use]
    pub fn updated(&self) -> Option<(i64, u32)> {
        self.entry.updated
    }

    /// Its whole summary, decoded from the cache.
    #[must_use]
    pub fn summary(&self) -> Option<Summary> {
        self.view
            .summary(&self.entry)
            .filter(|s| s.name == self.name() && s.version.to_string() == self.version_text())
    }
}

impl Index {
    /// How many definition names there are.
    #[must_use]
    pub fn names(&self) -> usize {
        self.view.as_ref().map_or(0, View::names)
    }

    /// Name `n`'s versions, ascending, as entry indices.
    #[must_use]
    pub fn versions(&self, n: usize) -> Range<usize> {
        self.view.as_ref().map_or(0..0, |v| {
            let (start, len) = v.name(n).entries;
            start as usize..(start + len) as usize
        })
    }

    /// The entry that stands for name `n`: its resolved latest version,
    /// else its newest draft, else its newest version.
    #[must_use]
    pub fn representative(&self, n: usize) -> Option<usize> {
        let v = self.view.as_ref()?;
        let row = v.name(n);
        Some((row.entries.0 + row.representative?) as usize)
    }

    /// How many definitions there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.view.as_ref().map_or(0, View::entries)
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i`.
    ///
    /// # Panics
    ///
    /// When `i` is not below [`Index::len`].
    #[must_use]
    pub fn row(&self, i: usize) -> Row<'_> {
        let view = self
            .view
            .as_ref()
            .expect("an index with entries has a view");
        Row {
            view,
            entry: view.entry(i),
        }
    }

    /// A symbol's text.
    #[must_use]
    pub fn sym(&self, id: u32) -> &str {
        self.view.as_ref().map_or("", |v| v.sym(id))
    }

    /// Every summary, in name and version order.
    #[must_use]
    pub fn summaries(&self) -> Vec<Summary> {
        (0..self.len())
            .filter_map(|i| self.row(i).summary())
            .collect()
    }
}

/// The summaries of every definition, proven fresh against the work tree;
/// the cache is refreshed when anything changed.
///
/// # Errors
///
/// Fails only when the registry's folders cannot be read.
pub fn index(registry: &Registry) -> Result<Index> {
    scan::scan(registry, true, None, true)
}

/// Like [`index`], with the search words readable: the representatives',
/// and with `all` every version's. A cache whose words are damaged is
/// rebuilt.
///
/// # Errors
///
/// Fails only when the registry's folders cannot be read.
pub fn index_with_words(registry: &Registry, all: bool) -> Result<Index> {
    let index = scan::scan(registry, true, Some(all), true)?;
    if index.view.as_ref().is_none_or(|v| v.has_words(all)) {
        return Ok(index);
    }
    scan::scan(registry, false, Some(all), true)
}

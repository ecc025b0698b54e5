//! `reg list`: filters, sorting and paging over the registry's definitions
//! (SPEC §7). One row per name shows its resolved latest version (SPEC §5),
//! else its newest draft, else its newest archived version.

use std::cmp::Reverse;

use crate::cache::{Index, Row};
use crate::definition::{Status, Summary};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::Registry;

/// How rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By name, then version descending.
    #[default]
    Name,
    /// Most recently updated first.
    Updated,
    /// Highest version first, then name.
    Version,
}

/// What `reg list` asks for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Every version, not one row per name.
    pub all_versions: bool,
    /// Show ARCHIVED rows too.
    pub include_archived: bool,
    /// Keep rows in any of these states (all when empty).
    pub statuses: Vec<Status>,
    /// Keep rows of this category.
    pub category: Option<String>,
    /// Keep rows carrying every one of these tags.
    pub tags: Vec<String>,
    /// Keep rows of this owner.
    pub owner: Option<String>,
    /// Keep names matching this glob (`*`, `?`).
    pub name: Option<String>,
    /// Order.
    pub sort: Sort,
    /// Page size.
    pub limit: usize,
    /// Rows skipped before the page.
    pub offset: usize,
}

/// One row of `reg list`: a definition and, when listing names, how many
/// versions it has.
#[derive(Debug, Clone)]
pub struct ListRow {
    /// The definition shown.
    pub definition: crate::definition::Summary,
    /// How many versions exist, when one row stands for a name.
    pub versions: Option<usize>,
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Page {
    /// Rows matching before paging.
    pub total: usize,
    /// The rows of this page.
    pub rows: Vec<ListRow>,
}

/// Lists definitions as `query` says; files that fail to load are reported
/// as warnings, not fatal.
///
/// # Errors
///
/// Fails when the registry cannot be read.
pub fn list(registry: &Registry, query: &Query) -> Result<(Page, Report)> {
    let index = crate::cache::index(registry)?;
    let mut rows = select(&index, query);
    match query.sort {
        Sort::Name => rows.sort_by_key(|c| (index.row(c.entry).name_index(), Reverse(c.entry))),
        Sort::Updated => rows.sort_by_key(|c| {
            let row = index.row(c.entry);
            (Reverse(row.updated()), row.name_index(), Reverse(c.entry))
        }),
        Sort::Version => rows.sort_by_cached_key(|c| {
            let row = index.row(c.entry);
            (Reverse(row.version()), row.name_index())
        }),
    }
    let total = rows.len();
    let rows = rows
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .filter_map(|c| {
            Some(ListRow {
                definition: summary(registry, &index, c.entry)?,
                versions: c.versions,
            })
        })
        .collect();
    Ok((Page { total, rows }, index.problems))
}

/// One row `query` selects: an entry of the index and, when it stands for
/// its name, how many versions the name has.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// The entry's index.
    pub entry: usize,
    /// How many versions its name has, when one row stands for a name.
    pub versions: Option<usize>,
}

/// The rows `query` selects before sorting and paging: one per name (its
/// representative version) or every version, filtered. `search` ranks the
/// same rows.
#[must_use]
pub fn select(index: &Index, query: &Query) -> Vec<Candidate> {
    let mut rows = Vec::new();
    for n in 0..index.names() {
        let versions = index.versions(n);
        if query.all_versions {
            rows.extend(versions.map(|entry| Candidate {
                entry,
                versions: None,
            }));
        } else if let Some(entry) = index.representative(n) {
            rows.push(Candidate {
                entry,
                versions: Some(versions.len()),
            });
        }
    }
    rows.retain(|c| keep(index, &index.row(c.entry), query));
    rows
}

/// Entry `i`'s summary, from the cache or, should its copy there not
/// decode, from its file.
#[must_use]
pub fn summary(registry: &Registry, index: &Index, i: usize) -> Option<Summary> {
    let row = index.row(i);
    row.summary().or_else(|| {
        let path = Registry::definition_file(row.name(), &row.version()?);
        let listing = registry.load_listing(&path).ok()?;
        Some(Summary::listed(listing.data, &listing.raw, &listing.text))
    })
}

fn keep(index: &Index, row: &Row<'_>, q: &Query) -> bool {
    let status = row.status();
    if q.statuses.is_empty() {
        if status == Status::Archived && !q.include_archived {
            return false;
        }
    } else if !q.statuses.contains(&status) {
        return false;
    }
    if let Some(c) = &q.category
        && row.category().map(|c| index.sym(c)) != Some(c.as_str())
    {
        return false;
    }
    if !q
        .tags
        .iter()
        .all(|t| row.tags().any(|have| index.sym(have) == t))
    {
        return false;
    }
    if let Some(o) = &q.owner
        && !row
            .owner()
            .is_some_and(|own| index.sym(own).eq_ignore_ascii_case(o))
    {
        return false;
    }
    if let Some(g) = &q.name
        && !glob_match(g, row.name())
    {
        return false;
    }
    true
}

/// Matches `*` (any run) and `?` (one character), as a shell does.
#[must_use]
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs_match_like_a_shell() {
        assert!(glob_match("sl*", "slack"));
        assert!(glob_match("*force", "salesforce"));
        assert!(glob_match("s?ack", "slack"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("sl*x", "slack"));
        assert!(glob_match("*a*e*", "salesforce"));
    }
}

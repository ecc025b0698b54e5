//! `reg list`: filters, sorting and paging over the registry's definitions
//! (SPEC §7). One row per name shows its resolved latest version (SPEC §5),
//! else its newest draft, else its newest archived version.

use std::collections::BTreeMap;

use crate::definition::{Status, Summary};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::Registry;
use crate::render::ListRow;
use crate::resolve::pick;

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
    let (summaries, report) = rows(registry, query)?;
    let mut rows: Vec<ListRow> = summaries;
    match query.sort {
        Sort::Name => rows.sort_by(|a, b| {
            (&a.definition.name, &b.definition.version)
                .cmp(&(&b.definition.name, &a.definition.version))
        }),
        Sort::Updated => rows.sort_by(|a, b| {
            (b.definition.updated_at, &a.definition.name)
                .cmp(&(a.definition.updated_at, &b.definition.name))
        }),
        Sort::Version => rows.sort_by(|a, b| {
            (&b.definition.version, &a.definition.name)
                .cmp(&(&a.definition.version, &b.definition.name))
        }),
    }
    let total = rows.len();
    let rows = rows
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .collect();
    Ok((Page { total, rows }, report))
}

/// The rows `query` selects before sorting and paging: one per name (its
/// representative version) or every version, filtered. `search` ranks the same rows.
///
/// # Errors
///
/// Fails when the registry cannot be read.
pub fn rows(registry: &Registry, query: &Query) -> Result<(Vec<ListRow>, Report)> {
    let (loaded, report) = registry.summaries()?;
    let mut by_name: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
    for d in loaded {
        by_name.entry(d.name.clone()).or_default().push(d);
    }
    let mut rows: Vec<ListRow> = Vec::new();
    for (_, mut versions) in by_name {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        if query.all_versions {
            rows.extend(versions.into_iter().map(|d| ListRow {
                definition: d,
                versions: None,
            }));
            continue;
        }
        let count = versions.len();
        if let Some(d) = representative(versions) {
            rows.push(ListRow {
                definition: d,
                versions: Some(count),
            });
        }
    }
    rows.retain(|r| keep(&r.definition, query));
    Ok((rows, report))
}

/// The version that stands for a name: resolved latest, else newest draft,
/// else newest of any state.
fn representative(versions: Vec<Summary>) -> Option<Summary> {
    let chosen = pick(versions.iter().map(|d| (&d.version, d.status)), None)
        .or_else(|| pick_status(&versions, Status::Draft))
        .or_else(|| versions.iter().map(|d| &d.version).max())
        .cloned()?;
    versions.into_iter().find(|d| d.version == chosen)
}

fn pick_status(versions: &[Summary], status: Status) -> Option<&semver::Version> {
    versions
        .iter()
        .filter(|d| d.status == status)
        .map(|d| &d.version)
        .max()
}

fn keep(d: &Summary, q: &Query) -> bool {
    let status = d.status;
    if q.statuses.is_empty() {
        if status == Status::Archived && !q.include_archived {
            return false;
        }
    } else if !q.statuses.contains(&status) {
        return false;
    }
    if let Some(c) = &q.category
        && d.category.as_deref() != Some(c.as_str())
    {
        return false;
    }
    if !q.tags.iter().all(|t| d.tags.contains(t)) {
        return false;
    }
    if let Some(o) = &q.owner
        && !d
            .owner
            .as_deref()
            .is_some_and(|own| own.eq_ignore_ascii_case(o))
    {
        return false;
    }
    if let Some(g) = &q.name
        && !glob_match(g, &d.name)
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

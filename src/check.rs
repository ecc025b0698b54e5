//! `reg check`: what CI runs on a pull request (SPEC §6). It finds the
//! files of the registry that differ between the base (the merge base, as
//! `git diff BASE...HEAD` reads it) and the work tree, validates them, and
//! judges each change with the same rulebook every command obeys
//! ([`crate::rulebook`]): a transition, an edit of published content, a
//! deletion, a reused number, a bump too small, a relaxed policy.
//!
//! Its cost follows the change, not the registry: the base is read from
//! git's object database, only for the paths that differ (a tree diff),
//! and a file whose content did not change is not validated again.

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Result;
use crate::finding::Report;
use crate::git::Repo;
use crate::registry::Registry;
use crate::state::State;

/// The outcome of `reg check`: the findings and what was compared with.
#[derive(Debug)]
pub struct Checked {
    /// Every finding, sorted.
    pub report: Report,
    /// The base commit's id.
    pub base: String,
    /// How the base was found (`the merge base of origin/main and HEAD`).
    pub how: String,
    /// The registry files that differ from the base.
    pub changed: usize,
}

/// Checks what changed since `base` (see [`Repo::check_base`]).
///
/// # Errors
///
/// Exit 5 when there is no base to compare with, or git cannot be read.
pub fn check(registry: &Registry, base: Option<&str>) -> Result<Checked> {
    let repo = Repo::open(registry.root())?;
    let (base, how) = repo.check_base(base)?;
    let changed = repo.changed_since(base, registry.fs())?;
    // What exists now is validated; what is gone has only the rules.
    let present: Vec<PathBuf> = changed
        .iter()
        .filter(|p| registry.fs().kind(p).is_ok_and(|k| k.is_some()))
        .map(|p| registry.root().join(p))
        .collect();
    let mut report = if present.is_empty() {
        Report::default()
    } else {
        crate::validate::validate(registry, &present)?
    };
    let before = State::revision(&repo, base);
    let after = State::work_tree(registry);
    let mut shown: Vec<(String, Arc<str>)> = Vec::new();
    for b in crate::rulebook::judge(&before, &after, &changed)? {
        let mut f = b.finding;
        if let Some(help) = b.help {
            f.message = format!("{}; {help}", f.message);
        }
        let text = match shown.iter().find(|(file, _)| *file == f.file) {
            Some((_, t)) => Some(t.clone()),
            None => {
                let t: Option<Arc<str>> = after.text(std::path::Path::new(&f.file))?;
                if let Some(t) = &t {
                    shown.push((f.file.clone(), t.clone()));
                }
                t
            }
        };
        if let Some(t) = &text {
            crate::source::locate(t, std::slice::from_mut(&mut f));
        }
        let file = f.file.clone();
        report.add(vec![f], text.map(|t| (file, t)));
    }
    report.files = changed.len();
    report.sort();
    Ok(Checked {
        report,
        base: base.to_string(),
        how,
        changed: changed.len(),
    })
}

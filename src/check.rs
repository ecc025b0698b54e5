//! `reg check`: everything `reg validate` checks, plus what only a
//! comparison with a base revision shows (SPEC §6): published content
//! changed, a published version deleted, a state moved backwards, a version
//! bump too small for its schema change. The base is read from git's object
//! database; nothing is checked out.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::definition::{Definition, Status};
use crate::error::Result;
use crate::finding::{Finding, Report};
use crate::git::Repo;
use crate::registry::{DEFINITIONS, Registry, display_rel};
use crate::schema::Bundled;

/// Keys that may change after publish.
const STATE_KEYS: &[&str] = &["status", "updatedAt", "deprecation"];

/// The outcome of `reg check`: the findings and the revision compared with.
#[derive(Debug)]
pub struct Checked {
    /// Every finding, sorted.
    pub report: Report,
    /// The base revision's commit id.
    pub base: String,
}

/// Whether `to` can be reached from `from` through allowed transitions.
fn reachable(from: Status, to: Status) -> bool {
    use Status::{Archived, Deprecated, Draft, Published};
    from == to
        || matches!(
            (from, to),
            (Draft, Published | Deprecated | Archived)
                | (Published, Deprecated | Archived)
                | (Deprecated, Archived)
        )
}

/// Validates the registry and compares it with `base` (default: the merge
/// base with the upstream branch, else HEAD).
///
/// # Errors
///
/// Exit 5 when the base revision cannot be read.
pub fn check(registry: &Registry, base: Option<&str>) -> Result<Checked> {
    let mut report = crate::validate::validate(registry, &[])?;
    let repo = Repo::open(registry.root())?;
    let base = match base {
        Some(b) => b.to_string(),
        None => repo.default_base()?,
    };
    let mut before: BTreeMap<PathBuf, Value> = BTreeMap::new();
    for (path, bytes) in repo.files_at(&base, std::path::Path::new(DEFINITIONS))? {
        if let Some(v) = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| crate::yaml::parse(t).ok())
        {
            before.insert(path, v);
        }
    }
    let mut findings: Vec<(Finding, Option<std::sync::Arc<str>>)> = Vec::new();
    let status_of = |v: &Value| {
        v.get("status")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Status>().ok())
            .unwrap_or(Status::Draft)
    };
    for (path, old) in &before {
        let file = display_rel(path);
        let old_status = status_of(old);
        let (current, _) = registry.inspect::<Definition>(path, Bundled::Definition);
        let Some(current) = current else {
            let gone = !registry.root().join(path).exists();
            if gone && matches!(old_status, Status::Published | Status::Deprecated) {
                findings.push((
                    Finding::error(&file, "", "lifecycle", "published-deleted", format!(
                        "a {old_status} version was deleted; archive it instead (`reg archive`), and delete it only once ARCHIVED"
                    )),
                    None,
                ));
            }
            continue;
        };
        let new_status = current.data.status();
        if !reachable(old_status, new_status) {
            findings.push((
                Finding::error(&file, "/status", "status", "illegal-transition", format!(
                    "status: {old_status} → {new_status} is not a lifecycle transition (states only move DRAFT → PUBLISHED → DEPRECATED → ARCHIVED)"
                )),
                Some(current.text.clone()),
            ));
        }
        if old_status != Status::Draft {
            let strip = |v: &Value| {
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() {
                    for k in STATE_KEYS {
                        o.remove(*k);
                    }
                }
                v
            };
            let (a, b) = (strip(old), strip(&current.raw));
            if a != b {
                let key = first_difference(&a, &b);
                findings.push((
                    Finding::error(&file, format!("/{key}"), "immutable", "published-changed", format!(
                        "{key}: the content of a {old_status} version changed; published content is immutable, so register a new version instead"
                    )),
                    Some(current.text.clone()),
                ));
            }
        }
    }
    // Versions new since the base must obey the compatibility rule.
    for name in registry.definition_names()? {
        for v in registry.version_numbers(&name)? {
            let path = Registry::definition_file(&name, &v);
            if before.contains_key(&path) {
                continue;
            }
            if let (Some(def), _) = registry.inspect::<Definition>(&path, Bundled::Definition) {
                for f in crate::compat::rule::check(registry, &def.data, &def.file)? {
                    findings.push((
                        Finding {
                            code: "bump-too-small",
                            ..f
                        },
                        Some(def.text.clone()),
                    ));
                }
            }
        }
    }
    for (mut f, text) in findings {
        if let Some(text) = &text {
            crate::source::locate(text, std::slice::from_mut(&mut f));
        }
        let file = f.file.clone();
        report.add(vec![f], text.map(|t| (file, t)));
    }
    report.sort();
    Ok(Checked { report, base })
}

/// The first top-level key whose value differs, for pointing at the change.
fn first_difference(a: &Value, b: &Value) -> String {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return String::new();
    };
    a.keys()
        .chain(b.keys())
        .find(|k| a.get(*k) != b.get(*k))
        .cloned()
        .unwrap_or_default()
}

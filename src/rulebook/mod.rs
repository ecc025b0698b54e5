//! The rules a change to a registry must obey (SPEC §2–§5), as one
//! function of two states, before and after. A command judges the work
//! tree against the state it would write; `reg check` judges the base of
//! a pull request against the work tree. So whatever a command refuses,
//! `check` reports when the same change is made by hand.
//!
//! For each file that differs: the lifecycle graphs of definitions and
//! instances, published content immutable, ids fixed, versions never
//! reused (tombstones) nor duplicated in SemVer precedence, the guards of
//! publish, deprecate, archive and delete, pins to usable versions, the
//! bump rule of SPEC §5, and `reg.yaml`'s policy never relaxed alongside
//! other changes. [`invariants`] are the rules one state must obey on its
//! own, which `reg validate` runs.
//!
//! By job: `definitions` (a changed definition file), `guards` (the
//! states it enters), `bump` (SPEC §5 and §13), `instances` (a changed
//! instance file); this module holds the entry points and what they share.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use semver::Version;
use serde_json::Value;

use crate::compat::{Class, bump_ok, diff, is_breaking_bump, next_breaking};
use crate::definition::{Definition, Status, TOMBSTONES};
use crate::error::{Error, Result};
use crate::finding::{Finding, Report, Severity};
use crate::instance::{Instance, InstanceStatus};
use crate::manifest::Compatibility;
use crate::registry::{DEFINITIONS, INSTANCES, Loaded, MANIFEST};
use crate::root::display_rel;
use crate::state::State;
use crate::status::edge;

mod bump;
mod definitions;
mod guards;
mod instances;

/// One rule a change breaks.
#[derive(Debug, Clone)]
pub struct Breach {
    /// Where and what, as every finding says it.
    pub finding: Finding,
    /// A command that breaks it is refused with exit 4 (a conflict: a
    /// transition, a reuse, a blocker), else with exit 1 (the content).
    pub conflict: bool,
    /// What to do about it.
    pub help: Option<String>,
    /// What blocks it (instances, dependents).
    pub references: Vec<String>,
}

impl Breach {
    fn new(file: &str, pointer: &str, code: &'static str, message: String) -> Self {
        Breach {
            finding: Finding::error(file, pointer, "rule", code, message),
            conflict: false,
            help: None,
            references: Vec::new(),
        }
    }

    fn conflict(mut self) -> Self {
        self.conflict = true;
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn refs(mut self, references: Vec<String>) -> Self {
        self.references = references;
        self
    }

    fn warning(mut self) -> Self {
        self.finding = self.finding.warning();
        self
    }

    /// Whether it fails the change (a warning does not, unless strict).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.finding.severity == Severity::Error
    }
}

/// Judges the change of `paths` (relative to the registry root) from
/// `before` to `after`: every rule each of them breaks.
///
/// # Errors
///
/// Exit 5 when git cannot be read.
pub fn judge(before: &State<'_>, after: &State<'_>, paths: &[PathBuf]) -> Result<Vec<Breach>> {
    let (old, new) = (before.manifest()?, after.manifest()?);
    // A pull request that relaxes the policy is judged by the policy it
    // relaxes: the looser one applies from the next change on.
    let strict = old.compatibility == Compatibility::Backward
        || new.compatibility == Compatibility::Backward;
    let judge = Judge {
        before,
        after,
        strict,
        expanded: std::cell::RefCell::default(),
    };
    let mut out = Vec::new();
    for path in paths {
        let parts: Vec<&str> = path
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect();
        match parts.as_slice() {
            [MANIFEST] => {
                let mut loosened: Vec<(String, String)> = old.policy().loosened_by(&new.policy());
                if old.compatibility == Compatibility::Backward
                    && new.compatibility == Compatibility::None
                {
                    loosened.insert(
                        0,
                        (
                            "/compatibility".into(),
                            "compatibility: backward → none turns the bump rule off".into(),
                        ),
                    );
                }
                for (pointer, what) in loosened {
                    let mut b = Breach::new(
                        MANIFEST,
                        &pointer,
                        "policy-relaxed",
                        format!("{what}; relaxing the policy is a change of its own"),
                    )
                    .help("make it a pull request of its own, reviewed as such");
                    // Alone, it is for reviewers to see; with the changes it
                    // would let through, it is refused.
                    if paths.len() == 1 {
                        b = b.warning();
                    }
                    out.push(b);
                }
            }
            [DEFINITIONS, name, TOMBSTONES] => judge.tombstones(name, &mut out)?,
            [DEFINITIONS, _, file] if file.ends_with(".yaml") => {
                judge.definition(path, &mut out)?
            }
            [INSTANCES, file] if file.ends_with(".yaml") => judge.instance(path, &mut out)?,
            _ => {}
        }
    }
    Ok(out)
}

/// The rules one state obeys on its own, for the definitions of `name`:
/// files `reg` wrote carry their keys, no version duplicates another in
/// SemVer precedence or reuses a tombstoned one, and every version that is
/// not a DRAFT obeys the bump rule against its neighbours.
///
/// # Errors
///
/// Exit 5 when git cannot be read.
pub fn invariants(state: &State<'_>, name: &str) -> Result<Vec<Breach>> {
    let strict = state.manifest()?.compatibility == Compatibility::Backward;
    let judge = Judge {
        before: state,
        after: state,
        strict,
        expanded: std::cell::RefCell::default(),
    };
    let mut out = Vec::new();
    let tombstones = state.tombstones(name)?;
    let versions = state.version_numbers(name)?;
    for (i, v) in versions.iter().enumerate() {
        let file = display_rel(&crate::registry::Registry::definition_file(name, v));
        if let Some(twin) = versions[..i].iter().find(|w| w.cmp_precedence(v).is_eq()) {
            out.push(duplicate(&file, name, v, twin));
        }
        if let Some(t) = tombstones
            .iter()
            .find(|t| t.version.cmp_precedence(v).is_eq())
        {
            out.push(reused(&file, name, v, t.deleted_at, &versions, &tombstones));
        }
        let Some(d) = state.definition(name, v)? else {
            continue;
        };
        let missing: Vec<&str> = [
            ("id", d.data.id.is_none()),
            ("status", d.data.status.is_none()),
            ("createdAt", d.data.created_at.is_none()),
            ("updatedAt", d.data.updated_at.is_none()),
        ]
        .into_iter()
        .filter_map(|(k, m)| m.then_some(k))
        .collect();
        if !missing.is_empty() {
            out.push(
                Breach::new(
                    &file,
                    "",
                    "missing-field",
                    format!(
                        "a stored definition has {}, which reg writes; this file lacks {}",
                        "`id`, `status`, `createdAt` and `updatedAt`",
                        missing.join(", ")
                    ),
                )
                .help("register it with `reg register` instead of adding the file by hand"),
            );
        }
        if d.data.status() != Status::Draft {
            // Each pair of neighbours once: against the next version only.
            out.extend(judge.bump(&d, true, false)?);
        }
    }
    Ok(out)
}

/// Judges the files a command would write (`None` deletes) against the
/// work tree, and turns what they break into the command's outcome:
/// refused with exit 4 when a conflict is among them, exit 1 for content;
/// otherwise the warnings (with `strict`, warnings refuse too).
/// `shown` says in which file, and over which text, a finding on a path
/// is best shown (an author's input file rather than the stored copy).
///
/// # Errors
///
/// Exit 4 or 1 with every breach; exit 5 when git cannot be read.
pub fn judge_change(
    registry: &crate::registry::Registry,
    changes: &[(PathBuf, Option<String>)],
    strict: bool,
    shown: &[(String, String, std::sync::Arc<str>)],
) -> Result<Vec<Breach>> {
    let before = State::work_tree(registry);
    let after = State::work_tree(registry).with(changes);
    let paths: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
    verdict(judge(&before, &after, &paths)?, strict, shown)
}

/// A command's outcome from what its change breaks (see [`judge_change`]).
///
/// # Errors
///
/// Exit 4 or 1 with every breach.
pub fn verdict(
    breaches: Vec<Breach>,
    strict: bool,
    shown: &[(String, String, std::sync::Arc<str>)],
) -> Result<Vec<Breach>> {
    let fails = |b: &Breach| b.is_error() || strict;
    let conflicts: Vec<&Breach> = breaches.iter().filter(|b| b.conflict && fails(b)).collect();
    if let Some(first) = conflicts.first() {
        let message = if conflicts.len() == 1 {
            first.finding.message.clone()
        } else {
            conflicts
                .iter()
                .map(|b| b.finding.message.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        };
        return Err(Error::conflict(
            first.finding.code,
            message,
            conflicts
                .iter()
                .flat_map(|b| b.references.clone())
                .collect(),
            first.help.clone(),
        ));
    }
    if breaches.iter().any(fails) {
        let mut report = as_report(breaches.into_iter().filter(|b| fails(b)), strict, shown);
        report.files = shown.len().max(1);
        return Err(Error::Invalid(report));
    }
    Ok(breaches)
}

/// The breaches of a change, judged against the work tree, whatever
/// their weight: for a lint that reports rather than refuses.
///
/// # Errors
///
/// Exit 5 when git cannot be read.
pub fn judge_all(
    registry: &crate::registry::Registry,
    changes: &[(PathBuf, Option<String>)],
) -> Result<Vec<Breach>> {
    let before = State::work_tree(registry);
    let after = State::work_tree(registry).with(changes);
    let paths: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
    judge(&before, &after, &paths)
}

/// Breaches as findings, each shown in the file `shown` names for its
/// path (see [`judge_change`]); with `strict`, every one is an error.
#[must_use]
pub fn as_report(
    breaches: impl IntoIterator<Item = Breach>,
    strict: bool,
    shown: &[(String, String, std::sync::Arc<str>)],
) -> Report {
    let mut report = Report::default();
    for b in breaches {
        let mut f = b.finding;
        if strict {
            f.severity = Severity::Error;
        }
        let source = shown
            .iter()
            .find(|(file, ..)| *file == f.file)
            .map(|(_, name, text)| (name.clone(), text.clone()));
        if let Some((name, text)) = &source {
            f.file.clone_from(name);
            crate::source::locate(text, std::slice::from_mut(&mut f));
        }
        report.add(vec![f], source);
    }
    report.sort();
    report
}

/// The messages of breaches that did not refuse a change, for the user.
#[must_use]
pub fn messages(warnings: Vec<Breach>) -> Vec<String> {
    warnings.into_iter().map(|b| b.finding.message).collect()
}

/// What every rule looks at.
struct Judge<'j, 'a> {
    before: &'j State<'a>,
    after: &'j State<'a>,
    /// The bump rule applies (`compatibility: backward` before or after).
    strict: bool,
    /// Schemas expanded through their references, by `name@version`.
    expanded: std::cell::RefCell<std::collections::HashMap<String, Rc<Value>>>,
}

/// The breach for a state change the lifecycle graph does not have.
fn illegal(file: &str, reference: &str, from: Status, to: Status) -> Breach {
    let allowed: Vec<&str> = crate::status::Action::allowed_from(from)
        .iter()
        .map(|a| a.as_str())
        .collect();
    Breach::new(
        file,
        "/status",
        "illegal-transition",
        format!("{reference}: {from} → {to} is not a lifecycle transition (DRAFT → PUBLISHED → DEPRECATED → ARCHIVED)"),
    )
    .conflict()
    .help(format!(
        "from {from}, allowed: {}",
        if allowed.is_empty() { "nothing".to_string() } else { allowed.join(", ") }
    ))
}

fn blocked(file: &str, action: &str, reference: &str, blockers: Vec<String>, help: &str) -> Breach {
    Breach::new(
        file,
        "",
        "blocked",
        format!(
            "cannot {action} {reference}: {} blocker(s)\n  {}",
            blockers.len(),
            blockers.join("\n  ")
        ),
    )
    .conflict()
    .refs(blockers)
    .help(help)
}

fn duplicate(file: &str, name: &str, version: &Version, twin: &Version) -> Breach {
    Breach::new(
        file,
        "/version",
        "duplicate",
        format!("{name}@{version} and {name}@{twin} are the same version: build metadata does not count in SemVer precedence"),
    )
    .conflict()
    .refs(vec![format!("{name}@{twin}")])
    .help("keep one of them; a new version needs a new number")
}

fn reused(
    file: &str,
    name: &str,
    version: &Version,
    deleted: jiff::Timestamp,
    versions: &[Version],
    tombstones: &[crate::definition::Tombstone],
) -> Breach {
    Breach::new(
        file,
        "/version",
        "version-reused",
        format!(
            "{name}@{version} was deleted on {}; a version number is never used again",
            deleted.strftime("%Y-%m-%d")
        ),
    )
    .conflict()
    .refs(vec![format!("{name}@{version}")])
    .help(format!(
        "give it a new number (next free: {})",
        next_free(version, versions, tombstones)
    ))
}

/// The next patch version above every version and tombstone of a name.
fn next_free(
    version: &Version,
    versions: &[Version],
    tombstones: &[crate::definition::Tombstone],
) -> Version {
    let top = versions
        .iter()
        .chain(tombstones.iter().map(|t| &t.version))
        .chain(std::iter::once(version))
        .max()
        .cloned()
        .unwrap_or_else(|| version.clone());
    Version::new(top.major, top.minor, top.patch + 1)
}

/// Every leaf where two documents differ, as (pointer, before, after).
fn differences(
    a: &Value,
    b: &Value,
    pointer: &mut String,
    out: &mut Vec<(String, Option<Value>, Option<Value>)>,
) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: Vec<&String> = x
                .keys()
                .chain(y.keys().filter(|k| !x.contains_key(*k)))
                .collect();
            for k in keys {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&crate::yaml::escape_pointer(k));
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => differences(p, q, pointer, out),
                    (p, q) => out.push((pointer.clone(), p.cloned(), q.cloned())),
                }
                pointer.truncate(len);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                differences(p, q, pointer, out);
                pointer.truncate(len);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            // Items added or removed: point at the first that differs.
            let i = x.iter().zip(y).take_while(|(p, q)| p == q).count();
            let len = pointer.len();
            pointer.push_str(&format!("/{i}"));
            out.push((pointer.clone(), x.get(i).cloned(), y.get(i).cloned()));
            pointer.truncate(len);
        }
        _ if a != b => out.push((pointer.clone(), Some(a.clone()), Some(b.clone()))),
        _ => {}
    }
}

/// Whether a pointer into a definition goes through a schema node marked
/// secret (its `default` or `examples` are not to be shown).
fn under_secret(raw: &Value, pointer: &str) -> bool {
    let mut node = raw;
    for part in pointer.split('/').skip(1) {
        if ["writeOnly", "x-secret"]
            .iter()
            .any(|k| node.get(*k) == Some(&Value::Bool(true)))
        {
            return true;
        }
        let part = part.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Object(m) => match m.get(&part) {
                Some(n) => n,
                None => return false,
            },
            Value::Array(items) => match part.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
    }
    false
}

/// A value for a message: short, on one line; `(none)` when absent.
fn show(v: Option<&Value>) -> String {
    match v {
        None => "(none)".to_string(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(59).collect::<String>())
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_each_changed_leaf() {
        let mut out = Vec::new();
        differences(
            &json!({"title": "a", "configSchema": {"required": ["x"], "default": 1}}),
            &json!({"title": "b", "configSchema": {"required": ["x", "y"], "default": 1}, "owner": "t"}),
            &mut String::new(),
            &mut out,
        );
        let pointers: Vec<&str> = out.iter().map(|(p, ..)| p.as_str()).collect();
        assert_eq!(pointers, ["/title", "/configSchema/required/1", "/owner"]);
    }

    #[test]
    fn secrets_are_not_shown() {
        let raw =
            json!({"configSchema": {"properties": {"pw": {"writeOnly": true, "default": "x"}}}});
        assert!(under_secret(&raw, "/configSchema/properties/pw/default"));
        assert!(!under_secret(&raw, "/configSchema/properties"));
    }
}

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
use crate::lifecycle::edge;
use crate::manifest::Compatibility;
use crate::registry::{DEFINITIONS, INSTANCES, Loaded, MANIFEST, display_rel};
use crate::state::State;

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
}

/// Keys that may change after publish. `migration` is guidance, not content: a deadline is often set, or a
/// note written, once users ask, and no configuration's validity depends
/// on it (SPEC §13).
const STATE_KEYS: &[&str] = &["status", "updatedAt", "deprecation", "migration"];

impl Judge<'_, '_> {
    fn definition(&self, rel: &Path, out: &mut Vec<Breach>) -> Result<()> {
        let file = display_rel(rel);
        let existed = self.before.text(rel)?.is_some();
        let exists = self.after.text(rel)?.is_some();
        let (b, a) = (
            self.before.definition_at(rel)?,
            self.after.definition_at(rel)?,
        );
        match (b, a) {
            (Some(b), Some(a)) => self.changed(&file, &b, &a, out),
            (Some(b), None) if !exists => self.deleted(&file, &b, out),
            (None, Some(a)) => self.added(&file, &a, !existed, out),
            // Unreadable on one side: validation reports it.
            _ => Ok(()),
        }
    }

    fn added(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        new: bool,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let d = &a.data;
        let versions = self.after.version_numbers(&d.name)?;
        if new {
            let tombstones = self.after.tombstones(&d.name)?;
            if let Some(t) = tombstones
                .iter()
                .find(|t| t.version.cmp_precedence(&d.version).is_eq())
            {
                out.push(reused(
                    file,
                    &d.name,
                    &d.version,
                    t.deleted_at,
                    &versions,
                    &tombstones,
                ));
                return Ok(());
            }
            if let Some(twin) = versions
                .iter()
                .find(|v| **v != d.version && v.cmp_precedence(&d.version).is_eq())
            {
                out.push(duplicate(file, &d.name, &d.version, twin));
                return Ok(());
            }
        }
        // A new version enters as a DRAFT (register), or is published
        // in the same change (register, then publish).
        if !matches!(d.status(), Status::Draft | Status::Published) {
            out.push(illegal(file, &d.reference(), Status::Draft, d.status()).help(
                "a new version enters as a DRAFT and is published before it can be deprecated or archived",
            ));
            return Ok(());
        }
        self.entering(file, a, Status::Draft, out)?;
        out.extend(self.bump(a, true, true)?);
        Ok(())
    }

    fn deleted(&self, file: &str, b: &Loaded<Definition>, out: &mut Vec<Breach>) -> Result<()> {
        let d = &b.data;
        let status = d.status();
        if !matches!(status, Status::Draft | Status::Archived) {
            out.push(
                Breach::new(
                    file,
                    "",
                    "published-deleted",
                    format!("{} was deleted while {status}; only DRAFT or ARCHIVED versions can be deleted", d.reference()),
                )
                .conflict()
                .help(format!("archive it first (`reg archive {}`), and delete it once ARCHIVED", d.reference())),
            );
            return Ok(());
        }
        let mut blockers: Vec<String> = self
            .after
            .pinned_to(&d.reference())?
            .into_iter()
            .map(|(name, s)| format!("instance {name} ({s})"))
            .collect();
        let others: Vec<Rc<Loaded<Definition>>> = self.after.versions(&d.name)?;
        for dep in self.after.dependents(&d.name)? {
            let Ok(range) = dep.range.parse::<semver::VersionReq>() else {
                continue;
            };
            if range.matches(&d.version) && !others.iter().any(|o| range.matches(&o.data.version)) {
                blockers.push(format!(
                    "definition {} ({}) {} {} {}",
                    dep.reference,
                    dep.status,
                    dep.kind.verb(),
                    d.name,
                    dep.range
                ));
            }
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "delete",
                &d.reference(),
                blockers,
                "delete or retire what refers to it first (`reg refs` lists it)",
            ));
        }
        if !self
            .after
            .tombstones(&d.name)?
            .iter()
            .any(|t| t.version == d.version)
        {
            out.push(
                Breach::new(
                    file,
                    "",
                    "missing-tombstone",
                    format!(
                        "{} was deleted without a tombstone, so its number could be used again",
                        d.reference()
                    ),
                )
                .help(format!(
                    "delete versions with `reg delete`, or add `{{version: {}, id: {}, deletedAt: <time>}}` to {DEFINITIONS}/{}/{TOMBSTONES}",
                    d.version,
                    d.id.map_or_else(|| "<id>".to_string(), |i| i.to_string()),
                    d.name
                )),
            );
        }
        Ok(())
    }

    fn changed(
        &self,
        file: &str,
        b: &Loaded<Definition>,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let (from, to) = (b.data.status(), a.data.status());
        for (key, old, new) in [
            ("id", b.raw.get("id"), a.raw.get("id")),
            ("createdAt", b.raw.get("createdAt"), a.raw.get("createdAt")),
        ] {
            if old.is_some() && old != new {
                out.push(
                    Breach::new(
                        file,
                        &format!("/{key}"),
                        "identity-changed",
                        format!(
                            "{key}: {} → {}; reg assigns it once and it never changes",
                            show(old),
                            show(new)
                        ),
                    )
                    .conflict()
                    .help(format!("put back `{key}: {}`", show(old))),
                );
            }
        }
        if !edge(from, to) {
            out.push(illegal(file, &a.data.reference(), from, to));
            return Ok(());
        }
        if from != Status::Draft {
            let strip = |v: &Value| {
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() {
                    for k in STATE_KEYS.iter().chain(["id", "createdAt"].iter()) {
                        o.remove(*k);
                    }
                }
                v
            };
            let mut changes = Vec::new();
            differences(
                &strip(&b.raw),
                &strip(&a.raw),
                &mut String::new(),
                &mut changes,
            );
            for (pointer, old, new) in changes {
                let secret = pointer.starts_with("/configSchema") && under_secret(&a.raw, &pointer);
                let (old, new) = if secret {
                    ("(a secret's schema)".to_string(), "(changed)".to_string())
                } else {
                    (show(old.as_ref()), show(new.as_ref()))
                };
                out.push(
                    Breach::new(
                        file,
                        &pointer,
                        "published-changed",
                        format!(
                            "{}: {old} → {new}; the content of {} version is immutable",
                            pointer.trim_start_matches('/'),
                            crate::finding::with_article(&from.to_string())
                        ),
                    )
                    .conflict()
                    .help(format!(
                        "put it back and register the change as a new version (next: {})",
                        next_free(
                            &a.data.version,
                            &self.after.version_numbers(&a.data.name)?,
                            &self.after.tombstones(&a.data.name)?
                        )
                    )),
                );
            }
        } else if b.data.config_schema != a.data.config_schema || to != from {
            // A DRAFT may be edited, as `register --replace` does, under
            // the same bump rule.
            out.extend(self.bump(a, true, true)?);
        }
        if from != to {
            self.entering(file, a, from, out)?;
        }
        Ok(())
    }

    /// The guards of each state `a` reached from `from`.
    fn entering(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        from: Status,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let to = a.data.status();
        if from == Status::Draft && to != Status::Draft {
            self.publishable(file, a, out)?;
        }
        if to == Status::Deprecated && from != Status::Deprecated {
            self.deprecatable(file, a, out)?;
        }
        if to == Status::Archived && from != Status::Archived {
            self.archivable(file, a, out)?;
        }
        Ok(())
    }

    /// Publish: a schema valid for its draft, every dependency resolving to
    /// a PUBLISHED or DEPRECATED version, and no cycle.
    fn publishable(&self, file: &str, a: &Loaded<Definition>, out: &mut Vec<Breach>) -> Result<()> {
        if let Err(findings) = crate::validate::Compiled::verify(self.after, &a.data, file) {
            out.extend(findings.into_iter().map(|finding| Breach {
                finding,
                conflict: false,
                help: None,
                references: Vec::new(),
            }));
        }
        let mut blockers = Vec::new();
        for dep in &a.data.dependencies {
            if self.after.resolve_range(&dep.name, &dep.version)?.is_none() {
                let existing: Vec<String> = self
                    .after
                    .versions(&dep.name)?
                    .iter()
                    .map(|d| format!("{} {}", d.data.reference(), d.data.status()))
                    .collect();
                blockers.push(format!(
                    "dependency {} {}: no PUBLISHED or DEPRECATED version matches{}",
                    dep.name,
                    dep.version,
                    if existing.is_empty() {
                        " (no such definition)".to_string()
                    } else {
                        format!(" (exists: {})", existing.join(", "))
                    }
                ));
            }
        }
        if blockers.is_empty()
            && let Some(cycle) = self.cycle(&a.data)?
        {
            blockers.push(format!("dependency cycle: {}", cycle.join(" → ")));
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "publish",
                &a.data.reference(),
                blockers,
                "publish or fix the dependencies first",
            ));
        }
        Ok(())
    }

    /// Deprecate: a reason, and a replacement that is PUBLISHED.
    fn deprecatable(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let Some(d) = &a.data.deprecation else {
            out.push(
                Breach::new(
                    file,
                    "",
                    "missing-deprecation",
                    format!(
                        "{} is DEPRECATED without a `deprecation` block saying why",
                        a.data.reference()
                    ),
                )
                .help("deprecate with `reg deprecate REF --reason TEXT`"),
            );
            return Ok(());
        };
        if d.reason.trim().is_empty() {
            out.push(Breach::new(
                file,
                "/deprecation/reason",
                "missing-deprecation",
                "deprecation.reason must say why".into(),
            ));
        }
        if let Some(r) = &d.replaced_by {
            let status = r
                .split_once('@')
                .and_then(|(n, v)| Some((n, v.parse::<Version>().ok()?)))
                .map(|(n, v)| self.after.definition(n, &v))
                .transpose()?
                .flatten()
                .map(|d| d.data.status());
            if status != Some(Status::Published) {
                out.push(
                    Breach::new(
                        file,
                        "/deprecation/replacedBy",
                        "blocked",
                        format!(
                            "replacedBy: {r} is {}; the replacement must be PUBLISHED",
                            status.map_or("not a version here".to_string(), |s| s.to_string())
                        ),
                    )
                    .conflict()
                    .refs(vec![r.clone()]),
                );
            }
        }
        Ok(())
    }

    /// Archive: no live instance pinned to it, and no in-use definition
    /// (or draft whose schema refers to it) that only this version satisfies.
    fn archivable(&self, file: &str, a: &Loaded<Definition>, out: &mut Vec<Breach>) -> Result<()> {
        let d = &a.data;
        let mut blockers: Vec<String> = self
            .after
            .pinned_to(&d.reference())?
            .into_iter()
            .filter(|(_, s)| *s != InstanceStatus::Retired)
            .map(|(name, s)| format!("instance {name} ({s})"))
            .collect();
        let others = self.after.versions(&d.name)?;
        for dep in self.after.dependents(&d.name)? {
            let Ok(range) = dep.range.parse::<semver::VersionReq>() else {
                continue;
            };
            let usable = others.iter().any(|o| {
                o.data.version != d.version
                    && range.matches(&o.data.version)
                    && matches!(o.data.status(), Status::Published | Status::Deprecated)
            });
            // A draft's dependency only has to resolve by its publish, but
            // a draft's schema reference resolves live: without a version
            // to resolve to, the draft's file is invalid.
            let in_use = matches!(dep.status, Status::Published | Status::Deprecated)
                || (dep.kind == crate::definition::Need::SchemaRef && dep.status == Status::Draft);
            if range.matches(&d.version) && !usable && in_use && dep.reference != d.reference() {
                blockers.push(format!(
                    "definition {} ({}) {} {} {}, which only this version satisfies",
                    dep.reference,
                    dep.status,
                    dep.kind.verb(),
                    d.name,
                    dep.range
                ));
            }
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "archive",
                &d.reference(),
                blockers,
                "retire or upgrade those instances and move those definitions to another version first",
            ));
        }
        Ok(())
    }

    /// A dependency cycle through `start` in the after state, if any.
    fn cycle(&self, start: &Definition) -> Result<Option<Vec<String>>> {
        fn visit(
            judge: &Judge<'_, '_>,
            def: &Definition,
            path: &mut Vec<String>,
            done: &mut HashSet<String>,
        ) -> Result<Option<Vec<String>>> {
            let me = def.reference();
            if let Some(pos) = path.iter().position(|p| *p == me) {
                let mut cycle = path[pos..].to_vec();
                cycle.push(me);
                return Ok(Some(cycle));
            }
            if !done.insert(me.clone()) {
                return Ok(None);
            }
            path.push(me);
            for dep in &def.dependencies {
                // The version judged is in the after state as it will be.
                let next = judge
                    .after
                    .resolve_range(&dep.name, &dep.version)?
                    .map(|d| d.data.clone());
                if let Some(next) = next
                    && let Some(cycle) = visit(judge, &next, path, done)?
                {
                    return Ok(Some(cycle));
                }
            }
            path.pop();
            Ok(None)
        }
        visit(self, start, &mut Vec::new(), &mut HashSet::new())
    }

    /// The bump rule (SPEC §5) for `a` against its nearest lower and, with
    /// `upward`, higher existing versions; pre-releases are not neighbours.
    /// A minor change released as a patch is a warning.
    fn bump(&self, a: &Loaded<Definition>, downward: bool, upward: bool) -> Result<Vec<Breach>> {
        let mut out = Vec::new();
        if !self.strict {
            return Ok(out);
        }
        let d = &a.data;
        let others: Vec<Version> = self
            .after
            .version_numbers(&d.name)?
            .into_iter()
            .filter(|v| !v.cmp_precedence(&d.version).is_eq() && v.pre.is_empty())
            .collect();
        let pointer = |path: &str| format!("/configSchema{}", if path == "/" { "" } else { path });
        if downward
            && let Some(lower) = others.iter().filter(|v| **v < d.version).max()
            && let Some(old) = self.after.definition(&d.name, lower)?
        {
            let changes = diff(&self.schema(&old.data), &self.schema(d));
            let breaking: Vec<&crate::compat::Change> = changes
                .iter()
                .filter(|c| c.class == Class::Breaking)
                .collect();
            let policy = self.after.manifest()?.policy();
            // SPEC §13: instances crossing a breaking change are told how.
            // A pre-release is for trying, and a major bump that breaks no
            // configuration has nothing to migrate.
            if is_breaking_bump(lower, &d.version)
                && d.version.pre.is_empty()
                && d.migration.is_none()
                && !breaking.is_empty()
                && policy.migration_required()
            {
                let mut b = Breach::new(
                    &a.file,
                    "",
                    "migration-missing",
                    format!(
                        "{} is a breaking bump from {lower} that breaks configurations ({}); say how to move: \
                         migration: {{message: \"<what changed and what to do>\", deadline: YYYY-MM-DD, url: https://...}} \
                         (deadline and url optional)",
                        d.reference(),
                        breaking[0].message
                    ),
                );
                if policy.level("migrationRequired") == crate::policy::Level::Warning {
                    b = b.warning();
                }
                out.push(b);
            }
            if !is_breaking_bump(lower, &d.version) {
                for c in changes.iter().filter(|c| c.class == Class::Breaking) {
                    out.push(Breach {
                        finding: Finding::error(
                            &a.file,
                            pointer(&c.path),
                            c.keyword.clone(),
                            "breaking-change",
                            format!(
                                "breaking change from {}@{lower}: {}; a breaking change needs version {} or later",
                                d.name,
                                c.message,
                                next_breaking(lower)
                            ),
                        ),
                        conflict: false,
                        help: None,
                        references: Vec::new(),
                    });
                }
            }
            if changes.iter().all(|c| c.class != Class::Breaking)
                && changes.iter().any(|c| c.class == Class::Minor)
                && !bump_ok(lower, &d.version, Class::Minor)
            {
                let next = Version::new(lower.major, lower.minor + 1, 0);
                out.push(
                    Breach::new(
                        &a.file,
                        "/version",
                        "needs-minor-bump",
                        format!(
                            "version: {} is a patch release of {lower}, but its schema accepts more than {lower}'s (a minor change); it needs a minor bump ({next} or later)",
                            d.version
                        ),
                    )
                    .warning(),
                );
            }
        }
        if upward
            && let Some(higher) = others.iter().filter(|v| **v > d.version).min()
            && let Some(new) = self.after.definition(&d.name, higher)?
            && !is_breaking_bump(&d.version, higher)
        {
            for c in diff(&self.schema(d), &self.schema(&new.data))
                .into_iter()
                .filter(|c| c.class == Class::Breaking)
            {
                out.push(Breach {
                    finding: Finding::error(
                        &a.file,
                        pointer(&c.path),
                        c.keyword,
                        "breaking-change",
                        format!(
                            "{}@{higher} would break this version's configurations without a breaking bump: {}; choose a version in another line",
                            d.name, c.message
                        ),
                    ),
                    conflict: false,
                    help: None,
                    references: Vec::new(),
                });
            }
        }
        Ok(out)
    }

    /// A version's schema as the bump rule compares it: through its schema
    /// references (SPEC §12), so moving one to a new version, or a change
    /// in a part a draft uses, is classified like any other change. One
    /// that does not resolve is reported where the schema is checked.
    fn schema<'d>(&self, d: &'d Definition) -> std::borrow::Cow<'d, Value> {
        crate::validate::expanded(self.after, d, "")
            .unwrap_or(std::borrow::Cow::Borrowed(&d.config_schema))
    }

    fn tombstones(&self, name: &str, out: &mut Vec<Breach>) -> Result<()> {
        let after = self.after.tombstones(name)?;
        let file = format!("{DEFINITIONS}/{name}/{TOMBSTONES}");
        for t in self.before.tombstones(name)? {
            if !after.iter().any(|a| a.version == t.version && a.id == t.id) {
                out.push(
                    Breach::new(
                        &file,
                        "",
                        "tombstone-removed",
                        format!("the tombstone of {name}@{} was removed; a deleted version's number stays used for good", t.version),
                    )
                    .conflict()
                    .help("put the entry back"),
                );
            }
        }
        Ok(())
    }

    fn instance(&self, rel: &Path, out: &mut Vec<Breach>) -> Result<()> {
        let Some(name) = rel.file_stem().and_then(|s| s.to_str()) else {
            return Ok(());
        };
        let file = display_rel(rel);
        let exists = self.after.text(rel)?.is_some();
        match (self.before.instance(name)?, self.after.instance(name)?) {
            (Some(b), None) if !exists && b.data.status() != InstanceStatus::Retired => {
                let status = b.data.status();
                out.push(
                    Breach::new(
                        &file,
                        "",
                        "instance-deleted",
                        format!("instance {name} was deleted while {status}; only a RETIRED instance's file can be deleted"),
                    )
                    .conflict()
                    .help(format!("retire it first: `reg instance retire {name}`")),
                );
            }
            (None, Some(a)) => {
                if a.data.status() != InstanceStatus::Active {
                    out.push(
                        Breach::new(
                            &file,
                            "/status",
                            "illegal-transition",
                            format!(
                                "status: a new instance is ACTIVE (`reg instance create`), not {}",
                                a.data.status()
                            ),
                        )
                        .conflict(),
                    );
                }
                self.pin(&file, &a.data, out)?;
            }
            (Some(b), Some(a)) => {
                let (from, to) = (b.data.status(), a.data.status());
                if b.data.id.is_some() && b.data.id != a.data.id {
                    out.push(
                        Breach::new(
                            &file,
                            "/id",
                            "identity-changed",
                            format!(
                                "id: {} → {}; an instance's id never changes",
                                show(b.raw.get("id")),
                                show(a.raw.get("id"))
                            ),
                        )
                        .conflict(),
                    );
                }
                if !crate::instance::edge(from, to) {
                    out.push(
                        Breach::new(
                            &file,
                            "/status",
                            "illegal-transition",
                            format!("status: {from} → {to} is not an instance transition (ACTIVE ⇄ DISABLED → RETIRED, and RETIRED is final)"),
                        )
                        .conflict()
                        .help(if from == InstanceStatus::Retired {
                            "create a new instance instead".to_string()
                        } else {
                            format!("from {from}, allowed: {}", crate::instance::allowed_from(from).join(", "))
                        }),
                    );
                    return Ok(());
                }
                if b.data.definition != a.data.definition {
                    if from == InstanceStatus::Retired {
                        out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "illegal-transition",
                                format!(
                                    "definition: a RETIRED instance cannot move to {}",
                                    a.data.definition
                                ),
                            )
                            .conflict(),
                        );
                        return Ok(());
                    }
                    self.pin(&file, &a.data, out)?;
                    match (b.data.pin(), a.data.pin()) {
                        (Some((bn, _)), Some((an, _))) if bn != an => out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "switched-definition",
                                format!(
                                    "definition: {} → {}, another integration",
                                    b.data.definition, a.data.definition
                                ),
                            )
                            .warning(),
                        ),
                        (Some((_, bv)), Some((_, av))) if av < bv => out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "downgrade",
                                format!(
                                    "definition: {} → {} is a downgrade",
                                    b.data.definition, a.data.definition
                                ),
                            )
                            .warning(),
                        ),
                        _ => {}
                    }
                } else if from == InstanceStatus::Retired && to == InstanceStatus::Retired {
                    // A retired instance stays as it was, for the record.
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A live instance is pinned to a PUBLISHED or DEPRECATED version.
    fn pin(&self, file: &str, i: &Instance, out: &mut Vec<Breach>) -> Result<()> {
        if i.status() == InstanceStatus::Retired {
            return Ok(());
        }
        let status = i
            .pin()
            .map(|(n, v)| self.after.definition(n, &v))
            .transpose()?
            .flatten()
            .map(|d| d.data.status());
        match status {
            Some(Status::Published | Status::Deprecated) | None => {}
            Some(s) => out.push(
                Breach::new(
                    file,
                    "/definition",
                    "pinned-unusable",
                    format!("definition: {} is {s}; instances can only use PUBLISHED or DEPRECATED versions", i.definition),
                )
                .conflict()
                .refs(vec![format!("{} {s}", i.definition)])
                .help("pick another version (`reg versions` lists them)"),
            ),
        }
        Ok(())
    }
}

/// The breach for a state change the lifecycle graph does not have.
fn illegal(file: &str, reference: &str, from: Status, to: Status) -> Breach {
    let allowed: Vec<&str> = crate::lifecycle::Action::allowed_from(from)
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

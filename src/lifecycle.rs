//! The lifecycle of definitions (SPEC §3): `register` enters a version as a
//! DRAFT; `publish`, `deprecate`, `archive` and `delete` move it along the
//! only edges allowed, each behind its guard, each one commit.
//!
//! Every operation takes the write lock first and reads the state under it,
//! so what a guard checked is what the write replaces.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::Value;

use crate::definition::{Definition, Status};
use crate::error::{Error, Result};
use crate::finding::Report;
use crate::git::Event;
use crate::registry::{Loaded, Registry, check_text};
use crate::resolve::{Catalog, Reference, resolve};
use crate::schema::Bundled;
use crate::store::{Transaction, WriteOptions};
use crate::validate::Compiled;

/// What a lifecycle command can do to a definition version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// DRAFT → PUBLISHED.
    Publish,
    /// PUBLISHED → DEPRECATED.
    Deprecate,
    /// PUBLISHED or DEPRECATED → ARCHIVED.
    Archive,
    /// DRAFT or ARCHIVED → (file removed).
    Delete,
}

impl Action {
    /// The verb, as in commands and `Reg-Action` trailers.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Publish => "publish",
            Action::Deprecate => "deprecate",
            Action::Archive => "archive",
            Action::Delete => "delete",
        }
    }

    /// The state the action leads to from `from`, or `None` when the edge
    /// does not exist. `Some(None)` is a deletion.
    #[must_use]
    pub fn apply(self, from: Status) -> Option<Option<Status>> {
        match (from, self) {
            (Status::Draft, Action::Publish) => Some(Some(Status::Published)),
            (Status::Published, Action::Deprecate) => Some(Some(Status::Deprecated)),
            (Status::Published | Status::Deprecated, Action::Archive) => {
                Some(Some(Status::Archived))
            }
            (Status::Draft | Status::Archived, Action::Delete) => Some(None),
            _ => None,
        }
    }

    /// The actions allowed from `from`.
    #[must_use]
    pub fn allowed_from(from: Status) -> Vec<Action> {
        [
            Action::Publish,
            Action::Deprecate,
            Action::Archive,
            Action::Delete,
        ]
        .into_iter()
        .filter(|a| a.apply(from).is_some())
        .collect()
    }
}

/// A version after a lifecycle command.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The definition as written (as it was, for a deletion).
    pub definition: Definition,
    /// The state before.
    pub from: Option<Status>,
    /// The state after; `None` when the file was deleted.
    pub to: Option<Status>,
    /// The commit, unless `--no-commit`.
    pub commit: Option<git2::Oid>,
    /// Things worth telling the user that did not stop the command.
    pub warnings: Vec<String>,
}

/// Registers author files as DRAFT versions, one commit each. All files are
/// checked before anything is written: one bad file writes nothing.
///
/// # Errors
///
/// Exit 1 with findings for invalid files; exit 4 for an existing version
/// (unless `replace` and it is still a draft).
pub fn register(
    registry: &Registry,
    inputs: &[PathBuf],
    replace: bool,
    options: WriteOptions,
) -> Result<Vec<Changed>> {
    let mut report = Report {
        files: inputs.len(),
        ..Report::default()
    };
    let mut parsed: Vec<Loaded<Definition>> = Vec::new();
    for input in inputs {
        let text: Arc<str> = crate::yaml::read_input(input)?.into();
        let file = input.display().to_string();
        match check_text::<Definition>(&file, &text, Bundled::Definition, None) {
            Ok(loaded) => {
                if let Err(findings) = Compiled::of(&loaded.data, &file) {
                    let mut findings = findings;
                    crate::source::locate(&text, &mut findings);
                    report.add(findings, Some((file, text.clone())));
                }
                parsed.push(loaded);
            }
            Err(r) => report.merge(r),
        }
    }
    if !report.ok() {
        report.sort();
        return Err(Error::Invalid(report));
    }
    let mut seen = std::collections::HashSet::new();
    for p in &parsed {
        if !seen.insert(p.data.reference()) {
            return Err(Error::conflict(
                "duplicate",
                format!("{} is given twice", p.data.reference()),
                vec![p.data.reference()],
                None,
            ));
        }
    }

    let tx = Transaction::begin(registry, options)?;
    let time = tx.time();
    let mut breaking = Report {
        files: parsed.len(),
        ..Report::default()
    };
    for input in &parsed {
        let mut findings = crate::compat::rule::check(registry, &input.data, &input.file)?;
        crate::source::locate(&input.text, &mut findings);
        breaking.add(findings, Some((input.file.clone(), input.text.clone())));
    }
    if !breaking.ok() {
        return Err(Error::Invalid(breaking));
    }
    let mut planned = Vec::new();
    for input in parsed {
        let mut def = input.data;
        let existing = registry.definition(&def.name, &def.version)?;
        let from = match &existing {
            Some(old) if !replace || old.data.status() != Status::Draft => {
                let (message, help) = if old.data.status() == Status::Draft {
                    (
                        format!("{} already exists as a DRAFT", def.reference()),
                        "pass --replace to overwrite the draft".to_string(),
                    )
                } else {
                    (
                        format!(
                            "{} already exists and is {}; published content is immutable",
                            def.reference(),
                            old.data.status()
                        ),
                        format!(
                            "a version is never reused: register it as a new version (next: {})",
                            next_patch(&def.version)
                        ),
                    )
                };
                return Err(Error::conflict(
                    "duplicate",
                    message,
                    vec![old.data.reference()],
                    Some(help),
                ));
            }
            Some(old) => {
                def.id = old.data.id;
                def.created_at = old.data.created_at;
                Some(Status::Draft)
            }
            None => {
                def.id = Some(uuid::Uuid::new_v4());
                def.created_at = Some(time);
                None
            }
        };
        def.status = Some(Status::Draft);
        def.updated_at = Some(time);
        def.deprecation = None;
        planned.push((def, from));
    }
    // One commit per version keeps each file's history its own; nothing was
    // written before every check above passed.
    let mut out = Vec::new();
    for (def, from) in planned {
        let event = Event {
            action: if from.is_some() {
                "replace"
            } else {
                "register"
            }
            .into(),
            subject: format!("definition/{}", def.reference()),
            from: from.map(|s| s.to_string()),
            to: Some(Status::Draft.to_string()),
        };
        let path = Registry::definition_file(&def.name, &def.version);
        let commit = tx.commit(vec![(path, Some(crate::yaml::to_string(&def)?))], &event)?;
        out.push(Changed {
            definition: def,
            from,
            to: Some(Status::Draft),
            commit,
            warnings: tx.notes(),
        });
    }
    Ok(out)
}

fn next_patch(v: &semver::Version) -> semver::Version {
    semver::Version::new(v.major, v.minor, v.patch + 1)
}

/// Publishes a draft: its dependencies must resolve and form no cycle.
///
/// # Errors
///
/// Exit 4 for a forbidden transition or a blocking guard; exit 1 when the
/// file is invalid.
pub fn publish(
    registry: &Registry,
    reference: &Reference,
    options: WriteOptions,
) -> Result<Changed> {
    let tx = Transaction::begin(registry, options)?;
    let target = exact_target(registry, reference, Action::Publish)?;
    let to = check_transition(&target.data, Action::Publish)?;
    let compiled = Compiled::of(&target.data, &target.file).err();
    let rule = crate::compat::rule::check(registry, &target.data, &target.file)?;
    if compiled.is_some() || !rule.is_empty() {
        let mut findings = compiled.unwrap_or_default();
        findings.extend(rule);
        crate::source::locate(&target.text, &mut findings);
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        report.add(findings, Some((target.file.clone(), target.text.clone())));
        return Err(Error::Invalid(report));
    }
    let mut catalog = Catalog::new(registry);
    let mut assumed = target.clone();
    assumed.data.status = Some(Status::Published);
    catalog.assume(assumed)?;
    let mut blockers = Vec::new();
    for dep in &target.data.dependencies {
        if catalog.resolve_dependency(dep)?.is_none() {
            let existing: Vec<String> = catalog
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
        && let Some(cycle) = find_cycle(&mut catalog, &target.data)?
    {
        blockers.push(format!("dependency cycle: {}", cycle.join(" → ")));
    }
    if !blockers.is_empty() {
        return Err(Error::conflict(
            "blocked",
            format!(
                "cannot publish {}: {} blocker(s)\n  {}",
                target.data.reference(),
                blockers.len(),
                blockers.join("\n  ")
            ),
            blockers,
            Some("publish or fix the dependencies first".to_string()),
        ));
    }
    let time = tx.time();
    write_state(&tx, target, Action::Publish, to, time, None)
}

/// Deprecates a published version, with a reason and optionally the
/// published version that replaces it.
///
/// # Errors
///
/// Exit 4 for a forbidden transition or a replacement that is not
/// PUBLISHED; exit 3 when a reference does not resolve.
pub fn deprecate(
    registry: &Registry,
    reference: &Reference,
    reason: &str,
    replaced_by: Option<&Reference>,
    options: WriteOptions,
) -> Result<Changed> {
    if reason.trim().is_empty() {
        return Err(Error::usage(
            "--reason must say why the version is deprecated",
            None,
        ));
    }
    let tx = Transaction::begin(registry, options)?;
    let target = resolve(registry, reference)?;
    let to = check_transition(&target.data, Action::Deprecate)?;
    let replacement = match replaced_by {
        None => None,
        Some(r) => {
            let rep = resolve(registry, r)?;
            if rep.data.status() != Status::Published {
                return Err(Error::conflict(
                    "blocked",
                    format!(
                        "--replaced-by {} is {}; the replacement must be PUBLISHED",
                        rep.data.reference(),
                        rep.data.status()
                    ),
                    vec![format!("{} {}", rep.data.reference(), rep.data.status())],
                    None,
                ));
            }
            if rep.data.name == target.data.name && rep.data.version == target.data.version {
                return Err(Error::usage("a version cannot replace itself", None));
            }
            Some(rep.data.reference())
        }
    };
    let time = tx.time();
    let deprecation = serde_json::json!({
        "reason": reason.trim(),
        "replacedBy": replacement,
        "since": time,
    });
    let mut deprecation = deprecation;
    if replacement.is_none() {
        deprecation
            .as_object_mut()
            .expect("object")
            .remove("replacedBy");
    }
    let pinned: Vec<String> = crate::resolve::referrers(registry, &target.data)?
        .instances
        .into_iter()
        .filter(|(_, s)| *s != crate::instance::InstanceStatus::Retired)
        .map(|(n, _)| n)
        .collect();
    let mut changed = write_state(&tx, target, Action::Deprecate, to, time, Some(deprecation))?;
    if !pinned.is_empty() {
        changed.warnings.push(format!(
            "{} instance(s) still use {} and keep working: {}",
            pinned.len(),
            changed.definition.reference(),
            pinned.join(", ")
        ));
    }
    Ok(changed)
}

/// Archives a version no live instance and no in-use definition needs.
///
/// # Errors
///
/// Exit 4 with every blocker when something still needs it.
pub fn archive(
    registry: &Registry,
    reference: &Reference,
    options: WriteOptions,
) -> Result<Changed> {
    let tx = Transaction::begin(registry, options)?;
    let target = resolve(registry, reference)?;
    let to = check_transition(&target.data, Action::Archive)?;
    let refs = crate::resolve::referrers(registry, &target.data)?;
    let mut blockers: Vec<String> = refs
        .instances
        .iter()
        .filter(|(_, status)| *status != crate::instance::InstanceStatus::Retired)
        .map(|(name, status)| format!("instance {name} ({status})"))
        .collect();
    blockers.extend(
        refs.definitions
            .iter()
            .filter(|r| {
                !r.others_usable && matches!(r.status, Status::Published | Status::Deprecated)
            })
            .map(|r| {
                format!(
                    "definition {} ({}) depends on {} {}, which only this version satisfies",
                    r.reference, r.status, target.data.name, r.range
                )
            }),
    );
    blocked(&target.data, Action::Archive, blockers)?;
    let time = tx.time();
    write_state(&tx, target, Action::Archive, to, time, None)
}

/// Deletes a draft or archived version no instance is pinned to and no
/// definition depends on.
///
/// # Errors
///
/// Exit 4 with every blocker.
pub fn delete(
    registry: &Registry,
    reference: &Reference,
    options: WriteOptions,
) -> Result<Changed> {
    let tx = Transaction::begin(registry, options)?;
    let target = exact_target(registry, reference, Action::Delete)?;
    check_transition(&target.data, Action::Delete)?;
    let refs = crate::resolve::referrers(registry, &target.data)?;
    let mut blockers: Vec<String> = refs
        .instances
        .iter()
        .map(|(name, status)| format!("instance {name} ({status})"))
        .collect();
    blockers.extend(
        refs.definitions
            .iter()
            .filter(|r| !r.others_exist)
            .map(|r| {
                format!(
                    "definition {} ({}) depends on {} {}",
                    r.reference, r.status, target.data.name, r.range
                )
            }),
    );
    blocked(&target.data, Action::Delete, blockers)?;
    let from = target.data.status();
    let event = Event {
        action: "delete".into(),
        subject: format!("definition/{}", target.data.reference()),
        from: Some(from.to_string()),
        to: None,
    };
    let path = Registry::definition_file(&target.data.name, &target.data.version);
    let commit = tx.commit(vec![(path, None)], &event)?;
    Ok(Changed {
        definition: target.data,
        from: Some(from),
        to: None,
        commit,
        warnings: tx.notes(),
    })
}

fn blocked(def: &Definition, action: Action, blockers: Vec<String>) -> Result<()> {
    if blockers.is_empty() {
        return Ok(());
    }
    Err(Error::conflict(
        "blocked",
        format!(
            "cannot {} {}: {} reference(s) still need it\n  {}",
            action.as_str(),
            def.reference(),
            blockers.len(),
            blockers.join("\n  ")
        ),
        blockers,
        Some(match action {
            Action::Archive => "retire or upgrade those instances and move those definitions to another version first".to_string(),
            _ => "delete or retire what refers to it first (`reg refs` lists it)".to_string(),
        }),
    ))
}

/// Publish and delete need one exact version: a bare name resolves to what
/// is already published, which is never what they act on.
fn exact_target(
    registry: &Registry,
    reference: &Reference,
    action: Action,
) -> Result<Loaded<Definition>> {
    match reference {
        Reference::Exact(..) | Reference::Id(_) => resolve(registry, reference),
        Reference::Latest(name) | Reference::Range(name, _) => {
            let versions = registry.versions(name)?;
            if versions.is_empty() {
                return Err(crate::resolve::not_found(registry, reference, &versions));
            }
            let candidates: Vec<String> = versions
                .iter()
                .filter(|d| Action::allowed_from(d.data.status()).contains(&action))
                .map(|d| d.data.reference())
                .collect();
            Err(Error::usage(
                format!(
                    "name the exact version to {}: `reg {} {name}@<version>`",
                    action.as_str(),
                    action.as_str()
                ),
                Some(if candidates.is_empty() {
                    format!(
                        "no version of `{name}` is in a state that allows {}",
                        action.as_str()
                    )
                } else {
                    format!("candidates: {}", candidates.join(", "))
                }),
            ))
        }
    }
}

fn check_transition(def: &Definition, action: Action) -> Result<Option<Status>> {
    let from = def.status();
    action.apply(from).ok_or_else(|| {
        let allowed: Vec<&str> = Action::allowed_from(from)
            .iter()
            .map(|a| a.as_str())
            .collect();
        Error::conflict(
            "transition",
            format!(
                "cannot {} {}: it is {from}",
                action.as_str(),
                def.reference()
            ),
            Vec::new(),
            Some(format!(
                "from {from}, allowed: {}",
                if allowed.is_empty() {
                    "nothing".to_string()
                } else {
                    allowed.join(", ")
                }
            )),
        )
    })
}

/// Writes a new state by changing only `status`, `updatedAt` and
/// `deprecation` in the file as it is, so published content stays
/// byte-for-byte what was reviewed, key order included.
fn write_state(
    tx: &Transaction<'_>,
    target: Loaded<Definition>,
    action: Action,
    to: Option<Status>,
    time: Timestamp,
    deprecation: Option<Value>,
) -> Result<Changed> {
    let from = target.data.status();
    let mut raw = target.raw;
    let obj = raw.as_object_mut().expect("definitions are mappings");
    let to_status = to.expect("state-changing actions lead to a state");
    let status = Value::String(to_status.to_string());
    let updated = serde_json::to_value(time).expect("timestamps serialize");
    obj.insert("status".into(), status.clone());
    obj.insert("updatedAt".into(), updated.clone());
    let mut set = vec![("status", &status), ("updatedAt", &updated)];
    if let Some(d) = &deprecation {
        obj.insert("deprecation".into(), d.clone());
        set.push(("deprecation", d));
    }
    // Only those lines change; everything reviewed stays byte for byte.
    let text = match crate::edit::set_top_level(&target.text, &set, &raw) {
        Some(text) => text,
        None => crate::yaml::to_string(&raw)?,
    };
    let definition: Definition =
        serde_json::from_value(raw.clone()).map_err(|e| Error::Environment {
            message: format!("internal: the new state does not fit the format: {e}"),
            help: None,
        })?;
    let event = Event {
        action: action.as_str().into(),
        subject: format!("definition/{}", definition.reference()),
        from: Some(from.to_string()),
        to: Some(to_status.to_string()),
    };
    let path = Registry::definition_file(&definition.name, &definition.version);
    let commit = tx.commit(vec![(path, Some(text))], &event)?;
    Ok(Changed {
        definition,
        from: Some(from),
        to,
        commit,
        warnings: tx.notes(),
    })
}

/// A dependency cycle through `start`, as the path of versions, if any.
fn find_cycle(catalog: &mut Catalog<'_>, start: &Definition) -> Result<Option<Vec<String>>> {
    fn visit(
        catalog: &mut Catalog<'_>,
        def: &Definition,
        path: &mut Vec<String>,
        done: &mut std::collections::HashSet<String>,
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
            let next = catalog.resolve_dependency(dep)?.map(|d| d.data.clone());
            if let Some(next) = next
                && let Some(cycle) = visit(catalog, &next, path, done)?
            {
                return Ok(Some(cycle));
            }
        }
        path.pop();
        Ok(None)
    }
    visit(
        catalog,
        start,
        &mut Vec::new(),
        &mut std::collections::HashSet::new(),
    )
}

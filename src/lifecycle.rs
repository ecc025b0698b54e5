//! The lifecycle of definitions (SPEC §3): `register` enters a version as a
//! DRAFT; `publish`, `deprecate`, `archive` and `delete` move it along the
//! only edges allowed, each behind its guard, each one commit.
//!
//! Every operation takes the write lock first and reads the state under it,
//! so what a guard checked is what the write replaces. Each computes the
//! files it would write and asks the rulebook ([`crate::rulebook`]) whether
//! that change may be made: the same rules `reg check` applies to the same
//! change made by hand.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::Value;

use crate::definition::{Definition, Status, TOMBSTONES, Tombstone};
use crate::error::{Error, Result};
use crate::finding::Report;
use crate::git::Event;
use crate::registry::{DEFINITIONS, Loaded, Registry, check_text};
use crate::resolve::{Reference, resolve};
use crate::root::display_rel;
use crate::schema::Bundled;
use crate::status::Action;
use crate::store::{Transaction, WriteOptions};
use crate::validate::Compiled;

/// A version after a lifecycle command.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The definition as written (as it was, for a deletion).
    pub definition: Definition,
    /// The state before.
    pub from: Option<Status>,
    /// The state after; `None` when the file was deleted.
    pub to: Option<Status>,
    /// The commit, unless `--no-commit` or `--dry-run`.
    pub commit: Option<git2::Oid>,
    /// What a `--dry-run` would have written.
    pub plan: Option<crate::store::Plan>,
    /// Things worth telling the user that did not stop the command.
    pub warnings: Vec<String>,
}

/// Registers author files as DRAFT versions, one commit each. All files are
/// checked before anything is written: one bad file writes nothing.
///
/// # Errors
///
/// Exit 1 with findings for invalid files or a change that needs a bigger
/// version bump; exit 4 for an existing version (unless `replace` and it
/// is still a draft), a reused or duplicate number.
pub fn register(
    registry: &Registry,
    inputs: &[PathBuf],
    replace: bool,
    strict: bool,
    options: WriteOptions,
) -> Result<Vec<Changed>> {
    let (parsed, mut report) = parse_inputs(registry, inputs)?;
    if !report.ok() || (strict && !report.findings.is_empty()) {
        for f in &mut report.findings {
            f.severity = crate::finding::Severity::Error;
        }
        return Err(Error::Invalid(report));
    }
    // Warnings of the registry's policy are said, not refused.
    let policy_warnings: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}: {} ({})", f.file, f.message, f.code))
        .collect();
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
    let mut planned = Vec::new();
    for input in &parsed {
        let mut def = input.data.clone();
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
        // Resolved live while a draft; publish freezes them.
        def.schema_refs.clear();
        let path = Registry::definition_file(&def.name, &def.version);
        let text = crate::yaml::to_string(&def)?;
        planned.push((def, from, path, text, input));
    }
    // Judged together, so a second version of one name sees the first.
    let changes: Vec<(PathBuf, Option<String>)> = planned
        .iter()
        .map(|(_, _, path, text, _)| (path.clone(), Some(text.clone())))
        .collect();
    // Findings point into the author's file, where the pointers are the same.
    let shown: Vec<(String, String, Arc<str>)> = planned
        .iter()
        .map(|(_, _, path, _, input)| (display_rel(path), input.file.clone(), input.text.clone()))
        .collect();
    let mut warnings = policy_warnings;
    warnings.extend(crate::rulebook::messages(crate::rulebook::judge_change(
        registry, &changes, strict, &shown,
    )?));
    // One commit per version keeps each file's history its own; nothing was
    // written before every check above passed.
    let mut out = Vec::new();
    for (def, from, path, text, _) in planned {
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
        let commit = tx.commit(vec![(path, Some(text))], &event)?;
        warnings.extend(tx.notes());
        out.push(Changed {
            definition: def,
            from,
            to: Some(Status::Draft),
            commit,
            plan: tx.plan(),
            warnings: std::mem::take(&mut warnings),
        });
    }
    Ok(out)
}

/// The draft `reg new` starts from for a name the registry has: its
/// highest version as stored, with what `register` assigns removed and
/// the next minor version (above any deleted number too). `None` when
/// the name has no version; the reference it started from otherwise.
///
/// # Errors
///
/// Exit 1 when that version's file is invalid; exit 5 on I/O failure.
pub fn next_draft(registry: &Registry, name: &str) -> Result<Option<(String, String)>> {
    let Some(latest) = registry.versions(name)?.pop() else {
        return Ok(None);
    };
    let state = crate::state::State::work_tree(registry);
    let highest = state
        .tombstones(name)?
        .into_iter()
        .map(|t| t.version)
        .chain([latest.data.version.clone()])
        .max()
        .unwrap_or_else(|| latest.data.version.clone());
    let mut def = latest.data.clone();
    let from = def.reference();
    def.version = semver::Version::new(highest.major, highest.minor + 1, 0);
    def.id = None;
    def.status = None;
    def.created_at = None;
    def.updated_at = None;
    def.deprecation = None;
    def.migration = None;
    def.schema_refs.clear();
    // Cargo's reading of SemVer: below 1.0.0 the minor is the breaking bump.
    let bumps = if highest.major == 0 {
        format!(
            "{}: any change; a fix only is {}",
            def.version,
            next_patch(&highest)
        )
    } else {
        format!(
            "{}: a new option; a fix only is {}, a breaking change {}.0.0",
            def.version,
            next_patch(&highest),
            highest.major + 1
        )
    };
    let text = format!(
        "# The next version of `{name}`, from {from}. Edit it, then run `reg register {name}.yaml`.\n\
         # Version {bumps} (`reg diff {from} {name}.yaml` tells which a change needs).\n{}",
        crate::yaml::to_string(&def)?
    );
    Ok(Some((text, from)))
}

/// Reads and checks author files as `register` does first: each against
/// the bundled schema, its `configSchema` against its draft. The valid
/// ones, and the findings on the others.
fn parse_inputs(
    registry: &Registry,
    inputs: &[PathBuf],
) -> Result<(Vec<Loaded<Definition>>, Report)> {
    let policy = registry.manifest.policy();
    let mut report = Report {
        files: inputs.len(),
        ..Report::default()
    };
    let mut parsed = Vec::new();
    for input in inputs {
        let text: Arc<str> = crate::yaml::read_input(input)?.into();
        let file = input.display().to_string();
        match check_text::<Definition>(&file, &text, Bundled::Definition, None) {
            Ok(loaded) => {
                let mut findings = Compiled::verify(registry, &loaded.data, &file)
                    .err()
                    .unwrap_or_default();
                findings.extend(policy.check(&loaded.file, &loaded.data, &loaded.raw));
                let refused = findings
                    .iter()
                    .any(|f| f.severity == crate::finding::Severity::Error);
                crate::source::locate(&text, &mut findings);
                report.add(findings, Some((file, text.clone())));
                if !refused {
                    parsed.push(loaded);
                }
            }
            Err(r) => report.merge(r),
        }
    }
    report.sort();
    Ok((parsed, report))
}

/// `reg validate FILE` on author files (outside `definitions/`): what
/// `register` would say of them, as findings rather than a refusal, its
/// warnings included. Nothing is written.
///
/// # Errors
///
/// Exit 5 when a file cannot be read or git cannot be.
pub fn check_drafts(registry: &Registry, inputs: &[PathBuf]) -> Result<Report> {
    let (parsed, mut report) = parse_inputs(registry, inputs)?;
    let now = jiff::Timestamp::now();
    let mut changes = Vec::new();
    let mut shown = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in &parsed {
        let mut def = input.data.clone();
        let exists = |why: String| {
            let mut f =
                crate::finding::Finding::error(&input.file, "/version", "const", "duplicate", why);
            crate::source::locate(&input.text, std::slice::from_mut(&mut f));
            f
        };
        if !seen.insert(def.reference()) {
            let f = exists(format!("{} is given twice", def.reference()));
            report.add(vec![f], Some((input.file.clone(), input.text.clone())));
            continue;
        }
        if let Some(old) = registry.definition(&def.name, &def.version)? {
            let f = exists(format!(
                "{} already exists and is {}: register it as a new version (next: {})",
                def.reference(),
                old.data.status(),
                next_patch(&def.version)
            ));
            report.add(vec![f], Some((input.file.clone(), input.text.clone())));
            continue;
        }
        def.id = Some(uuid::Uuid::new_v4());
        def.status = Some(Status::Draft);
        def.created_at = Some(now);
        def.updated_at = Some(now);
        def.deprecation = None;
        let path = Registry::definition_file(&def.name, &def.version);
        shown.push((display_rel(&path), input.file.clone(), input.text.clone()));
        changes.push((path, Some(crate::yaml::to_string(&def)?)));
    }
    let judged = crate::rulebook::as_report(
        crate::rulebook::judge_all(registry, &changes)?,
        false,
        &shown,
    );
    report.findings.extend(judged.findings);
    report.sources.extend(judged.sources);
    report.sort();
    Ok(report)
}

fn next_patch(v: &semver::Version) -> semver::Version {
    semver::Version::new(v.major, v.minor, v.patch + 1)
}

/// Publishes a draft: its schema must be valid and obey the bump rule, its
/// dependencies must resolve, with no cycle.
///
/// # Errors
///
/// Exit 4 for a forbidden transition or a blocking guard; exit 1 when the
/// file is invalid or the version needs a bigger bump.
pub fn publish(
    registry: &Registry,
    reference: &Reference,
    strict: bool,
    options: WriteOptions,
) -> Result<Changed> {
    let tx = Transaction::begin(registry, options)?;
    let target = exact_target(registry, reference, Action::Publish)?;
    let to = check_transition(&target.data, Action::Publish)?;
    let time = tx.time();
    write_state(
        registry,
        &tx,
        target,
        Action::Publish,
        to,
        time,
        None,
        strict,
    )
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
            if rep.data.name == target.data.name && rep.data.version == target.data.version {
                return Err(Error::usage("a version cannot replace itself", None));
            }
            Some(rep.data.reference())
        }
    };
    let time = tx.time();
    let mut deprecation = serde_json::json!({
        "reason": reason.trim(),
        "replacedBy": replacement,
        "since": time,
    });
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
    let mut changed = write_state(
        registry,
        &tx,
        target,
        Action::Deprecate,
        to,
        time,
        Some(deprecation),
        false,
    )?;
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
    let time = tx.time();
    write_state(
        registry,
        &tx,
        target,
        Action::Archive,
        to,
        time,
        None,
        false,
    )
}

/// Deletes a draft or archived version no instance is pinned to and no
/// definition depends on, and records its tombstone, in one commit.
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
    let from = target.data.status();
    let name = &target.data.name;
    let tombstones_path = Path::new(DEFINITIONS).join(name).join(TOMBSTONES);
    let mut tombstones = crate::state::State::work_tree(registry).tombstones(name)?;
    tombstones.push(Tombstone {
        version: target.data.version.clone(),
        id: target.data.id,
        deleted_at: tx.time(),
    });
    let changes = vec![
        (Registry::definition_file(name, &target.data.version), None),
        (
            tombstones_path,
            Some(format!(
                "# Versions of {name} that were deleted: their numbers are never used again.\n{}",
                crate::yaml::to_string(&tombstones)?
            )),
        ),
    ];
    let warnings = crate::rulebook::messages(crate::rulebook::judge_change(
        registry,
        &changes,
        false,
        &[],
    )?);
    let event = Event {
        action: "delete".into(),
        subject: format!("definition/{}", target.data.reference()),
        from: Some(from.to_string()),
        to: None,
    };
    let commit = tx.commit(changes, &event)?;
    let mut warnings = warnings;
    warnings.extend(tx.notes());
    Ok(Changed {
        definition: target.data,
        from: Some(from),
        to: None,
        commit,
        plan: tx.plan(),
        warnings,
    })
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

/// The state `action` leads to from the version's, or the refusal that
/// names the action and what is allowed instead (the rulebook would refuse
/// the same edge, in words that cannot name the command).
fn check_transition(def: &Definition, action: Action) -> Result<Option<Status>> {
    let from = def.status();
    action.apply(from).ok_or_else(|| {
        let allowed = Action::allowed_from(from)
            .iter()
            .map(|a| a.as_str().to_string())
            .collect();
        Error::transition(
            format!(
                "cannot {} {}: it is {from}",
                action.as_str(),
                def.reference()
            ),
            from,
            allowed,
            "nothing",
        )
    })
}

/// Writes a new state by changing only `status`, `updatedAt` and
/// `deprecation` in the file as it is, so published content stays
/// byte-for-byte what was reviewed, key order included; the rulebook
/// judges the file as it would be.
#[allow(clippy::too_many_arguments)]
fn write_state(
    registry: &Registry,
    tx: &Transaction<'_>,
    target: Loaded<Definition>,
    action: Action,
    to: Option<Status>,
    time: Timestamp,
    deprecation: Option<Value>,
    strict: bool,
) -> Result<Changed> {
    let from = target.data.status();
    let mut raw = target.raw.clone();
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
    // SPEC §12: publish freezes each schema reference at the version it
    // resolves to now. One that does not resolve is left for the rulebook
    // to refuse, at its `$ref`.
    let frozen = if action == Action::Publish {
        crate::schema::refs::expand(registry, &target.data.config_schema, None)
            .ok()
            .filter(|e| !e.resolved.is_empty())
            .map(|e| serde_json::to_value(e.resolved).expect("versions serialize"))
    } else {
        None
    };
    if let Some(f) = &frozen {
        obj.insert("schemaRefs".into(), f.clone());
        set.push(("schemaRefs", f));
    }
    // Only those lines change; everything reviewed stays byte for byte.
    let (text, definition): (String, Definition) = crate::edit::rewrite(&target.text, &set, &raw)?;
    let event = Event {
        action: action.as_str().into(),
        subject: format!("definition/{}", definition.reference()),
        from: Some(from.to_string()),
        to: Some(to_status.to_string()),
    };
    let path = Registry::definition_file(&definition.name, &definition.version);
    let changes = vec![(path.clone(), Some(text.clone()))];
    let shown = [(display_rel(&path), target.file.clone(), Arc::from(text))];
    let mut warnings = crate::rulebook::messages(crate::rulebook::judge_change(
        registry, &changes, strict, &shown,
    )?);
    let commit = tx.commit(changes, &event)?;
    warnings.extend(tx.notes());
    Ok(Changed {
        definition,
        from: Some(from),
        to,
        commit,
        plan: tx.plan(),
        warnings,
    })
}

//! The operations on instances (SPEC §4), each under the write lock and
//! one commit. The data they work on is the module above's.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::{Instance, InstanceAction, InstanceStatus};
use crate::definition::{Definition, Status};
use crate::error::{Error, Result};
use crate::finding::{Finding, Report};
use crate::git::Event;
use crate::registry::{Loaded, Registry};
use crate::resolve::{Reference, resolve};
use crate::store::{Transaction, WriteOptions};
use crate::validate::Compiled;

/// An instance after a command, with the warnings worth showing.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The instance as written (as it was, for a deletion).
    pub instance: Instance,
    /// The commit, unless `--no-commit` or `--dry-run`.
    pub commit: Option<git2::Oid>,
    /// What a `--dry-run` would have written.
    pub plan: Option<crate::store::Plan>,
    /// Things the user should know that did not stop the command.
    pub warnings: Vec<String>,
    /// The pin moved to a lower version.
    pub downgrade: bool,
}

/// Reads a configuration document (YAML or JSON) from a file or `-`.
///
/// # Errors
///
/// Exit 1 when it does not parse or is not a mapping.
pub fn read_config(path: &Path) -> Result<(Value, String, Arc<str>)> {
    let text: Arc<str> = crate::yaml::read_input(path)?.into();
    let file = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let fail = |message: String, line, column| {
        let mut f = Finding::error(&file, "", "yaml", "yaml-syntax", message);
        f.line = line;
        f.column = column;
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        // No snippet: a configuration that does not parse cannot say
        // which of its values are secrets, and the line may hold one.
        report.add(vec![f], None);
        Error::Invalid(report)
    };
    let value = crate::yaml::parse(&text).map_err(|e| fail(e.message, e.line, e.column))?;
    if !value.is_object() {
        return Err(fail(
            "a configuration must be a mapping of keys to values".into(),
            1,
            1,
        ));
    }
    Ok((value, file, text))
}

/// Validates a configuration against a definition, reporting on `file`
/// whose text is `text`; `prefix` is where the configuration sits in it.
///
/// # Errors
///
/// Exit 1 with every finding.
pub fn check_config(
    registry: &Registry,
    def: &Loaded<Definition>,
    config: &Value,
    file: &str,
    prefix: &str,
    text: &Arc<str>,
) -> Result<()> {
    let compiled = Compiled::of(registry, &def.data, &def.file).map_err(|mut findings| {
        crate::source::locate(&def.text, &mut findings);
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        report.add(findings, Some((def.file.clone(), def.text.clone())));
        Error::Invalid(report)
    })?;
    let (findings, secrets) = compiled.check(file, prefix, config);
    if findings.is_empty() {
        return Ok(());
    }
    let mut report = Report {
        files: 1,
        ..Report::default()
    };
    crate::validate::add_config_findings(
        &mut report,
        file,
        text,
        prefix,
        config,
        &secrets,
        findings,
    );
    report.sort();
    Err(Error::Invalid(report))
}

/// The instance as it may be shown anywhere (`show`, `list`, JSON,
/// YAML): every value its pinned schema makes secret, or that looks
/// like one, masked; all of them when the schema cannot be read.
#[must_use]
pub fn shown(registry: &Registry, instance: &Instance) -> Instance {
    let secrets = instance
        .pin()
        .and_then(|(name, v)| registry.definition(name, &v).ok().flatten())
        .and_then(|d| Compiled::of(registry, &d.data, &d.file).ok())
        .map_or_else(crate::secret::Secrets::everything, |c| {
            crate::secret::Secrets::of(&c.schema, &instance.config)
        });
    let mut shown = instance.clone();
    shown.config = secrets.mask(&instance.config);
    shown
}

/// Resolves the definition an instance may be pinned to: PUBLISHED, or
/// DEPRECATED with a warning naming the replacement.
fn usable(
    registry: &Registry,
    reference: &Reference,
    warnings: &mut Vec<String>,
) -> Result<Loaded<Definition>> {
    let def = resolve(registry, reference)?;
    match def.data.status() {
        Status::Published => Ok(def),
        Status::Deprecated => {
            let d = def.data.deprecation.as_ref();
            warnings.push(format!(
                "{} is DEPRECATED{}{}",
                def.data.reference(),
                d.map(|d| format!(": {}", d.reason)).unwrap_or_default(),
                d.and_then(|d| d.replaced_by.as_ref())
                    .map(|r| format!("; use {r} instead"))
                    .unwrap_or_default()
            ));
            Ok(def)
        }
        s => Err(Error::conflict(
            "unusable",
            format!(
                "{} is {s}; instances can only use PUBLISHED or DEPRECATED versions",
                def.data.reference()
            ),
            vec![format!("{} {s}", def.data.reference())],
            Some(if s == Status::Draft {
                format!("publish it first: `reg publish {}`", def.data.reference())
            } else {
                "pick another version (`reg versions` lists them)".to_string()
            }),
        )),
    }
}

/// Creates an instance pinned to the exact version `reference` resolves to.
///
/// # Errors
///
/// Exit 4 when it exists or the version is unusable; exit 1 when the
/// configuration is invalid.
pub fn create(
    registry: &Registry,
    name: &str,
    reference: &Reference,
    config_path: &Path,
    labels: std::collections::BTreeMap<String, String>,
    options: WriteOptions,
) -> Result<Outcome> {
    crate::name::check(name)
        .map_err(|why| Error::usage(format!("invalid instance name: {why}"), None))?;
    let (config, file, text) = read_config(config_path)?;
    let tx = Transaction::begin(registry, options)?;
    if let Some(existing) = registry.instance(name)? {
        return Err(Error::conflict(
            "duplicate",
            format!(
                "instance {name} already exists (pinned to {}, {})",
                existing.data.definition,
                existing.data.status()
            ),
            vec![format!("instance {name}")],
            Some("pick another name, or `reg instance upgrade` the existing one".to_string()),
        ));
    }
    let mut warnings = Vec::new();
    let def = usable(registry, reference, &mut warnings)?;
    check_config(registry, &def, &config, &file, "", &text)?;
    let time = tx.time();
    let instance = Instance {
        name: name.to_string(),
        definition: def.data.reference(),
        id: Some(uuid::Uuid::new_v4()),
        status: Some(InstanceStatus::Active),
        labels,
        config,
        created_at: Some(time),
        updated_at: Some(time),
        extensions: serde_json::Map::new(),
    };
    let event = Event {
        action: "instance-create".into(),
        subject: format!("instance/{name}"),
        from: None,
        to: Some(InstanceStatus::Active.to_string()),
    };
    let changes = vec![(
        Registry::instance_file(name),
        Some(crate::yaml::to_string(&instance)?),
    )];
    warnings.extend(crate::rulebook::messages(crate::rulebook::judge_change(
        registry,
        &changes,
        false,
        &[],
    )?));
    let commit = tx.commit(changes, &event)?;
    warnings.extend(tx.notes());
    Ok(Outcome {
        downgrade: false,
        instance,
        commit,
        plan: tx.plan(),
        warnings,
    })
}

fn existing(registry: &Registry, name: &str) -> Result<Loaded<Instance>> {
    registry.instance(name)?.ok_or_else(|| {
        let names = registry.instance_names().unwrap_or_default();
        let near = crate::words::did_you_mean(name, names.iter().map(String::as_str));
        Error::NotFound {
            message: format!("no instance named `{name}`"),
            suggestions: near.iter().map(|n| (*n).to_string()).collect(),
            help: Some(near.map_or_else(
                || "`reg instance list` shows what exists".to_string(),
                |n| format!("did you mean `{n}`?"),
            )),
        }
    })
}

/// [`existing`], refused (exit 4) when it is RETIRED: nothing but
/// deletion may follow, so `what` (a verb) cannot be done to it.
fn live(registry: &Registry, name: &str, what: &str) -> Result<Loaded<Instance>> {
    let current = existing(registry, name)?;
    if current.data.status() == InstanceStatus::Retired {
        return Err(Error::conflict(
            "transition",
            format!("cannot {what} instance {name}: it is RETIRED"),
            Vec::new(),
            Some("RETIRED is final; create a new instance instead".to_string()),
        ));
    }
    Ok(current)
}

/// Loads one instance by name.
///
/// # Errors
///
/// Exit 3 with near names when it does not exist.
pub fn show(registry: &Registry, name: &str) -> Result<Loaded<Instance>> {
    existing(registry, name)
}

/// Moves an instance along one lifecycle edge.
///
/// # Errors
///
/// Exit 4 when the edge does not exist from its state.
pub fn transition(
    registry: &Registry,
    name: &str,
    action: InstanceAction,
    options: WriteOptions,
) -> Result<Outcome> {
    let tx = Transaction::begin(registry, options)?;
    let current = existing(registry, name)?;
    let from = current.data.status();
    let to = action.apply(from).ok_or_else(|| {
        let allowed = [
            InstanceAction::Enable,
            InstanceAction::Disable,
            InstanceAction::Retire,
        ]
        .into_iter()
        .filter(|a| a.apply(from).is_some())
        .map(|a| a.as_str().to_string())
        .collect();
        Error::transition(
            format!("cannot {} instance {name}: it is {from}", action.as_str()),
            from,
            allowed,
            "nothing (RETIRED is final; `reg instance delete` removes it)",
        )
    })?;
    let event = Event {
        action: format!("instance-{}", action.as_str()),
        subject: format!("instance/{name}"),
        from: Some(from.to_string()),
        to: Some(to.to_string()),
    };
    rewrite(
        registry,
        &tx,
        current,
        &[("status", Value::String(to.to_string()))],
        &event,
        Vec::new(),
    )
}

/// How far `instance upgrade` may move a pin.
#[derive(Debug, Clone, Copy, Default)]
pub struct Upgrade {
    /// To another definition's version (`--switch-definition`).
    pub switch_definition: bool,
    /// To a lower version (`--allow-downgrade`).
    pub allow_downgrade: bool,
}

/// Moves an instance's pin to another version whose schema its
/// configuration (the new one, when given) satisfies.
///
/// # Errors
///
/// Exit 4 for a retired instance, an unusable version, another
/// definition or a lower version without the flag that allows it;
/// exit 1 when the configuration does not validate against the new
/// schema.
pub fn upgrade(
    registry: &Registry,
    name: &str,
    to: &Reference,
    config: Option<&Path>,
    how: Upgrade,
    options: WriteOptions,
) -> Result<Outcome> {
    let new_config = config.map(read_config).transpose()?;
    let tx = Transaction::begin(registry, options)?;
    let current = live(registry, name, "upgrade")?;
    let mut warnings = Vec::new();
    let def = usable(registry, to, &mut warnings)?;
    let new_pin = def.data.reference();
    if new_pin == current.data.definition && new_config.is_none() {
        return Err(Error::conflict(
            "unchanged",
            format!("instance {name} is already pinned to {new_pin}"),
            Vec::new(),
            Some("pass --config to change its configuration".to_string()),
        ));
    }
    if let Some((old_name, old_version)) = current.data.pin() {
        if old_name != def.data.name && !how.switch_definition {
            return Err(Error::conflict(
                "switch-definition",
                format!(
                    "{new_pin} is another integration than {}; an upgrade stays within one",
                    current.data.definition
                ),
                vec![new_pin.clone()],
                Some("pass --switch-definition to move the instance to it".to_string()),
            ));
        }
        if old_name == def.data.name && def.data.version < old_version && !how.allow_downgrade {
            return Err(Error::conflict(
                "downgrade",
                format!(
                    "{new_pin} is lower than {}: that is a downgrade",
                    current.data.definition
                ),
                vec![new_pin.clone()],
                Some("pass --allow-downgrade to move the instance down".to_string()),
            ));
        }
        // The notes of the breaking versions this move crosses (SPEC §13).
        if old_name == def.data.name {
            for note in
                crate::migration::crossed(registry, old_name, &old_version, &def.data.version)?
            {
                warnings.push(format!("migration {note}"));
            }
        }
    }
    let mut set = vec![("definition", Value::String(new_pin.clone()))];
    match &new_config {
        Some((config, file, text)) => {
            check_config(registry, &def, config, file, "", text)?;
            set.push(("config", config.clone()));
        }
        None => check_config(
            registry,
            &def,
            &current.data.config,
            &current.file,
            "/config",
            &current.text,
        )?,
    }
    let downgrade = current
        .data
        .pin()
        .is_some_and(|(n, v)| n == def.data.name && def.data.version < v);
    let event = Event {
        action: if downgrade {
            "instance-downgrade"
        } else {
            "instance-upgrade"
        }
        .into(),
        subject: format!("instance/{name}"),
        from: Some(current.data.definition.clone()),
        to: Some(new_pin),
    };
    rewrite(registry, &tx, current, &set, &event, warnings)
}

/// Replaces an instance's configuration, validated against its pinned
/// schema and its secrets checked, in one commit.
///
/// # Errors
///
/// Exit 4 for a retired instance; exit 1 when the configuration does
/// not validate.
pub fn configure(
    registry: &Registry,
    name: &str,
    config: &Path,
    options: WriteOptions,
) -> Result<Outcome> {
    let (config, file, text) = read_config(config)?;
    let tx = Transaction::begin(registry, options)?;
    let current = live(registry, name, "configure")?;
    let def = current
        .data
        .pin()
        .map(|(n, v)| registry.definition(n, &v))
        .transpose()?
        .flatten()
        .ok_or_else(|| Error::NotFound {
            message: format!(
                "instance {name} is pinned to {}, which does not exist",
                current.data.definition
            ),
            suggestions: Vec::new(),
            help: Some(format!(
                "move it first: `reg instance upgrade {name} --to REF`"
            )),
        })?;
    check_config(registry, &def, &config, &file, "", &text)?;
    let event = Event {
        action: "instance-configure".into(),
        subject: format!("instance/{name}"),
        from: None,
        to: None,
    };
    rewrite(
        registry,
        &tx,
        current,
        &[("config", config)],
        &event,
        Vec::new(),
    )
}

/// Writes an instance back with `set` keys changed and a new
/// `updatedAt`, every other line as it was, in one commit the rulebook
/// has judged.
fn rewrite(
    registry: &Registry,
    tx: &Transaction<'_>,
    current: Loaded<Instance>,
    set: &[(&str, Value)],
    event: &Event,
    mut warnings: Vec<String>,
) -> Result<Outcome> {
    let mut raw = current.raw;
    let obj = raw.as_object_mut().expect("instances are mappings");
    let updated = serde_json::to_value(tx.time()).expect("timestamps serialize");
    for (key, value) in set {
        obj.insert((*key).into(), value.clone());
    }
    obj.insert("updatedAt".into(), updated.clone());
    let mut keys: Vec<(&str, &Value)> = set.iter().map(|(k, v)| (*k, v)).collect();
    keys.push(("updatedAt", &updated));
    let (text, instance): (String, Instance) = crate::edit::rewrite(&current.text, &keys, &raw)?;
    let changes = vec![(Registry::instance_file(&instance.name), Some(text))];
    warnings.extend(crate::rulebook::messages(crate::rulebook::judge_change(
        registry,
        &changes,
        false,
        &[],
    )?));
    let commit = tx.commit(changes, event)?;
    warnings.extend(tx.notes());
    Ok(Outcome {
        downgrade: event.action == "instance-downgrade",
        instance,
        commit,
        plan: tx.plan(),
        warnings,
    })
}

/// Deletes a retired instance's file.
///
/// # Errors
///
/// Exit 4 when it is not RETIRED.
pub fn delete(registry: &Registry, name: &str, options: WriteOptions) -> Result<Outcome> {
    let tx = Transaction::begin(registry, options)?;
    let current = existing(registry, name)?;
    let from = current.data.status();
    if from != InstanceStatus::Retired {
        return Err(Error::conflict(
            "transition",
            format!("cannot delete instance {name}: it is {from}"),
            Vec::new(),
            Some(format!("retire it first: `reg instance retire {name}`")),
        ));
    }
    let event = Event {
        action: "instance-delete".into(),
        subject: format!("instance/{name}"),
        from: Some(from.to_string()),
        to: None,
    };
    let changes = vec![(Registry::instance_file(name), None)];
    let mut warnings = crate::rulebook::messages(crate::rulebook::judge_change(
        registry,
        &changes,
        false,
        &[],
    )?);
    let commit = tx.commit(changes, &event)?;
    warnings.extend(tx.notes());
    Ok(Outcome {
        instance: current.data,
        commit,
        plan: tx.plan(),
        warnings,
        downgrade: false,
    })
}

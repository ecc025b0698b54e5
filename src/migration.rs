//! Migration notes (SPEC §13): what a breaking version says about moving to
//! it, gathered for `reg diff`, `reg instance upgrade` and
//! `reg instance outdated`.

use jiff::civil::Date;
use semver::Version;
use serde::Serialize;

use crate::definition::Status;
use crate::error::Result;
use crate::instance::InstanceStatus;
use crate::registry::Registry;

/// One version's note, as crossed on the way between two versions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// `name@version` that carries it.
    pub version: String,
    /// What changed and what to do.
    pub message: String,
    /// When older versions stop being supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// The migration guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.version, self.message)?;
        if let Some(d) = self.deadline {
            write!(f, " (deadline {d})")?;
        }
        if let Some(u) = &self.url {
            write!(f, " (see {u})")?;
        }
        Ok(())
    }
}

/// The notes of the versions of `name` above `from` up to `to`, oldest
/// first: what a move from `from` to `to` crosses. None for a move down.
///
/// # Errors
///
/// Exit 1 when one of those files is invalid; exit 5 on I/O failure.
pub fn crossed(registry: &Registry, name: &str, from: &Version, to: &Version) -> Result<Vec<Note>> {
    let mut out = Vec::new();
    if to <= from {
        return Ok(out);
    }
    for v in registry.version_numbers(name)? {
        if v <= *from || v > *to {
            continue;
        }
        if let Some(d) = registry.definition(name, &v)?
            && let Some(m) = d.data.migration.clone()
        {
            out.push(Note {
                version: d.data.reference(),
                message: m.message,
                deadline: m.deadline,
                url: m.url,
            });
        }
    }
    Ok(out)
}

/// An instance pinned below what it could use.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outdated {
    /// The instance.
    pub instance: String,
    /// Its state.
    pub status: InstanceStatus,
    /// The version it is pinned to.
    pub pinned: String,
    /// The newest usable version of its line (no breaking bump away), if
    /// above the pin.
    pub latest_in_line: Option<String>,
    /// The newest usable version, if above the pin and in a newer line.
    pub latest: Option<String>,
    /// The notes crossed on the way to the newest usable version.
    pub migrations: Vec<Note>,
    /// The nearest deadline among them.
    pub deadline: Option<Date>,
    /// Whether that deadline is before `today`.
    pub past_deadline: bool,
}

/// Every live instance pinned below the newest usable (PUBLISHED or
/// DEPRECATED, not pre-release) version of its line or of a newer line,
/// by instance name.
///
/// # Errors
///
/// Exit 5 when the folders cannot be read.
pub fn outdated(registry: &Registry, today: Date) -> Result<Vec<Outdated>> {
    let (instances, _) = registry.all_instances()?;
    let mut out = Vec::new();
    for i in instances {
        if i.status() == InstanceStatus::Retired {
            continue;
        }
        let Some((name, pinned)) = i.pin() else {
            continue;
        };
        let mut usable: Vec<Version> = Vec::new();
        for v in registry.version_numbers(name)? {
            if !v.pre.is_empty() || v <= pinned {
                continue;
            }
            if let Ok(Some(d)) = registry.definition(name, &v)
                && matches!(d.data.status(), Status::Published | Status::Deprecated)
            {
                usable.push(v);
            }
        }
        let in_line = usable
            .iter()
            .filter(|v| !crate::compat::is_breaking_bump(&pinned, v))
            .max()
            .cloned();
        let newest = usable.iter().max().cloned();
        let Some(target) = newest.clone() else {
            continue;
        };
        let latest = newest.filter(|v| Some(v) != in_line.as_ref());
        let migrations = crossed(registry, name, &pinned, &target)?;
        let deadline = migrations.iter().filter_map(|n| n.deadline).min();
        out.push(Outdated {
            instance: i.name.clone(),
            status: i.status(),
            pinned: format!("{name}@{pinned}"),
            latest_in_line: in_line.map(|v| format!("{name}@{v}")),
            latest: latest.map(|v| format!("{name}@{v}")),
            migrations,
            deadline,
            past_deadline: deadline.is_some_and(|d| d < today),
        });
    }
    out.sort_by(|a, b| a.instance.cmp(&b.instance));
    Ok(out)
}

//! Integration instances: the data of `instances/<name>.yaml` (SPEC §4),
//! with no I/O.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Lifecycle state of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InstanceStatus {
    /// In use.
    Active,
    /// Switched off, may come back.
    Disabled,
    /// Final; kept for the record.
    Retired,
}

impl InstanceStatus {
    /// The state as written in files and trailers.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Active => "ACTIVE",
            InstanceStatus::Disabled => "DISABLED",
            InstanceStatus::Retired => "RETIRED",
        }
    }
}

impl fmt::Display for InstanceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for InstanceStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            InstanceStatus::Active,
            InstanceStatus::Disabled,
            InstanceStatus::Retired,
        ]
        .into_iter()
        .find(|st| st.as_str().eq_ignore_ascii_case(s))
        .ok_or_else(|| format!("`{s}` is not an instance status; use ACTIVE, DISABLED or RETIRED"))
    }
}

/// One configured use of a definition version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    /// The instance's name.
    pub name: String,
    /// The pinned definition, `name@version`.
    pub definition: String,
    /// Assigned at creation, never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Lifecycle state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InstanceStatus>,
    /// Free-form labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The configuration, valid for the pinned definition's `configSchema`.
    pub config: Value,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// `x-` extension keys, kept as they are.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

impl crate::yaml::Decode for Instance {}

impl Instance {
    /// The lifecycle state (files written by `reg` always have one).
    #[must_use]
    pub fn status(&self) -> InstanceStatus {
        self.status.unwrap_or(InstanceStatus::Active)
    }

    /// The pinned definition's name and version.
    #[must_use]
    pub fn pin(&self) -> Option<(&str, semver::Version)> {
        let (name, version) = self.definition.split_once('@')?;
        Some((name, version.parse().ok()?))
    }
}

/// What an instance command can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceAction {
    /// DISABLED → ACTIVE.
    Enable,
    /// ACTIVE → DISABLED.
    Disable,
    /// ACTIVE or DISABLED → RETIRED.
    Retire,
}

impl InstanceAction {
    /// The verb, as in commands.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceAction::Enable => "enable",
            InstanceAction::Disable => "disable",
            InstanceAction::Retire => "retire",
        }
    }

    /// Where the action leads from `from`, if the edge exists.
    #[must_use]
    pub fn apply(self, from: InstanceStatus) -> Option<InstanceStatus> {
        use InstanceStatus::{Active, Disabled, Retired};
        match (from, self) {
            (Disabled, InstanceAction::Enable) => Some(Active),
            (Active, InstanceAction::Disable) => Some(Disabled),
            (Active | Disabled, InstanceAction::Retire) => Some(Retired),
            _ => None,
        }
    }
}

/// Whether `from` → `to` is an edge of the instance lifecycle (or no
/// move): ACTIVE ⇄ DISABLED, either → RETIRED, and RETIRED is final.
#[must_use]
pub fn edge(from: InstanceStatus, to: InstanceStatus) -> bool {
    from == to
        || [
            InstanceAction::Enable,
            InstanceAction::Disable,
            InstanceAction::Retire,
        ]
        .iter()
        .any(|a| a.apply(from) == Some(to))
}

/// The instance commands allowed from a state.
#[must_use]
pub fn allowed_from(from: InstanceStatus) -> Vec<&'static str> {
    [
        InstanceAction::Enable,
        InstanceAction::Disable,
        InstanceAction::Retire,
    ]
    .into_iter()
    .filter(|a| a.apply(from).is_some())
    .map(InstanceAction::as_str)
    .collect()
}

pub mod ops;

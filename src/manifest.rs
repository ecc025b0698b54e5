//! `reg.yaml`: the marker of a registry root and its settings (SPEC §1).

use serde::{Deserialize, Serialize};

/// Which compatibility rule registration and publish enforce (SPEC §5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compatibility {
    /// A breaking `configSchema` change needs a breaking SemVer bump.
    #[default]
    Backward,
    /// No rule.
    None,
}

/// The contents of `reg.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// On-disk format version; always 1.
    pub format: u32,
    /// Optional name of the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The compatibility rule.
    #[serde(default)]
    pub compatibility: Compatibility,
    /// The team's own rules (SPEC §15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::policy::Policy>,
}

impl crate::yaml::Decode for Manifest {}

impl Manifest {
    /// The policy, empty when `reg.yaml` has none.
    #[must_use]
    pub fn policy(&self) -> crate::policy::Policy {
        self.policy.clone().unwrap_or_default()
    }

    /// The settings `reg init` writes.
    #[must_use]
    pub fn new(name: Option<String>) -> Self {
        Manifest {
            format: 1,
            name,
            compatibility: Compatibility::Backward,
            policy: None,
        }
    }
}

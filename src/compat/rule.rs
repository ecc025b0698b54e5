//! The compatibility rule of SPEC §5, as registration, publish and
//! `reg check` enforce it.

use semver::Version;

use super::{Class, diff, is_breaking_bump, next_breaking};
use crate::definition::Definition;
use crate::error::Result;
use crate::finding::Finding;
use crate::manifest::Compatibility;
use crate::registry::Registry;

/// Findings for `def` (reported on `file`) when its schema change
/// against its nearest lower or higher existing version is breaking
/// without a breaking bump between them. Pre-releases are not
/// neighbours: they promise nothing.
///
/// # Errors
///
/// Exit 1 when a neighbour's file is invalid.
pub fn check(registry: &Registry, def: &Definition, file: &str) -> Result<Vec<Finding>> {
    if registry.manifest.compatibility == Compatibility::None {
        return Ok(Vec::new());
    }
    let others: Vec<Version> = registry
        .version_numbers(&def.name)?
        .into_iter()
        .filter(|v| *v != def.version && v.pre.is_empty())
        .collect();
    let lower = others.iter().filter(|v| **v < def.version).max();
    let higher = others.iter().filter(|v| **v > def.version).min();
    let mut out = Vec::new();
    if let Some(lower) = lower
        && let Some(old) = registry.definition(&def.name, lower)?
        && !is_breaking_bump(lower, &def.version)
    {
        for c in diff(&old.data.config_schema, &def.config_schema)
            .into_iter()
            .filter(|c| c.class == Class::Breaking)
        {
            out.push(Finding::error(
                file,
                format!("/configSchema{}", if c.path == "/" { "" } else { &c.path }),
                c.keyword,
                "breaking-change",
                format!(
                    "breaking change from {}@{lower}: {}; a breaking change needs version {} or later",
                    def.name,
                    c.message,
                    next_breaking(lower)
                ),
            ));
        }
    }
    if let Some(higher) = higher
        && let Some(new) = registry.definition(&def.name, higher)?
        && !is_breaking_bump(&def.version, higher)
    {
        for c in diff(&def.config_schema, &new.data.config_schema)
            .into_iter()
            .filter(|c| c.class == Class::Breaking)
        {
            out.push(Finding::error(
                file,
                format!("/configSchema{}", if c.path == "/" { "" } else { &c.path }),
                c.keyword,
                "breaking-change",
                format!(
                    "{}@{higher} would break this version's configurations without a breaking bump: {}; \
                     choose a version in another line",
                    def.name, c.message
                ),
            ));
        }
    }
    Ok(out)
}

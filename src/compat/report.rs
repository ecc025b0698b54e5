//! `reg diff`: the changes between two registered versions, the bump they
//! need, and which stored configurations the new schema would reject.

use serde::Serialize;

use super::{Bump, Change, Class, bump_ok, diff, is_breaking_bump, overall};
use crate::error::Result;
use crate::registry::Registry;
use crate::resolve::{Reference, resolve};
use crate::validate::Compiled;

/// Which stored instances were replayed against the new schema.
#[derive(Debug, Clone, Serialize)]
pub struct Replay {
    /// How many were checked.
    pub checked: usize,
    /// The ones whose configuration the new schema rejects.
    pub failing: Vec<String>,
}

/// SPEC §9's diff document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffReport {
    /// `name@version` compared from.
    pub from: String,
    /// `name@version` compared to.
    pub to: String,
    /// The worst change.
    pub class: Class,
    /// The bump that class needs.
    pub required_bump: Bump,
    /// Whether `to`'s version makes that bump.
    pub bump_ok: bool,
    /// Every change, one per schema path.
    pub changes: Vec<Change>,
    /// Stored instances of `from`'s line replayed against `to`.
    pub instances: Replay,
    /// The migration notes of the versions crossed from `from` to `to`.
    pub migrations: Vec<crate::migration::Note>,
}

/// Compares two versions and replays the instances pinned to `a`'s line.
///
/// # Errors
///
/// Exit 3 when a reference does not resolve.
pub fn compare(registry: &Registry, a: &Reference, b: &Reference) -> Result<DiffReport> {
    let (a, b) = (resolve(registry, a)?, resolve(registry, b)?);
    // Through the parts they refer to (SPEC §12): a change there is a change here.
    let (sa, sb) = (
        crate::validate::expanded(registry, &a.data, &a.file)
            .map_err(crate::error::Error::invalid)?,
        crate::validate::expanded(registry, &b.data, &b.file)
            .map_err(crate::error::Error::invalid)?,
    );
    let changes = diff(&sa, &sb);
    let class = overall(&changes);
    let mut replay = Replay {
        checked: 0,
        failing: Vec::new(),
    };
    if let Ok(compiled) = Compiled::of(registry, &b.data, &b.file) {
        let (instances, _) = registry.all_instances()?;
        for i in instances {
            let Some((name, version)) = i.pin() else {
                continue;
            };
            if name != a.data.name || is_breaking_bump(&a.data.version, &version) {
                continue;
            }
            replay.checked += 1;
            if !compiled.check(&i.name, "/config", &i.config).0.is_empty() {
                replay.failing.push(i.name.clone());
            }
        }
    }
    Ok(DiffReport {
        from: a.data.reference(),
        to: b.data.reference(),
        class,
        required_bump: Bump::for_class(class),
        bump_ok: a.data.name == b.data.name && bump_ok(&a.data.version, &b.data.version, class),
        changes,
        instances: replay,
        migrations: if a.data.name == b.data.name {
            crate::migration::crossed(registry, &a.data.name, &a.data.version, &b.data.version)?
        } else {
            Vec::new()
        },
    })
}

//! `reg diff`: the changes between two versions (registered, or an
//! author's file), the bump they need, and which stored configurations the
//! new schema would reject.

use std::sync::Arc;

use serde::Serialize;

use super::{Bump, Change, Class, bump_ok, diff, is_breaking_bump, overall};
use crate::definition::Definition;
use crate::error::Result;
use crate::registry::{Loaded, Registry, check_text};
use crate::resolve::{Reference, resolve};
use crate::schema::Bundled;
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

/// One side of a diff: a version in the registry, or an author's file
/// not registered yet (read as `register` would, a DRAFT).
#[derive(Debug, Clone)]
pub enum Side {
    /// `name@version`, a range or an id.
    Registered(Reference),
    /// A definition file outside the registry's layout.
    File(std::path::PathBuf),
}

impl Side {
    fn load(&self, registry: &Registry) -> Result<Loaded<Definition>> {
        match self {
            Side::Registered(r) => resolve(registry, r),
            Side::File(path) => {
                let text: Arc<str> = crate::yaml::read_input(path)?.into();
                let file = path.display().to_string();
                check_text::<Definition>(&file, &text, Bundled::Definition, None)
                    .map_err(crate::error::Error::Invalid)
            }
        }
    }
}

/// Compares two versions and replays the instances pinned to `a`'s line.
///
/// # Errors
///
/// Exit 3 when a reference does not resolve; exit 1 when a file given
/// is not a valid definition or a schema reference does not resolve.
pub fn compare(registry: &Registry, a: &Side, b: &Side) -> Result<DiffReport> {
    let (a, b) = (a.load(registry)?, b.load(registry)?);
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

//! References and their resolution (SPEC §5): `name`, `name@1.2.3`,
//! `name@^1.2` or an id, resolved by the one rule every command shares:
//! the highest matching PUBLISHED version, else the highest DEPRECATED one,
//! pre-releases only when the range names one.

use std::fmt;
use std::str::FromStr;

use semver::{Version, VersionReq};
use uuid::Uuid;

use crate::definition::{Definition, Need, Status};
use crate::error::{Error, Result};
use crate::registry::{Loaded, Registry};
use crate::version::pick;
use crate::words::did_you_mean;

/// What a user or a dependency names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// `name`: the latest usable version.
    Latest(String),
    /// `name@1.2.3`: exactly that version, whatever its state.
    Exact(String, Version),
    /// `name@^1.2`: the latest usable version in the range.
    Range(String, VersionReq),
    /// A definition id.
    Id(Uuid),
}

impl Reference {
    /// The name the reference is about, when it names one.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self {
            Reference::Latest(n) | Reference::Exact(n, _) | Reference::Range(n, _) => Some(n),
            Reference::Id(_) => None,
        }
    }
}

impl FromStr for Reference {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        if let Ok(id) = Uuid::parse_str(s) {
            return Ok(Reference::Id(id));
        }
        let (name, version) = match s.split_once('@') {
            Some((n, v)) => (n, Some(v.trim())),
            None => (s, None),
        };
        crate::name::check(name).map_err(|why| {
            Error::usage(
                format!("invalid reference `{s}`: {why}"),
                Some(
                    "a reference is `name`, `name@1.2.3`, `name@^1.2` or a definition id"
                        .to_string(),
                ),
            )
        })?;
        let Some(version) = version else {
            return Ok(Reference::Latest(name.to_string()));
        };
        if let Ok(v) = Version::parse(version) {
            return Ok(Reference::Exact(name.to_string(), v));
        }
        VersionReq::parse(version)
            .map(|r| Reference::Range(name.to_string(), r))
            .map_err(|e| {
                Error::usage(
                    format!("invalid reference `{s}`: `{version}` is neither a version nor a range ({e})"),
                    Some("write a version as `1.2.3` and a range as `^1.2`, `~1.4` or `>=2, <3`".to_string()),
                )
            })
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reference::Latest(n) => write!(f, "{n}"),
            Reference::Exact(n, v) => write!(f, "{n}@{v}"),
            Reference::Range(n, r) => write!(f, "{n}@{r}"),
            Reference::Id(id) => write!(f, "{id}"),
        }
    }
}

/// Resolves a reference to one definition version.
///
/// # Errors
///
/// Exit 3 with what exists and near-miss names when nothing matches.
pub fn resolve(registry: &Registry, reference: &Reference) -> Result<Loaded<Definition>> {
    match reference {
        Reference::Id(id) => {
            // Warm cache: one file read, confirmed by the id it holds.
            if let Some(path) = crate::cache::path_of_id(registry, *id)
                && let Ok(found) =
                    registry.load::<Definition>(&path, crate::schema::Bundled::Definition)
                && found.data.id == Some(*id)
            {
                return Ok(found);
            }
            let (all, _) = crate::cache::summaries(registry)?;
            all.into_iter()
                .find(|d| d.id == Some(*id))
                .map(|d| registry.definition(&d.name, &d.version))
                .transpose()?
                .flatten()
                .ok_or_else(|| Error::NotFound {
                    message: format!("no definition has the id {id}"),
                    suggestions: Vec::new(),
                    help: Some("`reg list --all-versions -o json` shows every id".into()),
                })
        }
        Reference::Exact(name, version) => match registry.definition(name, version)? {
            Some(d) => Ok(d),
            None => Err(not_found(registry, reference, &registry.versions(name)?)),
        },
        Reference::Latest(name) | Reference::Range(name, _) => {
            // Chosen from what each version says of itself; only the one
            // chosen is read whole.
            let summaries = registry.version_summaries(name)?;
            let range = match reference {
                Reference::Range(_, r) => Some(r),
                _ => None,
            };
            let chosen = pick(summaries.iter().map(|d| (&d.version, d.status)), range);
            match chosen.map(|v| registry.definition(name, v)).transpose()? {
                Some(Some(d)) => Ok(d),
                // Gone since it was listed, or nothing matched.
                _ => Err(not_found(registry, reference, &registry.versions(name)?)),
            }
        }
    }
}

/// The not-found error for a reference: what exists under that name, or
/// the names it may have meant.
#[must_use]
pub fn not_found(
    registry: &Registry,
    reference: &Reference,
    versions: &[Loaded<Definition>],
) -> Error {
    let name = reference.name().unwrap_or_default();
    if versions.is_empty() {
        let deleted = crate::state::State::work_tree(registry)
            .tombstones(name)
            .unwrap_or_default();
        if !deleted.is_empty() {
            let gone: Vec<String> = deleted
                .iter()
                .map(|t| format!("{name}@{}", t.version))
                .collect();
            return Error::NotFound {
                message: format!("`{name}` has no versions left: every one was deleted"),
                help: Some(format!(
                    "deleted: {}; register a new version with a number never used",
                    gone.join(", ")
                )),
                suggestions: Vec::new(),
            };
        }
        let names: Vec<String> = registry
            .definition_names()
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n != name)
            .collect();
        let near = did_you_mean(name, names.iter().map(String::as_str));
        return Error::NotFound {
            message: format!("no definition named `{name}`"),
            suggestions: near.iter().map(|n| (*n).to_string()).collect(),
            help: Some(match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => "`reg list` shows what exists".to_string(),
            }),
        };
    }
    let existing: Vec<String> = versions
        .iter()
        .map(|d| format!("{} ({})", d.data.reference(), d.data.status()))
        .collect();
    let what = match reference {
        Reference::Exact(..) => format!("no version {reference}"),
        _ => format!("no PUBLISHED or DEPRECATED version of `{name}` matches `{reference}`"),
    };
    Error::NotFound {
        message: what,
        help: Some(format!("existing versions: {}", existing.join(", "))),
        suggestions: existing,
    }
}

/// One node of a dependency tree (`reg deps`): a dependency or schema
/// reference, what it resolves to and that version's own.
#[derive(Debug, serde::Serialize)]
pub struct Node {
    /// The name depended on.
    pub name: String,
    /// The range asked for (none at the root; exact for a frozen schema
    /// reference).
    pub range: Option<String>,
    /// A dependency or a schema reference.
    pub kind: Need,
    /// `name@version` it resolves to, if any.
    pub resolved: Option<String>,
    /// That version's state.
    pub status: Option<Status>,
    /// `unresolved`, `cycle` or `depth limit`, where the walk stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
    /// Its own dependencies.
    pub dependencies: Vec<Node>,
}

/// The dependency tree of `root`, resolved as publish resolves it, down to
/// `depth` levels; a cycle is marked, not followed.
///
/// # Errors
///
/// Exit 5 when a file cannot be read.
pub fn dependency_tree(registry: &Registry, root: &Definition, depth: usize) -> Result<Node> {
    fn expand(
        state: &crate::state::State<'_>,
        def: &Definition,
        depth: usize,
        path: &mut Vec<String>,
    ) -> Result<Vec<Node>> {
        let mut out = Vec::new();
        for (name, range, kind) in def.needs() {
            // A frozen schema reference names its version, whatever its state.
            let exact = range
                .strip_prefix('=')
                .filter(|_| kind == Need::SchemaRef)
                .and_then(|v| v.parse::<semver::Version>().ok());
            let resolved = match exact {
                Some(v) => state.definition(&name, &v)?,
                None => state.resolve_range(&name, &range)?,
            }
            .map(|d| d.data.clone());
            let mut node = Node {
                name,
                range: Some(range),
                kind,
                resolved: resolved.as_ref().map(Definition::reference),
                status: resolved.as_ref().map(Definition::status),
                note: None,
                dependencies: Vec::new(),
            };
            match resolved {
                None => node.note = Some("unresolved"),
                Some(r) if path.contains(&r.reference()) => node.note = Some("cycle"),
                Some(_) if depth == 0 => node.note = Some("depth limit"),
                Some(r) => {
                    path.push(r.reference());
                    node.dependencies = expand(state, &r, depth - 1, path)?;
                    path.pop();
                }
            }
            out.push(node);
        }
        Ok(out)
    }
    let state = crate::state::State::work_tree(registry);
    Ok(Node {
        name: root.name.clone(),
        range: None,
        kind: Need::Dependency,
        resolved: Some(root.reference()),
        status: Some(root.status()),
        note: None,
        dependencies: expand(&state, root, depth, &mut vec![root.reference()])?,
    })
}

/// A definition version whose dependency range matches another version.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dependent {
    /// `name@version` of the dependent.
    pub reference: String,
    /// Its state.
    pub status: Status,
    /// The range it asks for (exact, `=1.2.0`, for a frozen schema reference).
    pub range: String,
    /// Whether by a dependency or a schema reference.
    pub kind: crate::definition::Need,
    /// Whether another PUBLISHED or DEPRECATED version satisfies the range.
    #[serde(rename = "othersUsable")]
    pub others_usable: bool,
    /// Whether any other version at all satisfies the range.
    #[serde(rename = "othersExist")]
    pub others_exist: bool,
}

/// Who refers to a definition version.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Referrers {
    /// Definitions whose dependency range matches it.
    pub definitions: Vec<Dependent>,
    /// Instances pinned to it, with their state.
    pub instances: Vec<(String, crate::instance::InstanceStatus)>,
}

/// Everything that refers to `target`: dependents and pinned instances.
///
/// # Errors
///
/// Fails when the registry cannot be read.
pub fn referrers(registry: &Registry, target: &Definition) -> Result<Referrers> {
    let mut out = Referrers::default();
    let siblings = registry.versions(&target.name)?;
    let (all, _) = crate::cache::summaries(registry)?;
    for d in &all {
        for (_, dep_range, kind) in d.needs().into_iter().filter(|(n, _, _)| *n == target.name) {
            let Ok(range) = dep_range.parse::<VersionReq>() else {
                continue;
            };
            if !range.matches(&target.version) || d.reference() == target.reference() {
                continue;
            }
            let others = siblings
                .iter()
                .filter(|s| s.data.version != target.version && range.matches(&s.data.version));
            out.definitions.push(Dependent {
                reference: d.reference(),
                status: d.status,
                range: dep_range.to_string(),
                kind,
                others_usable: others
                    .clone()
                    .any(|s| matches!(s.data.status(), Status::Published | Status::Deprecated)),
                others_exist: others.count() > 0,
            });
        }
    }
    let (instances, _) = registry.all_instances()?;
    let pin = target.reference();
    out.instances = instances
        .into_iter()
        .filter(|i| i.definition == pin)
        .map(|i| {
            let status = i.status();
            (i.name, status)
        })
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_reference_form() {
        assert_eq!(
            "slack".parse::<Reference>().unwrap(),
            Reference::Latest("slack".into())
        );
        assert_eq!(
            "slack@1.2.3".parse::<Reference>().unwrap(),
            Reference::Exact("slack".into(), v("1.2.3"))
        );
        assert!(matches!(
            "slack@^1.2".parse::<Reference>().unwrap(),
            Reference::Range(..)
        ));
        assert!(matches!(
            "0b6f2a4e-52c5-4d3f-9a55-4c3c2b1d8e11"
                .parse::<Reference>()
                .unwrap(),
            Reference::Id(_)
        ));
        assert_eq!("../x".parse::<Reference>().unwrap_err().exit_code(), 2);
        assert_eq!(
            "slack@banana".parse::<Reference>().unwrap_err().exit_code(),
            2
        );
    }
}

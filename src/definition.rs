//! Integration definitions: the data of `definitions/<name>/<version>.yaml`
//! (SPEC §2), with no I/O.

use jiff::Timestamp;
use semver::Version;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

pub use crate::status::Status;

/// Links for people reading a definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// Documentation URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Product homepage URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Source code URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `x-` extension keys, kept as they are.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

/// One dependency on another definition, by name and SemVer range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dependency {
    /// Name of the definition depended on.
    pub name: String,
    /// The range, as the author wrote it (`^1.2`).
    pub version: String,
    /// `x-` extension keys, kept as they are.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

/// A deleted version, recorded in `definitions/<name>/tombstones.yaml` so
/// its number is never used again (SPEC §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tombstone {
    /// The version that was deleted.
    pub version: Version,
    /// Its id, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// When it was deleted (the commit's time).
    pub deleted_at: Timestamp,
}

/// The file of a name's tombstones, beside its versions.
pub const TOMBSTONES: &str = "tombstones.yaml";

/// How to move to a version from the one before it (SPEC §13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// What changed and what a user must do.
    pub message: String,
    /// When instances on older versions stop being supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<jiff::civil::Date>,
    /// The migration guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Why and since when a version is deprecated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deprecation {
    /// Why it should no longer be used.
    pub reason: String,
    /// The version to use instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// When it was deprecated.
    pub since: Timestamp,
}

/// One version of an integration. Fields written by `reg` are `None` in an
/// author's input file until registration fills them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    /// The integration's name.
    pub name: String,
    /// Its SemVer version.
    pub version: Version,
    /// Assigned at registration, never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Lifecycle state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Human-readable name.
    pub title: String,
    /// What it does.
    pub description: String,
    /// Discovery slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Discovery slugs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Responsible team or person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Links for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Definitions this one builds on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    /// How to move here from the version before (SPEC §13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration: Option<Migration>,
    /// The version each `reg:` schema reference resolved to when this
    /// version was published (SPEC §12); written by `publish`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub schema_refs: std::collections::BTreeMap<String, Version>,
    /// JSON Schema of an instance's configuration.
    pub config_schema: Value,
    /// When it was registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When it last changed state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// Set once deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    /// `x-` extension keys, kept as they are.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
    /// Whether `configSchema` has a `reg:` reference, found once.
    #[serde(skip)]
    refs_seen: RefsSeen,
}

/// Memo of [`Definition::has_schema_refs`]: validate asks it of every
/// version several times (checking, summarising, the bump rule both ways),
/// and walking a 3 KB schema each time cost 4% of `validate`. Stale only if
/// `configSchema` is replaced after it was asked, which nothing does; and a
/// stale `false` fails closed (the raw `reg:` `$ref` is refused as remote).
#[derive(Debug, Clone, Default)]
struct RefsSeen(std::sync::OnceLock<bool>);

impl PartialEq for RefsSeen {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl crate::yaml::Decode for Definition {
    /// Decodes everything but `configSchema` through serde and clones that
    /// as it is. Through serde, most of the file would be rebuilt key by
    /// key (the flattened extensions buffer it first, then every map is
    /// re-inserted with each key hashed): a tenth of `reg validate`. A
    /// clone copies the maps without hashing a key.
    fn decode(raw: &Value) -> Result<Self, serde_json::Error> {
        let Some((map, schema)) = raw
            .as_object()
            .and_then(|m| Some((m, m.get("configSchema")?)))
        else {
            return Self::deserialize(raw);
        };
        // Any value decodes as `Value`, so the stand-in changes no outcome.
        let rest: Map<String, Value> = map
            .iter()
            .map(|(k, v)| {
                let v = if k == "configSchema" {
                    Value::Null
                } else {
                    v.clone()
                };
                (k.clone(), v)
            })
            .collect();
        let mut d = Self::deserialize(Value::Object(rest))?;
        d.config_schema = schema.clone();
        Ok(d)
    }
}

impl crate::yaml::Decode for Listing {}

impl Definition {
    /// Whether its `configSchema` has a `reg:` reference (SPEC §12).
    #[must_use]
    pub fn has_schema_refs(&self) -> bool {
        *self
            .refs_seen
            .0
            .get_or_init(|| crate::schema::refs::has_references(&self.config_schema))
    }

    /// `(name, range)` of each definition its `configSchema` refers to
    /// (SPEC §12), the range exact where publish froze it.
    #[must_use]
    pub fn schema_requirements(&self) -> Vec<(String, String)> {
        if !self.has_schema_refs() {
            return Vec::new();
        }
        let frozen = (self.status() != Status::Draft).then_some(&self.schema_refs);
        crate::schema::refs::requirements(&self.config_schema, frozen)
    }

    /// `(name, range, kind)` of each dependency and schema reference.
    #[must_use]
    pub fn needs(&self) -> Vec<(String, String, Need)> {
        self.dependencies
            .iter()
            .map(|d| (d.name.clone(), d.version.clone(), Need::Dependency))
            .chain(
                self.schema_requirements()
                    .into_iter()
                    .map(|(n, r)| (n, r, Need::SchemaRef)),
            )
            .collect()
    }

    /// `name@version`, the way references and commits name it.
    #[must_use]
    pub fn reference(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// The lifecycle state; files written by `reg` always have one, and an
    /// author's file without one is a draft.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::Draft)
    }

    /// The skeleton `reg new` writes for an author to fill in.
    #[must_use]
    pub fn skeleton(name: &str) -> String {
        format!(
            r#"# A draft definition for `{name}`. Fill it in, then run `reg register {name}.yaml`.
# The file's format: `reg schema definition`; configSchema is a JSON Schema (2020-12).
name: {name}
version: 0.1.0
title: {title}
description: What {title} does and when to use it.
category: other
tags: []
owner: your-team
links:
  docs: https://example.com/docs
dependencies: []
configSchema:
  $schema: https://json-schema.org/draft/2020-12/schema
  type: object
  additionalProperties: false
  required: [apiKey]
  properties:
    apiKey:
      type: string
      description: Secret API key; give it as ${{env:NAME}} or ${{file:PATH}} in instances.
      writeOnly: true
    timeoutSeconds:
      type: integer
      minimum: 1
      maximum: 300
      default: 30
"#,
            title = title_case(name)
        )
    }
}

/// How one definition needs versions of another: what `deps`, `refs` and
/// the archive and delete guards count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Need {
    /// An entry of `dependencies` (SPEC §5).
    Dependency,
    /// A `reg:` reference in `configSchema` (SPEC §12).
    SchemaRef,
}

impl Need {
    /// How a message says it: "X depends on Y", "X refers to Y".
    #[must_use]
    pub fn verb(self) -> &'static str {
        match self {
            Need::Dependency => "depends on",
            Need::SchemaRef => "uses a schema part of",
        }
    }
}

/// The version of [`Summary`]'s fields and their encoding in the cache:
/// bump it when either changes.
pub const SUMMARY_VERSION: u32 = 4;

/// What discovery needs of a definition: every field but `configSchema`,
/// `links` and extensions. This is what the cache stores and what `list`
/// and `search` print, so its encoding has no optional-field tricks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The integration's name.
    pub name: String,
    /// Its version.
    pub version: Version,
    /// Its id.
    pub id: Option<Uuid>,
    /// Its state.
    pub status: Status,
    /// Human-readable name.
    pub title: String,
    /// What it does.
    pub description: String,
    /// Discovery slug.
    pub category: Option<String>,
    /// Discovery slugs.
    pub tags: Vec<String>,
    /// Responsible team or person.
    pub owner: Option<String>,
    /// `(name, range)` of each dependency.
    pub dependencies: Vec<(String, String)>,
    /// `(name, range)` of each definition its schema refers to, the range
    /// exact once frozen ([`Definition::schema_requirements`]).
    pub schema_refs: Vec<(String, String)>,
    /// When it was registered.
    pub created_at: Option<Timestamp>,
    /// When it last changed state.
    pub updated_at: Option<Timestamp>,
    /// `(reason, replacedBy, since)` once deprecated.
    pub deprecation: Option<(String, Option<String>, Timestamp)>,
    /// `links` and the top-level `x-` keys, as a JSON object in file order
    /// (JSON text, so the binary cache can hold any value).
    pub extra: Option<String>,
}

/// The fields of a definition file that discovery reads: everything but
/// `configSchema`, links and extensions, which deserialization skips
/// instead of copying. (`Definition` keeps extensions through a flattened
/// map, which makes serde buffer the whole file first.)
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Listing {
    name: String,
    version: Version,
    #[serde(default)]
    id: Option<Uuid>,
    #[serde(default)]
    status: Option<Status>,
    title: String,
    description: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    dependencies: Vec<ListedDependency>,
    #[serde(default)]
    schema_refs: std::collections::BTreeMap<String, Version>,
    #[serde(default)]
    created_at: Option<Timestamp>,
    #[serde(default)]
    updated_at: Option<Timestamp>,
    #[serde(default)]
    deprecation: Option<Deprecation>,
}

#[derive(Debug, Clone, Deserialize)]
struct ListedDependency {
    name: String,
    version: String,
}

/// `links` and the top-level `x-` keys of a definition's fields, as JSON
/// text; `None` when it has neither.
fn extra_of(fields: &Map<String, Value>) -> Option<String> {
    let extra: Map<String, Value> = fields
        .iter()
        .filter(|(k, _)| *k == "links" || k.starts_with("x-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!extra.is_empty()).then(|| Value::Object(extra).to_string())
}

impl Summary {
    /// The summary of a definition read for listing, with its `links` and
    /// `x-` keys taken from the file's data and its schema references
    /// from its text (listing skips `configSchema`, which almost never
    /// has one: only then is it parsed).
    #[must_use]
    pub fn listed(l: Listing, raw: &Value, text: &str) -> Self {
        let schema_refs = if crate::schema::refs::may_reference(text) {
            let frozen =
                (l.status.unwrap_or(Status::Draft) != Status::Draft).then_some(&l.schema_refs);
            crate::yaml::parse(text)
                .ok()
                .and_then(|v| {
                    v.get("configSchema")
                        .map(|s| crate::schema::refs::requirements(s, frozen))
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Summary {
            extra: raw.as_object().and_then(extra_of),
            schema_refs,
            ..Summary::from(l)
        }
    }
}

impl From<Listing> for Summary {
    fn from(l: Listing) -> Self {
        Summary {
            extra: None,
            name: l.name,
            version: l.version,
            id: l.id,
            status: l.status.unwrap_or(Status::Draft),
            title: l.title,
            description: l.description,
            category: l.category,
            tags: l.tags,
            owner: l.owner,
            dependencies: l
                .dependencies
                .into_iter()
                .map(|d| (d.name, d.version))
                .collect(),
            schema_refs: Vec::new(),
            created_at: l.created_at,
            updated_at: l.updated_at,
            deprecation: l.deprecation.map(|d| (d.reason, d.replaced_by, d.since)),
        }
    }
}

impl Summary {
    /// The summary of a definition.
    #[must_use]
    pub fn of(d: &Definition) -> Self {
        Summary {
            name: d.name.clone(),
            version: d.version.clone(),
            id: d.id,
            status: d.status(),
            title: d.title.clone(),
            description: d.description.clone(),
            category: d.category.clone(),
            tags: d.tags.clone(),
            owner: d.owner.clone(),
            dependencies: d
                .dependencies
                .iter()
                .map(|x| (x.name.clone(), x.version.clone()))
                .collect(),
            schema_refs: d.schema_requirements(),
            created_at: d.created_at,
            updated_at: d.updated_at,
            deprecation: d
                .deprecation
                .as_ref()
                .map(|x| (x.reason.clone(), x.replaced_by.clone(), x.since)),
            extra: {
                let mut fields = d.extensions.clone();
                if let Some(links) = d.links.as_ref().and_then(|l| serde_json::to_value(l).ok()) {
                    fields.insert("links".into(), links);
                }
                extra_of(&fields)
            },
        }
    }

    /// `name@version`.
    #[must_use]
    pub fn reference(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// `(name, range, kind)` of each dependency and schema reference.
    #[must_use]
    pub fn needs(&self) -> Vec<(&str, &str, Need)> {
        let deps = self
            .dependencies
            .iter()
            .map(|(n, r)| (n, r, Need::Dependency));
        let refs = self
            .schema_refs
            .iter()
            .map(|(n, r)| (n, r, Need::SchemaRef));
        deps.chain(refs)
            .map(|(n, r, kind)| (n.as_str(), r.as_str(), kind))
            .collect()
    }

    /// The fields as the definition file spells them, absent ones left out.
    #[must_use]
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("name".into(), Value::String(self.name.clone()));
        o.insert("version".into(), Value::String(self.version.to_string()));
        if let Some(id) = self.id {
            o.insert("id".into(), Value::String(id.to_string()));
        }
        o.insert("status".into(), Value::String(self.status.to_string()));
        o.insert("title".into(), Value::String(self.title.clone()));
        o.insert(
            "description".into(),
            Value::String(self.description.clone()),
        );
        if let Some(c) = &self.category {
            o.insert("category".into(), Value::String(c.clone()));
        }
        if !self.tags.is_empty() {
            o.insert(
                "tags".into(),
                self.tags.iter().cloned().map(Value::String).collect(),
            );
        }
        if let Some(w) = &self.owner {
            o.insert("owner".into(), Value::String(w.clone()));
        }
        let extra: Map<String, Value> = self
            .extra
            .as_deref()
            .and_then(|e| serde_json::from_str(e).ok())
            .unwrap_or_default();
        if let Some(links) = extra.get("links") {
            o.insert("links".into(), links.clone());
        }
        if !self.dependencies.is_empty() {
            let deps = self
                .dependencies
                .iter()
                .map(|(n, r)| serde_json::json!({"name": n, "version": r}));
            o.insert("dependencies".into(), deps.collect());
        }
        for (k, t) in [
            ("createdAt", self.created_at),
            ("updatedAt", self.updated_at),
        ] {
            if let Some(t) = t {
                o.insert(k.into(), Value::String(t.to_string()));
            }
        }
        if let Some((reason, replaced_by, since)) = &self.deprecation {
            let mut d = serde_json::json!({"reason": reason, "since": since.to_string()});
            if let Some(r) = replaced_by {
                d["replacedBy"] = Value::String(r.clone());
            }
            o.insert("deprecation".into(), d);
        }
        o.extend(extra.into_iter().filter(|(k, _)| k != "links"));
        Value::Object(o)
    }
}

fn title_case(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_is_a_valid_definition() {
        let value = crate::yaml::parse(&Definition::skeleton("my-crm")).unwrap();
        assert!(
            crate::schema::Bundled::Definition
                .check("x", &value)
                .is_empty()
        );
        let def: Definition = serde_json::from_value(value).unwrap();
        assert_eq!(def.title, "My Crm");
        assert!(crate::schema::ConfigSchema::compile(&def.config_schema).is_ok());
    }

    #[test]
    fn status_parses_any_case() {
        assert_eq!("published".parse::<Status>().unwrap(), Status::Published);
        assert!("gone".parse::<Status>().is_err());
    }
}

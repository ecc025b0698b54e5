//! Schema references between definitions (SPEC §12):
//! `$ref: "reg:<name>@<range>#<pointer>"` inside a `configSchema` names a
//! part of another definition's schema, resolved in this registry only.
//!
//! Everything downstream (the validator, the compatibility diff, the
//! secrets walk) sees one self-contained schema: each referenced
//! definition's schema is embedded under `$defs` (`definitions` before
//! 2019-09) as `reg:<name>@<version>`, its own local references
//! re-rooted there, and the `reg:` reference rewritten to a local pointer.
//! So a change in a referenced part is a change of the schema that uses it,
//! and a secret marked there is a secret where it is used.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use semver::{Version, VersionReq};
use serde_json::{Map, Value};

use super::SchemaProblem;
use crate::status::Status;

/// How many definitions one schema may embed, transitively: references
/// are resolved, not expanded without bound.
const MAX_EMBEDDED: usize = 64;

/// A version's `configSchema` and the references frozen in it.
pub type Part = (Value, BTreeMap<String, Version>);

/// What expansion needs of the registry (a work tree or a commit).
pub trait Lookup {
    /// Every version of `name` with its state.
    fn versions_of(&self, name: &str) -> Vec<(Version, Status)>;
    /// A version's `configSchema` and the references frozen in it.
    fn schema_of(&self, name: &str, version: &Version) -> Option<Part>;
}

/// One `reg:` reference as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegRef {
    /// `reg:<name>@<range>`: the key `schemaRefs` freezes.
    pub key: String,
    /// The definition's name.
    pub name: String,
    /// The SemVer range.
    pub range: String,
    /// The JSON pointer into its `configSchema` (empty: all of it).
    pub fragment: String,
}

impl RegRef {
    /// Parses `reg:<name>@<range>#<pointer>`.
    #[must_use]
    pub fn parse(text: &str) -> Option<RegRef> {
        let rest = text.strip_prefix("reg:")?;
        let (target, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let (name, range) = target.split_once('@')?;
        Some(RegRef {
            key: format!("reg:{target}"),
            name: name.to_string(),
            range: range.to_string(),
            fragment: fragment.to_string(),
        })
    }
}

/// Every `reg:` reference in a schema, with the JSON pointer of its
/// `$ref`, in document order.
#[must_use]
pub fn references(schema: &Value) -> Vec<(String, RegRef)> {
    fn walk(v: &Value, at: &mut String, out: &mut Vec<(String, RegRef)>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let len = at.len();
                    at.push('/');
                    // Most keys need no escaping: no allocation for them.
                    if k.contains(['~', '/']) {
                        at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    } else {
                        at.push_str(k);
                    }
                    if k == "$ref"
                        && let Some(r) = child.as_str().and_then(RegRef::parse)
                    {
                        out.push((at.clone(), r));
                    } else {
                        walk(child, at, out);
                    }
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let len = at.len();
                    let _ = write!(at, "/{i}");
                    walk(child, at, out);
                    at.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if has_references(schema) {
        walk(schema, &mut String::new(), &mut out);
    }
    out
}

/// `(name, range)` of each definition a schema refers to, once per
/// reference as written: with `frozen` (a published version), the range
/// is the exact version recorded (`=1.2.0`) where there is one. What
/// `deps`, `refs` and the archive and delete guards count (SPEC §12).
#[must_use]
pub fn requirements(
    schema: &Value,
    frozen: Option<&BTreeMap<String, Version>>,
) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    references(schema)
        .into_iter()
        .filter(|(_, r)| seen.insert(r.key.clone()))
        .map(|(_, r)| {
            let range = match frozen.and_then(|f| f.get(&r.key)) {
                Some(v) => format!("={v}"),
                None => r.range,
            };
            (r.name, range)
        })
        .collect()
}

/// Whether a file's text can hold a `reg:` reference without parsing it:
/// the bytes `reg:`, or a YAML or JSON escape that could spell them
/// (`\x72eg:`, `\u0072eg:`, `re\` before a line break), so a file
/// written by hand cannot hide one from readers that skip `configSchema`.
#[must_use]
pub fn may_reference(text: &str) -> bool {
    // Two vectorized scans, not six substring searches: every file listed
    // is asked, and backslashes are rare.
    let b = text.as_bytes();
    memchr::memmem::find(b, b"reg:").is_some()
        || memchr::memchr_iter(b'\\', b)
            .any(|i| matches!(b.get(i + 1), Some(b'x' | b'u' | b'U' | b'\n' | b'\r')))
}

/// Whether a schema has a `reg:` reference, without allocating: every
/// definition is asked, and almost none has one.
#[must_use]
pub fn has_references(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.iter().any(|(k, child)| {
            if k == "$ref" {
                child.as_str().is_some_and(|s| s.starts_with("reg:"))
            } else {
                has_references(child)
            }
        }),
        Value::Array(items) => items.iter().any(has_references),
        _ => false,
    }
}

/// A schema with its `reg:` references resolved.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// The self-contained schema.
    pub schema: Value,
    /// The version each reference of the top schema resolved to, by key:
    /// what `publish` freezes.
    pub resolved: BTreeMap<String, Version>,
}

/// Resolves the `reg:` references of `schema`. With `frozen` (a
/// published version), each to the exact version recorded for it; with
/// none (a draft), live, to the highest PUBLISHED, else DEPRECATED,
/// version in its range. A schema without one comes back as it is.
///
/// # Errors
///
/// Every reference that cannot be resolved (no such name or version, no
/// usable version in range, a pointer to nothing, too many) or,
/// frozen, is not recorded or recorded outside its range or at a DRAFT,
/// as a problem at its `$ref`.
pub fn expand(
    lookup: &dyn Lookup,
    schema: &Value,
    frozen: Option<&BTreeMap<String, Version>>,
) -> Result<Expanded, Vec<SchemaProblem>> {
    let mut resolved = BTreeMap::new();
    if !has_references(schema) {
        return Ok(Expanded {
            schema: schema.clone(),
            resolved,
        });
    }
    let draft = draft(schema);
    let top = Top {
        container: if matches!(
            draft,
            jsonschema::Draft::Draft4 | jsonschema::Draft::Draft6 | jsonschema::Draft::Draft7
        ) {
            "definitions"
        } else {
            "$defs"
        },
        draft,
    };
    let container = top.container;
    let mut embedded: BTreeMap<String, Value> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut expanded = schema.clone();
    rewrite(
        lookup,
        &mut expanded,
        frozen,
        top,
        "",
        &mut embedded,
        &mut problems,
        Some(&mut resolved),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Value::Object(map) = &mut expanded {
        let defs = map
            .entry(container)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(defs) = defs {
            for (k, v) in embedded {
                defs.insert(k, v);
            }
        }
    }
    Ok(Expanded {
        schema: expanded,
        resolved,
    })
}

/// What the top schema decides for every part embedded in it.
#[derive(Debug, Clone, Copy)]
struct Top {
    /// `$defs`, or `definitions` before 2019-09: where parts are embedded.
    container: &'static str,
    /// The draft every embedded part is read in.
    draft: jsonschema::Draft,
}

/// The draft a schema is read in (its `$schema` as `reg` knows it; 2020-12
/// when absent). An unknown one is reported where the schema is checked.
fn draft(schema: &Value) -> jsonschema::Draft {
    schema
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(super::draft_of)
        .map_or(jsonschema::Draft::Draft202012, |(_, d)| d)
}

fn draft_name(d: jsonschema::Draft) -> &'static str {
    match d {
        jsonschema::Draft::Draft4 => "draft-04",
        jsonschema::Draft::Draft6 => "draft-06",
        jsonschema::Draft::Draft7 => "draft-07",
        jsonschema::Draft::Draft201909 => "2019-09",
        _ => "2020-12",
    }
}

/// Rewrites the `reg:` references in `node` (which sits at `prefix` of the
/// top schema, `""` for the top itself) to local pointers, embedding what
/// they name in `embedded`.
#[allow(clippy::too_many_arguments)]
fn rewrite(
    lookup: &dyn Lookup,
    node: &mut Value,
    frozen: Option<&BTreeMap<String, Version>>,
    top: Top,
    prefix: &str,
    embedded: &mut BTreeMap<String, Value>,
    problems: &mut Vec<SchemaProblem>,
    mut resolved: Option<&mut BTreeMap<String, Version>>,
) {
    let found = references(node);
    for (at, r) in found {
        let problem = |message: String| SchemaProblem {
            pointer: format!("{prefix}{at}"),
            keyword: "$ref".into(),
            code: "unresolved-schema-ref",
            message,
        };
        let range = match r.range.parse::<VersionReq>() {
            Ok(range) => range,
            Err(e) => {
                problems.push(problem(format!(
                    "`{}`: `{}` is not a SemVer range: {e}",
                    r.key, r.range
                )));
                continue;
            }
        };
        let versions = lookup.versions_of(&r.name);
        // The rule a name@range resolves by everywhere (SPEC §3).
        let live =
            crate::version::pick(versions.iter().map(|(v, s)| (v, *s)), Some(&range)).cloned();
        let version = match frozen.map(|f| f.get(&r.key)) {
            None => live,
            Some(Some(v)) => {
                let status = versions.iter().find(|(have, _)| have == v).map(|(_, s)| *s);
                let wrong = if !range.matches(v) {
                    Some(format!("is outside `{}`", r.range))
                } else if status == Some(Status::Draft) {
                    Some("is a DRAFT, whose content may still change".to_string())
                } else {
                    None
                };
                if let Some(wrong) = wrong {
                    problems.push(problem(format!(
                        "`{}` is frozen at {v} in `schemaRefs`, which {wrong}",
                        r.key
                    )));
                    continue;
                }
                Some(v.clone())
            }
            Some(None) if live.is_none() => None,
            Some(None) => {
                problems.push(SchemaProblem {
                    code: "unfrozen-schema-ref",
                    ..problem(format!(
                        "`{}` is not frozen: a published version records the version each reference resolved to \
                         (`reg publish` writes it){}",
                        r.key,
                        live.map_or(String::new(), |v| format!("; today it resolves to {v}: `schemaRefs: {{\"{}\": {v}}}`", r.key))
                    ))
                });
                continue;
            }
        };
        let Some(version) = version else {
            problems.push(problem(format!(
                "`{}`: no PUBLISHED or DEPRECATED version of `{}` in `{}`; references resolve in this registry only",
                r.key, r.name, r.range
            )));
            continue;
        };
        let id = format!("reg:{}@{version}", r.name);
        let Some((target, target_frozen)) = lookup.schema_of(&r.name, &version) else {
            problems.push(problem(format!(
                "`{}`: {id} does not exist (it was frozen at publish)",
                r.key
            )));
            continue;
        };
        if target.pointer(&r.fragment).is_none() {
            problems.push(problem(format!(
                "`{}`: {id} has nothing at `#{}`",
                r.key, r.fragment
            )));
            continue;
        }
        // An embedded part is read in the draft of the schema that uses it,
        // and in another draft the same keywords can mean other things
        // (`items` as an array, boolean exclusive bounds).
        if draft(&target) != top.draft {
            problems.push(problem(format!(
                "`{}`: {id} is written for {} and this schema for {}; a shared part must use the draft of the schema using it",
                r.key,
                draft_name(draft(&target)),
                draft_name(top.draft)
            )));
            continue;
        }
        if let Some(map) = resolved.as_deref_mut() {
            map.insert(r.key.clone(), version.clone());
        }
        if !embedded.contains_key(&id) {
            if embedded.len() >= MAX_EMBEDDED {
                problems.push(problem(format!(
                    "more than {MAX_EMBEDDED} definitions referenced, counting theirs"
                )));
                continue;
            }
            let at_embed = format!("/{}/{id}", top.container);
            let mut part = target;
            if let Value::Object(m) = &mut part {
                m.remove("$schema");
                m.remove("$id");
            }
            reroot(&mut part, &at_embed);
            // Reserved first, so a diamond embeds each definition once and
            // references that come back around (a recursive schema, legal
            // in JSON Schema) end at the copy already there.
            embedded.insert(id.clone(), Value::Null);
            // A PUBLISHED or DEPRECATED part has its own references frozen.
            rewrite(
                lookup,
                &mut part,
                Some(&target_frozen),
                top,
                &at_embed,
                embedded,
                problems,
                None,
            );
            embedded.insert(id.clone(), part);
        }
        if let Some(slot) = node.pointer_mut(&at) {
            *slot = Value::String(format!("#/{}/{id}{}", top.container, r.fragment));
        }
    }
}

/// Local references (`#/...`) of an embedded schema, made to point into
/// its place in the top schema.
fn reroot(node: &mut Value, at: &str) {
    match node {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "$ref"
                    && let Value::String(s) = v
                    && let Some(rest) = s.strip_prefix('#')
                {
                    *s = format!("#{at}{rest}");
                } else {
                    reroot(v, at);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| reroot(v, at)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Fixed(Vec<(String, Version, Status, Value)>);

    impl Lookup for Fixed {
        fn versions_of(&self, name: &str) -> Vec<(Version, Status)> {
            self.0
                .iter()
                .filter(|d| d.0 == name)
                .map(|d| (d.1.clone(), d.2))
                .collect()
        }
        fn schema_of(&self, name: &str, v: &Version) -> Option<Part> {
            self.0
                .iter()
                .find(|d| d.0 == name && d.1 == *v)
                .map(|d| (d.3.clone(), BTreeMap::new()))
        }
    }

    #[test]
    fn a_reference_cannot_hide_from_the_text_search() {
        for text in [
            "$ref: 'reg:a@^1'",
            "$ref: \"\\x72eg:a@^1\"",
            "{\"$ref\": \"\\u0072eg:a@^1\"}",
            "$ref: \"re\\\n  g:a@^1\"",
        ] {
            assert!(may_reference(text), "{text}");
            if let Ok(v) = crate::yaml::parse(text) {
                assert!(has_references(&v) || !text.contains("$ref"), "{text}");
            }
        }
        assert!(!may_reference("pattern: '^\\d+$'\ntitle: Regions\n"));
    }

    #[test]
    fn references_resolve_to_the_highest_published_and_embed_once() {
        let base = |max: u32| {
            json!({"$defs": {"creds": {"type": "object", "properties": {"secret": {"$ref": "#/$defs/s"}}},
                             "s": {"type": "string", "writeOnly": true, "maxLength": max}}})
        };
        let lookup = Fixed(vec![
            (
                "base".into(),
                Version::new(1, 0, 0),
                Status::Published,
                base(10),
            ),
            (
                "base".into(),
                Version::new(1, 1, 0),
                Status::Published,
                base(20),
            ),
            (
                "base".into(),
                Version::new(1, 2, 0),
                Status::Draft,
                base(30),
            ),
        ]);
        let schema = json!({"type": "object", "properties": {
            "a": {"$ref": "reg:base@^1#/$defs/creds"},
            "b": {"$ref": "reg:base@^1#/$defs/s"}}});
        let e = expand(&lookup, &schema, None).unwrap();
        assert_eq!(e.resolved["reg:base@^1"], Version::new(1, 1, 0));
        assert_eq!(
            e.schema["properties"]["a"]["$ref"],
            "#/$defs/reg:base@1.1.0/$defs/creds"
        );
        assert_eq!(
            e.schema["$defs"]["reg:base@1.1.0"]["$defs"]["creds"]["properties"]["secret"]["$ref"],
            "#/$defs/reg:base@1.1.0/$defs/s"
        );
        // Frozen, it stays where publish put it.
        let frozen = BTreeMap::from([("reg:base@^1".to_string(), Version::new(1, 0, 0))]);
        let e = expand(&lookup, &schema, Some(&frozen)).unwrap();
        // Not frozen, or frozen outside its range or at a draft: refused.
        for (v, code) in [
            (None, "unfrozen-schema-ref"),
            (Some(Version::new(2, 0, 0)), "unresolved-schema-ref"),
            (Some(Version::new(1, 2, 0)), "unresolved-schema-ref"),
        ] {
            let frozen: BTreeMap<String, Version> = v
                .map(|v| ("reg:base@^1".to_string(), v))
                .into_iter()
                .collect();
            let problems = expand(&lookup, &schema, Some(&frozen)).unwrap_err();
            assert_eq!(problems[0].code, code, "{}", problems[0].message);
        }
        assert_eq!(
            e.schema["$defs"]["reg:base@1.0.0"]["$defs"]["s"]["maxLength"],
            10
        );
        // Nothing in range, or nothing at the pointer: a problem at the $ref.
        let bad = json!({"properties": {"x": {"$ref": "reg:base@^2"}, "y": {"$ref": "reg:base@^1#/nope"}}});
        // A part is read in the user's draft: another draft is refused.
        let old_draft = json!({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"x": {"$ref": "reg:base@^1#/$defs/s"}}});
        let problems = expand(&lookup, &old_draft, None).unwrap_err();
        assert!(
            problems[0]
                .message
                .contains("written for 2020-12 and this schema for draft-07"),
            "{}",
            problems[0].message
        );
        let problems = expand(&lookup, &bad, None).unwrap_err();
        let at: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(at, ["/properties/x/$ref", "/properties/y/$ref"]);
    }
}

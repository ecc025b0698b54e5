//! Whether a `configSchema` is valid, without building its validator.
//!
//! `reg validate` and the rulebook must say of every definition whether its
//! schema is valid, but need a validator only for the versions instances
//! pin. Building one costs about ten times checking the schema against its
//! draft's meta-schema, and what building checks beyond the meta-schema is
//! narrow: that `$ref`s resolve, that regular expressions compile, that
//! counts fit the validator's integers. A schema whose every such place is of
//! a plain kind checked here is valid without building it; any other schema
//! is built, so the answer is always the one building gives (the property
//! `tests/cli/differential.rs` checks on generated and damaged schemas).

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use serde_json::{Map, Value};

use super::{ConfigSchema, SchemaProblem, config_options, normalized};

impl ConfigSchema {
    /// Checks a `configSchema` as [`ConfigSchema::compile`] does, building
    /// the validator only when the schema holds something this check does
    /// not decide by itself.
    ///
    /// # Errors
    ///
    /// Returns every problem found in the schema, as `compile` would.
    pub fn verify(schema: &Value) -> Result<(), Vec<SchemaProblem>> {
        if plainly_valid(normalized(schema)?.as_ref()) {
            return Ok(());
        }
        Self::compile(schema).map(drop)
    }
}

/// Keywords whose effect on building this check does not model: identifiers
/// and anchors move the base of references, dynamic references resolve at
/// run time, and content keywords bring codecs.
const UNMODELLED: &[&str] = &[
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$recursiveAnchor",
    "$recursiveRef",
    "$vocabulary",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];

/// Keywords the validator reads as unsigned integers.
const COUNTS: &[&str] = &[
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
    "maxContains",
    "minContains",
];

/// Keywords the validator reads as numbers.
const BOUNDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// The regular expressions a schema holds, as building compiles them.
#[derive(Default)]
struct Patterns<'a> {
    /// Values of `pattern`.
    values: Vec<&'a str>,
    /// Keys of `patternProperties`.
    keys: Vec<&'a str>,
}

/// True when the schema is certainly valid: it passes its draft's
/// meta-schema, every place building checks further is of a plain kind, and
/// its regular expressions compile. False means "build it to know".
fn plainly_valid(schema: &Value) -> bool {
    let Some(root) = schema.as_object() else {
        return false;
    };
    let draft = root.get("$schema").and_then(Value::as_str).unwrap_or("");
    let older = ["draft-04", "draft-06", "draft-07"]
        .iter()
        .any(|d| draft.contains(d));
    let mut patterns = Patterns::default();
    let walk = Walk {
        root,
        draft4: draft.contains("draft-04"),
        older,
    };
    // The walk reads keys wherever they stand, data (`const`, `default`) as
    // well as subschemas: it can only see more than building does, which
    // makes it send more schemas to be built, never fewer.
    walk.plain(schema, true, &mut patterns)
        && jsonschema::meta::is_valid(schema)
        && patterns_compile(draft, &patterns)
}

/// What the walk needs to know of the whole schema.
struct Walk<'r> {
    root: &'r Map<String, Value>,
    draft4: bool,
    /// Draft-04, 06 or 07: `$defs` is not a keyword there.
    older: bool,
}

impl Walk<'_> {
    fn plain<'a>(&self, v: &'a Value, at_root: bool, patterns: &mut Patterns<'a>) -> bool {
        match v {
            Value::Object(map) => map.iter().all(|(k, child)| {
                self.keyword_plain(k, child, at_root, patterns)
                    && self.plain(child, false, patterns)
            }),
            Value::Array(items) => items.iter().all(|i| self.plain(i, false, patterns)),
            _ => true,
        }
    }

    fn keyword_plain<'a>(
        &self,
        key: &str,
        value: &'a Value,
        at_root: bool,
        patterns: &mut Patterns<'a>,
    ) -> bool {
        match key {
            "$ref" => value.as_str().is_some_and(|r| self.resolves(r)),
            "$schema" => at_root,
            "id" if self.draft4 => false,
            k if UNMODELLED.contains(&k) => false,
            "pattern" => {
                if let Some(p) = value.as_str() {
                    patterns.values.push(p);
                }
                true
            }
            "patternProperties" => {
                if let Some(map) = value.as_object() {
                    patterns.keys.extend(map.keys().map(String::as_str));
                }
                true
            }
            k if COUNTS.contains(&k) => !value.is_number() || value.as_u64().is_some(),
            k if BOUNDS.contains(&k) => {
                !value.is_number()
                    || value
                        .as_f64()
                        .is_some_and(|f| f.is_finite() && (k != "multipleOf" || f > 0.0))
            }
            _ => true,
        }
    }

    /// `#`, or `#/$defs/NAME` (`#/definitions/NAME`) naming a schema at the
    /// root, then optionally steps that each lead from a schema into one of
    /// its subschemas (`properties/KEY`, `$defs/KEY`, `items`, `allOf/0`,
    /// ...), so the target is a schema wherever it stands, as building will
    /// read it: never data such as a `default`. Each segment needs no
    /// escaping in a URI or a pointer (`:`, `@` and `+` included, which the
    /// `reg:<name>@<version>` parts embedded by schema references use).
    fn resolves(&self, reference: &str) -> bool {
        if reference == "#" {
            return true;
        }
        let Some(rest) = reference.strip_prefix("#/") else {
            return false;
        };
        let mut segments = rest.split('/');
        let (Some(container), Some(name)) = (segments.next(), segments.next()) else {
            return false;
        };
        let simple = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.:@+".contains(&b))
        };
        let map_keyword = |k: &str| {
            k == "definitions"
                || k == "properties"
                || ((k == "$defs" || k == "dependentSchemas") && !self.older)
        };
        if !map_keyword(container) || container == "properties" || !simple(name) {
            return false;
        }
        let Some(mut target) = self.root.get(container).and_then(|defs| defs.get(name)) else {
            return false;
        };
        while let Some(step) = segments.next() {
            let next = match step {
                k if map_keyword(k) => segments
                    .next()
                    .filter(|key| simple(key))
                    .and_then(|key| target.get(k)?.get(key)),
                "allOf" | "anyOf" | "oneOf" => segments
                    .next()
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| target.get(step)?.get(i)),
                "additionalProperties" | "not" => target.get(step),
                // Keywords of later drafts only: in an older one they are
                // data, which building would still read as a schema.
                "propertyNames" | "if" | "then" | "else" | "contains" if !self.older => {
                    target.get(step)
                }
                "items" => target.get(step).filter(|v| !v.is_array()),
                _ => None,
            };
            let Some(next) = next else {
                return false;
            };
            target = next;
        }
        target.is_object() || target.is_boolean()
    }
}

/// Regular expressions already seen to compile, by draft, as `pattern`
/// values and as `patternProperties` keys, so a registry whose schemas
/// repeat the same patterns compiles each once.
type Seen = HashMap<String, (HashSet<String>, HashSet<String>)>;
static COMPILED: LazyLock<Mutex<Seen>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Whether every regular expression compiles as building would compile it:
/// by building a schema that holds only them, in the same places.
fn patterns_compile(draft: &str, patterns: &Patterns<'_>) -> bool {
    // One lock, and no allocation for a pattern already seen: this runs
    // for every definition `reg validate` reads.
    let (values, keys) = {
        let Ok(seen) = COMPILED.lock() else {
            return false;
        };
        let known = seen.get(draft);
        fn unseen<'a>(list: &[&'a str], seen: Option<&HashSet<String>>) -> Vec<&'a str> {
            list.iter()
                .copied()
                .filter(|p| !seen.is_some_and(|s| s.contains(*p)))
                .collect()
        }
        (
            unseen(&patterns.values, known.map(|k| &k.0)),
            unseen(&patterns.keys, known.map(|k| &k.1)),
        )
    };
    if values.is_empty() && keys.is_empty() {
        return true;
    }
    let mut probe = Map::new();
    if !draft.is_empty() {
        probe.insert("$schema".into(), Value::String(draft.to_string()));
    }
    probe.insert(
        "allOf".into(),
        Value::Array(
            values
                .iter()
                .map(|p| serde_json::json!({ "pattern": p }))
                .collect(),
        ),
    );
    probe.insert(
        "patternProperties".into(),
        Value::Object(
            keys.iter()
                .map(|k| ((*k).to_string(), Value::Object(Map::new())))
                .collect(),
        ),
    );
    if config_options().build(&Value::Object(probe)).is_err() {
        return false;
    }
    if let Ok(mut seen) = COMPILED.lock() {
        let entry = seen.entry(draft.to_string()).or_default();
        entry.0.extend(values.iter().map(|p| (*p).to_string()));
        entry.1.extend(keys.iter().map(|p| (*p).to_string()));
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn plain_schemas_are_valid_without_building() {
        let realistic = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "definitions": {"cred": {"type": "string", "writeOnly": true}},
            "properties": {
                "host": {"type": "string", "pattern": "^[a-z.]+$", "maxLength": 253},
                "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                "auth": {"oneOf": [
                    {"properties": {"token": {"$ref": "#/definitions/cred"}}},
                    {"properties": {"password": {"$ref": "#/definitions/cred"}}}
                ]},
                "headers": {"patternProperties": {"^X-": {"type": "string"}}}
            }
        });
        assert!(plainly_valid(&realistic));
        assert!(plainly_valid(
            &json!({"$defs": {"a": true}, "$ref": "#/$defs/a"})
        ));
        // Parts embedded by schema references: deeper, through subschemas.
        assert!(plainly_valid(&json!({
            "$defs": {"reg:base@1.2.0+b": {"properties": {"secret": {"type": "string"}},
                                            "oneOf": [{"items": {"type": "string"}}]}},
            "properties": {
                "a": {"$ref": "#/$defs/reg:base@1.2.0+b/properties/secret"},
                "b": {"$ref": "#/$defs/reg:base@1.2.0+b/oneOf/0/items"}
            }
        })));
    }

    #[test]
    fn what_building_decides_is_left_to_building() {
        for schema in [
            json!({"pattern": "("}),
            json!({"patternProperties": {"[": {}}}),
            json!({"$ref": "#/$defs/missing"}),
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "$defs": {"a": {}}, "$ref": "#/$defs/a"}),
            json!({"$defs": {"a b": {}}, "$ref": "#/$defs/a b"}),
            json!({"$defs": {"a": 1}, "$ref": "#/$defs/a"}),
            // Data is not a schema position, whatever it holds.
            json!({"$defs": {"a": {"default": {"type": 5}}}, "$ref": "#/$defs/a/default"}),
            json!({"$defs": {"a": {"items": [{"type": 5}]}}, "$ref": "#/$defs/a/items/0"}),
            json!({"$defs": {"a": {"properties": {"x~1y": {}}}}, "$ref": "#/$defs/a/properties/x~1y"}),
            json!({"$defs": {"a": {}}, "$ref": "#/$defs/a/properties/missing"}),
            json!({"$schema": "http://json-schema.org/draft-06/schema#", "definitions": {"a": {"if": {"type": 5}}}, "$ref": "#/definitions/a/if"}),
            json!({"$anchor": "a", "$ref": "#a"}),
            json!({"maxLength": 1.0}),
            json!({"properties": {"a": {"$schema": "http://json-schema.org/draft-07/schema#"}}}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "id": "x"}),
            json!({"type": "objekt"}),
            json!(true),
        ] {
            assert!(!plainly_valid(&schema), "{schema}");
        }
        assert!(ConfigSchema::verify(&json!({"pattern": "("})).is_err());
        assert!(ConfigSchema::verify(&json!({"$defs": {"a": {}}, "$ref": "#/$defs/a"})).is_ok());
    }
}

//! Secrets (SPEC §2, §6): which values of a configuration are secret, whether
//! a value is a reference (`${env:NAME}`, `${file:PATH}`) rather than the
//! secret itself, and masking, so no secret value is ever printed.
//!
//! A value is a secret when evaluating the configuration against its schema
//! attaches `writeOnly: true` or `x-secret: true` to its location: the
//! definition of an annotation in JSON Schema, computed by the validator
//! itself, so every applicator (`properties`, `additionalProperties`,
//! `patternProperties`, `items`, `contains`, `dependentSchemas`,
//! `unevaluatedProperties`, `if`/`then`...), every reference form (`$ref`
//! by pointer, percent-encoded, by `$anchor`, through `$id`, `$dynamicRef`)
//! and every draft is covered by construction. Evaluation follows the
//! configuration, so its cost is bounded by the configuration's size, not
//! by the number of paths through the schema's references.
//!
//! A configuration that does not validate drops the annotations of the
//! branches that failed; those are kept here too (anything a failing branch
//! would mark is treated as secret). A key one edit away from a secret
//! property's name (`pasword` for `password`) is masked as well.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::schema::ConfigSchema;
use crate::yaml::escape_pointer;

/// What is shown in place of a secret's value.
pub const MASK: &str = "********";

/// The secret locations of one configuration.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    /// JSON pointers (relative to the configuration) of secret values.
    secret: BTreeSet<String>,
    /// Pointers of values that are masked though not known to be secret.
    lookalike: BTreeSet<String>,
    /// Nothing can be told apart (no schema): every value is hidden.
    all: bool,
}

/// Whether a value is a secret reference rather than a literal.
#[must_use]
pub fn is_reference(value: &Value) -> bool {
    let Some(s) = value.as_str() else {
        return false;
    };
    let Some(inner) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    match inner.split_once(':') {
        Some(("env", name)) => {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit())
        }
        Some(("file", path)) => !path.is_empty() && !path.contains('}'),
        _ => false,
    }
}

/// Whether an annotation object marks a value secret.
fn marks(annotations: &Value) -> bool {
    ["writeOnly", "x-secret"]
        .iter()
        .any(|k| annotations.get(*k) == Some(&Value::Bool(true)))
}

impl Secrets {
    /// The secrets of `config` under `schema`, by evaluation.
    #[must_use]
    pub fn of(schema: &ConfigSchema, config: &Value) -> Self {
        let mut out = Secrets::default();
        let evaluation = schema.evaluate(config);
        let mut stack = vec![evaluation.root()];
        while let Some(unit) = stack.pop() {
            let marked = unit.annotations().is_some_and(|a| marks(a.value()))
                || unit.dropped_annotations().is_some_and(|a| marks(a.value()));
            if marked {
                out.secret
                    .insert(unit.instance_location().as_str().to_string());
            }
            stack.extend(unit.children());
        }
        out.lookalikes(schema.source(), config, evaluation.flag().valid);
        out
    }

    /// Every value hidden: the schema that would tell secrets apart is
    /// missing or broken.
    #[must_use]
    pub fn everything() -> Self {
        Secrets {
            all: true,
            ..Secrets::default()
        }
    }

    /// Keys one edit away from a secret property's name are masked too: a
    /// misspelt `pasword: hunter3` is still a password. In a configuration
    /// that does not validate, a key of exactly that name is too: a branch
    /// that failed (a `contains` no item met) keeps nothing of what it
    /// would have marked.
    fn lookalikes(&mut self, schema: &Value, config: &Value, valid: bool) {
        let mut names: BTreeSet<String> = secret_property_names(schema);
        for p in &self.secret {
            if let Some(last) = p.rsplit('/').next() {
                names.insert(last.replace("~1", "/").replace("~0", "~"));
            }
        }
        if names.is_empty() {
            return;
        }
        let mut stack = vec![(String::new(), config)];
        while let Some((pointer, value)) = stack.pop() {
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        let p = format!("{pointer}/{}", escape_pointer(k));
                        let lower = k.to_lowercase();
                        let exact = names.contains(k);
                        if (!exact || !valid)
                            && names
                                .iter()
                                .any(|n| strsim::levenshtein(&lower, &n.to_lowercase()) <= 1)
                        {
                            self.lookalike.insert(p.clone());
                        }
                        stack.push((p, v));
                    }
                }
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        stack.push((format!("{pointer}/{i}"), v));
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether the value at `pointer` is a secret (or inside one).
    #[must_use]
    pub fn is_secret(&self, pointer: &str) -> bool {
        self.all || within(&self.secret, pointer)
    }

    /// Whether the value at `pointer` must not be shown: a secret, a
    /// lookalike, or inside one.
    #[must_use]
    pub fn is_hidden(&self, pointer: &str) -> bool {
        self.is_secret(pointer) || within(&self.lookalike, pointer)
    }

    /// Whether showing the value at `pointer` would show anything hidden:
    /// it is hidden, or holds a hidden value (a message about a whole
    /// mapping must not print the password inside it).
    #[must_use]
    pub fn touches(&self, pointer: &str) -> bool {
        self.is_hidden(pointer) || holds(&self.secret, pointer) || holds(&self.lookalike, pointer)
    }

    /// Pointers of secrets given as literal values instead of references
    /// (outermost only: a secret mapping is one finding, not one per key).
    #[must_use]
    pub fn literals(&self, config: &Value) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in &self.secret {
            if out
                .iter()
                .any(|o| p.starts_with(o.as_str()) && p[o.len()..].starts_with('/'))
            {
                continue;
            }
            if let Some(v) = config.pointer(p)
                && !is_reference(v)
                && !v.is_null()
            {
                out.push(p.clone());
            }
        }
        out
    }

    /// Every pointer whose value is hidden (outermost ones).
    #[must_use]
    pub fn hidden(&self, config: &Value) -> Vec<String> {
        if self.all {
            return vec![String::new()];
        }
        let mut all: Vec<&String> = self.secret.iter().chain(&self.lookalike).collect();
        all.sort();
        let mut out: Vec<String> = Vec::new();
        for p in all {
            if out
                .iter()
                .any(|o| p.starts_with(o.as_str()) && p[o.len()..].starts_with('/'))
                || config.pointer(p).is_none()
            {
                continue;
            }
            out.push(p.clone());
        }
        out
    }

    /// A copy of the configuration with every hidden value that is not a
    /// reference replaced by [`MASK`].
    #[must_use]
    pub fn mask(&self, config: &Value) -> Value {
        if self.all {
            return serde_json::json!({
                "(hidden)": "the pinned definition cannot be read, so secrets cannot be told apart"
            });
        }
        let mut masked = config.clone();
        for pointer in self.hidden(config) {
            if let Some(v) = masked.pointer_mut(&pointer)
                && !is_reference(v)
            {
                *v = Value::String(MASK.into());
            }
        }
        masked
    }
}

/// Whether `pointer` is in `set` or below one of its members.
fn within(set: &BTreeSet<String>, pointer: &str) -> bool {
    let mut p = pointer;
    loop {
        if set.contains(p) {
            return true;
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => return false,
        }
    }
}

/// Whether a member of `set` lies strictly below `pointer`.
fn holds(set: &BTreeSet<String>, pointer: &str) -> bool {
    let prefix = format!("{pointer}/");
    set.range(prefix.clone()..)
        .next()
        .is_some_and(|p| p.starts_with(&prefix))
}

/// The names of properties a schema marks secret where they are declared
/// (directly, or through one local `$ref`): only for recognizing a
/// misspelt key, so it looks at each node once and follows nothing further.
fn secret_property_names(schema: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (name, sub) in props {
                        let target = sub
                            .get("$ref")
                            .and_then(Value::as_str)
                            .and_then(|r| r.strip_prefix('#'))
                            .and_then(|p| schema.pointer(p))
                            .unwrap_or(sub);
                        if marks(sub) || marks(target) {
                            names.insert(name.clone());
                        }
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognises_references() {
        assert!(is_reference(&json!("${env:SLACK_TOKEN}")));
        assert!(is_reference(&json!("${file:/run/secrets/token}")));
        for bad in [
            json!("xoxb-123"),
            json!("${env:}"),
            json!("${vault:x}"),
            json!(42),
            json!("${env:1A}"),
        ] {
            assert!(!is_reference(&bad), "{bad}");
        }
    }

    fn secrets(schema: Value, config: &Value) -> Secrets {
        Secrets::of(&ConfigSchema::compile(&schema).unwrap(), config)
    }

    #[test]
    fn finds_secrets_through_nesting_refs_and_combinators() {
        let schema = json!({
            "$defs": {"cred": {"type": "string", "writeOnly": true}},
            "properties": {
                "token": {"$ref": "#/$defs/cred"},
                "auth": {"oneOf": [
                    {"required": ["password"], "properties": {"password": {"x-secret": true}}},
                    {"required": ["apiKey"], "properties": {"apiKey": {"writeOnly": true}}}
                ]},
                "hosts": {"items": {"properties": {"key": {"writeOnly": true}}}}
            }
        });
        let config = json!({"token": "xoxb-secret", "auth": {"password": "${env:PW}"},
                            "hosts": [{"key": "k1"}, {"key": "${file:/k}"}]});
        let s = secrets(schema, &config);
        assert!(s.is_secret("/token"));
        assert!(s.is_secret("/auth/password"));
        assert!(s.is_secret("/hosts/1/key"));
        assert!(!s.is_secret("/hosts"));
        assert!(s.touches("/hosts"));
        assert_eq!(s.literals(&config), vec!["/hosts/0/key", "/token"]);
        let masked = s.mask(&config).to_string();
        assert!(
            !masked.contains("xoxb-secret") && !masked.contains("k1"),
            "{masked}"
        );
        assert!(masked.contains("${env:PW}"));
    }

    #[test]
    fn a_failing_branch_still_marks_and_lookalikes_are_masked() {
        let schema = json!({
            "type": "object", "additionalProperties": false,
            "properties": {"password": {"type": "integer", "writeOnly": true}}
        });
        let config = json!({"password": "hunter2", "pasword": "hunter3"});
        let s = secrets(schema, &config);
        assert!(s.is_secret("/password"));
        assert!(!s.is_secret("/pasword") && s.is_hidden("/pasword"));
        let masked = s.mask(&config).to_string();
        assert!(!masked.contains("hunter"), "{masked}");
    }

    #[test]
    fn references_that_fan_out_cost_what_the_configuration_costs() {
        let schema =
            crate::compat::diff::tests::fan_out(json!({"type": "string", "writeOnly": true}));
        let mut config = json!("s3cret");
        for _ in 0..40 {
            config = json!({"a": config});
        }
        // Exponential work would not end; linear work is instant.
        let s = secrets(schema, &config);
        assert_eq!(s.literals(&config).len(), 1);
    }
}

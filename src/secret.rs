//! Secrets (SPEC §2, §6): which configuration values a `configSchema` marks
//! secret (`writeOnly: true` or `x-secret: true`), whether a value is a
//! reference (`${env:NAME}`, `${file:PATH}`) rather than the secret itself,
//! and masking, so no secret value is ever printed.

use serde_json::Value;

use crate::yaml::escape_pointer;

/// What is shown in place of a secret's value.
pub const MASK: &str = "********";

/// The places a configuration may hold secrets.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    /// JSON pointers relative to the configuration; `*` stands for any array index.
    paths: Vec<Vec<String>>,
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

impl Secrets {
    /// Finds the secret properties of a schema, following `properties`,
    /// `items`, `prefixItems`, `additionalProperties`, the combinators and
    /// local `$ref`s (each followed once per path, so loops end).
    #[must_use]
    pub fn of(schema: &Value) -> Self {
        let mut out = Secrets::default();
        let mut path = Vec::new();
        let mut seen_refs = Vec::new();
        walk(schema, schema, &mut path, &mut seen_refs, &mut out.paths, 0);
        out.paths.sort();
        out.paths.dedup();
        out
    }

    /// Whether the value at `pointer` (relative to the configuration) is a secret.
    #[must_use]
    pub fn is_secret(&self, pointer: &str) -> bool {
        let segments: Vec<&str> = pointer.split('/').skip(1).collect();
        self.paths.iter().any(|p| {
            p.len() == segments.len()
                && p.iter()
                    .zip(&segments)
                    .all(|(want, got)| want == got || (want == "*" && got.parse::<usize>().is_ok()))
        })
    }

    /// Pointers of secrets given as literal values instead of references.
    #[must_use]
    pub fn literals(&self, config: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.visit(config, &mut |pointer, value| {
            if !is_reference(value) && !value.is_null() {
                out.push(pointer.to_string());
            }
        });
        out.sort();
        out
    }

    /// A copy of the configuration with every literal secret replaced by [`MASK`].
    #[must_use]
    pub fn mask(&self, config: &Value) -> Value {
        let mut masked = config.clone();
        for pointer in self.literals(config) {
            if let Some(v) = masked.pointer_mut(&pointer) {
                *v = Value::String(MASK.into());
            }
        }
        masked
    }

    fn visit(&self, config: &Value, f: &mut dyn FnMut(&str, &Value)) {
        for path in &self.paths {
            visit_path(config, path, &mut String::new(), f);
        }
    }
}

fn visit_path(
    value: &Value,
    path: &[String],
    pointer: &mut String,
    f: &mut dyn FnMut(&str, &Value),
) {
    let Some((head, rest)) = path.split_first() else {
        f(pointer, value);
        return;
    };
    let len = pointer.len();
    match (head.as_str(), value) {
        ("*", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{i}"));
                visit_path(item, rest, pointer, f);
                pointer.truncate(len);
            }
        }
        (key, Value::Object(map)) => {
            let key = key.replace("~1", "/").replace("~0", "~");
            if let Some(child) = map.get(&key) {
                pointer.push('/');
                pointer.push_str(&escape_pointer(&key));
                visit_path(child, rest, pointer, f);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Deep enough for any real configuration; keeps hostile schemas bounded.
const MAX_DEPTH: usize = 64;

fn walk(
    root: &Value,
    schema: &Value,
    path: &mut Vec<String>,
    seen_refs: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
    depth: usize,
) {
    let Some(obj) = schema.as_object() else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    let marked = |key: &str| obj.get(key).and_then(Value::as_bool) == Some(true);
    if (marked("writeOnly") || marked("x-secret")) && !path.is_empty() {
        out.push(path.clone());
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            path.push(escape_pointer(name));
            walk(root, sub, path, seen_refs, out, depth + 1);
            path.pop();
        }
    }
    for key in ["items", "additionalItems"] {
        if let Some(sub) = obj.get(key) {
            path.push("*".into());
            match sub {
                Value::Array(tuple) => tuple
                    .iter()
                    .for_each(|s| walk(root, s, path, seen_refs, out, depth + 1)),
                s => walk(root, s, path, seen_refs, out, depth + 1),
            }
            path.pop();
        }
    }
    if let Some(Value::Array(tuple)) = obj.get("prefixItems") {
        for (i, s) in tuple.iter().enumerate() {
            path.push(i.to_string());
            walk(root, s, path, seen_refs, out, depth + 1);
            path.pop();
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(subs)) = obj.get(key) {
            for s in subs {
                walk(root, s, path, seen_refs, out, depth + 1);
            }
        }
    }
    for key in ["then", "else", "if"] {
        if let Some(s) = obj.get(key) {
            walk(root, s, path, seen_refs, out, depth + 1);
        }
    }
    if let Some(r) = obj.get("$ref").and_then(Value::as_str)
        && let Some(fragment) = r.strip_prefix('#')
        && !seen_refs.iter().any(|s| s == r)
        && let Some(target) = root.pointer(fragment)
    {
        seen_refs.push(r.to_string());
        walk(root, target, path, seen_refs, out, depth + 1);
        seen_refs.pop();
    }
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

    #[test]
    fn finds_secrets_through_nesting_refs_and_combinators() {
        let schema = json!({
            "$defs": {"cred": {"type": "string", "writeOnly": true}},
            "properties": {
                "token": {"$ref": "#/$defs/cred"},
                "auth": {"oneOf": [
                    {"properties": {"password": {"x-secret": true}}},
                    {"properties": {"apiKey": {"writeOnly": true}}}
                ]},
                "hosts": {"items": {"properties": {"key": {"writeOnly": true}}}},
                "loop": {"$ref": "#"}
            }
        });
        let s = Secrets::of(&schema);
        assert!(s.is_secret("/token"));
        assert!(s.is_secret("/auth/password"));
        assert!(s.is_secret("/auth/apiKey"));
        assert!(s.is_secret("/hosts/3/key"));
        assert!(!s.is_secret("/hosts"));
        let config = json!({"token": "xoxb-secret", "auth": {"password": "${env:PW}"},
                            "hosts": [{"key": "k1"}, {"key": "${file:/k}"}]});
        assert_eq!(s.literals(&config), vec!["/hosts/0/key", "/token"]);
        let masked = s.mask(&config).to_string();
        assert!(
            !masked.contains("xoxb-secret") && !masked.contains("k1"),
            "{masked}"
        );
        assert!(masked.contains("${env:PW}"));
    }
}

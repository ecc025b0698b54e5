//! The schema comparison itself: every change of `configSchema` from A to
//! B with its class and why (see the module above for the soundness
//! argument).
//!
//! This file walks the two schemas side by side (following local `$ref`s,
//! comparing each pair of nodes once, recursion assumed compatible) and
//! sorts every keyword of a node into what it can judge: `validation.rs`
//! judges the keywords that constrain one value, `applicators.rs` those
//! that apply schemas to its parts, `value.rs` says when two JSON values
//! or schemas are the same.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Change, Class, overall};
use crate::yaml::escape_pointer;
use value::{identical, same};

mod applicators;
#[cfg(test)]
pub(crate) mod tests;
mod validation;
mod value;

/// Every change of `configSchema` from `a` to `b`.
#[must_use]
pub fn diff(a: &Value, b: &Value) -> Vec<Change> {
    // Identical documents validate identically, whatever they refer to.
    if identical(a, b) {
        return Vec::new();
    }
    let draft4 = [a, b].iter().any(|s| {
        s.get("$schema")
            .and_then(Value::as_str)
            .is_some_and(|d| d.contains("json-schema.org/draft-04/"))
    });
    let mut cx = Cx {
        root_a: a,
        root_b: b,
        seen: HashMap::new(),
        draft4,
        assumed: Vec::new(),
        out: Vec::new(),
    };
    if a.get("$schema") != b.get("$schema") {
        cx.push(
            "/$schema",
            Class::Breaking,
            "$schema",
            format!(
                "the draft changed from {} to {}; keywords can mean different things across drafts",
                a.get("$schema")
                    .map_or("the default".into(), Value::to_string),
                b.get("$schema")
                    .map_or("the default".into(), Value::to_string)
            ),
        );
    }
    cx.node(a, b, "");
    cx.out
        .sort_by(|x, y| (&x.path, &x.keyword).cmp(&(&y.path, &y.keyword)));
    cx.out.dedup();
    cx.out
}

/// Keywords that never change what validates.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "examples",
    "$comment",
    "deprecated",
    "readOnly",
    "$id",
    "$schema",
    "$defs",
    "definitions",
    "$vocabulary",
];

/// Keywords this module compares precisely.
const HANDLED: &[&str] = &[
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "minContains",
    "maxContains",
    "multipleOf",
    "pattern",
    "format",
    "uniqueItems",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "items",
    "prefixItems",
    "additionalItems",
    "contains",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "$ref",
    "writeOnly",
    "x-secret",
];

/// Keywords whose change this module cannot judge: any change is breaking.
const OPAQUE: &[&str] = &[
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$recursiveRef",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

struct Cx<'a> {
    root_a: &'a Value,
    root_b: &'a Value,
    /// Each pair of nodes compared: `None` while in progress (a recursive
    /// schema meets itself, and the pair is assumed to match), then what
    /// was found under it. A pair is compared once, so schemas whose
    /// `$ref`s fan out cost what their size costs.
    seen: HashMap<Pair, Option<Seen>>,
    /// Draft 4 has no `const`: there it constrains nothing, tags nothing.
    draft4: bool,
    /// For each pair being compared, the pairs in progress it met (its
    /// result holds only if theirs does).
    assumed: Vec<Vec<Pair>>,
    out: Vec<Change>,
}

/// Two schema nodes, by address.
type Pair = (usize, usize);

/// What comparing a pair found.
#[derive(Clone)]
struct Seen {
    /// The worst class of the changes under it.
    class: Class,
    /// Where it was first compared.
    at: String,
    /// Pairs that were in progress when it was compared: their class is
    /// its class too.
    assumed: Vec<Pair>,
}

fn empty() -> &'static Map<String, Value> {
    static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    &EMPTY
}

/// Whether a schema object has no keyword that constrains anything.
fn unconstrained(o: &Map<String, Value>) -> bool {
    !o.keys()
        .any(|k| HANDLED.contains(&k.as_str()) || OPAQUE.contains(&k.as_str()))
}

/// `path` and one more segment. One allocation: the diff builds a path
/// for every node it descends into.
fn join(path: &str, key: &str) -> String {
    let key = escape_pointer(key);
    let mut p = String::with_capacity(path.len() + 1 + key.len());
    p.push_str(path);
    p.push('/');
    p.push_str(&key);
    p
}

fn secret(o: &Map<String, Value>) -> bool {
    ["writeOnly", "x-secret"]
        .iter()
        .any(|k| o.get(*k).and_then(Value::as_bool) == Some(true))
}

impl<'a> Cx<'a> {
    fn push(&mut self, path: &str, class: Class, keyword: &str, message: impl Into<String>) {
        self.out.push(Change {
            path: if path.is_empty() {
                "/".into()
            } else {
                path.to_string()
            },
            class,
            keyword: keyword.to_string(),
            message: message.into(),
        });
    }

    /// Follows a node that is only a local `$ref` (plus annotations).
    fn deref(&mut self, v: &'a Value, root: &'a Value, path: &str) -> Option<&'a Value> {
        let mut v = v;
        for _ in 0..32 {
            let Some(o) = v.as_object() else {
                return Some(v);
            };
            let Some(r) = o.get("$ref").and_then(Value::as_str) else {
                return Some(v);
            };
            if o.keys()
                .any(|k| k != "$ref" && !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"))
            {
                return Some(v);
            }
            match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => v = target,
                None => {
                    self.push(
                        path,
                        Class::Breaking,
                        "$ref",
                        format!("`$ref: {r}` cannot be followed, so the change cannot be judged"),
                    );
                    return None;
                }
            }
        }
        self.push(
            path,
            Class::Breaking,
            "$ref",
            "a chain of `$ref`s too long to follow",
        );
        None
    }

    fn node(&mut self, a: &'a Value, b: &'a Value, path: &str) {
        if same(a, b) {
            return;
        }
        let (Some(a), Some(b)) = (
            self.deref(a, self.root_a, path),
            self.deref(b, self.root_b, path),
        ) else {
            return;
        };
        if same(a, b) {
            return;
        }
        let key = (
            std::ptr::from_ref(a) as usize,
            std::ptr::from_ref(b) as usize,
        );
        match self.seen.get(&key) {
            Some(None) => {
                if let Some(top) = self.assumed.last_mut() {
                    top.push(key);
                }
                return;
            }
            Some(Some(seen)) => {
                let at = seen.at.clone();
                let class = self.class_of(key, &mut HashSet::new());
                if class != Class::Patch {
                    self.push(
                        path,
                        class,
                        "$ref",
                        format!("the same schemas as at {at}, with the same changes"),
                    );
                }
                return;
            }
            None => {}
        }
        self.seen.insert(key, None);
        self.assumed.push(Vec::new());
        let start = self.out.len();
        if self.seen.len() > 10_000 || path.matches('/').count() > 128 {
            self.push(
                path,
                Class::Breaking,
                "$ref",
                "the schemas are too large or deep to compare",
            );
        } else {
            self.pair(a, b, path);
        }
        let mut assumed = self.assumed.pop().unwrap_or_default();
        assumed.retain(|k| *k != key);
        if let Some(top) = self.assumed.last_mut() {
            top.extend(assumed.iter().copied());
        }
        let class = overall(&self.out[start..]);
        let at = if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        };
        self.seen.insert(key, Some(Seen { class, at, assumed }));
    }

    /// The class a finished pair stands for: its own, and that of every
    /// pair it assumed matched, once known.
    fn class_of(&self, key: Pair, visited: &mut HashSet<Pair>) -> Class {
        if !visited.insert(key) {
            return Class::Patch;
        }
        match self.seen.get(&key) {
            Some(Some(seen)) => seen
                .assumed
                .iter()
                .map(|k| self.class_of(*k, visited))
                .fold(seen.class, Class::max),
            _ => Class::Patch,
        }
    }

    fn pair(&mut self, a: &'a Value, b: &'a Value, path: &str) {
        match (a, b) {
            (Value::Bool(false), _) => {
                self.push(path, Class::Minor, "false", "nothing was valid here before")
            }
            (_, Value::Bool(false)) => self.push(
                path,
                Class::Breaking,
                "false",
                "nothing is valid here any more",
            ),
            (_, Value::Bool(true)) => {
                if a.as_object().is_some_and(|o| !unconstrained(o)) {
                    self.push(
                        path,
                        Class::Minor,
                        "true",
                        "every constraint here was removed",
                    );
                }
            }
            (Value::Bool(true), Value::Object(ob)) => self.object(empty(), ob, path),
            (Value::Object(oa), Value::Object(ob)) => self.object(oa, ob, path),
            _ => self.push(
                path,
                Class::Breaking,
                "type",
                "this is not a schema on both sides",
            ),
        }
    }

    fn object(&mut self, a: &'a Map<String, Value>, b: &'a Map<String, Value>, path: &str) {
        self.annotations(a, b, path);
        self.secrets(a, b, path);
        self.types(a, b, path);
        self.enums(a, b, path);
        self.bounds(a, b, path);
        self.simple(a, b, path);
        self.required(a, b, path);
        self.properties(a, b, path);
        self.dependencies(a, b, path);
        self.items(a, b, path);
        self.combinators(a, b, path);
        self.reference_with_siblings(a, b, path);
        for k in b.keys().chain(a.keys()) {
            if HANDLED.contains(&k.as_str())
                || ANNOTATIONS.contains(&k.as_str())
                || k.starts_with("x-")
                || a.get(k) == b.get(k)
            {
                continue;
            }
            if OPAQUE.contains(&k.as_str()) {
                self.push(&join(path, k), Class::Breaking, k, format!("`{k}` changed; its effect depends on the whole schema, so it counts as breaking"));
            } else if !(a.contains_key(k) && b.contains_key(k)) || a.get(k) != b.get(k) {
                self.push(
                    &join(path, k),
                    Class::Patch,
                    k,
                    format!("unknown keyword `{k}` changed; validators ignore it"),
                );
            }
        }
    }

    fn annotations(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let annotation = (ANNOTATIONS.contains(&k.as_str())
                && !matches!(k.as_str(), "$schema" | "$defs" | "definitions"))
                || (k.starts_with("x-") && k != "x-secret");
            if annotation && a.get(k) != b.get(k) {
                self.push(
                    &join(path, k),
                    Class::Patch,
                    k,
                    format!("annotation `{k}` {}", what_happened(a.get(k), b.get(k))),
                );
            }
        }
    }

    /// Secrets are part of `reg`'s validation: a value that becomes secret
    /// must now be a reference, so literal values stop validating.
    fn secrets(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        match (secret(a), secret(b)) {
            (false, true) => self.push(path, Class::Breaking, "writeOnly", "the value became a secret: configurations that give it literally must now use ${env:...} or ${file:...}"),
            (true, false) => self.push(path, Class::Minor, "writeOnly", "the value is no longer a secret; literal values are now allowed"),
            _ => {}
        }
    }
}

fn what_happened(a: Option<&Value>, b: Option<&Value>) -> &'static str {
    match (a, b) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(39).collect::<String>())
    } else {
        s
    }
}

fn list(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

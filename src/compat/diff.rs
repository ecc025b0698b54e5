//! The schema comparison itself: every change of `configSchema` from A to
//! B with its class and why (see the module above for the soundness
//! argument).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Change, Class, overall};
use crate::yaml::escape_pointer;

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

/// A JSON number compared as JSON Schema compares numbers: by value (`1`
/// and `1.0` are equal), integers exactly even beyond 2^53, where a float
/// would round `9007199254740993` to `...992`.
#[derive(Debug, Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn of(v: &Value) -> Option<Num> {
        let n = v.as_number()?;
        if let Some(i) = n.as_i64() {
            return Some(Num::Int(i128::from(i)));
        }
        if let Some(u) = n.as_u64() {
            return Some(Num::Int(i128::from(u)));
        }
        n.as_f64().filter(|f| f.is_finite()).map(Num::Float)
    }

    fn as_f64(self) -> f64 {
        match self {
            #[allow(clippy::cast_precision_loss)]
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

impl PartialEq for Num {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(std::cmp::Ordering::Equal)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering;
        // An integer against a float: against the float's floor, exactly,
        // then its fraction decides.
        fn int_float(i: i128, f: f64) -> Option<Ordering> {
            const LIMIT: f64 = 1.7e38;
            if f.is_nan() {
                return None;
            }
            if f >= LIMIT {
                return Some(Ordering::Less);
            }
            if f <= -LIMIT {
                return Some(Ordering::Greater);
            }
            let floor = f.floor();
            #[allow(clippy::cast_possible_truncation)]
            let whole = floor as i128;
            Some(match i.cmp(&whole) {
                Ordering::Equal if f > floor => Ordering::Less,
                o => o,
            })
        }
        match (*self, *other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
            (Num::Int(a), Num::Float(b)) => int_float(a, b),
            (Num::Float(a), Num::Int(b)) => int_float(b, a).map(Ordering::reverse),
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) => write!(f, "{x}"),
        }
    }
}

fn num(v: Option<&Value>) -> Option<Num> {
    v.and_then(Num::of)
}

/// Whether two JSON values are equal as JSON Schema's `enum` and `const`
/// compare them: numbers by value, the rest structurally.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => Num::of(a) == Num::of(b),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
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

    fn types(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        let set = |o: &Map<String, Value>| -> Option<Vec<String>> {
            match o.get("type")? {
                Value::String(s) => Some(vec![s.clone()]),
                Value::Array(v) => {
                    // A set: `[string, null]` and `[null, string]` are one type.
                    let mut t: Vec<String> = v
                        .iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect();
                    t.sort();
                    t.dedup();
                    Some(t)
                }
                _ => Some(Vec::new()),
            }
        };
        let p = join(path, "type");
        match (set(a), set(b)) {
            (_, None) if a.contains_key("type") => {
                self.push(&p, Class::Minor, "type", "the type restriction was removed")
            }
            (None, Some(tb)) => self.push(
                &p,
                Class::Breaking,
                "type",
                format!(
                    "a type was added ({}); values of other types are now invalid",
                    tb.join(", ")
                ),
            ),
            (Some(ta), Some(tb)) => {
                let covered = |t: &String| {
                    tb.contains(t) || (t == "integer" && tb.iter().any(|x| x == "number"))
                };
                let lost: Vec<&String> = ta.iter().filter(|t| !covered(t)).collect();
                if !lost.is_empty() {
                    self.push(
                        &p,
                        Class::Breaking,
                        "type",
                        format!(
                            "type narrowed from {} to {}: {} values are now invalid",
                            ta.join("|"),
                            tb.join("|"),
                            lost.iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                } else if ta != tb {
                    self.push(
                        &p,
                        Class::Minor,
                        "type",
                        format!("type widened from {} to {}", ta.join("|"), tb.join("|")),
                    );
                }
            }
            _ => {}
        }
    }

    fn enums(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        let draft4 = self.draft4;
        let allowed = |o: &Map<String, Value>| -> Option<Vec<Value>> {
            let constant = if draft4 { None } else { o.get("const") };
            match (constant, o.get("enum")) {
                (Some(c), Some(Value::Array(e))) => {
                    Some(e.iter().filter(|v| equal(v, c)).cloned().collect())
                }
                (Some(c), _) => Some(vec![c.clone()]),
                (None, Some(Value::Array(e))) => Some(e.clone()),
                _ => None,
            }
        };
        let keyword = if !draft4
            && (b.contains_key("const") || (a.contains_key("const") && !b.contains_key("enum")))
        {
            "const"
        } else {
            "enum"
        };
        let p = join(path, keyword);
        match (allowed(a), allowed(b)) {
            (Some(_), None) => self.push(
                &p,
                Class::Minor,
                keyword,
                format!("`{keyword}` was removed; any value is allowed"),
            ),
            (None, Some(vb)) => self.push(
                &p,
                Class::Breaking,
                keyword,
                format!("values are now restricted to {}", list(&vb)),
            ),
            (Some(va), Some(vb)) => {
                let within = |v: &Value, set: &[Value]| set.iter().any(|w| equal(v, w));
                let removed: Vec<Value> = va.iter().filter(|v| !within(v, &vb)).cloned().collect();
                let added: Vec<Value> = vb.iter().filter(|v| !within(v, &va)).cloned().collect();
                if !removed.is_empty() {
                    self.push(
                        &p,
                        Class::Breaking,
                        keyword,
                        format!("{} no longer allowed", list(&removed)),
                    );
                }
                if !added.is_empty() {
                    self.push(
                        &p,
                        Class::Minor,
                        keyword,
                        format!("{} now allowed", list(&added)),
                    );
                }
            }
            (None, None) => {}
        }
    }

    fn bounds(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        // draft-04 spells exclusive bounds as booleans beside minimum/maximum.
        let old_style = [a, b].iter().any(|o| {
            o.get("exclusiveMaximum").is_some_and(Value::is_boolean)
                || o.get("exclusiveMinimum").is_some_and(Value::is_boolean)
        });
        if old_style {
            for k in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
                if a.get(k) != b.get(k) {
                    self.push(
                        &join(path, k),
                        Class::Breaking,
                        k,
                        format!(
                            "`{k}` changed in draft-04 form, which this comparison does not judge"
                        ),
                    );
                }
            }
        } else {
            // Upper bound: the tightest of maximum (inclusive) and exclusiveMaximum.
            let upper = |o: &Map<String, Value>| -> Option<(Num, bool)> {
                let inc = num(o.get("maximum")).map(|m| (m, false));
                let exc = num(o.get("exclusiveMaximum")).map(|m| (m, true));
                match (inc, exc) {
                    (Some(i), Some(e)) => Some(if e.0 <= i.0 { e } else { i }),
                    (x, y) => x.or(y),
                }
            };
            let lower = |o: &Map<String, Value>| -> Option<(Num, bool)> {
                let inc = num(o.get("minimum")).map(|m| (m, false));
                let exc = num(o.get("exclusiveMinimum")).map(|m| (m, true));
                match (inc, exc) {
                    (Some(i), Some(e)) => Some(if e.0 >= i.0 { e } else { i }),
                    (x, y) => x.or(y),
                }
            };
            self.bound(path, upper(a), upper(b), true);
            self.bound(path, lower(a), lower(b), false);
        }
        for (max, k) in [
            (true, "maxLength"),
            (false, "minLength"),
            (true, "maxItems"),
            (false, "minItems"),
            (true, "maxProperties"),
            (false, "minProperties"),
            (true, "maxContains"),
            (false, "minContains"),
        ] {
            let p = join(path, k);
            // Where `contains` applies, `minContains` is 1 unless it says
            // otherwise: removing `minContains: 0` asks for one match more.
            let contains_min = |o: &Map<String, Value>| {
                num(o.get(k)).or_else(|| {
                    (k == "minContains" && o.contains_key("contains")).then_some(Num::Int(1))
                })
            };
            let (na, nb) = if k == "minContains" {
                (contains_min(a), contains_min(b))
            } else {
                (num(a.get(k)), num(b.get(k)))
            };
            match (na, nb) {
                (Some(_), None) => self.push(&p, Class::Minor, k, format!("`{k}` was removed")),
                (None, Some(vb)) => {
                    self.push(&p, Class::Breaking, k, format!("`{k}: {vb}` was added"));
                }
                (Some(va), Some(vb)) if va != vb => {
                    let tighter = if max { vb < va } else { vb > va };
                    let (va, vb) = (va.as_f64(), vb.as_f64());
                    if tighter {
                        self.push(
                            &p,
                            Class::Breaking,
                            k,
                            format!("`{k}` tightened from {va} to {vb}"),
                        );
                    } else {
                        self.push(
                            &p,
                            Class::Minor,
                            k,
                            format!("`{k}` loosened from {va} to {vb}"),
                        );
                    }
                }
                _ => {}
            }
        }
        let p = join(path, "multipleOf");
        match (num(a.get("multipleOf")), num(b.get("multipleOf"))) {
            (Some(_), None) => {
                self.push(&p, Class::Minor, "multipleOf", "`multipleOf` was removed")
            }
            (None, Some(m)) => self.push(
                &p,
                Class::Breaking,
                "multipleOf",
                format!("`multipleOf: {m}` was added"),
            ),
            (Some(ma), Some(mb)) if ma != mb => {
                // B's step must divide A's, exactly: every multiple of A's
                // is then one of B's.
                let divides = match (ma, mb) {
                    (Num::Int(x), Num::Int(y)) => y != 0 && x % y == 0,
                    _ => {
                        let (x, y) = (ma.as_f64(), mb.as_f64());
                        let ratio = x / y;
                        ratio.fract() == 0.0 && ratio >= 1.0 && ratio * y == x
                    }
                };
                if divides {
                    self.push(
                        &p,
                        Class::Minor,
                        "multipleOf",
                        format!("`multipleOf` loosened from {ma} to its divisor {mb}"),
                    );
                } else {
                    self.push(
                        &p,
                        Class::Breaking,
                        "multipleOf",
                        format!("`multipleOf` changed from {ma} to {mb}, which does not divide it"),
                    );
                }
            }
            _ => {}
        }
    }

    /// Compares one side of a numeric range: `(limit, exclusive)` on each
    /// side, `upper` for maximum/exclusiveMaximum.
    fn bound(&mut self, path: &str, a: Option<(Num, bool)>, b: Option<(Num, bool)>, upper: bool) {
        let kw = |(_, exclusive): (Num, bool)| match (upper, exclusive) {
            (true, false) => "maximum",
            (true, true) => "exclusiveMaximum",
            (false, false) => "minimum",
            (false, true) => "exclusiveMinimum",
        };
        let side = if upper { "upper" } else { "lower" };
        match (a, b) {
            (Some(ba), None) => self.push(
                &join(path, kw(ba)),
                Class::Minor,
                kw(ba),
                format!("the {side} bound was removed"),
            ),
            (None, Some(bb)) => self.push(
                &join(path, kw(bb)),
                Class::Breaking,
                kw(bb),
                format!("a {side} bound of {} was added", bb.0),
            ),
            (Some(ba), Some(bb)) => {
                // Every value A accepts must be accepted by B.
                let beyond = if upper { ba.0 < bb.0 } else { ba.0 > bb.0 };
                let fits = beyond || (ba.0 == bb.0 && (ba.1 || !bb.1));
                let (from, to) = (show_bound(ba, upper), show_bound(bb, upper));
                if !fits {
                    self.push(
                        &join(path, kw(bb)),
                        Class::Breaking,
                        kw(bb),
                        format!("the {side} bound tightened from {from} to {to}"),
                    );
                } else if !(ba.0 == bb.0 && ba.1 == bb.1) {
                    self.push(
                        &join(path, kw(bb)),
                        Class::Minor,
                        kw(bb),
                        format!("the {side} bound loosened from {from} to {to}"),
                    );
                }
            }
            (None, None) => {}
        }
    }

    /// Keywords that are either the same, removed (minor) or breaking.
    fn simple(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        for (k, why) in [
            (
                "pattern",
                "regular expressions cannot be compared, so any change counts as breaking",
            ),
            (
                "format",
                "values that do not match the new format are now invalid",
            ),
            ("propertyNames", "keys that do not match it are now invalid"),
            ("not", "what `not` excludes cannot be compared"),
        ] {
            let p = join(path, k);
            match (a.get(k), b.get(k)) {
                (Some(_), None) => self.push(&p, Class::Minor, k, format!("`{k}` was removed")),
                (None, Some(v)) => self.push(
                    &p,
                    Class::Breaking,
                    k,
                    format!("`{k}: {}` was added: {why}", short(v)),
                ),
                (Some(x), Some(y)) if x != y => self.push(
                    &p,
                    Class::Breaking,
                    k,
                    format!("`{k}` changed from {} to {}: {why}", short(x), short(y)),
                ),
                _ => {}
            }
        }
        let p = join(path, "uniqueItems");
        let unique =
            |o: &Map<String, Value>| o.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        match (unique(a), unique(b)) {
            (false, true) => self.push(
                &p,
                Class::Breaking,
                "uniqueItems",
                "lists with repeated items are now invalid",
            ),
            (true, false) => self.push(
                &p,
                Class::Minor,
                "uniqueItems",
                "lists may now repeat items",
            ),
            _ => {}
        }
        let conditional = |o: &Map<String, Value>| {
            (
                o.get("if").cloned(),
                o.get("then").cloned(),
                o.get("else").cloned(),
            )
        };
        let (ca, cb) = (conditional(a), conditional(b));
        if ca != cb {
            let p = join(path, "if");
            if cb == (None, None, None) {
                self.push(
                    &p,
                    Class::Minor,
                    "if",
                    "the `if`/`then`/`else` condition was removed",
                );
            } else {
                self.push(&p, Class::Breaking, "if", "the `if`/`then`/`else` condition changed; conditional schemas are not compared, so this counts as breaking");
            }
        }
    }

    fn required(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
        let names = |o: &Map<String, Value>| -> Vec<String> {
            o.get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ra, rb) = (names(a), names(b));
        let p = join(path, "required");
        for (i, n) in rb.iter().enumerate().filter(|(_, n)| !ra.contains(n)) {
            let default = b
                .get("properties")
                .and_then(|ps| ps.get(n))
                .and_then(|s| s.get("default"))
                .is_some();
            // At the item added, so a report points at the line that says it.
            self.push(
                &format!("{p}/{i}"),
                Class::Breaking,
                "required",
                format!(
                    "`{n}` is now required{}: configurations without it are invalid",
                    if default {
                        " (its `default` does not help: validation does not fill defaults)"
                    } else {
                        ""
                    }
                ),
            );
        }
        for n in ra.iter().filter(|n| !rb.contains(n)) {
            self.push(
                &p,
                Class::Minor,
                "required",
                format!("`{n}` is now optional"),
            );
        }
    }

    /// What validates property `name` of an object schema when it is not
    /// declared in `properties`: matching patterns, else `additionalProperties`.
    fn undeclared(o: &'a Map<String, Value>, name: &str) -> Vec<&'a Value> {
        let mut out = Vec::new();
        if let Some(pp) = o.get("patternProperties").and_then(Value::as_object) {
            for (pattern, s) in pp {
                if regex::Regex::new(pattern).is_ok_and(|r| r.is_match(name)) {
                    out.push(s);
                }
            }
        }
        if out.is_empty() {
            static TRUE: Value = Value::Bool(true);
            out.push(o.get("additionalProperties").unwrap_or(&TRUE));
        }
        out
    }

    fn properties(&mut self, a: &'a Map<String, Value>, b: &'a Map<String, Value>, path: &str) {
        let props = |o: &'a Map<String, Value>| o.get("properties").and_then(Value::as_object);
        let (pa, pb) = (props(a).unwrap_or(empty()), props(b).unwrap_or(empty()));
        let closed = |o: &Map<String, Value>| {
            o.get("additionalProperties") == Some(&Value::Bool(false))
                && !o.contains_key("patternProperties")
        };
        for (name, sb) in pb {
            let sa = pa.get(name);
            // Most properties are unchanged: no path is built for them.
            if sa.is_some_and(|sa| same(sa, sb)) {
                continue;
            }
            let p = join(&join(path, "properties"), name);
            match sa {
                Some(sa) => self.node(sa, sb, &p),
                None => {
                    let before = Self::undeclared(a, name);
                    if closed(a) {
                        self.push(
                            &p,
                            Class::Minor,
                            "properties",
                            format!("optional property `{name}` added to a closed object"),
                        );
                        continue;
                    }
                    let mark = self.out.len();
                    for sa in before {
                        self.node(sa, sb, &p);
                    }
                    if self.out[mark..].iter().any(|c| c.class == Class::Breaking) {
                        self.out.truncate(mark);
                        self.push(&p, Class::Breaking, "properties", format!(
                            "property `{name}` was added to an open object: a configuration may already carry `{name}` with another shape; \
                             close the object with `additionalProperties: false` to make adding properties safe"
                        ));
                    } else if self.out.len() == mark {
                        self.push(
                            &p,
                            Class::Minor,
                            "properties",
                            format!("property `{name}` was added without constraints"),
                        );
                    }
                }
            }
        }
        for (name, sa) in pa {
            if pb.contains_key(name) {
                continue;
            }
            let p = join(&join(path, "properties"), name);
            if closed(b) {
                self.push(&p, Class::Breaking, "properties", format!("property `{name}` was removed from a closed object: configurations that set it are now invalid"));
                continue;
            }
            let mark = self.out.len();
            for sb in Self::undeclared(b, name) {
                self.node(sa, sb, &p);
            }
            if self.out.len() == mark {
                self.push(&p, Class::Minor, "properties", format!("property `{name}` was removed from an open object; any value is now accepted"));
            }
        }
        // Names in neither `properties`: compare what validates them.
        let pp = |o: &'a Map<String, Value>| o.get("patternProperties").and_then(Value::as_object);
        let (ppa, ppb) = (pp(a).unwrap_or(empty()), pp(b).unwrap_or(empty()));
        for (pattern, sb) in ppb {
            let p = join(&join(path, "patternProperties"), pattern);
            match ppa.get(pattern) {
                Some(sa) => self.node(sa, sb, &p),
                None => {
                    let mark = self.out.len();
                    static TRUE: Value = Value::Bool(true);
                    self.node(a.get("additionalProperties").unwrap_or(&TRUE), sb, &p);
                    for (name, sa) in pa
                        .iter()
                        .filter(|(n, _)| regex::Regex::new(pattern).is_ok_and(|r| r.is_match(n)))
                    {
                        self.node(sa, sb, &join(&p, name));
                    }
                    if self.out.len() == mark {
                        self.push(
                            &p,
                            Class::Minor,
                            "patternProperties",
                            format!("pattern `{pattern}` added"),
                        );
                    }
                }
            }
        }
        for (pattern, sa) in ppa {
            if !ppb.contains_key(pattern) {
                let p = join(&join(path, "patternProperties"), pattern);
                let mark = self.out.len();
                static TRUE: Value = Value::Bool(true);
                self.node(sa, b.get("additionalProperties").unwrap_or(&TRUE), &p);
                if self.out.len() == mark {
                    self.push(
                        &p,
                        Class::Minor,
                        "patternProperties",
                        format!("pattern `{pattern}` removed"),
                    );
                }
            }
        }
        static TRUE: Value = Value::Bool(true);
        let (aa, ab) = (
            a.get("additionalProperties").unwrap_or(&TRUE),
            b.get("additionalProperties").unwrap_or(&TRUE),
        );
        if aa != ab {
            let p = join(path, "additionalProperties");
            if ab == &Value::Bool(false) {
                self.push(&p, Class::Breaking, "additionalProperties", "`additionalProperties: false` was set: configurations with keys not declared are now invalid");
            } else {
                self.node(aa, ab, &p);
            }
        }
    }

    fn dependencies(&mut self, a: &'a Map<String, Value>, b: &'a Map<String, Value>, path: &str) {
        // draft-07 `dependencies` holds both forms; split them as 2019-09 does.
        let split = |o: &'a Map<String, Value>| {
            let mut required: Vec<(&'a String, Vec<&'a Value>)> = Vec::new();
            let mut schemas: Vec<(&'a String, &'a Value)> = Vec::new();
            for key in ["dependencies", "dependentRequired", "dependentSchemas"] {
                for (k, v) in o.get(key).and_then(Value::as_object).into_iter().flatten() {
                    match v {
                        Value::Array(names) => required.push((k, names.iter().collect())),
                        schema => schemas.push((k, schema)),
                    }
                }
            }
            (required, schemas)
        };
        let ((ra, sa), (rb, sb)) = (split(a), split(b));
        let names = |list: &[(&'a String, Vec<&'a Value>)], k: &str| -> Vec<&'a Value> {
            list.iter()
                .filter(|(key, _)| *key == k)
                .flat_map(|(_, n)| n.iter().copied())
                .collect()
        };
        for (k, _) in &rb {
            let (before, after) = (names(&ra, k), names(&rb, k));
            let added: Vec<Value> = after
                .iter()
                .filter(|n| !before.contains(n))
                .map(|n| (*n).clone())
                .collect();
            if !added.is_empty() {
                let p = join(&join(path, "dependentRequired"), k);
                self.push(
                    &p,
                    Class::Breaking,
                    "dependentRequired",
                    format!("when `{k}` is set, {} must now be set too", list(&added)),
                );
            }
        }
        for (k, _) in &ra {
            let (before, after) = (names(&ra, k), names(&rb, k));
            if before.iter().any(|n| !after.contains(n)) {
                let p = join(&join(path, "dependentRequired"), k);
                self.push(
                    &p,
                    Class::Minor,
                    "dependentRequired",
                    format!("fewer keys are required along with `{k}`"),
                );
            }
        }
        for (k, schema_b) in &sb {
            let p = join(&join(path, "dependentSchemas"), k);
            match sa.iter().find(|(key, _)| key == k) {
                Some((_, schema_a)) => self.node(schema_a, schema_b, &p),
                None => self.push(
                    &p,
                    Class::Breaking,
                    "dependentSchemas",
                    format!("a schema now applies whenever `{k}` is set"),
                ),
            }
        }
        for (k, _) in sa
            .iter()
            .filter(|(k, _)| !sb.iter().any(|(key, _)| key == k))
        {
            let p = join(&join(path, "dependentSchemas"), k);
            self.push(
                &p,
                Class::Minor,
                "dependentSchemas",
                format!("the schema that applied with `{k}` was removed"),
            );
        }
    }

    fn items(&mut self, a: &'a Map<String, Value>, b: &'a Map<String, Value>, path: &str) {
        static TRUE: Value = Value::Bool(true);
        // (tuple, rest, keyword of rest) in either draft's spelling.
        let shape = |o: &'a Map<String, Value>| -> (Vec<&'a Value>, &'a Value, &'static str) {
            match (o.get("prefixItems"), o.get("items")) {
                (Some(Value::Array(t)), rest) => {
                    (t.iter().collect(), rest.unwrap_or(&TRUE), "items")
                }
                (None, Some(Value::Array(t))) => (
                    t.iter().collect(),
                    o.get("additionalItems").unwrap_or(&TRUE),
                    "additionalItems",
                ),
                (_, Some(rest)) => (Vec::new(), rest, "items"),
                _ => (Vec::new(), &TRUE, "items"),
            }
        };
        let ((ta, ra, _), (tb, rb, kb)) = (shape(a), shape(b));
        for i in 0..ta.len().max(tb.len()) {
            let sa = ta.get(i).copied().unwrap_or(ra);
            let sb = tb.get(i).copied().unwrap_or(rb);
            let p = if b.contains_key("prefixItems") {
                format!("{path}/prefixItems/{i}")
            } else {
                format!("{path}/items/{i}")
            };
            self.node(sa, sb, &p);
        }
        self.node(ra, rb, &join(path, kb));
        match (a.get("contains"), b.get("contains")) {
            (Some(_), None) => self.push(
                &join(path, "contains"),
                Class::Minor,
                "contains",
                "`contains` was removed",
            ),
            (None, Some(_)) => self.push(
                &join(path, "contains"),
                Class::Breaking,
                "contains",
                "lists must now contain a matching item",
            ),
            // Under `maxContains`, a `contains` that matches more items can
            // push a list past the cap: any change is breaking there.
            (Some(x), Some(y)) if b.contains_key("maxContains") && !same(x, y) => self.push(
                &join(path, "contains"),
                Class::Breaking,
                "contains",
                "`contains` changed under `maxContains`: if it matches more items, lists can exceed the cap",
            ),
            (Some(x), Some(y)) => self.node(x, y, &join(path, "contains")),
            (None, None) => {}
        }
    }

    fn combinators(&mut self, a: &'a Map<String, Value>, b: &'a Map<String, Value>, path: &str) {
        let arr = |o: &'a Map<String, Value>, k: &str| -> Vec<&'a Value> {
            o.get(k)
                .and_then(Value::as_array)
                .map(|v| v.iter().collect())
                .unwrap_or_default()
        };
        // allOf: every conjunct of B must hold for whatever A accepts.
        let (all_a, all_b) = (arr(a, "allOf"), arr(b, "allOf"));
        let alike = |x: &[&Value], y: &[&Value]| {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        };
        if !alike(&all_a, &all_b) {
            for (i, sb) in all_b.iter().enumerate() {
                let p = format!("{path}/allOf/{i}");
                if all_a.iter().any(|x| same(x, sb)) {
                    continue;
                }
                match all_a.get(i) {
                    Some(sa) if all_a.len() == all_b.len() => self.node(sa, sb, &p),
                    _ => self.push(
                        &p,
                        Class::Breaking,
                        "allOf",
                        "a conjunct was added to `allOf`: values must now also match it",
                    ),
                }
            }
            if all_b.len() < all_a.len() && all_b.iter().all(|x| all_a.iter().any(|y| same(x, y))) {
                self.push(
                    &join(path, "allOf"),
                    Class::Minor,
                    "allOf",
                    "conjuncts were removed from `allOf`",
                );
            }
        }
        // anyOf / oneOf: each alternative A allowed must fit some alternative of B.
        for k in ["anyOf", "oneOf"] {
            let (alt_a, alt_b) = (arr(a, k), arr(b, k));
            if alike(&alt_a, &alt_b) {
                continue;
            }
            let p = join(path, k);
            if alt_b.is_empty() {
                self.push(&p, Class::Minor, k, format!("`{k}` was removed"));
                continue;
            }
            if alt_a.is_empty() {
                self.push(
                    &p,
                    Class::Breaking,
                    k,
                    format!("`{k}` was added: values must now match one of its alternatives"),
                );
                continue;
            }
            if k == "oneOf" && !disjoint(&alt_b, self.draft4) {
                self.push(&p, Class::Breaking, k, "`oneOf` alternatives changed and they are not told apart by a required `const` property, \
                     so a configuration could now match two of them; this cannot be ruled out");
                continue;
            }
            let mut all_fit = true;
            for (j, sa) in alt_a.iter().enumerate() {
                let fits = alt_b.iter().any(|sb| {
                    let mut probe = Cx {
                        root_a: self.root_a,
                        root_b: self.root_b,
                        seen: self.seen.clone(),
                        draft4: self.draft4,
                        assumed: Vec::new(),
                        out: Vec::new(),
                    };
                    probe.node(sa, sb, &p);
                    probe.out.iter().all(|c| c.class != Class::Breaking)
                });
                if !fits {
                    all_fit = false;
                    self.push(&format!("{p}/{j}"), Class::Breaking, k, format!("alternative #{} of `{k}` was removed or narrowed: values it accepted may match no alternative now", j + 1));
                }
            }
            if all_fit {
                self.push(
                    &p,
                    Class::Minor,
                    k,
                    format!("`{k}` accepts everything it did, and more"),
                );
            }
        }
    }

    /// A `$ref` beside other keywords is one more conjunct.
    fn reference_with_siblings(
        &mut self,
        a: &'a Map<String, Value>,
        b: &'a Map<String, Value>,
        path: &str,
    ) {
        let (ra, rb) = (a.get("$ref"), b.get("$ref"));
        if ra == rb && ra.is_none() {
            return;
        }
        let p = join(path, "$ref");
        match (ra, rb) {
            (Some(_), None) => self.push(&p, Class::Minor, "$ref", "`$ref` was removed"),
            (None, Some(r)) => self.push(
                &p,
                Class::Breaking,
                "$ref",
                format!("`$ref: {}` was added", short(r)),
            ),
            (Some(x), Some(y)) => {
                let target = |r: &Value, root: &'a Value| {
                    r.as_str()
                        .and_then(|s| s.strip_prefix('#'))
                        .and_then(|ptr| root.pointer(ptr))
                };
                match (target(x, self.root_a), target(y, self.root_b)) {
                    (Some(ta), Some(tb)) => self.node(ta, tb, &p),
                    _ => self.push(
                        &p,
                        Class::Breaking,
                        "$ref",
                        "a `$ref` that cannot be followed changed",
                    ),
                }
            }
            (None, None) => {}
        }
    }
}

/// Equal schemas validate alike, unless they refer elsewhere: the same
/// `$ref` can point at different targets in the two documents.
fn same(a: &Value, b: &Value) -> bool {
    fn has_ref(v: &Value) -> bool {
        match v {
            Value::Object(o) => o
                .iter()
                .any(|(k, v)| k.ends_with("Ref") || k == "$ref" || has_ref(v)),
            Value::Array(items) => items.iter().any(has_ref),
            _ => false,
        }
    }
    identical(a, b) && !has_ref(a)
}

/// `a == b` without hashing keys. The two versions of a schema keep their
/// keys in the same order almost everywhere, so maps are compared entry by
/// entry, and keys are looked up (hashed with SipHash, as `==` does for
/// every key) only from where the orders part. Comparing neighbouring
/// versions was a tenth of `reg validate`.
fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return false;
            }
            for (i, ((ka, va), (kb, vb))) in x.iter().zip(y).enumerate() {
                if ka != kb {
                    // Keys are unique and the first `i` matched, so the
                    // rest of `x` can only be in the rest of `y`.
                    return x
                        .iter()
                        .skip(i)
                        .all(|(k, v)| y.get(k).is_some_and(|w| identical(v, w)));
                }
                if !identical(va, vb) {
                    return false;
                }
            }
            true
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| identical(p, q))
        }
        _ => a == b,
    }
}

/// Whether `oneOf` alternatives can never overlap: each requires the same
/// property with a distinct `const` (a tagged union).
fn disjoint(alternatives: &[&Value], draft4: bool) -> bool {
    let tag = |alt: &Value, name: &str| -> Option<Value> {
        let required = alt.get("required")?.as_array()?.iter().any(|r| r == name);
        let prop = alt.get("properties")?.get(name)?;
        let c = prop.get("const").filter(|_| !draft4).cloned().or_else(|| {
            match prop.get("enum")?.as_array()?.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            }
        })?;
        required.then_some(c)
    };
    let Some(first) = alternatives
        .first()
        .and_then(|a| a.get("properties"))
        .and_then(Value::as_object)
    else {
        return false;
    };
    first.keys().any(|name| {
        let tags: Vec<Option<Value>> = alternatives.iter().map(|a| tag(a, name)).collect();
        tags.iter().all(Option::is_some) && {
            let mut seen: Vec<Value> = Vec::new();
            tags.into_iter().flatten().all(|t| {
                // `1` and `1.0` are one tag: both alternatives would match.
                let fresh = !seen.iter().any(|s| equal(s, &t));
                seen.push(t);
                fresh
            })
        }
    })
}

fn what_happened(a: Option<&Value>, b: Option<&Value>) -> &'static str {
    match (a, b) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    }
}

fn show_bound((v, exclusive): (Num, bool), upper: bool) -> String {
    match (upper, exclusive) {
        (true, false) => format!("≤ {v}"),
        (true, true) => format!("< {v}"),
        (false, false) => format!("≥ {v}"),
        (false, true) => format!("> {v}"),
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    fn class(a: Value, b: Value) -> Class {
        overall(&diff(&a, &b))
    }

    /// Every map of `v` with its keys in reverse order.
    fn reversed(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .rev()
                    .map(|(k, v)| (k.clone(), reversed(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
            v => v.clone(),
        }
    }

    #[test]
    fn identical_is_equality_whatever_the_key_order() {
        let a = json!({
            "type": "object",
            "properties": {"host": {"type": "string"}, "port": {"type": "integer", "maximum": 65535}},
            "required": ["host"],
            "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
        });
        let mut partly = a.clone();
        let props = partly["properties"].as_object_mut().unwrap();
        let host = props.shift_remove("host").unwrap();
        props.insert("host".into(), host);
        let pairs = [
            (a.clone(), a.clone()),
            (a.clone(), reversed(&a)),
            (a.clone(), partly),
            (a.clone(), json!({"type": "object"})),
            (json!({"a": 1, "b": 2}), json!({"b": 2, "a": 1})),
            (json!({"a": 1, "b": 2}), json!({"b": 1, "a": 2})),
            (json!({"a": 1, "b": 2}), json!({"a": 1, "c": 2})),
            (
                json!({"x": 1, "a": 1, "b": 2}),
                json!({"x": 1, "b": 2, "a": 3}),
            ),
            (json!([1, {"a": [1, 2]}]), json!([1, {"a": [2, 1]}])),
            (json!(1), json!(1.0)),
        ];
        for (x, y) in &pairs {
            assert_eq!(identical(x, y), x == y, "{x} against {y}");
            assert_eq!(identical(y, x), x == y, "{y} against {x}");
        }
        // Each kind of answer is asked for at least once.
        assert!(
            pairs.iter().any(|(x, y)| identical(x, y))
                && pairs.iter().any(|(x, y)| !identical(x, y))
        );
    }

    #[test]
    fn annotations_are_patch() {
        assert_eq!(
            class(
                json!({"type": "string", "title": "a"}),
                json!({"type": "string", "title": "b", "description": "x", "default": "d"})
            ),
            Class::Patch
        );
        assert_eq!(class(json!({"x-ui": 1}), json!({"x-ui": 2})), Class::Patch);
    }

    #[test]
    fn types_widen_and_narrow() {
        assert_eq!(
            class(json!({"type": "integer"}), json!({"type": "number"})),
            Class::Minor
        );
        assert_eq!(
            class(json!({"type": "number"}), json!({"type": "integer"})),
            Class::Breaking
        );
        assert_eq!(
            class(
                json!({"type": "string"}),
                json!({"type": ["string", "null"]})
            ),
            Class::Minor
        );
        assert_eq!(class(json!({}), json!({"type": "string"})), Class::Breaking);
        assert_eq!(class(json!({"type": "string"}), json!({})), Class::Minor);
    }

    #[test]
    fn bounds_tighten_and_loosen() {
        assert_eq!(
            class(json!({"maximum": 10}), json!({"maximum": 20})),
            Class::Minor
        );
        assert_eq!(
            class(json!({"maximum": 10}), json!({"maximum": 5})),
            Class::Breaking
        );
        assert_eq!(
            class(json!({"maximum": 10}), json!({"exclusiveMaximum": 10})),
            Class::Breaking
        );
        assert_eq!(
            class(json!({"exclusiveMaximum": 10}), json!({"maximum": 10})),
            Class::Minor
        );
        assert_eq!(class(json!({}), json!({"minimum": 0})), Class::Breaking);
        assert_eq!(
            class(json!({"minLength": 3}), json!({"minLength": 1})),
            Class::Minor
        );
        assert_eq!(
            class(json!({"maxItems": 3}), json!({"maxItems": 2})),
            Class::Breaking
        );
        assert_eq!(
            class(json!({"multipleOf": 4}), json!({"multipleOf": 2})),
            Class::Minor
        );
        assert_eq!(
            class(json!({"multipleOf": 2}), json!({"multipleOf": 4})),
            Class::Breaking
        );
    }

    #[test]
    fn enums_const_pattern_format() {
        assert_eq!(
            class(
                json!({"enum": ["a", "b"]}),
                json!({"enum": ["a", "b", "c"]})
            ),
            Class::Minor
        );
        assert_eq!(
            class(json!({"enum": ["a", "b"]}), json!({"enum": ["a"]})),
            Class::Breaking
        );
        assert_eq!(
            class(json!({"const": "a"}), json!({"enum": ["a", "b"]})),
            Class::Minor
        );
        assert_eq!(
            class(json!({"const": "a"}), json!({"const": "b"})),
            Class::Breaking
        );
        assert_eq!(
            class(json!({"pattern": "^a"}), json!({"pattern": "^a|b"})),
            Class::Breaking
        );
        assert_eq!(class(json!({"pattern": "^a"}), json!({})), Class::Minor);
        assert_eq!(
            class(json!({}), json!({"format": "email"})),
            Class::Breaking
        );
    }

    #[test]
    fn objects_follow_the_content_model() {
        let closed = json!({"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}});
        let mut plus = closed.clone();
        plus["properties"]["b"] = json!({"type": "integer"});
        assert_eq!(
            class(closed.clone(), plus.clone()),
            Class::Minor,
            "optional property added to a closed object"
        );
        assert_eq!(
            class(plus.clone(), closed.clone()),
            Class::Breaking,
            "property removed from a closed object"
        );
        let open = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let mut open_plus = open.clone();
        open_plus["properties"]["b"] = json!({"type": "integer"});
        let changes = diff(&open, &open_plus);
        assert_eq!(
            overall(&changes),
            Class::Breaking,
            "constrained property added to an open object"
        );
        assert!(
            changes
                .iter()
                .any(|c| c.message.contains("additionalProperties: false")),
            "{changes:?}"
        );
        assert_eq!(
            class(open_plus, open.clone()),
            Class::Minor,
            "property removed from an open object"
        );
        let mut req = closed.clone();
        req["required"] = json!(["a"]);
        req["properties"]["a"]["default"] = json!("x");
        assert_eq!(
            class(closed.clone(), req.clone()),
            Class::Breaking,
            "required even with a default"
        );
        assert_eq!(class(req, closed.clone()), Class::Minor);
        assert_eq!(
            class(open.clone(), closed.clone()),
            Class::Breaking,
            "additionalProperties turned off"
        );
        assert_eq!(class(closed, open), Class::Minor);
    }

    #[test]
    fn combinators() {
        let a = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        let b = json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]});
        assert_eq!(class(a.clone(), b.clone()), Class::Minor);
        assert_eq!(class(b, a), Class::Breaking);
        assert_eq!(
            class(
                json!({"allOf": [{"minimum": 0}]}),
                json!({"allOf": [{"minimum": 0}, {"maximum": 9}]})
            ),
            Class::Breaking
        );
        // oneOf without a discriminator: adding an alternative could make values match two.
        assert_eq!(
            class(
                json!({"oneOf": [{"type": "string"}]}),
                json!({"oneOf": [{"type": "string"}, {"maxLength": 3}]})
            ),
            Class::Breaking
        );
        let tagged = |kinds: &[&str]| json!({"oneOf": kinds.iter().map(|k| json!({"required": ["kind"], "properties": {"kind": {"const": k}}})).collect::<Vec<_>>()});
        assert_eq!(
            class(tagged(&["a", "b"]), tagged(&["a", "b", "c"])),
            Class::Minor
        );
        assert_eq!(class(tagged(&["a", "b"]), tagged(&["a"])), Class::Breaking);
    }

    #[test]
    fn refs_are_followed_and_recursion_ends() {
        let a = json!({"$defs": {"port": {"type": "integer", "maximum": 10}}, "properties": {"p": {"$ref": "#/$defs/port"}}});
        let b = json!({"$defs": {"port": {"type": "integer", "maximum": 5}}, "properties": {"p": {"$ref": "#/$defs/port"}}});
        assert_eq!(class(a, b), Class::Breaking);
        let tree = json!({"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}});
        let mut tree2 = tree.clone();
        tree2["description"] = json!("a tree");
        assert_eq!(class(tree, tree2), Class::Patch);
        assert_eq!(
            class(json!({"$ref": "http://x/y"}), json!({"$ref": "http://x/z"})),
            Class::Breaking
        );
    }

    /// `d_i` has two properties that both refer to `d_{i+1}`: 2^40 paths
    /// through a schema of 41 nodes.
    pub(crate) fn fan_out(leaf: Value) -> Value {
        let mut defs = serde_json::Map::new();
        for i in 0..40 {
            let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
            defs.insert(
                format!("d{i}"),
                json!({"type": "object", "properties": {"a": next.clone(), "b": next}}),
            );
        }
        defs.insert("d40".into(), leaf);
        json!({"$defs": defs, "$ref": "#/$defs/d0"})
    }

    #[test]
    fn references_that_fan_out_are_compared_once() {
        let a = fan_out(json!({"type": "integer", "maximum": 10}));
        let loose = fan_out(json!({"type": "integer", "maximum": 20}));
        let tight = fan_out(json!({"type": "integer", "maximum": 5}));
        assert_eq!(class(a.clone(), loose), Class::Minor);
        assert_eq!(class(a, tight), Class::Breaking);
    }

    #[test]
    fn a_recursive_pair_seen_again_keeps_what_its_cycle_found() {
        // The first visit of `node` meets itself in progress; the oneOf
        // probe later meets it finished and must still see the breaking
        // change found above it.
        let a = json!({"$defs": {"node": {"type": "object", "properties": {
            "next": {"$ref": "#/$defs/node"}, "n": {"maximum": 10}}}},
            "properties": {"x": {"$ref": "#/$defs/node"}, "y": {"oneOf": [{"$ref": "#/$defs/node"}]}}});
        let mut b = a.clone();
        b["$defs"]["node"]["properties"]["n"]["maximum"] = json!(5);
        assert_eq!(class(a, b), Class::Breaking);
    }

    #[test]
    fn the_three_unsound_verdicts_of_the_issue() {
        // minContains defaults to 1 where contains applies.
        assert_eq!(
            class(
                json!({"contains": {"type": "string"}, "minContains": 0}),
                json!({"contains": {"type": "string"}})
            ),
            Class::Breaking
        );
        // Integers beyond 2^53 are compared exactly.
        assert_eq!(
            class(
                json!({"maximum": 9_007_199_254_740_993_u64}),
                json!({"maximum": 9_007_199_254_740_992_u64})
            ),
            Class::Breaking
        );
        assert_eq!(
            class(
                json!({"maximum": 9_007_199_254_740_993_u64}),
                json!({"maximum": 9.007_199_254_740_994e15})
            ),
            Class::Minor
        );
        // `1` and `1.0` are the same tag: the union is not disjoint.
        let alt = |c: Value| json!({"required": ["t"], "properties": {"t": {"const": c}}, "type": "object"});
        assert_eq!(
            class(
                json!({"oneOf": [alt(json!(1)), alt(json!(2))]}),
                json!({"oneOf": [alt(json!(1)), alt(json!(2)), alt(json!(1.0))]})
            ),
            Class::Breaking
        );
        // Under maxContains, a looser contains matches more: breaking.
        assert_eq!(
            class(
                json!({"contains": {"type": "string"}, "maxContains": 1}),
                json!({"contains": {}, "maxContains": 1})
            ),
            Class::Breaking
        );
        // Draft 4 has no const: alternatives "tagged" by it overlap.
        let d4 = |alts: Vec<Value>| json!({"$schema": "http://json-schema.org/draft-04/schema#", "oneOf": alts});
        let tagged = |c: Value, v: Value| json!({"type": "object", "required": ["kind"], "properties": {"kind": {"const": c}, "v": v}});
        assert_eq!(
            class(
                d4(vec![
                    tagged(json!(1), json!({"type": "string"})),
                    tagged(json!(2), json!({"type": "null"}))
                ]),
                d4(vec![
                    tagged(json!(1), json!({})),
                    tagged(json!(2), json!({"type": "null"}))
                ])
            ),
            Class::Breaking
        );
        // A type list is a set.
        assert_eq!(
            class(
                json!({"type": ["string", "null"]}),
                json!({"type": ["null", "string"]})
            ),
            Class::Patch
        );
        // And numerically equal enums are the same enum.
        assert_eq!(
            class(json!({"enum": [1, 2]}), json!({"enum": [1.0, 2.0]})),
            Class::Patch
        );
        assert_eq!(
            class(json!({"const": 1}), json!({"const": 1.0})),
            Class::Patch
        );
    }

    #[test]
    fn items_in_both_spellings() {
        assert_eq!(
            class(
                json!({"items": {"type": "string"}}),
                json!({"items": {"type": "string", "maxLength": 3}})
            ),
            Class::Breaking
        );
        assert_eq!(
            class(
                json!({"prefixItems": [{"type": "string"}], "items": false}),
                json!({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}})
            ),
            Class::Minor
        );
    }

    #[test]
    fn becoming_a_secret_breaks_literal_configs() {
        assert_eq!(
            class(
                json!({"properties": {"t": {"type": "string"}}}),
                json!({"properties": {"t": {"type": "string", "writeOnly": true}}})
            ),
            Class::Breaking
        );
    }
}

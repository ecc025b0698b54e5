//! The keywords that apply schemas to parts of a value (JSON Schema's
//! applicator vocabulary): `properties` and their kin, dependencies,
//! `items` in both spellings, `allOf`/`anyOf`/`oneOf`/`not`/`if`, and a
//! `$ref` beside other keywords.

use serde_json::{Map, Value};

use super::value::{equal, same};
use super::{Class, Cx, empty, join, list, short};

impl<'a> Cx<'a> {
    /// What validates property `name` of an object schema when it is not
    /// declared in `properties`: matching patterns, else `additionalProperties`.
    pub(super) fn undeclared(o: &'a Map<String, Value>, name: &str) -> Vec<&'a Value> {
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

    pub(super) fn properties(
        &mut self,
        a: &'a Map<String, Value>,
        b: &'a Map<String, Value>,
        path: &str,
    ) {
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

    pub(super) fn dependencies(
        &mut self,
        a: &'a Map<String, Value>,
        b: &'a Map<String, Value>,
        path: &str,
    ) {
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

    pub(super) fn items(
        &mut self,
        a: &'a Map<String, Value>,
        b: &'a Map<String, Value>,
        path: &str,
    ) {
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

    pub(super) fn combinators(
        &mut self,
        a: &'a Map<String, Value>,
        b: &'a Map<String, Value>,
        path: &str,
    ) {
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
    pub(super) fn reference_with_siblings(
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

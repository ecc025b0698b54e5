//! `reg diff` is sound (SPEC §5), checked against two validators: when it
//! calls a change minor or patch, every configuration valid for A is valid
//! for B, by `jsonschema` (what `reg` validates with) and by `boon` (a
//! separate implementation that passes the official test suite).
//!
//! Schemas are generated over the keywords of drafts 7 and 2020-12 (and 4's
//! spelling of exclusive bounds), numeric edge values included (beyond
//! 2^53, `1` against `1.0`); B is A with one to three edits of any keyword;
//! configurations are generated from A's own shape, so most of them are
//! valid for A and test something. `REG_SOUNDNESS_PAIRS` sets how many
//! pairs (10,000 by default; the README gives the longer run).

use reg::compat::{Class, diff, overall};
use reg::schema::ConfigSchema;
use serde_json::{Map, Value, json};

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap() % below.max(1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.next(100) < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.next(items.len())].clone()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Draft {
    D4,
    D7,
    D2020,
}

/// Numbers authors write, and the edges where implementations slip.
fn number(r: &mut Rng) -> Value {
    r.pick(&[
        json!(0),
        json!(1),
        json!(1.0),
        json!(2),
        json!(-1),
        json!(1.5),
        json!(10),
        json!(9_007_199_254_740_992_u64),
        json!(9_007_199_254_740_993_u64),
        json!(9.007_199_254_740_992e15),
        json!(-9_007_199_254_740_993_i64),
        json!(0.5),
    ])
}

fn scalar(r: &mut Rng) -> Value {
    match r.next(6) {
        0 | 1 => number(r),
        2 => json!(r.pick(&["", "a", "ab", "ba", "abc", "2024-01-31", "z"])),
        3 => json!(r.chance(50)),
        4 => Value::Null,
        _ => json!(r.pick(&[1, 2, 3])),
    }
}

const NAMES: [&str; 4] = ["p0", "p1", "p2", "p3"];

/// A schema node of some kind, `depth` levels from the bottom.
fn node(r: &mut Rng, depth: usize, draft: Draft) -> Value {
    let mut s = Map::new();
    let kind = if depth == 0 { r.next(4) } else { r.next(8) };
    match kind {
        0 => {
            s.insert("type".into(), json!(r.pick(&["integer", "number"])));
            for k in ["minimum", "maximum", "multipleOf"] {
                if r.chance(40) {
                    let n = number(r);
                    if k == "multipleOf" && n.as_f64().is_none_or(|f| f <= 0.0) {
                        continue;
                    }
                    s.insert(k.into(), n);
                }
            }
            if r.chance(30) {
                if draft == Draft::D4 {
                    if s.contains_key("maximum") {
                        s.insert("exclusiveMaximum".into(), json!(r.chance(50)));
                    }
                } else {
                    s.insert(
                        r.pick(&["exclusiveMinimum", "exclusiveMaximum"]).into(),
                        number(r),
                    );
                }
            }
        }
        1 => {
            s.insert("type".into(), json!("string"));
            for k in ["minLength", "maxLength"] {
                if r.chance(40) {
                    s.insert(k.into(), json!(r.next(4)));
                }
            }
            if r.chance(20) {
                s.insert("pattern".into(), json!(r.pick(&["^a", "b$", "^[ab]*$"])));
            }
            if r.chance(10) {
                s.insert("format".into(), json!("date"));
            }
        }
        2 => {
            let n = 1 + r.next(4);
            let values: Vec<Value> = (0..n).map(|_| scalar(r)).collect();
            if r.chance(30) {
                s.insert("const".into(), values[0].clone());
            } else {
                s.insert("enum".into(), Value::Array(values));
            }
        }
        3 => {
            if r.chance(50) {
                s.insert("type".into(), json!(["string", "null"]));
            } else {
                s.insert("type".into(), json!("boolean"));
            }
        }
        4 | 5 => {
            s.insert("type".into(), json!("array"));
            s.insert("items".into(), node(r, depth - 1, draft));
            for k in ["minItems", "maxItems"] {
                if r.chance(30) {
                    s.insert(k.into(), json!(r.next(4)));
                }
            }
            if r.chance(20) {
                s.insert("uniqueItems".into(), json!(r.chance(70)));
            }
            if r.chance(40) {
                s.insert("contains".into(), node(r, depth - 1, draft));
                if draft == Draft::D2020 {
                    for k in ["minContains", "maxContains"] {
                        if r.chance(40) {
                            s.insert(k.into(), json!(r.next(3)));
                        }
                    }
                }
            }
        }
        6 => return object(r, depth - 1, draft),
        7 if r.chance(50) => {
            // A tagged union: object alternatives told apart by a required
            // `const`, the shape `reg diff` trusts to be disjoint.
            let n = 2 + r.next(2);
            let alts: Vec<Value> = (0..n)
                .map(|i| {
                    let tag = [json!(1), json!(2), json!("a"), json!(3)][i].clone();
                    json!({"type": "object", "required": ["kind"],
                           "properties": {"kind": {"const": tag}, "v": node(r, 0, draft)}})
                })
                .collect();
            s.insert("oneOf".into(), Value::Array(alts));
        }
        _ => {
            let n = 1 + r.next(3);
            let alts: Vec<Value> = (0..n).map(|_| node(r, depth - 1, draft)).collect();
            s.insert(
                r.pick(&["anyOf", "oneOf", "allOf"]).into(),
                Value::Array(alts),
            );
        }
    }
    Value::Object(s)
}

fn object(r: &mut Rng, depth: usize, draft: Draft) -> Value {
    let mut props = Map::new();
    for name in NAMES {
        if r.chance(70) {
            props.insert(name.into(), node(r, depth, draft));
        }
    }
    let mut s = json!({"type": "object", "properties": props});
    let required: Vec<&str> = NAMES.iter().copied().filter(|_| r.chance(25)).collect();
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    if r.chance(40) {
        s["additionalProperties"] = if r.chance(60) {
            json!(false)
        } else {
            node(r, 0, draft)
        };
    }
    if r.chance(15) {
        let deps = json!({"p0": ["p1"]});
        if draft == Draft::D2020 {
            s["dependentRequired"] = deps;
        } else {
            s["dependencies"] = deps;
        }
    }
    if r.chance(10) {
        s[r.pick(&["minProperties", "maxProperties"])] = json!(r.next(3));
    }
    s
}

fn schema(r: &mut Rng) -> (Value, Draft) {
    let draft = r.pick(&[Draft::D2020, Draft::D2020, Draft::D7, Draft::D4]);
    let mut s = object(r, 2, draft);
    s["$schema"] = json!(match draft {
        Draft::D4 => "http://json-schema.org/draft-04/schema#",
        Draft::D7 => "http://json-schema.org/draft-07/schema#",
        Draft::D2020 => "https://json-schema.org/draft/2020-12/schema",
    });
    (s, draft)
}

/// Every schema node (objects) with its pointer.
fn nodes(v: &Value, pointer: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(pointer.clone());
            for (k, c) in m {
                if matches!(
                    k.as_str(),
                    "enum" | "const" | "required" | "dependentRequired" | "dependencies"
                ) {
                    continue;
                }
                nodes(c, format!("{pointer}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, c) in items.iter().enumerate() {
                nodes(c, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One edit to one node: a keyword added, removed, moved a little, made
/// numerically equal in another type, widened or narrowed.
fn mutate(r: &mut Rng, a: &Value, draft: Draft) -> Value {
    let mut b = a.clone();
    let mut all = Vec::new();
    nodes(&b, String::new(), &mut all);
    let at = r.pick(&all);
    let Some(Value::Object(m)) = b.pointer_mut(&at) else {
        return b;
    };
    let keys: Vec<String> = m.keys().filter(|k| *k != "$schema").cloned().collect();
    // Keywords whose absence means something (a default, a sibling's
    // reading): removing them is where verdicts go wrong.
    let loaded: Vec<String> = keys
        .iter()
        .filter(|k| {
            matches!(
                k.as_str(),
                "minContains"
                    | "maxContains"
                    | "exclusiveMinimum"
                    | "exclusiveMaximum"
                    | "dependentRequired"
                    | "dependencies"
            )
        })
        .cloned()
        .collect();
    if !loaded.is_empty() && r.chance(50) {
        let k = r.pick(&loaded);
        m.remove(&k);
        return b;
    }
    // A union given one more alternative, tagged like an existing one,
    // maybe in the other numeric type.
    if let Some(Value::Array(alts)) = m.get_mut("oneOf")
        && r.chance(50)
        && let Some(twin) = alts.first().cloned()
    {
        let mut twin = twin;
        if let Some(tag) = twin.pointer_mut("/properties/kind/const") {
            *tag = match tag.as_i64() {
                #[allow(clippy::cast_precision_loss)]
                Some(i) if r.chance(60) => json!(i as f64),
                _ => scalar(r),
            };
        }
        alts.push(twin);
        return b;
    }
    // A bound moved a little either way: where most changes are, and
    // where an off-by-one or a rounding makes a verdict unsound.
    let numeric: Vec<String> = keys
        .iter()
        .filter(|k| m[k.as_str()].is_number())
        .cloned()
        .collect();
    if !numeric.is_empty() && r.chance(35) {
        let k = r.pick(&numeric);
        let v = &m[&k];
        let step = r.pick(&[-2i64, -1, 1, 2]);
        let moved = match (v.as_i64(), v.as_u64(), v.as_f64()) {
            (Some(i), ..) => json!(i.saturating_add(step)),
            (None, Some(u), _) => json!(u.saturating_add_signed(step)),
            #[allow(clippy::cast_precision_loss)]
            (.., Some(f)) => json!(f + step as f64 / 2.0),
            _ => return b,
        };
        let bad = k.ends_with("Length")
            || k.ends_with("Items")
            || k.ends_with("Properties")
            || k.ends_with("Contains");
        let negative = bad && moved.as_i64().is_some_and(|n| n < 0);
        let no_step = k == "multipleOf" && moved.as_f64().is_none_or(|f| f <= 0.0);
        if !negative && !no_step {
            m.insert(k, moved);
        }
        return b;
    }
    // Removals next: they are what a non-breaking change mostly is, and
    // where a default (`minContains`) or a sibling (`exclusiveMaximum`
    // beside `maximum`) can make one unsound.
    match r.next(18).saturating_sub(4) {
        0 if !keys.is_empty() => {
            let k = r.pick(&keys);
            m.remove(&k);
        }
        1 => {
            let k = r.pick(&[
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            ]);
            let n = number(r);
            if k != "multipleOf" || n.as_f64().is_some_and(|f| f > 0.0) {
                m.insert(k.into(), n);
            }
        }
        2 => {
            let k = r.pick(&[
                "minLength",
                "maxLength",
                "minItems",
                "maxItems",
                "minProperties",
                "maxProperties",
                "minContains",
                "maxContains",
            ]);
            m.insert(k.into(), json!(r.next(4)));
        }
        3 => {
            // The same number in the other type.
            for v in m.values_mut() {
                if let Some(n) = v.as_i64().filter(|n| n.abs() < 1000) {
                    #[allow(clippy::cast_precision_loss)]
                    let f = n as f64;
                    *v = json!(f);
                    break;
                }
                if let Some(f) = v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1000.0) {
                    #[allow(clippy::cast_possible_truncation)]
                    let n = f as i64;
                    *v = json!(n);
                    break;
                }
            }
        }
        4 => match m.get_mut("enum") {
            Some(Value::Array(e)) => match r.next(3) {
                0 => e.push(scalar(r)),
                1 => {
                    e.pop();
                }
                _ => {
                    if let Some(first) = e.first_mut() {
                        *first = match first.as_f64() {
                            Some(f) if first.is_i64() => json!(f),
                            _ => scalar(r),
                        };
                    }
                }
            },
            _ => {
                m.insert("const".into(), scalar(r));
            }
        },
        5 => {
            let t = r.pick(&[
                json!("integer"),
                json!("number"),
                json!("string"),
                json!(["string", "null"]),
                json!(["integer", "null"]),
            ]);
            m.insert("type".into(), t);
        }
        6 => {
            let req = m.entry("required").or_insert_with(|| json!([]));
            if let Value::Array(items) = req {
                if r.chance(50) || items.is_empty() {
                    items.push(json!(r.pick(&NAMES)));
                    items.dedup();
                } else {
                    items.pop();
                }
            }
        }
        7 => {
            let v = r.pick(&[json!(false), json!(true), json!({"type": "string"})]);
            m.insert("additionalProperties".into(), v);
        }
        8 => {
            let k = if draft == Draft::D2020 {
                "dependentRequired"
            } else {
                "dependencies"
            };
            if m.remove(k).is_none() {
                m.insert(k.into(), json!({r.pick(&NAMES): [r.pick(&NAMES)]}));
            }
        }
        9 => {
            for k in ["anyOf", "oneOf", "allOf"] {
                if let Some(Value::Array(alts)) = m.get_mut(k) {
                    if r.chance(50) {
                        alts.push(node(r, 0, draft));
                    } else if alts.len() > 1 {
                        alts.pop();
                    }
                    break;
                }
            }
        }
        10 => {
            if m.remove("contains").is_none() {
                m.insert("contains".into(), node(r, 0, draft));
            }
        }
        11 => {
            m.insert("uniqueItems".into(), json!(r.chance(50)));
        }
        12 => {
            if let Some(Value::Object(props)) = m.get_mut("properties") {
                let name = r.pick(&NAMES);
                if props.remove(name).is_none() {
                    props.insert(name.into(), node(r, 0, draft));
                }
            }
        }
        _ => {
            let k = r.pick(&["pattern", "format", "propertyNames", "not"]);
            let v = match k {
                "pattern" => json!(r.pick(&["^a", "b$", "^[ab]*$"])),
                "format" => json!("date"),
                "propertyNames" => json!({"maxLength": 2}),
                _ => node(r, 0, draft),
            };
            if m.remove(k).is_none() {
                m.insert(k.into(), v);
            }
        }
    }
    b
}

/// A value shaped by `s` (mostly valid for it), sometimes anything.
fn instance(r: &mut Rng, s: &Value, depth: usize) -> Value {
    if r.chance(8) || depth > 5 {
        return scalar(r);
    }
    let Some(o) = s.as_object() else {
        return scalar(r);
    };
    if let Some(c) = o.get("const") {
        return c.clone();
    }
    if let Some(Value::Array(e)) = o.get("enum")
        && !e.is_empty()
    {
        return r.pick(e);
    }
    for k in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(alts)) = o.get(k)
            && !alts.is_empty()
        {
            let alt = r.pick(alts);
            return instance(r, &alt, depth + 1);
        }
    }
    let ty = match o.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) if !ts.is_empty() => {
            r.pick(ts).as_str().unwrap_or("null").to_string()
        }
        _ => r.pick(&["integer", "string", "object"]).to_string(),
    };
    match ty.as_str() {
        "integer" | "number" => {
            let lo = o
                .get("minimum")
                .or(o.get("exclusiveMinimum"))
                .and_then(Value::as_f64);
            let hi = o
                .get("maximum")
                .or(o.get("exclusiveMaximum"))
                .and_then(Value::as_f64);
            match r.next(4) {
                0 if lo.is_some() => o.get("minimum").cloned().unwrap_or_else(|| number(r)),
                1 if hi.is_some() => o.get("maximum").cloned().unwrap_or_else(|| number(r)),
                _ => number(r),
            }
        }
        "string" => json!(r.pick(&[
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "2024-01-31",
            "2024-02-30",
            "bab"
        ])),
        "boolean" => json!(r.chance(50)),
        "null" => Value::Null,
        "array" => {
            let items = o.get("items").cloned().unwrap_or(json!({}));
            let contains = o.get("contains").cloned();
            let n = r.next(4);
            let mut out: Vec<Value> = (0..n).map(|_| instance(r, &items, depth + 1)).collect();
            if let Some(c) = contains
                && r.chance(50)
            {
                out.push(instance(r, &c, depth + 1));
            }
            Value::Array(out)
        }
        _ => {
            let mut m = Map::new();
            let required: Vec<String> = o
                .get("required")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let props = o
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let mut names: Vec<String> = NAMES.iter().map(ToString::to_string).collect();
            names.extend(props.keys().cloned());
            names.extend(required.iter().cloned());
            names.sort();
            names.dedup();
            for name in names {
                if required.contains(&name) || r.chance(60) {
                    let sub = props.get(&name).cloned().unwrap_or(json!({}));
                    m.insert(name, instance(r, &sub, depth + 1));
                }
            }
            if r.chance(10) {
                m.insert("extra".into(), scalar(r));
            }
            Value::Object(m)
        }
    }
}

/// `boon`, compiled offline, formats asserted as `reg` asserts them.
fn boon_of(schema: &Value) -> Option<(boon::Schemas, boon::SchemaIndex)> {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("http://reg.test/schema.json", schema.clone())
        .ok()?;
    let index = compiler
        .compile("http://reg.test/schema.json", &mut schemas)
        .ok()?;
    Some((schemas, index))
}

#[test]
fn non_breaking_verdicts_hold_for_two_independent_validators() {
    let pairs: usize = std::env::var("REG_SOUNDNESS_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("REG_SOUNDNESS_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_d1ff);
    let mut r = Rng(seed);
    let (mut judged, mut checked, mut breaking, mut disagreed) = (0usize, 0usize, 0usize, 0usize);
    let mut disagreements: Vec<String> = Vec::new();
    for _ in 0..pairs {
        let (a, draft) = schema(&mut r);
        let mut b = mutate(&mut r, &a, draft);
        while r.chance(20) {
            b = mutate(&mut r, &b, draft);
        }
        let changes = diff(&a, &b);
        if overall(&changes) == Class::Breaking {
            breaking += 1;
            continue;
        }
        let (Ok(ja), Ok(jb)) = (ConfigSchema::compile(&a), ConfigSchema::compile(&b)) else {
            continue;
        };
        let (Some((sa, ia)), Some((sb, ib))) = (boon_of(&a), boon_of(&b)) else {
            continue;
        };
        judged += 1;
        for _ in 0..16 {
            let c = instance(&mut r, &a, 0);
            let why = |who: &str| {
                format!(
                    "reg diff said {:?}, but by {who} {c} is valid for\n{a}\nand not for\n{b}\nchanges: {changes:#?}",
                    overall(&changes)
                )
            };
            let (ja_ok, jb_ok) = (ja.is_valid(&c), jb.is_valid(&c));
            let (ba_ok, bb_ok) = (sa.validate(&c, ia).is_ok(), sb.validate(&c, ib).is_ok());
            if (ja_ok, jb_ok) != (ba_ok, bb_ok) {
                // The validators read this configuration differently (at
                // 2^53, where one compares floats): neither is the oracle.
                if disagreements.len() < 3 {
                    disagreements.push(format!("{c} for {a} → {b}"));
                }
                disagreed += 1;
                continue;
            }
            if ja_ok {
                checked += 1;
                assert!(jb_ok, "{}", why("jsonschema and boon"));
            }
        }
    }
    eprintln!(
        "{pairs} pairs: {breaking} judged breaking, {judged} non-breaking pairs replayed with {checked} configurations valid for A; \
         the validators disagreed on {disagreed} configurations (left out), e.g. {disagreements:?}"
    );
    assert!(
        disagreed * 10 <= checked,
        "the validators disagree too often ({disagreed}) to be oracles"
    );
    assert!(
        judged * 5 > pairs,
        "too few non-breaking pairs ({judged}) to test anything"
    );
    assert!(checked > judged, "too few valid configurations ({checked})");
}

/// Fragments that pass a quick look and fail (or not) only when built:
/// regular expressions, references, counts and bounds at the edges of
/// what the validator reads, identifiers that move references.
fn hazard(r: &mut Rng) -> (String, Value) {
    let (key, value) = r.pick(&[
        ("pattern", json!("(")),
        ("pattern", json!("(?<=a)b")),
        ("pattern", json!("^(?=a)a+$")),
        ("pattern", json!("\\p{Letter}+")),
        ("pattern", json!("\\cA")),
        ("pattern", json!("[\\d-z]")),
        ("patternProperties", json!({"[": {}})),
        (
            "patternProperties",
            json!({"^x-": {"type": "string"}, "(?<n>a)": {}}),
        ),
        ("$ref", json!("#")),
        ("$ref", json!("#/$defs/a")),
        ("$ref", json!("#/definitions/a")),
        ("$ref", json!("#/$defs/missing")),
        ("$ref", json!("#/$defs/a%20b")),
        ("$ref", json!("#/properties")),
        ("$ref", json!("#a")),
        ("$ref", json!("other.json")),
        (
            "$defs",
            json!({"a": {"type": "string"}, "loop": {"$ref": "#/$defs/loop"}}),
        ),
        ("definitions", json!({"a": {"minimum": 1}})),
        ("maxLength", json!(1.0)),
        ("maxLength", json!(18_446_744_073_709_551_615_u64)),
        ("minItems", json!(3)),
        ("maxContains", json!(0)),
        ("minimum", json!(1e308)),
        ("maximum", json!(-9_007_199_254_740_993_i64)),
        ("multipleOf", json!(1e-320)),
        ("multipleOf", json!(0.1)),
        ("$id", json!("https://reg.test/x")),
        ("$anchor", json!("a")),
        ("$dynamicRef", json!("#meta")),
        ("$schema", json!("http://json-schema.org/draft-07/schema#")),
        ("format", json!("no-such-format")),
        ("contentMediaType", json!("application/json")),
        ("id", json!("x")),
        ("unevaluatedProperties", json!(false)),
    ]);
    (key.to_string(), value)
}

/// `ConfigSchema::verify` skips building only where that cannot change the
/// answer: on generated schemas with damage planted anywhere, it accepts and
/// refuses exactly what building accepts and refuses.
#[test]
fn verifying_a_schema_decides_as_building_it() {
    let mut r = Rng(0x7e51_f1ed);
    let (mut valid, mut invalid) = (0usize, 0usize);
    for _ in 0..4_000 {
        let (mut s, draft) = schema(&mut r);
        for _ in 0..1 + r.next(3) {
            let mut all = Vec::new();
            nodes(&s, String::new(), &mut all);
            let at = r.pick(&all);
            let (key, value) = hazard(&mut r);
            if let Some(Value::Object(m)) = s.pointer_mut(&at) {
                m.insert(key, value);
            }
        }
        if r.chance(30) {
            s = mutate(&mut r, &s, draft);
        }
        let built = ConfigSchema::compile(&s).is_ok();
        assert_eq!(
            ConfigSchema::verify(&s).is_ok(),
            built,
            "verify and compile disagree on {s}"
        );
        if built {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(
        valid > 500 && invalid > 500,
        "{valid} valid, {invalid} invalid"
    );
}

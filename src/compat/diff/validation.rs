//! The keywords that constrain one value (JSON Schema's validation
//! vocabulary): `type`, `enum` and `const`, numeric, string, array and
//! object bounds, `pattern`, `format`, `uniqueItems`, `required`.

use serde_json::{Map, Value};

use super::value::{Num, equal, num};
use super::{Class, Cx, join, list, short};

impl<'a> Cx<'a> {
    pub(super) fn types(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
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

    pub(super) fn enums(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
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

    pub(super) fn bounds(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
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
    pub(super) fn bound(
        &mut self,
        path: &str,
        a: Option<(Num, bool)>,
        b: Option<(Num, bool)>,
        upper: bool,
    ) {
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
    pub(super) fn simple(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
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

    pub(super) fn required(&mut self, a: &Map<String, Value>, b: &Map<String, Value>, path: &str) {
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
}

fn show_bound((v, exclusive): (Num, bool), upper: bool) -> String {
    match (upper, exclusive) {
        (true, false) => format!("≤ {v}"),
        (true, true) => format!("< {v}"),
        (false, false) => format!("≥ {v}"),
        (false, true) => format!("> {v}"),
    }
}

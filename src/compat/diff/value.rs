//! Comparing JSON values as JSON Schema compares them: numbers by value,
//! and schemas by what they validate (which equality of their text shows,
//! unless a `$ref` points elsewhere).

use serde_json::Value;

/// A JSON number compared as JSON Schema compares numbers: by value (`1`
/// and `1.0` are equal), integers exactly even beyond 2^53, where a float
/// would round `9007199254740993` to `...992`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    pub(super) fn of(v: &Value) -> Option<Num> {
        let n = v.as_number()?;
        if let Some(i) = n.as_i64() {
            return Some(Num::Int(i128::from(i)));
        }
        if let Some(u) = n.as_u64() {
            return Some(Num::Int(i128::from(u)));
        }
        n.as_f64().filter(|f| f.is_finite()).map(Num::Float)
    }

    pub(super) fn as_f64(self) -> f64 {
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

pub(super) fn num(v: Option<&Value>) -> Option<Num> {
    v.and_then(Num::of)
}

/// Whether two JSON values are equal as JSON Schema's `enum` and `const`
/// compare them: numbers by value, the rest structurally.
pub(super) fn equal(a: &Value, b: &Value) -> bool {
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

/// Equal schemas validate alike, unless they refer elsewhere: the same
/// `$ref` can point at different targets in the two documents.
pub(super) fn same(a: &Value, b: &Value) -> bool {
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
pub(super) fn identical(a: &Value, b: &Value) -> bool {
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

//! Property test of `reg diff`'s promise (SPEC §5): when it classifies a
//! change as minor or patch, every configuration valid under the old schema
//! is valid under the new one. Schemas and configurations are generated
//! from a small vocabulary so that random configurations often validate.

use proptest::prelude::*;
use reg::compat::{Class, diff, overall};
use reg::schema::ConfigSchema;
use serde_json::{Value, json};

fn leaf() -> impl Strategy<Value = Value> {
    let ty = prop_oneof![
        Just("string"),
        Just("integer"),
        Just("number"),
        Just("boolean")
    ];
    (
        ty,
        proptest::option::of(-3i64..4),
        proptest::option::of(-3i64..4),
        proptest::option::of(0u64..4),
        proptest::option::of(prop::sample::subsequence(
            vec![json!("a"), json!("b"), json!(1), json!(2), json!(true)],
            1..4,
        )),
        proptest::option::of(prop::sample::select(vec!["^a", "^b", "a|b"])),
        proptest::option::of(prop::sample::select(vec![1, 2, 4])),
        any::<bool>(),
    )
        .prop_map(|(ty, min, max, maxlen, en, pattern, multiple, typed)| {
            let mut s = serde_json::Map::new();
            if typed {
                s.insert("type".into(), json!(ty));
            }
            if let Some(m) = min {
                s.insert("minimum".into(), json!(m));
            }
            if let Some(m) = max {
                s.insert("maximum".into(), json!(m));
            }
            if let Some(m) = maxlen {
                s.insert("maxLength".into(), json!(m));
            }
            if let Some(e) = en {
                s.insert("enum".into(), Value::Array(e));
            }
            if let Some(p) = pattern {
                s.insert("pattern".into(), json!(p));
            }
            if let Some(m) = multiple {
                s.insert("multipleOf".into(), json!(m));
            }
            Value::Object(s)
        })
}

fn schema() -> impl Strategy<Value = Value> {
    let names = ["p0", "p1", "p2"];
    (
        prop::collection::vec(proptest::option::of(leaf()), 3),
        prop::sample::subsequence(names.to_vec(), 0..3),
        prop_oneof![
            Just(None),
            Just(Some(json!(false))),
            Just(Some(json!(true))),
            leaf().prop_map(Some)
        ],
        proptest::option::of(prop::collection::vec(leaf(), 1..3)),
        proptest::option::of(prop::collection::vec(leaf(), 1..3)),
    )
        .prop_map(move |(props, required, additional, any_of, one_of)| {
            let mut properties = serde_json::Map::new();
            for (n, p) in names.iter().zip(props) {
                if let Some(p) = p {
                    properties.insert((*n).into(), p);
                }
            }
            let mut s = json!({"type": "object", "properties": properties, "required": required});
            if let Some(a) = additional {
                s["additionalProperties"] = a;
            }
            if let Some(a) = any_of {
                s["properties"]["p3"] = json!({"anyOf": a});
            }
            if let Some(o) = one_of {
                s["properties"]["p4"] = json!({"oneOf": o});
            }
            s
        })
}

/// A change of a schema the way authors change them: one edit at a time.
fn mutate(a: Value) -> impl Strategy<Value = Value> {
    (
        0usize..12,
        leaf(),
        prop::sample::select(vec!["p0", "p1", "p2", "p3", "p4", "p5"]),
        -3i64..4,
    )
        .prop_map(move |(op, l, name, n)| {
            let mut b = a.clone();
            fn prop<'v>(
                b: &'v mut Value,
                name: &str,
            ) -> Option<&'v mut serde_json::Map<String, Value>> {
                b["properties"].get_mut(name)?.as_object_mut()
            }
            match op {
                0 => {
                    b["properties"][name] = l;
                }
                1 => {
                    b["properties"].as_object_mut().unwrap().remove(name);
                }
                2 => {
                    if let Some(p) = prop(&mut b, name) {
                        p.insert("maximum".into(), json!(n));
                    }
                }
                3 => {
                    if let Some(p) = prop(&mut b, name) {
                        p.remove("maximum");
                        p.remove("minimum");
                    }
                }
                4 => {
                    b["required"].as_array_mut().unwrap().retain(|r| r != name);
                }
                5 => {
                    let r = b["required"].as_array_mut().unwrap();
                    if !r.contains(&json!(name)) {
                        r.push(json!(name));
                    }
                }
                6 => {
                    b.as_object_mut().unwrap().remove("additionalProperties");
                }
                7 => {
                    b["additionalProperties"] = json!(false);
                }
                8 => {
                    if let Some(Value::Array(e)) =
                        prop(&mut b, name).and_then(|p| p.get_mut("enum"))
                    {
                        e.push(json!("z"));
                    }
                }
                9 => {
                    if let Some(Value::Array(e)) =
                        prop(&mut b, name).and_then(|p| p.get_mut("enum"))
                    {
                        e.pop();
                    }
                }
                10 => {
                    if let Some(p) = prop(&mut b, name) {
                        if p.get("type") == Some(&json!("integer")) {
                            p.insert("type".into(), json!("number"));
                        } else {
                            p.remove("type");
                        }
                    }
                }
                _ => {
                    if let Some(Value::Array(alts)) =
                        prop(&mut b, name).and_then(|p| p.get_mut("anyOf"))
                    {
                        alts.push(l);
                    }
                }
            }
            b
        })
}

fn config() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        (-4i64..5).prop_map(|n| json!(n)),
        Just(json!(1.5)),
        prop::sample::select(vec!["", "a", "b", "ab", "ba", "abcd", "z"]).prop_map(|s| json!(s)),
        any::<bool>().prop_map(|b| json!(b)),
    ];
    prop::collection::btree_map(
        prop::sample::select(vec!["p0", "p1", "p2", "p3", "p4", "p5"]),
        scalar,
        0..5,
    )
    .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

fn check(a: &Value, b: &Value, configs: &[Value]) -> Result<(), TestCaseError> {
    let changes = diff(a, b);
    if overall(&changes) == Class::Breaking {
        return Ok(());
    }
    let (Ok(va), Ok(vb)) = (ConfigSchema::compile(a), ConfigSchema::compile(b)) else {
        return Err(TestCaseError::reject("not a valid schema pair"));
    };
    for c in configs {
        prop_assert!(
            !va.is_valid(c) || vb.is_valid(c),
            "diff said {:?} but {c} is valid for\n{a}\nand not for\n{b}\nchanges: {changes:#?}",
            overall(&changes)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn one_edit_non_breaking_means_old_configs_stay_valid(
        (a, b) in schema().prop_flat_map(|a| (Just(a.clone()), mutate(a))),
        configs in prop::collection::vec(config(), 48),
    ) {
        check(&a, &b, &configs)?;
    }

    #[test]
    fn unrelated_non_breaking_means_old_configs_stay_valid(
        a in schema(), b in schema(), configs in prop::collection::vec(config(), 48),
    ) {
        check(&a, &b, &configs)?;
    }
}

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
        pairs.iter().any(|(x, y)| identical(x, y)) && pairs.iter().any(|(x, y)| !identical(x, y))
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
    let alt =
        |c: Value| json!({"required": ["t"], "properties": {"t": {"const": c}}, "type": "object"});
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

//! Editing a YAML file in place (SPEC §3): a lifecycle change sets a few
//! top-level keys (`status`, `updatedAt`, `deprecation`, an instance's
//! `definition`) and every other byte stays as it was: comments, key order,
//! quoting, blank lines, the `# yaml-language-server: $schema=` line.
//!
//! A scalar value is replaced where it stands; a key that is missing is
//! added at the end; a key whose value is a block is rewritten whole. The
//! result is read back and must mean exactly the value intended, or the
//! edit is not used and [`rewrite`] writes the whole file out again.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::source::SourceMap;

/// The new text of a file whose top-level keys in `set` were given their
/// values, and what it now says: `raw` is the whole document as it must
/// read afterwards. Edited in place when that says exactly `raw`, else
/// written out whole.
///
/// # Errors
///
/// When `raw` cannot be written as YAML or does not fit `T` (a bug: the
/// callers change only keys `T` knows).
pub fn rewrite<T: DeserializeOwned>(
    text: &str,
    set: &[(&str, &Value)],
    raw: &Value,
) -> Result<(String, T)> {
    let text = match set_top_level(text, set, raw) {
        Some(text) => text,
        None => crate::yaml::to_string(raw)?,
    };
    let parsed = T::deserialize(raw).map_err(|e| Error::Environment {
        message: format!("internal: the new state does not fit the format: {e}"),
        help: None,
    })?;
    Ok((text, parsed))
}

/// `text` with each top-level key of `set` given its value, or `None` when
/// an edit in place cannot say exactly `expected` (the whole document as it
/// must read afterwards).
#[must_use]
fn set_top_level(text: &str, set: &[(&str, &Value)], expected: &Value) -> Option<String> {
    let map = SourceMap::build(text);
    // A flow mapping (`{...}`) has nowhere to add a line.
    let root = map.value_at("")?;
    if text[root.start..].starts_with('{') {
        return None;
    }
    let keys = map.top_level_keys();
    if keys.iter().any(|(_, loc)| loc.column != 1) {
        return None;
    }
    let old: Value = crate::yaml::parse(text).ok()?;
    // Edits are made from the end of the text backwards, so earlier
    // offsets stay valid.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut appended = String::new();
    for (key, value) in set {
        let pointer = format!("/{}", crate::yaml::escape_pointer(key));
        let i = keys.iter().position(|(k, _)| k == key);
        let scalar = old
            .get(*key)
            .is_some_and(|v| !v.is_object() && !v.is_array());
        match i {
            Some(_) if scalar && !value.is_object() && !value.is_array() => {
                let at = map.value_at(&pointer)?;
                let rendered = scalar_text(value)?;
                edits.push((at.start, at.end, rendered));
            }
            Some(i) => {
                let start = line_start(text, keys[i].1.start);
                let end = keys
                    .get(i + 1)
                    .map_or(text.len(), |(_, next)| line_start(text, next.start));
                edits.push((start, end, entry_text(key, value)?));
            }
            None => appended.push_str(&entry_text(key, value)?),
        }
    }
    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    if !appended.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&appended);
    }
    (crate::yaml::parse(&out).ok()? == *expected).then_some(out)
}

/// A scalar as it stands after `key: `, on one line.
fn scalar_text(value: &Value) -> Option<String> {
    let text = crate::yaml::to_string(value).ok()?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    (!text.contains('\n')).then(|| text.to_string())
}

/// `key: value` as whole lines, as `reg` writes them.
fn entry_text(key: &str, value: &Value) -> Option<String> {
    let mut one = serde_json::Map::new();
    one.insert(key.to_string(), value.clone());
    crate::yaml::to_string(&Value::Object(one)).ok()
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = "# yaml-language-server: $schema=../../.reg/schemas/definition.schema.json\n\
name: stripe   # the payments one\n\
version: 1.2.0\n\
title: 'Stripe'\n\
status: DRAFT\n\
\n\
# reviewed by the payments team\n\
configSchema: {type: object}\n\
updatedAt: \"2026-01-01T00:00:00Z\"\n";

    fn after(text: &str, set: &[(&str, &Value)]) -> Option<String> {
        let mut expected = crate::yaml::parse(text).unwrap();
        for (k, v) in set {
            expected[*k] = (*v).clone();
        }
        set_top_level(text, set, &expected)
    }

    #[test]
    fn changes_only_the_values_it_sets() {
        let out = after(
            FILE,
            &[
                ("status", &json!("PUBLISHED")),
                ("updatedAt", &json!("2026-02-03T04:05:06Z")),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace("status: DRAFT", "status: PUBLISHED")
                .replace("\"2026-01-01T00:00:00Z\"", "2026-02-03T04:05:06Z")
        );
    }

    #[test]
    fn adds_a_block_at_the_end_and_replaces_one_whole() {
        let deprecation = json!({"reason": "old API", "since": "2026-02-03T04:05:06Z"});
        let out = after(FILE, &[("deprecation", &deprecation)]).unwrap();
        assert!(out.starts_with(FILE), "{out}");
        assert!(out.ends_with("deprecation:\n  reason: old API\n  since: 2026-02-03T04:05:06Z\n"));
        let again = json!({"reason": "gone", "since": "2026-03-03T00:00:00Z"});
        let out2 = after(&out, &[("deprecation", &again)]).unwrap();
        assert!(
            out2.starts_with(FILE) && out2.contains("reason: gone"),
            "{out2}"
        );
    }

    #[test]
    fn gives_up_where_it_cannot_be_exact() {
        assert!(
            after(
                "{name: a, status: DRAFT}\n",
                &[("status", &json!("PUBLISHED"))]
            )
            .is_none()
        );
        let expected = json!({"name": "a", "status": "X"});
        assert!(
            set_top_level(
                "name: a\nstatus: DRAFT\n",
                &[("status", &json!("PUBLISHED"))],
                &expected
            )
            .is_none()
        );
    }
}

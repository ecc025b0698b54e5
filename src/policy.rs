//! Policy as data (SPEC §15): the rules a team adds in `reg.yaml` without
//! forking the tool. Each rule's findings have the code `policy/<rule>`,
//! the rule's severity, and a place in the file like every other finding;
//! `validate`, `check`, `register` and `reg validate FILE` apply them, and
//! the rulebook treats loosening them as a change of its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::definition::{Definition, Status};
use crate::finding::{Finding, Severity};

/// The `policy` block of `reg.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// Fields every definition must have, as dotted paths (`links.docs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// The allowed `category` values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// The allowed tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// A regular expression names must match, on top of reg's own syntax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_pattern: Option<String>,
    /// The largest `configSchema`, in bytes of compact JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_schema_bytes: Option<u64>,
    /// Whether a breaking bump needs a `migration` note (SPEC §13; on
    /// unless set to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration_required: Option<bool>,
    /// A severity per rule; `error` unless given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Level>,
}

/// How much a rule's findings weigh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A finding that fails the run.
    Error,
    /// A finding that does not.
    Warning,
}

/// The rules, by the name `severity` and the codes use.
pub const RULES: [&str; 6] = [
    "required",
    "categories",
    "tags",
    "namePattern",
    "maxSchemaBytes",
    "migrationRequired",
];

impl Policy {
    /// A rule's severity.
    #[must_use]
    pub fn level(&self, rule: &str) -> Level {
        self.severity.get(rule).copied().unwrap_or(Level::Error)
    }

    /// Whether a breaking bump needs a `migration` note.
    #[must_use]
    pub fn migration_required(&self) -> bool {
        self.migration_required != Some(false)
    }

    /// The findings of definition `data` (read from `file` as `raw`)
    /// against this policy, not yet located in its source. ARCHIVED
    /// versions are left alone: they are kept for the record, not used.
    #[must_use]
    pub fn check(&self, file: &str, data: &Definition, raw: &Value) -> Vec<Finding> {
        if data.status == Some(Status::Archived) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut push =
            |rule: &'static str, code: &'static str, pointer: String, message: String| {
                let mut f = Finding::error(file, pointer, rule, code, message);
                if self.level(rule) == Level::Warning {
                    f.severity = Severity::Warning;
                }
                out.push(f);
            };
        for field in &self.required {
            let pointer: String = field.split('.').map(|k| format!("/{k}")).collect();
            let present = raw.pointer(&pointer).is_some_and(|v| match v {
                Value::Null => false,
                Value::String(s) => !s.trim().is_empty(),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            });
            if !present {
                let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p).to_string();
                push(
                    "required",
                    "policy/required",
                    parent,
                    format!("`{field}` is required by this registry's policy (reg.yaml)"),
                );
            }
        }
        if let (Some(allowed), Some(category)) = (&self.categories, &data.category)
            && !allowed.contains(category)
        {
            push(
                "categories",
                "policy/categories",
                "/category".into(),
                format!(
                    "category: `{category}` is not one of this registry's categories: {}",
                    allowed.join(", ")
                ),
            );
        }
        if let Some(allowed) = &self.tags {
            for (i, tag) in data.tags.iter().enumerate() {
                if !allowed.contains(tag) {
                    let close = crate::words::did_you_mean(tag, allowed.iter().map(String::as_str));
                    let hint =
                        close.map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"));
                    push(
                        "tags",
                        "policy/tags",
                        format!("/tags/{i}"),
                        format!("tags: `{tag}` is not in this registry's tag vocabulary{hint}"),
                    );
                }
            }
        }
        if let Some(pattern) = &self.name_pattern {
            match regex::Regex::new(pattern) {
                Ok(re) if !re.is_match(&data.name) => push(
                    "namePattern",
                    "policy/namePattern",
                    "/name".into(),
                    format!(
                        "name: `{}` does not match this registry's pattern `{pattern}`",
                        data.name
                    ),
                ),
                Ok(_) => {}
                // reg.yaml is checked when it is read; a bad pattern there
                // is its finding, not every definition's.
                Err(_) => {}
            }
        }
        if let Some(max) = self.max_schema_bytes {
            let size = serde_json::to_vec(&data.config_schema).map_or(0, |b| b.len() as u64);
            if size > max {
                push(
                    "maxSchemaBytes",
                    "policy/maxSchemaBytes",
                    "/configSchema".into(),
                    format!("configSchema: {size} bytes as JSON; this registry's limit is {max}"),
                );
            }
        }
        out
    }

    /// What `new` loosens compared with `self`, in words: a required field
    /// dropped, a value allowed, a limit raised or lifted, a rule made a
    /// warning. Each is a `policy-relaxed` finding in `check`.
    #[must_use]
    pub fn loosened_by(&self, new: &Policy) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for field in &self.required {
            if !new.required.contains(field) {
                out.push((
                    "/policy/required".into(),
                    format!("`{field}` is no longer required"),
                ));
            }
        }
        let widened = |old: &Option<Vec<String>>, new: &Option<Vec<String>>| match (old, new) {
            (Some(_), None) => Some("the rule is removed".to_string()),
            (Some(o), Some(n)) => {
                let added: Vec<&str> = n
                    .iter()
                    .filter(|v| !o.contains(v))
                    .map(String::as_str)
                    .collect();
                (!added.is_empty()).then(|| format!("{} allowed", added.join(", ")))
            }
            _ => None,
        };
        if let Some(why) = widened(&self.categories, &new.categories) {
            out.push(("/policy/categories".into(), format!("categories: {why}")));
        }
        if let Some(why) = widened(&self.tags, &new.tags) {
            out.push(("/policy/tags".into(), format!("tags: {why}")));
        }
        if self.name_pattern.is_some() && self.name_pattern != new.name_pattern {
            out.push((
                "/policy/namePattern".into(),
                "namePattern: changed or removed".into(),
            ));
        }
        match (self.max_schema_bytes, new.max_schema_bytes) {
            (Some(o), None) => out.push((
                "/policy/maxSchemaBytes".into(),
                format!("maxSchemaBytes: {o} → no limit"),
            )),
            (Some(o), Some(n)) if n > o => out.push((
                "/policy/maxSchemaBytes".into(),
                format!("maxSchemaBytes: {o} → {n}"),
            )),
            _ => {}
        }
        if self.migration_required() && !new.migration_required() {
            out.push((
                "/policy/migrationRequired".into(),
                "migrationRequired: true → false".into(),
            ));
        }
        for rule in RULES {
            if self.level(rule) == Level::Error && new.level(rule) == Level::Warning {
                out.push((
                    format!("/policy/severity/{rule}"),
                    format!("{rule}: error → warning"),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(yaml: &str) -> Policy {
        serde_json::from_value(crate::yaml::parse(yaml).unwrap()).unwrap()
    }

    #[test]
    fn loosening_is_seen_and_tightening_is_not() {
        let strict = policy("required: [owner]\ncategories: [crm]\nmaxSchemaBytes: 100\n");
        let looser =
            policy("categories: [crm, other]\nmaxSchemaBytes: 200\nseverity: {tags: warning}\n");
        let why: Vec<String> = strict
            .loosened_by(&looser)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(why.len(), 4, "{why:?}");
        assert!(
            looser
                .loosened_by(&strict)
                .iter()
                .all(|(p, _)| p != "/policy/categories")
        );
        assert!(strict.loosened_by(&strict).is_empty());
    }
}

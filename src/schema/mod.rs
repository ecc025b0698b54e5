//! JSON Schema: the bundled schemas of `reg`'s own file formats, the
//! compilation of each definition's `configSchema`, and the translation of
//! validation errors into findings a person can act on.
//!
//! Nothing here touches the network: validators are built offline, so a
//! `$ref` to anything but the same document or a bundled meta-schema fails
//! to compile instead of being fetched (SPEC §6).

use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::finding::Finding;
use crate::yaml::escape_pointer;

pub mod proven;
pub mod refs;
mod verify;

/// The schemas of `reg`'s own files, compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundled {
    /// `definitions/<name>/<version>.yaml`
    Definition,
    /// `instances/<name>.yaml`
    Instance,
    /// `reg.yaml`
    Registry,
}

const DEFINITION_SCHEMA: &str = include_str!("../../schemas/definition.schema.json");
const INSTANCE_SCHEMA: &str = include_str!("../../schemas/instance.schema.json");
const REGISTRY_SCHEMA: &str = include_str!("../../schemas/registry.schema.json");

struct Compiled {
    schema: Value,
    validator: Validator,
}

fn compile_bundled(text: &str) -> Compiled {
    let schema: Value = serde_json::from_str(text).expect("bundled schemas are valid JSON");
    let validator = jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("bundled schemas compile");
    Compiled { schema, validator }
}

static DEFINITION: LazyLock<Compiled> = LazyLock::new(|| compile_bundled(DEFINITION_SCHEMA));
static INSTANCE: LazyLock<Compiled> = LazyLock::new(|| compile_bundled(INSTANCE_SCHEMA));
static REGISTRY: LazyLock<Compiled> = LazyLock::new(|| compile_bundled(REGISTRY_SCHEMA));

impl Bundled {
    /// Every bundled schema.
    pub const ALL: [Bundled; 3] = [Bundled::Definition, Bundled::Instance, Bundled::Registry];

    /// The schema as compiled into the binary (JSON).
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Bundled::Definition => DEFINITION_SCHEMA,
            Bundled::Instance => INSTANCE_SCHEMA,
            Bundled::Registry => REGISTRY_SCHEMA,
        }
    }

    /// `definition.schema.json`, ...: its file name under `schemas/` and
    /// `.reg/schemas/`.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Bundled::Definition => "definition.schema.json",
            Bundled::Instance => "instance.schema.json",
            Bundled::Registry => "registry.schema.json",
        }
    }

    fn compiled(self) -> &'static Compiled {
        match self {
            Bundled::Definition => &DEFINITION,
            Bundled::Instance => &INSTANCE,
            Bundled::Registry => &REGISTRY,
        }
    }

    /// Validates a document against this schema; every problem is a finding
    /// on `file`, not yet located in the source.
    #[must_use]
    pub fn check(self, file: &str, value: &Value) -> Vec<Finding> {
        let compiled = self.compiled();
        if compiled.validator.is_valid(value) {
            return Vec::new();
        }
        compiled
            .validator
            .iter_errors(value)
            .flat_map(|e| findings_for(file, &e, &compiled.schema, &|_| false))
            .collect()
    }
}

/// Drafts a `configSchema` may name in `$schema`, by their ids as
/// published; the other scheme (`https` for the older ones, `http` for the
/// newer) names the same draft, as its meta-schema is served at both.
const KNOWN_DRAFTS: &[(&str, jsonschema::Draft)] = &[
    (
        "http://json-schema.org/draft-04/schema",
        jsonschema::Draft::Draft4,
    ),
    (
        "http://json-schema.org/draft-06/schema",
        jsonschema::Draft::Draft6,
    ),
    (
        "http://json-schema.org/draft-07/schema",
        jsonschema::Draft::Draft7,
    ),
    (
        "https://json-schema.org/draft/2019-09/schema",
        jsonschema::Draft::Draft201909,
    ),
    (
        "https://json-schema.org/draft/2020-12/schema",
        jsonschema::Draft::Draft202012,
    ),
];

/// The draft a `$schema` names, and the id it is published under.
fn draft_of(id: &str) -> Option<(&'static str, jsonschema::Draft)> {
    let id = id.trim_end_matches('#');
    let rest = id
        .strip_prefix("https://")
        .or_else(|| id.strip_prefix("http://"))?;
    KNOWN_DRAFTS
        .iter()
        .find(|(known, _)| known.split_once("://").is_some_and(|(_, r)| r == rest))
        .copied()
}

/// A problem with a `configSchema` itself, pointer relative to the schema.
#[derive(Debug, Clone)]
pub struct SchemaProblem {
    /// Where in the schema.
    pub pointer: String,
    /// The meta-schema keyword, or `$schema` / `$ref`.
    pub keyword: String,
    /// Stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// A compiled `configSchema`, ready to validate configurations.
pub struct ConfigSchema {
    schema: Value,
    validator: Validator,
}

impl std::fmt::Debug for ConfigSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigSchema").finish_non_exhaustive()
    }
}

impl ConfigSchema {
    /// Checks a `configSchema` against its draft's meta-schema and compiles
    /// it with format assertions on and no network.
    ///
    /// # Errors
    ///
    /// Returns every problem found in the schema.
    pub fn compile(schema: &Value) -> Result<Self, Vec<SchemaProblem>> {
        let schema = normalized(schema)?;
        let schema = schema.as_ref();
        // Building checks the schema against its meta-schema too; only when
        // that fails is the meta-schema run again, to list every problem.
        let validator = config_options().build(schema).map_err(|e| {
            if matches!(e.kind(), ValidationErrorKind::Referencing(_)) {
                let refs = foreign_refs(schema);
                if !refs.is_empty() {
                    return refs;
                }
            }
            let all: Vec<SchemaProblem> = jsonschema::meta::validator_for(schema)
                .map(|meta| {
                    meta.iter_errors(schema)
                        .map(|e| SchemaProblem {
                            pointer: e.instance_path().to_string(),
                            keyword: e.kind().keyword().to_string(),
                            code: "invalid-config-schema",
                            message: format!(
                                "not a valid JSON Schema: {}",
                                describe(&e, &|_| false)
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if all.is_empty() {
                vec![SchemaProblem {
                    pointer: e.instance_path().to_string(),
                    keyword: e.kind().keyword().to_string(),
                    code: "invalid-config-schema",
                    message: format!("not a valid JSON Schema: {}", describe(&e, &|_| false)),
                }]
            } else {
                all
            }
        })?;
        Ok(ConfigSchema {
            schema: schema.clone(),
            validator,
        })
    }

    /// Validates a configuration. `pointer_prefix` is where the
    /// configuration sits in its file (`/config` in an instance). Values at
    /// pointers for which `masked` is true (secrets, and values holding
    /// them) are never echoed. A value for which `excused` is true (a
    /// secret given as a reference) stands for the real one, whose shape
    /// is not known here: errors about it do not count, nor do the `anyOf`
    /// or `oneOf` alternatives that only fail because of it.
    #[must_use]
    pub fn check(
        &self,
        file: &str,
        pointer_prefix: &str,
        config: &Value,
        masked: &dyn Fn(&str) -> bool,
        excused: &dyn Fn(&str) -> bool,
    ) -> Vec<(String, Finding)> {
        if self.validator.is_valid(config) {
            return Vec::new();
        }
        self.validator
            .iter_errors(config)
            .filter(|e| !only_about(e, excused))
            .flat_map(|e| findings_for(file, &e, &self.schema, masked))
            .map(|mut f| {
                let inner = std::mem::take(&mut f.pointer);
                f.pointer = format!("{pointer_prefix}{inner}");
                f.code = match f.code {
                    "unknown-key" | "missing-key" => f.code,
                    _ => "config-invalid",
                };
                (inner, f)
            })
            .collect()
    }

    /// Whether a configuration is valid.
    #[must_use]
    pub fn is_valid(&self, config: &Value) -> bool {
        self.validator.is_valid(config)
    }

    /// Evaluates a configuration, with annotations (see [`crate::secret`]).
    #[must_use]
    pub fn evaluate(&self, config: &Value) -> jsonschema::Evaluation {
        self.validator.evaluate(config)
    }

    /// The schema as written.
    #[must_use]
    pub fn source(&self) -> &Value {
        &self.schema
    }
}

/// How every `configSchema` is built: format assertions on, no network.
fn config_options() -> jsonschema::ValidationOptions<'static> {
    jsonschema::options()
        .offline()
        .should_validate_formats(true)
}

/// The schema with its `$schema` spelt as the validator knows it (each
/// draft by one id), or the problem when it names no draft `reg` knows.
fn normalized(schema: &Value) -> Result<std::borrow::Cow<'_, Value>, Vec<SchemaProblem>> {
    let Some(draft) = schema.get("$schema") else {
        return Ok(std::borrow::Cow::Borrowed(schema));
    };
    let Some((id, _)) = draft.as_str().and_then(draft_of) else {
        return Err(vec![SchemaProblem {
            pointer: "/$schema".into(),
            keyword: "$schema".into(),
            code: "unknown-draft",
            message: format!(
                "{draft} is not a draft reg knows; use one of {} (http or https)",
                KNOWN_DRAFTS
                    .iter()
                    .map(|(id, _)| *id)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }]);
    };
    if draft.as_str() == Some(id) || draft.as_str() == Some(&format!("{id}#")) {
        return Ok(std::borrow::Cow::Borrowed(schema));
    }
    let mut normalized = schema.clone();
    normalized["$schema"] = Value::String(format!("{id}#"));
    Ok(std::borrow::Cow::Owned(normalized))
}

/// Whether an error is only about excused values: at one, or an `anyOf` /
/// `oneOf` with an alternative that fails only at them.
fn only_about(e: &ValidationError<'_>, excused: &dyn Fn(&str) -> bool) -> bool {
    if excused(e.instance_path().as_str()) {
        return true;
    }
    match e.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
                .iter()
                .any(|alt| !alt.is_empty() && alt.iter().all(|x| only_about(x, excused)))
        }
        _ => false,
    }
}

/// Every `$ref` in the schema that leaves the document: those `reg` refuses.
fn foreign_refs(schema: &Value) -> Vec<SchemaProblem> {
    fn walk(v: &Value, pointer: &mut String, out: &mut Vec<SchemaProblem>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_pointer(k));
                    if k == "$ref"
                        && let Some(r) = child.as_str()
                        && !r.starts_with('#')
                        && draft_of(r).is_none()
                    {
                        out.push(SchemaProblem {
                            pointer: pointer.clone(),
                            keyword: "$ref".into(),
                            code: "remote-ref",
                            message: format!(
                                "`$ref: {r}` points outside this schema; reg never fetches schemas, \
                                 so copy the referenced schema under `$defs` and use `#/$defs/...`, \
                                 or register it as a definition and use `reg:<name>@<range>#/...`"
                            ),
                        });
                    }
                    walk(child, pointer, out);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    walk(child, pointer, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(schema, &mut String::new(), &mut out);
    out
}

/// Turns one validation error into findings. Unknown keys become one
/// finding each, pointing at the key, with a did-you-mean.
fn findings_for(
    file: &str,
    e: &ValidationError<'_>,
    schema: &Value,
    masked: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    let pointer = e.instance_path().to_string();
    let keyword = e.kind().keyword().to_string();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known = known_properties(schema, e.schema_path().as_str());
            unexpected
                .iter()
                .map(|key| {
                    let mut message = format!("unknown key `{key}`");
                    if let Some(s) =
                        crate::words::did_you_mean(key, known.iter().map(String::as_str))
                    {
                        message.push_str(&format!(" (did you mean `{s}`?)"));
                    } else if !known.is_empty() {
                        message.push_str(&format!("; expected one of {}", quote_list(&known)));
                    }
                    Finding::error(
                        file,
                        format!("{pointer}/{}", escape_pointer(key)),
                        keyword.clone(),
                        "unknown-key",
                        message,
                    )
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), String::from);
            vec![Finding::error(
                file,
                pointer,
                keyword,
                "missing-key",
                format!(
                    "{}missing required key `{name}`",
                    subject(&e.instance_path().to_string())
                ),
            )]
        }
        _ => {
            let message = describe(e, masked);
            vec![Finding::error(
                file,
                pointer.clone(),
                keyword,
                "invalid-value",
                format!("{}{message}", subject(&pointer)),
            )]
        }
    }
}

/// `port: ` for `/config/port`, nothing for the root.
fn subject(pointer: &str) -> String {
    match pointer.rsplit('/').next() {
        Some(last) if !pointer.is_empty() => {
            format!("{}: ", last.replace("~1", "/").replace("~0", "~"))
        }
        _ => String::new(),
    }
}

/// The property names declared next to the `additionalProperties` that failed.
fn known_properties(schema: &Value, schema_path: &str) -> Vec<String> {
    let parent = schema_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent);
    schema
        .pointer(parent)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

fn quote_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The patterns of `reg`'s own formats, said in words: a reader should not
/// have to decode a regular expression to fix a name.
fn pattern_in_words(pattern: &str, text: &str) -> Option<String> {
    const NAME: &str = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$";
    const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
    if pattern == NAME {
        return crate::name::check(text).err();
    }
    if pattern == SLUG {
        let hint = crate::name::suggest(text).map_or_else(String::new, |s| format!(" (try `{s}`)"));
        return Some(format!(
            "`{text}` is not a slug: lowercase letters and digits, words joined by single `-`{hint}"
        ));
    }
    if pattern == "\\S" {
        return Some("is blank".to_string());
    }
    if pattern.starts_with(&NAME[..NAME.len() - 1]) && pattern.contains('@') {
        return Some(format!(
            "`{text}` is not a reference to one version: `name@MAJOR.MINOR.PATCH`, such as `stripe@1.2.0`"
        ));
    }
    if pattern.starts_with("^(0|[1-9]\\d*)\\.") {
        return Some(format!(
            "`{text}` is not a SemVer 2.0 version: MAJOR.MINOR.PATCH, such as `1.0.0`"
        ));
    }
    None
}

/// Says what is wrong with the value in plain words. A value whose pointer
/// `masked` is true for (a secret, or a value holding one) is never shown.
#[must_use]
pub fn describe(e: &ValidationError<'_>, masked: &dyn Fn(&str) -> bool) -> String {
    let instance = e.instance();
    let hide = masked(e.instance_path().as_str());
    let shown = if hide {
        "the value".to_string()
    } else {
        let text = instance.to_string();
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(59).collect::<String>())
        } else {
            text
        }
    };
    match e.kind() {
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                jsonschema::error::TypeKind::Single(t) => t.to_string(),
                jsonschema::error::TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("expected {expected}, found {}", type_name(instance))
        }
        ValidationErrorKind::Maximum { limit } => {
            format!("{shown} is greater than the maximum {limit}")
        }
        ValidationErrorKind::Minimum { limit } => {
            format!("{shown} is less than the minimum {limit}")
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("{shown} must be less than {limit}")
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("{shown} must be greater than {limit}")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("{shown} is longer than {limit} characters")
        }
        ValidationErrorKind::MinLength { limit } => {
            if instance.as_str() == Some("") {
                "must not be empty".into()
            } else {
                format!("{shown} is shorter than {limit} characters")
            }
        }
        ValidationErrorKind::MaxItems { limit } => format!("has more than {limit} items"),
        ValidationErrorKind::MinItems { limit } => format!("has fewer than {limit} items"),
        ValidationErrorKind::MaxProperties { limit } => format!("has more than {limit} keys"),
        ValidationErrorKind::MinProperties { limit } => format!("has fewer than {limit} keys"),
        ValidationErrorKind::UniqueItems => "has duplicate items".into(),
        ValidationErrorKind::Enum { options } => {
            format!("{shown} is not one of {}", list_values(options))
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("{shown} must be {expected_value}")
        }
        ValidationErrorKind::Pattern { pattern } => match (instance.as_str(), hide) {
            (Some(text), false) => pattern_in_words(pattern, text)
                .unwrap_or_else(|| format!("{shown} does not match the pattern `{pattern}`")),
            _ => format!("{shown} does not match the pattern `{pattern}`"),
        },
        ValidationErrorKind::Format { format } => format!("{shown} is not a valid {format}"),
        ValidationErrorKind::MultipleOf { multiple_of } => {
            format!("{shown} is not a multiple of {multiple_of}")
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let keyword = e.kind().keyword();
            let mut message = format!(
                "matches none of the {} alternatives of `{keyword}`",
                context.len()
            );
            if let Some((i, first)) = closest(context) {
                message.push_str(&format!(
                    " (closest, #{}: {}{})",
                    i + 1,
                    subject(&first.instance_path().to_string()),
                    describe(first, masked)
                ));
            }
            message
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "matches more than one alternative of `oneOf`; it must match exactly one".into()
        }
        ValidationErrorKind::Not { .. } => "matches a schema it must not match (`not`)".into(),
        ValidationErrorKind::FalseSchema => "is not allowed here".into(),
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            format!("unknown keys {}", quote_list(unexpected))
        }
        ValidationErrorKind::Required { property } => format!("missing required key {property}"),
        ValidationErrorKind::Contains => "no item is what `contains` asks for".into(),
        ValidationErrorKind::PropertyNames { .. } => "a key's name fails `propertyNames`".into(),
        // A mapping or a list may hold what is not to be shown: only
        // scalars are ever quoted.
        _ if hide || instance.is_object() || instance.is_array() => {
            format!("the value fails `{}`", e.kind().keyword())
        }
        _ => e.to_string(),
    }
}

/// The alternative that came nearest to matching: fewest errors, deepest first.
fn closest<'a>(
    context: &'a [Vec<ValidationError<'static>>],
) -> Option<(usize, &'a ValidationError<'static>)> {
    context
        .iter()
        .enumerate()
        .filter(|(_, errors)| !errors.is_empty())
        .min_by_key(|(_, errors)| {
            let depth = errors
                .iter()
                .map(|e| e.instance_path().as_str().matches('/').count())
                .max()
                .unwrap_or(0);
            (errors.len(), usize::MAX - depth)
        })
        .map(|(i, errors)| (i, &errors[0]))
}

fn list_values(options: &Value) -> String {
    match options {
        Value::Array(items) => items
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bundled_schemas_compile_and_accept_a_minimal_definition() {
        let def = json!({"name": "slack", "version": "1.0.0", "title": "Slack",
                         "description": "Post messages", "configSchema": {"type": "object"}});
        assert!(Bundled::Definition.check("d.yaml", &def).is_empty());
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let def = json!({"name": "slack", "version": "1.0.0", "titel": "Slack", "title": "S",
                         "description": "d", "configSchema": {}});
        let findings = Bundled::Definition.check("d.yaml", &def);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].pointer, "/titel");
        assert!(
            findings[0].message.contains("did you mean `title`"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn config_messages_are_plain() {
        let schema = ConfigSchema::compile(&json!({
            "type": "object",
            "properties": {"port": {"type": "integer", "maximum": 65535},
                           "token": {"type": "string", "writeOnly": true, "minLength": 50}},
            "required": ["host"]
        }))
        .unwrap();
        let config = json!({"port": 70000, "token": "hunter2"});
        let found = schema.check("i.yaml", "/config", &config, &|p| p == "/token", &|_| false);
        let messages: Vec<_> = found.iter().map(|(_, f)| f.message.clone()).collect();
        assert!(messages.contains(&"port: 70000 is greater than the maximum 65535".to_string()));
        assert!(messages.contains(&"missing required key `host`".to_string()));
        assert!(
            messages.iter().all(|m| !m.contains("hunter2")),
            "{messages:?}"
        );
    }

    #[test]
    fn remote_refs_and_bad_drafts_are_refused() {
        let problems =
            ConfigSchema::compile(&json!({"$ref": "http://127.0.0.1:9/x.json"})).unwrap_err();
        assert_eq!(problems[0].code, "remote-ref");
        assert_eq!(problems[0].pointer, "/$ref");
        let problems =
            ConfigSchema::compile(&json!({"$schema": "http://example.com/s"})).unwrap_err();
        assert_eq!(problems[0].code, "unknown-draft");
        let problems = ConfigSchema::compile(&json!({"type": "objekt"})).unwrap_err();
        assert_eq!(problems[0].code, "invalid-config-schema");
    }

    #[test]
    fn drafts_are_known_by_either_scheme() {
        for id in [
            "https://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema",
            "https://json-schema.org/draft-04/schema#",
            "http://json-schema.org/draft/2020-12/schema",
        ] {
            let s = ConfigSchema::compile(&json!({"$schema": id, "type": "integer"}))
                .unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert!(!s.is_valid(&json!("x")));
        }
        // Draft 4's boolean exclusiveMaximum is read as draft 4 reads it.
        let d4 = ConfigSchema::compile(&json!({
            "$schema": "https://json-schema.org/draft-04/schema#",
            "maximum": 5, "exclusiveMaximum": true
        }))
        .unwrap();
        assert!(!d4.is_valid(&json!(5)));
    }

    #[test]
    fn formats_are_asserted() {
        let schema = ConfigSchema::compile(&json!({"format": "email"})).unwrap();
        assert!(!schema.is_valid(&json!("not-an-email")));
        assert!(schema.is_valid(&json!("a@example.com")));
    }
}

//! Findings: one problem in one file, located by JSON pointer and by line and
//! column in the YAML source, with a stable code.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

/// How bad a finding is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails validation (exit 1).
    Error,
    /// Worth a look; does not fail validation.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The file, relative to the registry root where it lies inside it.
    pub file: String,
    /// 1-based line of the failing value in the YAML source (0 when unknown).
    pub line: usize,
    /// 1-based column of the failing value (0 when unknown).
    pub column: usize,
    /// JSON pointer of the failing value (`/config/port`), empty for the whole file.
    pub pointer: String,
    /// The schema keyword that failed, or the name of `reg`'s own rule.
    pub keyword: String,
    /// Stable code scripts can match on.
    pub code: &'static str,
    /// What is wrong, in words a person understands without the schema.
    pub message: String,
    /// Whether this fails the run.
    pub severity: Severity,
    /// Byte range of the value in the source, for underlining.
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

impl Finding {
    /// Builds an error finding for a file, not yet located in its source.
    pub fn error(
        file: impl Into<String>,
        pointer: impl Into<String>,
        keyword: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            file: file.into(),
            line: 0,
            column: 0,
            pointer: pointer.into(),
            keyword: keyword.into(),
            code,
            message: message.into(),
            severity: Severity::Error,
            span: None,
        }
    }

    /// Turns the finding into a warning.
    #[must_use]
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

/// The findings of a run and the sources they point into.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// How many files were checked.
    pub files: usize,
    /// Every finding, sorted by file, line and column once [`Report::sort`] ran.
    pub findings: Vec<Finding>,
    /// The text of each file with findings, so they can be shown in context.
    pub sources: BTreeMap<String, Arc<str>>,
}

impl Report {
    /// Whether no finding is an error.
    #[must_use]
    pub fn ok(&self) -> bool {
        self.findings.iter().all(|f| f.severity != Severity::Error)
    }

    /// Adds the findings of one file, with its text for context.
    pub fn add(&mut self, findings: Vec<Finding>, source: Option<(String, Arc<str>)>) {
        if findings.is_empty() {
            return;
        }
        if let Some((file, text)) = source {
            self.sources.insert(file, text);
        }
        self.findings.extend(findings);
    }

    /// Merges another report into this one.
    pub fn merge(&mut self, other: Report) {
        self.files += other.files;
        self.findings.extend(other.findings);
        self.sources.extend(other.sources);
    }

    /// Orders findings by file, then line, then column, as linters do.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.pointer, &a.message)
                .cmp(&(&b.file, b.line, b.column, &b.pointer, &b.message))
        });
        self.findings
            .dedup_by(|a, b| a.file == b.file && a.pointer == b.pointer && a.message == b.message);
    }
}

/// What a finding code means and how to fix it, for the formats that
/// describe their rules (SARIF).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// One sentence: what the rule requires.
    pub summary: &'static str,
    /// What to do about a finding.
    pub help: &'static str,
}

/// The rule behind a finding code; codes not listed get a generic text.
#[must_use]
pub fn rule(code: &str) -> Rule {
    let (summary, help) = match code {
        "yaml-syntax" => (
            "The file must be valid YAML 1.2 (or JSON).",
            "Fix the syntax at the line shown; `reg` reports the first error YAML hits.",
        ),
        "empty-file" => (
            "A registry file must not be empty.",
            "Fill the file in (`reg new NAME` writes a skeleton) or remove it.",
        ),
        "not-utf8" => ("Files must be UTF-8.", "Re-encode the file as UTF-8."),
        "file-too-large" => (
            "Files must stay under reg's size limit.",
            "Split the configSchema into smaller parts or remove what is not needed.",
        ),
        "unknown-key" => (
            "Only the fields of the format (and `x-` extensions) are allowed.",
            "Fix the key's spelling (the message suggests the nearest one) or prefix a custom key with `x-`.",
        ),
        "missing-key" | "missing-field" => (
            "A required field is missing.",
            "Add the field the message names; `reg schema definition` lists them all.",
        ),
        "invalid-value" => (
            "A value does not match the schema of its field.",
            "Change the value to what the message asks for.",
        ),
        "bad-name" => (
            "Names use lowercase letters, digits and `-`, start and end with a letter or digit, up to 64 characters.",
            "Rename it as the message suggests.",
        ),
        "bad-version" => (
            "Versions are SemVer 2.0: MAJOR.MINOR.PATCH.",
            "Write the version as three numbers, like 1.0.0 (quoted in YAML if it could read as a number).",
        ),
        "bad-range" => (
            "Dependency ranges are SemVer requirements (`^1.2`, `>=1, <3`).",
            "Write the range as cargo would read it.",
        ),
        "path-mismatch" => (
            "A definition lives at definitions/<name>/<version>.yaml, an instance at instances/<name>.yaml, matching its content.",
            "Move the file to where its name and version say, or fix the content.",
        ),
        "unexpected-file" => (
            "Only definition and instance files belong under definitions/ and instances/.",
            "Move the file out of the registry's folders or give it the layout's name.",
        ),
        "symlink" | "special-file" => (
            "Registry files are real files: never links, FIFOs or devices.",
            "Replace the link or special file with a regular file (reg never reads through it).",
        ),
        "invalid-config-schema" => (
            "configSchema must be valid for its JSON Schema draft.",
            "Fix the schema at the pointer shown; `$schema` picks the draft (2020-12 by default).",
        ),
        "unknown-draft" => (
            "`$schema` must name a draft reg knows (04, 06, 07, 2019-09, 2020-12).",
            "Use one of the known draft ids, or remove `$schema` for 2020-12.",
        ),
        "remote-ref" => (
            "Schemas never reach the network: `$ref` stays inside the schema or in this registry.",
            "Move the part under `$defs` and use `#/$defs/...`, or register it and use `reg:<name>@<range>#/...`.",
        ),
        "unresolved-schema-ref" => (
            "A `reg:<name>@<range>#<pointer>` reference must resolve in this registry: to a PUBLISHED (else DEPRECATED) version in range, at a pointer that exists.",
            "Publish the referenced version, widen the range, or fix the pointer; a published version's `schemaRefs` must stay within each range and never name a DRAFT.",
        ),
        "unfrozen-schema-ref" => (
            "A published version records in `schemaRefs` the exact version each schema reference resolved to.",
            "Publish with `reg publish`, which writes it, or add the line the message gives.",
        ),
        "config-invalid" => (
            "An instance's config must satisfy its definition's configSchema.",
            "Change the configuration as the message says; `reg config validate REF FILE` checks one.",
        ),
        "plaintext-secret" => (
            "Secret values (`writeOnly`, `x-secret`, `format: password`) are never written in a file.",
            "Give the value as ${env:NAME} or ${file:PATH} and keep the secret in your secret store.",
        ),
        "unresolved-reference" => (
            "A dependency or pin must name a version that exists and is usable.",
            "Register and publish the version it names, or point it at one that exists.",
        ),
        "pinned-unusable" => (
            "Live instances must be pinned to PUBLISHED or DEPRECATED versions.",
            "Upgrade the instance (`reg instance upgrade`) or retire it.",
        ),
        "duplicate" | "duplicate-id" => (
            "Versions and ids are unique in a registry.",
            "Register the change as a new version; never copy a file's `id`.",
        ),
        "version-reused" | "tombstone-removed" | "missing-tombstone" | "invalid-tombstones" => (
            "A deleted version's number is never used again (tombstones.yaml).",
            "Register the next free version; keep tombstones.yaml as reg wrote it.",
        ),
        "illegal-transition" => (
            "Lifecycle moves follow DRAFT → PUBLISHED → DEPRECATED → ARCHIVED.",
            "Revert the status change and use `reg publish|deprecate|archive`, which check the guards.",
        ),
        "missing-deprecation" => (
            "A DEPRECATED version says why (deprecation.reason).",
            "Use `reg deprecate REF --reason TEXT`, which writes it.",
        ),
        "published-changed" | "published-deleted" | "identity-changed" => (
            "Published content is immutable: only status, updatedAt and deprecation change.",
            "Revert the edit and register the change as a new version.",
        ),
        "breaking-change" | "needs-minor-bump" => (
            "With compatibility: backward, a version's bump matches its configSchema change (breaking → major, additive → minor).",
            "Raise the version as the message says; `reg diff A B` shows each change and its class.",
        ),
        "policy-relaxed" => (
            "Relaxing the registry's rules (reg.yaml) is a change of its own.",
            "Make the policy change in its own reviewed commit, or keep the rule.",
        ),
        "migration-missing" => (
            "With compatibility: backward, a breaking bump whose configSchema change breaks configurations carries a migration note.",
            "Add `migration: {message: ..., deadline: YYYY-MM-DD, url: ...}` (deadline and url optional); policy.migrationRequired: false turns the rule off.",
        ),
        "policy/required" => (
            "The registry's policy (reg.yaml) requires this field.",
            "Add the field, or change the policy in a reviewed change of its own.",
        ),
        "policy/categories" => (
            "The registry's policy allows only its listed categories.",
            "Use one of the categories the message lists.",
        ),
        "policy/tags" => (
            "The registry's policy allows only its tag vocabulary.",
            "Use a tag of the vocabulary (the message suggests the nearest).",
        ),
        "policy/namePattern" => (
            "The registry's policy restricts names to a pattern.",
            "Rename the integration to match the pattern in reg.yaml.",
        ),
        "policy/maxSchemaBytes" => (
            "The registry's policy limits the size of configSchema.",
            "Shrink the schema: share repeated parts under $defs, drop what is not needed.",
        ),
        "merge-conflict" => (
            "Files must not contain git conflict markers.",
            "Resolve the conflict and remove the markers.",
        ),
        _ => (
            "A rule of reg's registry format.",
            "See the message; the README's Validation section lists the rules.",
        ),
    };
    Rule { summary, help }
}

/// `word` with its indefinite article: "a DRAFT", "an ARCHIVED".
#[must_use]
pub fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

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

//! Findings in the formats CI systems read: GitHub workflow commands, SARIF
//! 2.1.0 for code scanning, and GitLab's Code Quality report.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use super::printable;
use crate::error::Error;
use crate::finding::{Report, Severity, rule};

/// Findings as GitHub Actions workflow commands, which annotate the pull
/// request's files.
#[must_use]
pub fn findings_github(report: &Report, root_prefix: &str) -> String {
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_prop = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![format!(
            "file={}",
            escape_prop(&printable(&format!("{root_prefix}{}", f.file)))
        )];
        if f.line > 0 {
            props.push(format!("line={}", f.line));
            props.push(format!("col={}", f.column));
        }
        props.push(format!("title={}", escape_prop(f.code)));
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            props.join(","),
            escape_data(&printable(&f.message))
        );
    }
    out
}

/// Findings as a SARIF 2.1.0 log: one run, a rule for each code with its
/// description and help, results located relative to the repository root
/// (`%SRCROOT%`, given as `repo_root` when known) with columns in code
/// points, as reg counts them.
#[must_use]
pub fn findings_sarif(report: &Report, root_prefix: &str, repo_root: Option<&Path>) -> Value {
    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
    rules.sort_unstable();
    rules.dedup();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut location = json!({"artifactLocation": {
                "uri": percent_encode(&format!("{root_prefix}{}", f.file)),
                "uriBaseId": SRCROOT,
            }});
            if f.line > 0 {
                location["region"] = json!({"startLine": f.line, "startColumn": f.column.max(1)});
            }
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": rules.iter().position(|r| *r == f.code).unwrap_or(0),
                "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            });
            if !f.pointer.is_empty() {
                result["properties"] = json!({"pointer": f.pointer, "keyword": f.keyword});
            }
            result
        })
        .collect();
    let rules: Vec<Value> = rules
        .iter()
        .map(|code| {
            let r = rule(code);
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.help},
                "defaultConfiguration": {"level": "error"},
            })
        })
        .collect();
    let mut run = sarif_run(repo_root, true);
    run["tool"]["driver"]["rules"] = Value::Array(rules);
    run["results"] = Value::Array(results);
    sarif_log(run)
}

/// A SARIF log for a command that could not run (no base to compare with,
/// no registry): no results, and the reason as a tool execution
/// notification, so a code-scanning upload says why instead of failing on
/// an empty file.
#[must_use]
pub fn failure_sarif(e: &Error, repo_root: Option<&Path>) -> Value {
    let mut run = sarif_run(repo_root, false);
    let mut message = e.to_string();
    if let Some(help) = miette::Diagnostic::help(e) {
        let _ = write!(message, " ({help})");
    }
    run["invocations"][0]["toolExecutionNotifications"] = json!([{
        "level": "error",
        "message": {"text": message},
        "descriptor": {"id": e.code()},
    }]);
    run["invocations"][0]["exitCode"] = json!(e.exit_code());
    run["results"] = json!([]);
    sarif_log(run)
}

const SRCROOT: &str = "%SRCROOT%";

fn sarif_run(repo_root: Option<&Path>, ok: bool) -> Value {
    let mut run = json!({
        "tool": {"driver": {
            "name": "reg",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": [],
        }},
        "invocations": [{"executionSuccessful": ok}],
        "columnKind": "unicodeCodePoints",
    });
    if let Some(root) = repo_root {
        let mut uri = format!("file://{}", percent_encode(&root.to_string_lossy()));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": uri}});
    }
    run
}

fn sarif_log(run: Value) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

/// A path as a URI reference (RFC 3986): unreserved characters and `/`
/// kept, every other byte of its UTF-8 written `%XX`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Findings as GitLab's Code Quality report (a JSON array): each with its
/// description, check name (the code), a fingerprint stable across runs
/// (file, code, pointer and message; not the line, so an edit above does
/// not make it new), a severity and its place relative to the repository
/// root.
#[must_use]
pub fn findings_gitlab(report: &Report, root_prefix: &str) -> Value {
    use sha1::{Digest, Sha1};
    let issues: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let path = format!("{root_prefix}{}", f.file);
            let mut hash = Sha1::new();
            for part in [path.as_str(), f.code, f.pointer.as_str(), f.message.as_str()] {
                hash.update(part.as_bytes());
                hash.update([0]);
            }
            let fingerprint: String = hash.finalize().iter().fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
            json!({
                "description": f.message,
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": match f.severity { Severity::Error => "major", Severity::Warning => "minor" },
                "location": {"path": path, "lines": {"begin": f.line.max(1)}},
            })
        })
        .collect();
    Value::Array(issues)
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            percent_encode("definitions/a b/1.0.0.yaml"),
            "definitions/a%20b/1.0.0.yaml"
        );
        assert_eq!(percent_encode("é#?%"), "%C3%A9%23%3F%25");
    }
}

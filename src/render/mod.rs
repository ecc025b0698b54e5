//! Output: tables for people, JSON and YAML for scripts (SPEC §9), and
//! findings as miette reports, JSON, or the CI formats (`render/ci.rs`). Every
//! function returns text or a value; the binary decides where it goes.

mod ci;

pub use ci::{failure_sarif, findings_github, findings_gitlab, findings_sarif};

use std::fmt::Write as _;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource,
    Severity as MietteSeverity,
};
use serde_json::{Value, json};

use crate::definition::{Definition, Status, Summary};
use crate::error::Error;
use crate::finding::{Finding, Report, Severity};
use crate::history::History;
use crate::instance::Instance;

/// How data is printed on stdout (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One YAML document.
    Yaml,
}

/// How findings are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindingFormat {
    /// miette's report with the source line and the value underlined.
    #[default]
    Human,
    /// SPEC §9's document.
    Json,
    /// GitHub Actions workflow commands, one per finding.
    Github,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// GitLab's Code Quality report.
    Gitlab,
}

/// SPEC §9's one shape for every collection under `-o json|yaml`: the
/// number of items there are, where this page starts, its size, and the
/// page. A collection shown whole has `offset` 0 and `limit` its total.
#[derive(Debug, serde::Serialize)]
pub struct Collection<T> {
    /// Items there are in all.
    pub total: usize,
    /// Items skipped before this page.
    pub offset: usize,
    /// The page's size at most.
    pub limit: usize,
    /// This page.
    pub items: Vec<T>,
}

impl<T> Collection<T> {
    /// A collection shown whole.
    #[must_use]
    pub fn whole(items: Vec<T>) -> Self {
        Collection {
            total: items.len(),
            offset: 0,
            limit: items.len(),
            items,
        }
    }
}

/// Whether to use color and how wide the terminal is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colors on.
    pub color: bool,
    /// The terminal's width, when stdout is one.
    pub width: Option<u16>,
}

/// Columns of free text, which give way when a table is wider than the
/// terminal: cut to one line ending in `…`. Every other column (names,
/// versions, states, dates, numbers) is shown whole, never broken.
const FREE_TEXT: &[&str] = &[
    "TITLE",
    "NOTE",
    "MATCHED",
    "CATEGORY",
    "LABELS",
    "MESSAGE",
    "WHO",
    "DEFINITION",
];

fn table(style: Style, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    match style.width {
        // Not a terminal: no width to fit, so nothing is cut or wrapped.
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w)
                .set_truncation_indicator("…");
        }
    }
    if !style.color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    t.set_header(header.iter().map(|h| {
        let c = Cell::new(h);
        if style.color {
            c.add_attribute(comfy_table::Attribute::Bold)
        } else {
            c
        }
    }));
    t
}

/// A table as text. On a terminal each row is one line: names, versions,
/// states, dates and numbers are shown whole (the line overflows before
/// one is broken), and the free text gives way, cut with `…` but never
/// narrower than its header or ten characters.
fn finish(mut t: Table) -> String {
    if t.width().is_some() {
        let headers: Vec<String> = t
            .header()
            .map(|h| h.cell_iter().map(Cell::content).collect())
            .unwrap_or_default();
        let widest = t.column_max_content_widths();
        for (i, h) in headers.iter().enumerate() {
            let content = widest.get(i).copied().unwrap_or(0);
            let constraint = if FREE_TEXT.contains(&h.as_str()) {
                let floor = u16::try_from(h.chars().count()).unwrap_or(u16::MAX).max(10);
                // The boundary counts the cell's padding, one space a side.
                comfy_table::ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                    floor.min(content).saturating_add(2),
                ))
            } else {
                comfy_table::ColumnConstraint::ContentWidth
            };
            if let Some(column) = t.column_mut(i) {
                column.set_constraint(constraint);
            }
        }
        for row in t.row_iter_mut() {
            row.max_height(1);
        }
    }
    format!("{}\n", t.trim_fmt())
}

/// Text from data as it may be shown on a terminal: every control
/// character but the line feed is written as an escape (`\u{1b}`), so a
/// title cannot clear the screen or retitle the window (SPEC §10).
#[must_use]
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Source text for a snippet: control characters replaced by `?`, byte
/// for byte, so the offsets of findings still point where they did.
#[must_use]
pub fn printable_source(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// A table cell holding data.
fn cell(text: impl std::fmt::Display) -> Cell {
    Cell::new(printable(&text.to_string()))
}

fn status_cell(status: &str, style: Style) -> Cell {
    let cell = Cell::new(status);
    if !style.color {
        return cell;
    }
    match status {
        "PUBLISHED" | "ACTIVE" => cell.fg(Color::Green),
        "DEPRECATED" | "DISABLED" => cell.fg(Color::Yellow),
        "ARCHIVED" | "RETIRED" => cell.fg(Color::DarkGrey),
        _ => cell.fg(Color::Cyan),
    }
}

fn date(t: Option<jiff::Timestamp>) -> String {
    t.map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// `reg list` as a table.
#[must_use]
pub fn list_table(rows: &[crate::discover::ListRow], style: Style) -> String {
    let names_only = rows.iter().any(|r| r.versions.is_some());
    let mut header = vec!["NAME", "VERSION", "STATUS", "TITLE", "CATEGORY", "UPDATED"];
    if names_only {
        header.push("VERSIONS");
    }
    let mut t = table(style, &header);
    for r in rows {
        let d = &r.definition;
        let mut cells = vec![
            cell(&d.name),
            cell(d.version.to_string()),
            status_cell(d.status.as_str(), style),
            cell(&d.title),
            cell(d.category.as_deref().unwrap_or("")),
            cell(date(d.updated_at)),
        ];
        if names_only {
            cells.push(cell(r.versions.unwrap_or(1)));
        }
        t.add_row(cells);
    }
    finish(t)
}

/// `reg search` as a table, best first.
#[must_use]
pub fn search_table(hits: &[crate::search::Hit], style: Style) -> String {
    let mut t = table(
        style,
        &["NAME", "VERSION", "STATUS", "TITLE", "SCORE", "MATCHED"],
    );
    for h in hits {
        let field = |k: &str| {
            h.summary
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        t.add_row(vec![
            cell(field("name")),
            cell(field("version")),
            status_cell(&field("status"), style),
            cell(field("title")),
            cell(format!("{:.1}", h.score)),
            cell(h.matched.join(" ")),
        ]);
    }
    finish(t)
}

/// `reg versions` as a table.
#[must_use]
pub fn versions_table(versions: &[Summary], style: Style) -> String {
    let mut t = table(style, &["VERSION", "STATUS", "CREATED", "UPDATED", "NOTE"]);
    for d in versions.iter().rev() {
        let note = d
            .deprecation
            .as_ref()
            .map(|(reason, replaced_by, _)| match replaced_by {
                Some(r) => format!("{reason} (use {r})"),
                None => reason.clone(),
            })
            .unwrap_or_default();
        t.add_row(vec![
            cell(d.version.to_string()),
            status_cell(d.status.as_str(), style),
            cell(date(d.created_at)),
            cell(date(d.updated_at)),
            cell(note),
        ]);
    }
    finish(t)
}

/// `reg show` for people: the identity, the metadata, and the
/// configuration it takes, secrets marked; from `schema` when given (the
/// schema with its references resolved), else `configSchema` as written.
#[must_use]
pub fn definition_human(def: &Definition, schema: Option<&Value>, style: Style) -> String {
    let mut out = String::new();
    let bold = |s: &str| {
        if style.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let _ = writeln!(out, "{} {}", bold(&def.reference()), def.status());
    let _ = writeln!(out, "{}", printable(&def.title));
    let _ = writeln!(out, "{}\n", printable(def.description.trim_end()));
    let mut field = |k: &str, v: String| {
        if !v.is_empty() {
            let _ = writeln!(out, "{k:<12} {}", printable(&v));
        }
    };
    field("id", def.id.map(|i| i.to_string()).unwrap_or_default());
    field("category", def.category.clone().unwrap_or_default());
    field("tags", def.tags.join(", "));
    field("owner", def.owner.clone().unwrap_or_default());
    if let Some(l) = &def.links {
        for (k, v) in [
            ("docs", &l.docs),
            ("homepage", &l.homepage),
            ("source", &l.source),
        ] {
            field(k, v.clone().unwrap_or_default());
        }
    }
    field(
        "created",
        def.created_at.map(|t| t.to_string()).unwrap_or_default(),
    );
    field(
        "updated",
        def.updated_at.map(|t| t.to_string()).unwrap_or_default(),
    );
    if let Some(d) = &def.deprecation {
        field(
            "deprecated",
            format!(
                "{}{}",
                d.reason,
                d.replaced_by
                    .as_ref()
                    .map(|r| format!(" (use {r})"))
                    .unwrap_or_default()
            ),
        );
    }
    if !def.dependencies.is_empty() {
        field(
            "depends on",
            def.dependencies
                .iter()
                .map(|d| format!("{} {}", d.name, d.version))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    let _ = writeln!(out, "\nconfiguration:");
    let lines = schema_outline(schema.unwrap_or(&def.config_schema));
    if lines.is_empty() {
        let _ = writeln!(out, "  (any; the schema declares no properties)");
    }
    for l in lines {
        let _ = writeln!(out, "  {}", printable(&l));
    }
    out
}

/// One line per declared property: name, type, required, secret, description.
fn schema_outline(schema: &Value) -> Vec<String> {
    fn walk(schema: &Value, root: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
        let schema = match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(p) if depth < 8 => root.pointer(p).unwrap_or(schema),
            _ => schema,
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, p) in props {
            // A property that is a local `$ref` is shown as what it names,
            // its own annotations first; a `reg:` one (not expanded) as
            // where it points.
            let declared = p;
            let mut p = p;
            let mut from = None;
            for _ in 0..8 {
                match p
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix('#'))
                {
                    Some(ptr) => match root.pointer(ptr) {
                        Some(target) => {
                            // A part embedded from another definition (SPEC §12).
                            if let Some(at) = ["/$defs/reg:", "/definitions/reg:"]
                                .iter()
                                .find_map(|c| ptr.strip_prefix(c))
                            {
                                from = at.split('/').next();
                            }
                            p = target;
                        }
                        None => break,
                    },
                    None => break,
                }
            }
            let shared = p
                .get("$ref")
                .and_then(Value::as_str)
                .filter(|r| r.starts_with("reg:"));
            let ty = match p.get("type") {
                Some(Value::String(t)) => t.clone(),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("|"),
                _ if p.get("enum").is_some() => "enum".into(),
                _ if p.get("oneOf").is_some() || p.get("anyOf").is_some() => "one of".into(),
                _ if shared.is_some() => "shared".into(),
                _ if p.get("$ref").is_some() => "object".into(),
                _ => "any".into(),
            };
            let mut flags = Vec::new();
            if required.contains(&name.as_str()) {
                flags.push("required");
            }
            let secret = [declared, p]
                .iter()
                .flat_map(|s| [s.get("writeOnly"), s.get("x-secret")])
                .any(|v| v.and_then(Value::as_bool) == Some(true));
            if secret {
                flags.push("secret");
            }
            let shared = shared.map(|r| format!("→ {r}"));
            let desc = shared
                .as_deref()
                .or_else(|| declared.get("description").and_then(Value::as_str))
                .or_else(|| p.get("description").and_then(Value::as_str))
                .unwrap_or("");
            let desc = match from {
                Some(part) => format!("{} (from {part})", desc.lines().next().unwrap_or("")),
                None => desc.to_string(),
            };
            out.push(format!(
                "{:<28} {:<10} {:<18} {}",
                format!("{prefix}{name}"),
                ty,
                flags.join(", "),
                desc.lines().next().unwrap_or("")
            ));
            if depth < 3 {
                walk(p, root, &format!("{prefix}{name}."), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(schema, schema, "", 0, &mut out);
    out
}

/// `reg instance list` as a table.
#[must_use]
pub fn instances_table(items: &[Instance], style: Style) -> String {
    let mut t = table(
        style,
        &["NAME", "DEFINITION", "STATUS", "LABELS", "UPDATED"],
    );
    for i in items {
        t.add_row(vec![
            cell(&i.name),
            cell(&i.definition),
            status_cell(i.status().as_str(), style),
            cell(
                i.labels
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            cell(date(i.updated_at)),
        ]);
    }
    finish(t)
}

/// `reg instance show` for people; secrets must already be masked.
#[must_use]
pub fn instance_human(i: &Instance) -> String {
    printable(&instance_text(i)).into_owned()
}

fn instance_text(i: &Instance) -> String {
    let mut out = format!("{} {}\n", i.name, i.status());
    let _ = writeln!(out, "{:<12} {}", "definition", i.definition);
    if let Some(id) = i.id {
        let _ = writeln!(out, "{:<12} {id}", "id");
    }
    if !i.labels.is_empty() {
        let _ = writeln!(
            out,
            "{:<12} {}",
            "labels",
            i.labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        out,
        "{:<12} {}",
        "created",
        i.created_at.map(|t| t.to_string()).unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "{:<12} {}",
        "updated",
        i.updated_at.map(|t| t.to_string()).unwrap_or_default()
    );
    let _ = writeln!(out, "config:");
    for line in serde_yaml::to_string(&i.config).unwrap_or_default().lines() {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// `reg instance outdated` as a table: each instance, its pin, what it
/// could move to, and the nearest deadline (marked when past).
#[must_use]
pub fn outdated_table(items: &[crate::migration::Outdated], style: Style) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut t = table(
        style,
        &[
            "INSTANCE", "PINNED", "IN LINE", "LATEST", "DEADLINE", "MESSAGE",
        ],
    );
    for o in items {
        let deadline = o.deadline.map_or_else(String::new, |d| {
            if o.past_deadline {
                format!("{d} (past)")
            } else {
                d.to_string()
            }
        });
        t.add_row(vec![
            cell(&o.instance),
            cell(&o.pinned),
            cell(o.latest_in_line.as_deref().unwrap_or("")),
            cell(o.latest.as_deref().unwrap_or("")),
            cell(deadline),
            cell(o.migrations.first().map_or("", |n| n.message.as_str())),
        ]);
    }
    finish(t)
}

/// `reg history` as a table.
#[must_use]
pub fn history_table(h: &History, style: Style) -> String {
    let many = h.events.iter().any(|e| e.subject != h.events[0].subject);
    let mut header = vec!["WHEN", "WHO", "ACTION", "FROM → TO", "COMMIT"];
    if many {
        header.insert(2, "SUBJECT");
    }
    let mut t = table(style, &header);
    for e in &h.events {
        let mut row = vec![
            cell(e.at.strftime("%Y-%m-%d %H:%M:%SZ").to_string()),
            cell(&e.author),
            cell(&e.action),
            cell(match (&e.from, &e.to) {
                (None, None) => String::new(),
                (f, t) => format!(
                    "{} → {}",
                    f.as_deref().unwrap_or("∅"),
                    t.as_deref().unwrap_or("∅")
                ),
            }),
            cell(&e.commit[..e.commit.len().min(10)]),
        ];
        if many {
            row.insert(
                2,
                cell(
                    e.subject
                        .split_once('/')
                        .map_or(e.subject.as_str(), |(_, s)| s),
                ),
            );
        }
        t.add_row(row);
    }
    finish(t)
}

/// One finding as a miette diagnostic over its file's text.
#[derive(Debug)]
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<String>>,
}

impl std::fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.finding.line > 0 {
            format!(
                "{}:{}:{}",
                self.finding.file, self.finding.line, self.finding.column
            )
        } else {
            self.finding.file.clone()
        };
        write!(
            f,
            "{}: {}",
            printable(&at),
            printable(&self.finding.message)
        )
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.finding.code))
    }

    fn severity(&self) -> Option<MietteSeverity> {
        Some(match self.finding.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (start, end) = self.finding.span?;
        self.source.as_ref()?;
        let label = if self.finding.pointer.is_empty() {
            "here".to_string()
        } else {
            self.finding.pointer.clone()
        };
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            start,
            end.saturating_sub(start),
        ))))
    }
}

/// Findings for people: each with its source line and the value underlined,
/// then a count.
#[must_use]
pub fn findings_human(report: &Report, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    if let Some(w) = style.width {
        handler = handler.with_width(usize::from(w));
    }
    let mut out = String::new();
    for f in &report.findings {
        let source = report
            .sources
            .get(&f.file)
            .filter(|_| f.span.is_some())
            .map(|t| NamedSource::new(printable(&f.file), printable_source(t)));
        let d = FindingDiagnostic { finding: f, source };
        let _ = handler.render_report(&mut out, &d);
        out.push('\n');
    }
    let (errors, warnings) = crate::validate::counts(report);
    let _ = writeln!(
        out,
        "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
        report.files
    );
    out
}

/// Findings as SPEC §9's JSON document.
#[must_use]
pub fn findings_json(report: &Report) -> Value {
    json!({
        "ok": report.ok(),
        "files": report.files,
        "findings": report.findings,
    })
}

/// An error as SPEC §9's JSON document.
#[must_use]
pub fn error_json(e: &Error) -> Value {
    let message = match e {
        Error::Conflict { message, .. } => message.lines().next().unwrap_or_default().to_string(),
        other => other.to_string(),
    };
    json!({"error": {
        "code": e.code(),
        "message": message,
        "suggestions": e.suggestions(),
        "references": e.references(),
    }})
}

/// A state, for messages (`DRAFT → PUBLISHED`).
#[must_use]
pub fn transition(from: Option<Status>, to: Option<Status>) -> String {
    format!(
        "{} → {}",
        from.map_or("∅".to_string(), |s| s.to_string()),
        to.map_or("deleted".to_string(), |s| s.to_string())
    )
}

//! `reg validate`: check the registry's files and print every finding.

use std::path::PathBuf;

use reg::Result;
use reg::finding::Report;
use reg::render::{FindingFormat, Format};

use super::Ctx;

/// Check every definition and instance (or the files and folders given) and report all problems
///
/// Checks the bundled schemas, path/content match, configSchema validity, references,
/// instance configurations and secrets. Exits 1 if any error is found.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of the registry (default: all of it), or author files to check as
    /// `reg register` would take them (any other file, or a folder of them)
    paths: Vec<PathBuf>,
    #[command(flatten)]
    format: FormatArg,
}

/// How findings are printed.
#[derive(Debug, clap::Args)]
pub struct FormatArg {
    /// Format of the findings (`-o json` means json)
    #[arg(long, value_enum)]
    format: Option<FindingFormatArg>,
    /// Fail on warnings too (a minor change released as a patch, ...)
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FindingFormatArg {
    Human,
    Json,
    Github,
    Sarif,
}

impl FormatArg {
    fn resolve(&self, ctx: &Ctx) -> FindingFormat {
        match (self.format, ctx.format) {
            (Some(FindingFormatArg::Human), _) => FindingFormat::Human,
            (Some(FindingFormatArg::Json), _) | (None, Format::Json) => FindingFormat::Json,
            (Some(FindingFormatArg::Github), _) => FindingFormat::Github,
            (Some(FindingFormatArg::Sarif), _) => FindingFormat::Sarif,
            (None, _) => FindingFormat::Human,
        }
    }
}

/// Prints a report in the chosen format on stdout and returns the exit code.
pub fn print(ctx: &Ctx, format: &FormatArg, report: &Report, prefix: &str) -> u8 {
    let strict;
    let report = if format.strict {
        let mut r = report.clone();
        for f in &mut r.findings {
            f.severity = reg::finding::Severity::Error;
        }
        strict = r;
        &strict
    } else {
        report
    };
    match format.resolve(ctx) {
        FindingFormat::Human => ctx.out(&reg::render::findings_human(report, ctx.style)),
        FindingFormat::Json => ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&reg::render::findings_json(report)).expect("serializes")
        )),
        FindingFormat::Github => ctx.out(&reg::render::findings_github(report, prefix)),
        FindingFormat::Sarif => ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&reg::render::findings_sarif(report, prefix))
                .expect("serializes")
        )),
    }
    u8::from(!report.ok())
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = match ctx.registry_for_review() {
        Ok(r) => r,
        // A broken reg.yaml is reported in the format asked for, as any finding.
        Err(reg::Error::Invalid(report)) => return Ok(print(ctx, &args.format, &report, "")),
        Err(e) => return Err(e),
    };
    let (layout, author) = reg::validate::split_inputs(&registry, &args.paths)?;
    let mut report = if layout.is_empty() && !author.is_empty() {
        reg::finding::Report::default()
    } else {
        reg::validate::validate(&registry, &layout)?
    };
    if !author.is_empty() {
        report.merge(reg::lifecycle::check_drafts(&registry, &author)?);
        report.sort();
    }
    Ok(print(
        ctx,
        &args.format,
        &report,
        &reg::git::root_prefix(registry.root()),
    ))
}

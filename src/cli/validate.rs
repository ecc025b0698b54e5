//! `reg validate`: check the registry's files and print every finding.

use std::path::{Path, PathBuf};

use reg::Result;
use reg::finding::Report;
use reg::render::{FindingFormat, Format};

use super::Ctx;

/// Check every definition and instance (or the files and folders given) and report all problems
///
/// Checks the bundled schemas, path/content match, configSchema validity, references,
/// instance configurations and secrets. Exits 1 if any error is found.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg validate\n  reg validate definitions/stripe instances\n  reg validate hubspot.yaml          # an author's file, as register would take it\n  reg validate --format github      # annotations in a GitHub workflow\n  reg validate --format sarif > reg.sarif"
)]
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
    /// The source line with the value underlined
    Human,
    /// The findings as one JSON document (as `-o json`)
    Json,
    /// GitHub Actions annotations on the pull request
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitLab's Code Quality report
    Gitlab,
}

impl FormatArg {
    fn resolve(&self, ctx: &Ctx) -> FindingFormat {
        match (self.format, ctx.format) {
            (Some(FindingFormatArg::Human), _) => FindingFormat::Human,
            (Some(FindingFormatArg::Json), _) | (None, Format::Json) => FindingFormat::Json,
            (Some(FindingFormatArg::Github), _) => FindingFormat::Github,
            (Some(FindingFormatArg::Sarif), _) => FindingFormat::Sarif,
            (Some(FindingFormatArg::Gitlab), _) => FindingFormat::Gitlab,
            (None, _) => FindingFormat::Human,
        }
    }

    /// Runs a command that reports findings. When it fails before it has
    /// any (no registry, no base to compare with), `--format sarif` still
    /// prints a SARIF log, with the reason as a notification, so the
    /// upload step says why; the error is then reported as usual.
    pub fn reporting(&self, ctx: &Ctx, run: impl FnOnce() -> Result<u8>) -> Result<u8> {
        let outcome = run();
        if let Err(e) = &outcome
            && !matches!(e, reg::Error::Invalid(_))
            && self.resolve(ctx) == FindingFormat::Sarif
        {
            let here = std::env::current_dir().ok();
            let root = here.as_deref().and_then(reg::git::work_tree_of);
            ctx.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&reg::render::failure_sarif(e, root.as_deref()))
                    .expect("serializes")
            ));
        }
        outcome
    }
}

/// Prints a report in the chosen format on stdout and returns the exit
/// code. `root` is the registry's root when there is one: CI formats name
/// files from the repository's root.
pub fn print(ctx: &Ctx, format: &FormatArg, report: &Report, root: Option<&Path>) -> u8 {
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
    let prefix = root.map(reg::git::root_prefix).unwrap_or_default();
    let json = |value: serde_json::Value| {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&value).expect("serializes")
        )
    };
    match format.resolve(ctx) {
        FindingFormat::Human => ctx.out(&reg::render::findings_human(report, ctx.style)),
        FindingFormat::Json => ctx.out(&json(reg::render::findings_json(report))),
        FindingFormat::Github => ctx.out(&reg::render::findings_github(report, &prefix)),
        FindingFormat::Sarif => {
            let repo = root.and_then(reg::git::work_tree_of);
            ctx.out(&json(reg::render::findings_sarif(
                report,
                &prefix,
                repo.as_deref(),
            )));
        }
        FindingFormat::Gitlab => ctx.out(&json(reg::render::findings_gitlab(report, &prefix))),
    }
    u8::from(!report.ok())
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    args.format.reporting(ctx, || validate(ctx, &args))
}

fn validate(ctx: &Ctx, args: &Args) -> Result<u8> {
    let registry = match ctx.registry_for_review() {
        Ok(r) => r,
        // A broken reg.yaml is reported in the format asked for, as any finding.
        Err(reg::Error::Invalid(report)) => return Ok(print(ctx, &args.format, &report, None)),
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
    Ok(print(ctx, &args.format, &report, Some(registry.root())))
}

//! `reg check`: what CI runs on a pull request to a registry.

use reg::Result;

use super::Ctx;
use super::validate::{FormatArg, print};

/// Check what a change does to the registry: the files that differ from the base,
/// validated and judged by the rules every command obeys
///
/// The base is the merge base of REV and HEAD (as `git diff REV...HEAD`); `A...B` and
/// `A..B` are read as git reads them. Without --base, the branch's upstream; with none,
/// check stops and says so. In a pull request pass the target branch:
/// `reg check --base origin/main`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg check --base origin/main\n  reg check --base origin/main --format github\n  reg check --base main...HEAD --strict\n  reg check --base origin/main --format gitlab > gl-code-quality-report.json"
)]
pub struct Args {
    /// What to compare with: REV (its merge base with HEAD), A...B or A..B
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    args.format.reporting(ctx, || check(ctx, &args))
}

fn check(ctx: &Ctx, args: &Args) -> Result<u8> {
    let registry = match ctx.registry_for_review() {
        Ok(r) => r,
        // A broken reg.yaml is reported in the format asked for, as any finding.
        Err(reg::Error::Invalid(report)) => return Ok(print(ctx, &args.format, &report, None)),
        Err(e) => return Err(e),
    };
    let checked = reg::check::check(&registry, args.base.as_deref())?;
    ctx.note(&format!(
        "compared with {} ({}): {} file(s) of the registry changed",
        &checked.base[..checked.base.len().min(12)],
        checked.how,
        checked.changed
    ));
    Ok(print(
        ctx,
        &args.format,
        &checked.report,
        Some(registry.root()),
    ))
}

//! `reg check`: what CI runs on a pull request to a registry.

use reg::Result;

use super::Ctx;
use super::validate::{FormatArg, print};

/// Validate the registry and compare it with a base revision: published content changed,
/// published versions deleted, illegal lifecycle moves, version bumps too small
///
/// The base defaults to the merge base with the upstream branch, else HEAD. In a pull
/// request pass the target branch: `reg check --base origin/main`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The revision to compare with (commit, branch or tag)
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = match ctx.registry_for_review() {
        Ok(r) => r,
        // A broken reg.yaml is reported in the format asked for, as any finding.
        Err(reg::Error::Invalid(report)) => return Ok(print(ctx, &args.format, &report, "")),
        Err(e) => return Err(e),
    };
    let checked = reg::check::check(&registry, args.base.as_deref())?;
    ctx.note(&format!(
        "compared with {}",
        &checked.base[..checked.base.len().min(12)]
    ));
    Ok(print(
        ctx,
        &args.format,
        &checked.report,
        &reg::git::root_prefix(registry.root()),
    ))
}

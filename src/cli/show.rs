//! `reg show`: one definition version.

use reg::Result;
use reg::render::Format;

use super::{Ctx, reference};

/// Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg show stripe                   # the latest usable version\n  reg show stripe@1.2.0 -o yaml      # the whole file\n  reg show 'stripe@^1'\n  reg show 0c6f1a7e-5b1d-4f57-9a43-2f0d1c9b7e21   # by id"
)]
pub struct Args {
    /// What to show
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let def = reg::resolve::resolve(&registry, &reference(&args.reference)?)?;
    match ctx.format {
        // The file as stored, every key included.
        Format::Json | Format::Yaml => ctx.data(&def.raw, String::new),
        Format::Table => ctx.out(&reg::render::definition_human(&def.data, ctx.style)),
    }
    Ok(0)
}

//! `reg show`: one definition version.

use reg::Result;
use reg::render::Format;

use super::{Ctx, reference};

/// Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id
#[derive(Debug, clap::Args)]
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

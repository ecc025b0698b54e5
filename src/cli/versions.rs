//! `reg versions`: every version of a name.

use reg::Result;

use super::Ctx;

/// List every version of a definition with its status and dates
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg versions stripe\n  reg versions stripe -o json | jq -r '.items[].version'"
)]
pub struct Args {
    /// Definition name
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::names))]
    name: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let reference = reg::resolve::Reference::Latest(args.name.clone());
    reg::name::check(&args.name)
        .map_err(|why| reg::Error::usage(format!("invalid name: {why}"), None))?;
    // Each version's summary, read as `list` reads it: a proven text's
    // `configSchema` is passed over, as nothing here shows it.
    let versions = registry.version_summaries(&args.name)?;
    if versions.is_empty() {
        return Err(reg::resolve::not_found(&registry, &reference, &[]));
    }
    let items: Vec<serde_json::Value> = versions
        .iter()
        .rev()
        .map(reg::definition::Summary::to_json)
        .collect();
    ctx.data(&reg::render::Collection::whole(items), || {
        reg::render::versions_table(&versions, ctx.style)
    });
    Ok(0)
}

//! `reg history`: lifecycle events read back from git.

use reg::Result;
use reg::history::Subject;

use super::{Ctx, reference};

/// Show the lifecycle events of a definition (one version, or every version of a name) or an instance
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg history stripe                # every version\n  reg history stripe@1.2.0\n  reg history instance/billing\n  reg history stripe -o json | jq '.events[0]'"
)]
pub struct Args {
    /// `name`, `name@1.2.3`, an id, or `instance/NAME`
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// Treat the reference as an instance name
    #[arg(long)]
    instance: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let subject = match args.reference.strip_prefix("instance/") {
        Some(name) => Subject::Instance(name.to_string()),
        None if args.instance => Subject::Instance(args.reference.clone()),
        None => Subject::Definition(reference(args.reference.trim_start_matches("definition/"))?),
    };
    if let Subject::Instance(name) = &subject {
        reg::name::check(name)
            .map_err(|why| reg::Error::usage(format!("invalid instance name: {why}"), None))?;
    }
    let h = reg::history::history(&registry, &subject)?;
    ctx.data(&h, || reg::render::history_table(&h, ctx.style));
    Ok(0)
}

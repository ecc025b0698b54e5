//! `reg config validate`: check one configuration against a definition.

use std::path::PathBuf;

use reg::finding::Report;
use reg::{Error, Result};

use super::validate::{FormatArg, print};
use super::{Ctx, reference};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate a configuration document (YAML or JSON) against a definition's configSchema
    Validate(ValidateArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg config validate 'stripe@^2' billing.yaml\n  cat billing.json | reg config validate stripe -"
)]
pub struct ValidateArgs {
    /// The definition (`name`, `name@1.2.3`, `name@^1`, or an id)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// The configuration file; `-` reads standard input
    file: PathBuf,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(ctx: &Ctx, command: Command) -> Result<u8> {
    let Command::Validate(args) = command;
    args.format.reporting(ctx, || validate(ctx, &args))
}

fn validate(ctx: &Ctx, args: &ValidateArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let def = reg::resolve::resolve(&registry, &reference(&args.reference)?)?;
    let report =
        match reg::instance::ops::read_config(&args.file).and_then(|(config, file, text)| {
            reg::instance::ops::check_config(&registry, &def, &config, &file, "", &text)
        }) {
            Ok(()) => Report {
                files: 1,
                ..Report::default()
            },
            Err(Error::Invalid(report)) => report,
            Err(e) => return Err(e),
        };
    Ok(print(ctx, &args.format, &report, None))
}

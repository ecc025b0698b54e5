//! `reg register`: validate author files and record them as DRAFT versions.

use std::path::PathBuf;

use reg::Result;

use super::Ctx;

/// Register definition files as DRAFT versions, one commit each
///
/// Every file is validated first; if any is invalid or already exists,
/// nothing is written.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg register stripe.yaml\n  reg register drafts/*.yaml        # all or nothing, one commit each\n  reg register --replace stripe.yaml   # overwrite a DRAFT\n  reg new stripe -f - | reg register -\n  reg -o json register stripe.yaml | jq -r '.[0].commit'"
)]
pub struct Args {
    /// Definition files (YAML or JSON); `-` reads standard input
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Overwrite an existing version that is still a DRAFT
    #[arg(long)]
    replace: bool,
    /// Refuse warnings too (a minor change released as a patch)
    #[arg(long)]
    strict: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let done =
        reg::lifecycle::register(&registry, &args.files, args.replace, args.strict, ctx.write)?;
    for w in done.iter().flat_map(|c| &c.warnings) {
        ctx.warn(w);
    }
    let written: Vec<super::Written> = done
        .into_iter()
        .map(|c| {
            let verb = if c.from.is_some() {
                "Replaced"
            } else {
                "Registered"
            };
            super::Written {
                line: format!(
                    "{verb} {} as DRAFT{}",
                    c.definition.reference(),
                    ctx.committed(c.commit)
                ),
                object: serde_json::to_value(&c.definition).expect("definitions serialize"),
                commit: c.commit,
                plan: c.plan,
            }
        })
        .collect();
    ctx.written(&written);
    Ok(0)
}

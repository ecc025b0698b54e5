//! `reg init`: create a registry.

use std::path::PathBuf;

use reg::Result;
use reg::registry::Registry;

use super::Ctx;

/// Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit
///
/// Runs `git init` first when DIR is not inside a git work tree.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to create the registry in
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Name of the registry, shown in messages
    #[arg(long)]
    name: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let (registry, warnings) = Registry::init(&args.dir, args.name, ctx.write)?;
    for w in &warnings {
        ctx.warn(w);
    }
    ctx.note(&format!(
        "Initialized a reg registry in {}",
        registry.root().display()
    ));
    Ok(0)
}

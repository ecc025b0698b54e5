//! `reg man DIR`: the man pages, generated from the same definitions as
//! `--help` (the files under `man/` are these, kept current by a test).

use std::path::PathBuf;

use reg::{Error, Result};

use super::Ctx;

/// Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg man man/\n  reg man ~/.local/share/man/man1 && man reg-publish"
)]
pub struct Args {
    /// The folder to write them in (created if missing)
    dir: PathBuf,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    std::fs::create_dir_all(&args.dir).map_err(|e| Error::io("create", &args.dir, e))?;
    // The pages say what every option is, whatever this shell has set.
    let command = super::Cli::command_for_docs();
    clap_mangen::generate_to(command, &args.dir).map_err(|e| Error::io("write", &args.dir, e))?;
    ctx.note(&format!("Wrote the man pages in {}", args.dir.display()));
    Ok(0)
}

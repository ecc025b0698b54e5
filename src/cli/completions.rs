//! `reg completions`: shell completion scripts.

use clap::CommandFactory;
use clap_complete::Shell;

use reg::Result;

use super::Ctx;

/// Print the completion script for a shell (the files under completions/ are these)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    shell: Shell,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut super::Cli::command(), "reg", &mut buf);
    ctx.out(&String::from_utf8_lossy(&buf));
    Ok(0)
}

//! `reg new`: write a draft skeleton for an author to fill in.

use std::path::PathBuf;

use reg::definition::Definition;
use reg::{Error, Result};

use super::Ctx;

/// Write a DRAFT definition skeleton to fill in (it is not registered yet)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name of the integration (lowercase letters, digits and dashes)
    name: String,
    /// Where to write it (default: NAME.yaml; `-` prints it)
    #[arg(long, short = 'f')]
    file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    reg::name::check(&args.name)
        .map_err(|why| Error::usage(format!("invalid name: {why}"), None))?;
    let text = Definition::skeleton(&args.name);
    let path = args
        .file
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", args.name)));
    if path.as_os_str() == "-" {
        ctx.out(&text);
        return Ok(0);
    }
    if path.exists() {
        return Err(Error::conflict(
            "exists",
            format!("{} already exists", path.display()),
            vec![path.display().to_string()],
            Some("pass --file to write elsewhere".to_string()),
        ));
    }
    reg::store::write_atomic(&path, text.as_bytes())?;
    ctx.note(&format!(
        "Wrote {}: fill it in, then run `reg register {}`",
        path.display(),
        path.display()
    ));
    Ok(0)
}

//! `reg schema`: print a bundled JSON Schema, for editors and other tools.

use reg::Result;
use reg::schema::Bundled;

use super::Ctx;

/// Print the JSON Schema of reg's own files (definitions, instances, reg.yaml)
///
/// These are the schemas reg validates with, compiled into the binary. In a registry, `reg new`
/// also keeps them in .reg/schemas/ for YAML editors.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg schema definition > definition.schema.json\n  reg schema instance | jq '.properties | keys'"
)]
pub struct Args {
    /// Which file's schema
    #[arg(value_enum)]
    which: Which,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Which {
    /// definitions/<name>/<version>.yaml
    Definition,
    /// instances/<name>.yaml
    Instance,
    /// reg.yaml
    Registry,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let bundled = match args.which {
        Which::Definition => Bundled::Definition,
        Which::Instance => Bundled::Instance,
        Which::Registry => Bundled::Registry,
    };
    let text = bundled.text();
    if ctx.format == reg::render::Format::Yaml {
        let value: serde_json::Value =
            serde_json::from_str(text).expect("bundled schemas are JSON");
        ctx.data(&value, String::new);
    } else {
        ctx.out(text);
        if !text.ends_with('\n') {
            ctx.out("\n");
        }
    }
    Ok(0)
}

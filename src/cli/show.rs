//! `reg show`: one definition version.

use reg::Result;
use reg::render::Format;

use super::{Ctx, reference};

/// Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg show stripe                   # the latest usable version\n  reg show stripe@1.2.0 -o yaml      # the whole file\n  reg show 'stripe@^1'\n  reg show 0c6f1a7e-5b1d-4f57-9a43-2f0d1c9b7e21   # by id\n  reg show salesforce@2.1.0 --expanded -o json   # schema references resolved"
)]
pub struct Args {
    /// What to show
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// Print `configSchema` with its `reg:` references resolved (-o json/yaml):
    /// the self-contained schema configurations are validated against
    #[arg(long)]
    expanded: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let mut def = reg::resolve::resolve(&registry, &reference(&args.reference)?)?;
    if args.expanded {
        let schema = reg::validate::expanded(&registry, &def.data, &def.file)
            .map_err(reg::Error::invalid)?
            .into_owned();
        if let Some(raw) = def.raw.as_object_mut() {
            raw.insert("configSchema".into(), schema);
        }
        // Read back, so what is printed is one consistent definition.
        def.data =
            serde_json::from_value(def.raw.clone()).map_err(|e| reg::Error::Environment {
                message: format!("internal: the expanded definition does not fit the format: {e}"),
                help: None,
            })?;
    }
    match ctx.format {
        // The file as stored, every key included.
        Format::Json | Format::Yaml => ctx.data(&def.raw, String::new),
        // The options as configurations are checked: through schema
        // references, each marked with the version it comes from.
        Format::Table => {
            let schema = reg::validate::expanded(&registry, &def.data, &def.file).ok();
            ctx.out(&reg::render::definition_human(
                &def.data,
                schema.as_deref(),
                ctx.style,
            ));
        }
    }
    Ok(0)
}

//! `reg diff`: how a configSchema changed between two versions.

use reg::Result;
use reg::compat::Class;
use reg::compat::report::{DiffReport, Side};

use super::{Ctx, reference};

/// Classify the configSchema change from A to B: breaking, minor or patch, one line per change
///
/// Also replays the stored instances of A's line against B. Minor and patch are sound:
/// every configuration valid for A is valid for B.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg diff stripe@1.0.0 stripe@2.0.0\n  reg diff stripe@1.0.0 stripe@2.0.0 -o json | jq -r .requiredBump\n  reg diff stripe stripe.yaml        # an edited file against the latest, before registering it"
)]
pub struct Args {
    /// The version compared from (`name@1.2.0`, a range, an id, or a definition file)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references_or_files))]
    from: String,
    /// The version compared to (the same forms; a file is read as `register` would)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references_or_files))]
    to: String,
    /// Exit 1 when B's version is too small a bump for the change, or instances would fail
    #[arg(long)]
    exit_code: bool,
}

fn human(r: &DiffReport, ctx: &Ctx) -> String {
    let paint = |class: Class, text: &str| {
        if !ctx.style.color {
            return text.to_string();
        }
        let code = match class {
            Class::Breaking => 31,
            Class::Minor => 33,
            Class::Patch => 32,
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    };
    let mut out = format!(
        "{} → {}: {} (needs a {} bump; {})\n",
        r.from,
        r.to,
        paint(r.class, &r.class.to_string()),
        serde_json::to_value(r.required_bump)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default(),
        if r.bump_ok {
            "the version makes it"
        } else {
            "the version does NOT make it"
        }
    );
    let width = r
        .changes
        .iter()
        .map(|c| c.path.len())
        .max()
        .unwrap_or(0)
        .min(48);
    for c in &r.changes {
        out.push_str(&format!(
            "  {:<8} {:<width$}  {}\n",
            paint(c.class, &c.class.to_string()),
            c.path,
            c.message
        ));
    }
    if r.changes.is_empty() {
        out.push_str("  no change to configSchema\n");
    }
    for note in &r.migrations {
        out.push_str(&format!(
            "migration {}\n",
            reg::render::printable(&note.to_string())
        ));
    }
    out.push_str(&format!(
        "instances: {} of {} of this line would fail{}\n",
        r.instances.failing.len(),
        r.instances.checked,
        if r.instances.failing.is_empty() {
            String::new()
        } else {
            format!(": {}", r.instances.failing.join(", "))
        }
    ));
    out
}

/// A file when the argument names one (`-` for standard input, a path, or
/// a `.yaml`/`.yml`/`.json` name that exists), else a reference: no name
/// contains `/` or `.`, and a version never ends in `.yaml`.
fn side(arg: &str) -> Result<Side> {
    let path = std::path::Path::new(arg);
    let looks_like_file = arg == "-"
        || arg.contains('/')
        || [".yaml", ".yml", ".json"].iter().any(|e| arg.ends_with(e));
    if looks_like_file && (arg == "-" || path.exists()) {
        return Ok(Side::File(path.to_path_buf()));
    }
    if looks_like_file && !arg.contains('@') {
        return Err(reg::Error::usage(
            format!("{arg}: no such file"),
            Some(
                "give a definition file, or a reference (`name@1.2.0`, `name@^1`, an id)"
                    .to_string(),
            ),
        ));
    }
    Ok(Side::Registered(reference(arg)?))
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let r = reg::compat::report::compare(&registry, &side(&args.from)?, &side(&args.to)?)?;
    ctx.data(&r, || human(&r, ctx));
    Ok(u8::from(
        args.exit_code && (!r.bump_ok || !r.instances.failing.is_empty()),
    ))
}

//! `reg export`: the static JSON view of the registry for any web server.

use std::path::PathBuf;

use reg::Result;

use super::Ctx;

/// Write a static, sparse JSON view of the registry for web servers and CDNs
///
/// DIR gets config.json, index.json (one line-sized item per name), definitions/<name>.json
/// (every non-ARCHIVED version, configSchema included) and schemas/ for each file kind; with
/// --instances, instances/<name>.json too. The same registry gives the same bytes, and only files
/// whose content changed are written (atomically), so CDN caches and ETags survive.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg export public/registry\n  reg export --check public/registry   # in CI: exit 1 when it is out of date\n  reg export --instances /srv/www/reg"
)]
pub struct Args {
    /// The folder to write (created if missing)
    dir: PathBuf,
    /// Export instances too (secrets stay references, never values)
    #[arg(long)]
    instances: bool,
    /// Write nothing; exit 1 when DIR is not what export would write now
    #[arg(long)]
    check: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let check = args.check || ctx.write.dry_run;
    let done = reg::export::export(
        &registry,
        &args.dir,
        reg::export::Options {
            instances: args.instances,
            check,
        },
    )?;
    let dir = args.dir.display();
    // People get a summary; a check lists what differs; scripts get it all.
    let differs = || {
        let mut out = String::new();
        for f in &done.written {
            out.push_str(&format!("differs {f}\n"));
        }
        for f in &done.removed {
            out.push_str(&format!("extra   {f}\n"));
        }
        out
    };
    if ctx.format != reg::render::Format::Table {
        ctx.data(&done, String::new);
    } else if check {
        ctx.out(&differs());
    }
    let changed = done.written.len() + done.removed.len();
    if check {
        if done.up_to_date() {
            ctx.note(&format!("{dir} is up to date"));
        } else {
            ctx.note(&format!(
                "{dir} is out of date: {changed} file(s) differ; run `reg export {dir}`"
            ));
            return Ok(1);
        }
    } else {
        ctx.note(&format!(
            "Exported to {dir}: {} written, {} removed, {} unchanged ({} name(s) read)",
            done.written.len(),
            done.removed.len(),
            done.unchanged,
            done.read
        ));
    }
    Ok(0)
}

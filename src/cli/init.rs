//! `reg init`: create a registry.

use std::path::PathBuf;

use reg::Result;
use reg::registry::Registry;

use super::Ctx;

/// Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit
///
/// Runs `git init` first when DIR is not inside a git work tree.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg init acme-registry            # a new folder, git init, first commit\n  reg init --name acme .            # here, in an existing repository\n  reg --dry-run init acme-registry  # what it would create"
)]
pub struct Args {
    /// Folder to create the registry in
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Name of the registry, shown in messages
    #[arg(long)]
    name: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let done = reg::init::create(&args.dir, args.name, ctx.write)?;
    for w in &done.warnings {
        ctx.warn(w);
    }
    if done.plan.is_none() {
        // For editors from the start; a failure here only loses that.
        if let Err(e) = Registry::open(Some(&done.root)).and_then(|r| {
            r.editor_schemas()
                .map_err(|e| reg::Error::io("write", ".reg/schemas", e))
        }) {
            ctx.warn(&format!(
                "cannot keep the editor schemas in .reg/schemas: {e}"
            ));
        }
    }
    let root = done.root.display().to_string();
    ctx.written(&[super::Written {
        line: format!(
            "Initialized a reg registry in {root}{}",
            ctx.committed(done.commit)
        ),
        object: serde_json::json!({ "root": root }),
        commit: done.commit,
        plan: done.plan,
    }]);
    Ok(0)
}

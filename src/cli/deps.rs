//! `reg deps` and `reg refs`: what a version depends on, and who refers to it.

use reg::Result;
use reg::resolve::{Node, resolve};

use super::{Ctx, reference};

/// Show the resolved dependencies and schema references of a definition
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  reg deps salesforce\n  reg deps salesforce@1.2.0 -o json")]
pub struct DepsArgs {
    /// The definition (`name`, `name@1.2.3`, `name@^1`, or an id)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// How many levels to show
    #[arg(long, default_value_t = 16)]
    depth: usize,
}

/// Show the definitions and instances that use a version
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  reg refs oauth2-base@1.1.0\n  reg refs oauth2-base -o json")]
pub struct RefsArgs {
    /// The definition version
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
}

fn draw(nodes: &[Node], prefix: &str, out: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let what = match (&n.resolved, n.status) {
            (Some(r), Some(s)) => format!("{r} {s}"),
            _ => format!(
                "{} {} (no PUBLISHED or DEPRECATED match)",
                n.name,
                n.range.as_deref().unwrap_or("")
            ),
        };
        let note = n
            .note
            .filter(|x| *x != "unresolved")
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let kind = match n.kind {
            reg::definition::Need::SchemaRef => " (schema part)",
            reg::definition::Need::Dependency => "",
        };
        out.push_str(&format!(
            "{prefix}{}{} [{}]{kind}{note}\n",
            if last { "└── " } else { "├── " },
            what,
            n.range.as_deref().unwrap_or("")
        ));
        draw(
            &n.dependencies,
            &format!("{prefix}{}", if last { "    " } else { "│   " }),
            out,
        );
    }
}

pub fn deps(ctx: &Ctx, args: DepsArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let root = resolve(&registry, &reference(&args.reference)?)?;
    let tree = reg::resolve::dependency_tree(&registry, &root.data, args.depth)?;
    ctx.data(&tree, || {
        let mut text = format!("{} {}\n", root.data.reference(), root.data.status());
        draw(&tree.dependencies, "", &mut text);
        text
    });
    Ok(0)
}

pub fn refs(ctx: &Ctx, args: RefsArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let target = resolve(&registry, &reference(&args.reference)?)?;
    let refs = reg::resolve::referrers(&registry, &target.data)?;
    let doc = serde_json::json!({
        "subject": target.data.reference(),
        "definitions": refs.definitions,
        "instances": refs.instances.iter().map(|(n, s)| serde_json::json!({"name": n, "status": s})).collect::<Vec<_>>(),
    });
    ctx.data(&doc, || {
        let mut text = String::new();
        if refs.definitions.is_empty() && refs.instances.is_empty() {
            return format!("nothing refers to {}\n", target.data.reference());
        }
        for d in &refs.definitions {
            text.push_str(&format!(
                "definition {} {} {} {} {}\n",
                d.reference,
                d.status,
                d.kind.verb(),
                target.data.name,
                d.range
            ));
        }
        for (n, s) in &refs.instances {
            text.push_str(&format!(
                "instance   {n} {s} is pinned to {}\n",
                target.data.reference()
            ));
        }
        text
    });
    Ok(0)
}

//! `reg publish`, `reg deprecate`, `reg archive`, `reg delete`: move a
//! definition version along its lifecycle.

use reg::Result;
use reg::lifecycle::Changed;

use super::{Ctx, reference};

/// Publish a DRAFT version: its dependencies must resolve, with no cycle
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg publish stripe@1.2.0\n  reg --dry-run publish stripe@1.2.0   # check the guards, write nothing"
)]
pub struct PublishArgs {
    /// The version, as `name@1.2.3` or an id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// Refuse warnings too (a minor change released as a patch)
    #[arg(long)]
    strict: bool,
}

/// Deprecate a PUBLISHED version: still usable, with a warning
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg deprecate stripe@1.0.0 --reason 'uses the v1 API' --replaced-by stripe@2.0.0"
)]
pub struct DeprecateArgs {
    /// The version (`name` means its latest usable version)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
    /// Why it should no longer be used
    #[arg(long, required = true)]
    reason: String,
    /// The PUBLISHED version to use instead
    #[arg(long, value_name = "REF", add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    replaced_by: Option<String>,
}

/// Archive a PUBLISHED or DEPRECATED version no live instance or definition needs
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg archive stripe@1.0.0\n  reg refs stripe@1.0.0             # what would block it"
)]
pub struct ArchiveArgs {
    /// The version (`name` means its latest usable version)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
}

/// Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg delete stripe@1.3.0-rc.1\n  reg delete stripe@1.0.0           # once ARCHIVED and nothing refers to it"
)]
pub struct DeleteArgs {
    /// The version, as `name@1.2.3` or an id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    reference: String,
}

fn done(ctx: &Ctx, verb: &str, c: Changed) -> Result<u8> {
    for w in &c.warnings {
        ctx.warn(w);
    }
    ctx.written(&[super::Written {
        line: format!(
            "{verb} {} ({}){}",
            c.definition.reference(),
            reg::render::transition(c.from, c.to),
            ctx.committed(c.commit)
        ),
        object: serde_json::to_value(&c.definition).expect("definitions serialize"),
        commit: c.commit,
        plan: c.plan,
    }]);
    Ok(0)
}

pub fn publish(ctx: &Ctx, args: PublishArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let c = reg::lifecycle::publish(
        &registry,
        &reference(&args.reference)?,
        args.strict,
        ctx.write,
    )?;
    done(ctx, "Published", c)
}

pub fn deprecate(ctx: &Ctx, args: DeprecateArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let replaced_by = args.replaced_by.as_deref().map(reference).transpose()?;
    let c = reg::lifecycle::deprecate(
        &registry,
        &reference(&args.reference)?,
        &args.reason,
        replaced_by.as_ref(),
        ctx.write,
    )?;
    done(ctx, "Deprecated", c)
}

pub fn archive(ctx: &Ctx, args: ArchiveArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let c = reg::lifecycle::archive(&registry, &reference(&args.reference)?, ctx.write)?;
    done(ctx, "Archived", c)
}

pub fn delete(ctx: &Ctx, args: DeleteArgs) -> Result<u8> {
    let registry = ctx.registry()?;
    let c = reg::lifecycle::delete(&registry, &reference(&args.reference)?, ctx.write)?;
    done(ctx, "Deleted", c)
}

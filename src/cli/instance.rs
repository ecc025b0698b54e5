//! `reg instance ...`: configured uses of definitions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use reg::Result;
use reg::instance::ops::{self, Outcome};
use reg::instance::{Instance, InstanceAction, InstanceStatus};

use super::{Ctx, parse_label, reference};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated
    Create(CreateArgs),
    /// Show one instance (secret values are never printed)
    #[command(
        after_help = "Examples:\n  reg instance show billing\n  reg instance show billing -o json   # secrets as references, never values"
    )]
    Show(NameArg),
    /// List instances
    List(ListArgs),
    /// Enable a DISABLED instance
    #[command(after_help = "Examples:\n  reg instance enable billing")]
    Enable(NameArg),
    /// Disable an ACTIVE instance
    #[command(after_help = "Examples:\n  reg instance disable billing")]
    Disable(NameArg),
    /// Retire an instance (final; the file stays for audit)
    #[command(after_help = "Examples:\n  reg instance retire billing")]
    Retire(NameArg),
    /// Move an instance to another definition version its config satisfies
    Upgrade(UpgradeArgs),
    /// Replace an instance's configuration, validated and secret-checked
    Configure(ConfigureArgs),
    /// Delete a RETIRED instance's file
    #[command(after_help = "Examples:\n  reg instance delete billing      # once RETIRED")]
    Delete(NameArg),
    /// List instances pinned below the newest usable version, with the migration notes between
    #[command(
        after_help = "Examples:\n  reg instance outdated\n  reg instance outdated --fail-after-deadline   # in CI: exit 1 once a deadline has passed\n  reg instance outdated -o json | jq '.items[] | select(.pastDeadline)'"
    )]
    Outdated(OutdatedArgs),
    /// Show an instance's lifecycle events
    #[command(after_help = "Examples:\n  reg instance history billing")]
    History(NameArg),
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Instance name
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::instances))]
    name: String,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg instance create billing --definition 'stripe@^2' --config billing.yaml --label env=prod"
)]
pub struct CreateArgs {
    /// Instance name (lowercase letters, digits and dashes)
    name: String,
    /// The definition (`name`, `name@1.2.3`, `name@^1`, or an id); pinned to the exact version it resolves to
    #[arg(long, value_name = "REF", add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    definition: String,
    /// The configuration (YAML or JSON); `-` reads standard input
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
    /// A label (repeatable)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_label)]
    label: Vec<(String, String)>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg instance upgrade billing --to stripe@2.1.0\n  reg instance upgrade billing --to stripe@3.0.0 --config billing-v3.yaml\n  reg instance upgrade billing --to stripe@1.9.0 --allow-downgrade"
)]
pub struct UpgradeArgs {
    /// Instance name
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::instances))]
    name: String,
    /// The new definition version (`name@2.0.0`, `name@^2`, ...)
    #[arg(long, value_name = "REF", add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    to: String,
    /// A new configuration for it (YAML or JSON); `-` reads standard input
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Allow moving to another integration's definition
    #[arg(long)]
    switch_definition: bool,
    /// Allow moving to a lower version
    #[arg(long)]
    allow_downgrade: bool,
}

#[derive(Debug, clap::Args)]
pub struct OutdatedArgs {
    /// Exit 1 when the deadline of a migration an instance has not made has passed
    #[arg(long)]
    fail_after_deadline: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg instance configure billing --config billing.yaml\n  sops -d billing.enc.yaml | reg instance configure billing --config -"
)]
pub struct ConfigureArgs {
    /// Instance name
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::instances))]
    name: String,
    /// The configuration (YAML or JSON); `-` reads standard input
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg instance list\n  reg instance list --definition 'stripe@^1' --status ACTIVE\n  reg instance list --label env=prod -o json | jq -r '.items[].name'"
)]
pub struct ListArgs {
    /// Keep instances pinned to versions this reference names (a name, a range or an exact version)
    #[arg(long, value_name = "REF", add = clap_complete::ArgValueCompleter::new(super::completions::references))]
    definition: Option<String>,
    /// Keep instances in this state
    #[arg(long, value_parser = parse_status)]
    status: Option<InstanceStatus>,
    /// Keep instances with this label (repeatable; all must match)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_label)]
    label: Vec<(String, String)>,
}

fn parse_status(s: &str) -> std::result::Result<InstanceStatus, String> {
    s.parse()
}

/// The instance with its secrets masked, for any output.
fn masked(registry: &reg::registry::Registry, i: &Instance) -> Instance {
    reg::instance::ops::shown(registry, i)
}

fn done(ctx: &Ctx, registry: &reg::registry::Registry, verb: &str, o: Outcome) -> Result<u8> {
    for w in &o.warnings {
        ctx.warn(w);
    }
    ctx.written(&[super::Written {
        line: format!(
            "{verb} instance {} ({}, {}){}",
            o.instance.name,
            o.instance.definition,
            o.instance.status(),
            ctx.committed(o.commit)
        ),
        object: serde_json::to_value(masked(registry, &o.instance)).expect("instances serialize"),
        commit: o.commit,
        plan: o.plan,
    }]);
    Ok(0)
}

pub fn run(ctx: &Ctx, command: Command) -> Result<u8> {
    let registry = ctx.registry()?;
    match command {
        Command::Create(a) => {
            let labels: BTreeMap<String, String> = a.label.into_iter().collect();
            let o = ops::create(
                &registry,
                &a.name,
                &reference(&a.definition)?,
                &a.config,
                labels,
                ctx.write,
            )?;
            done(ctx, &registry, "Created", o)
        }
        Command::Show(a) => {
            let i = masked(&registry, &ops::show(&registry, &a.name)?.data);
            ctx.data(&i, || reg::render::instance_human(&i));
            Ok(0)
        }
        Command::List(a) => {
            let filter = match a.definition.as_deref().map(reference).transpose()? {
                Some(id @ reg::resolve::Reference::Id(_)) => {
                    let d = reg::resolve::resolve(&registry, &id)?;
                    Some(reg::resolve::Reference::Exact(d.data.name, d.data.version))
                }
                other => other,
            };
            let (all, problems) = registry.all_instances()?;
            for f in &problems.findings {
                ctx.warn(&format!("skipped {}: {}", f.file, f.message));
            }
            let items: Vec<Instance> = all
                .into_iter()
                .filter(|i| a.status.is_none_or(|s| i.status() == s))
                .filter(|i| a.label.iter().all(|(k, v)| i.labels.get(k) == Some(v)))
                .filter(|i| filter.as_ref().is_none_or(|f| pinned_to(i, f)))
                .map(|i| masked(&registry, &i))
                .collect();
            let table = reg::render::instances_table(&items, ctx.style);
            ctx.data(&reg::render::Collection::whole(items), || table);
            Ok(0)
        }
        Command::Enable(a) => done(
            ctx,
            &registry,
            "Enabled",
            ops::transition(&registry, &a.name, InstanceAction::Enable, ctx.write)?,
        ),
        Command::Disable(a) => done(
            ctx,
            &registry,
            "Disabled",
            ops::transition(&registry, &a.name, InstanceAction::Disable, ctx.write)?,
        ),
        Command::Retire(a) => done(
            ctx,
            &registry,
            "Retired",
            ops::transition(&registry, &a.name, InstanceAction::Retire, ctx.write)?,
        ),
        Command::Upgrade(a) => {
            let o = ops::upgrade(
                &registry,
                &a.name,
                &reference(&a.to)?,
                a.config.as_deref(),
                ops::Upgrade {
                    switch_definition: a.switch_definition,
                    allow_downgrade: a.allow_downgrade,
                },
                ctx.write,
            )?;
            let verb = if o.downgrade {
                "Downgraded"
            } else {
                "Upgraded"
            };
            done(ctx, &registry, verb, o)
        }
        Command::Configure(a) => done(
            ctx,
            &registry,
            "Configured",
            ops::configure(&registry, &a.name, &a.config, ctx.write)?,
        ),
        Command::Delete(a) => done(
            ctx,
            &registry,
            "Deleted",
            ops::delete(&registry, &a.name, ctx.write)?,
        ),
        Command::Outdated(a) => {
            let today = jiff::tz::Offset::UTC
                .to_datetime(jiff::Timestamp::now())
                .date();
            let items = reg::migration::outdated(&registry, today)?;
            let past = items.iter().filter(|o| o.past_deadline).count();
            let table = reg::render::outdated_table(&items, ctx.style);
            let empty = items.is_empty();
            ctx.data(&reg::render::Collection::whole(items), || table);
            if empty && ctx.format == reg::render::Format::Table {
                ctx.note("every instance is on the newest usable version");
            }
            if past > 0 {
                ctx.warn(&format!(
                    "{past} instance(s) past a migration deadline (today is {today})"
                ));
                if a.fail_after_deadline {
                    return Ok(1);
                }
            }
            Ok(0)
        }
        Command::History(a) => {
            reg::name::check(&a.name)
                .map_err(|why| reg::Error::usage(format!("invalid instance name: {why}"), None))?;
            let h = reg::history::history(&registry, &reg::history::Subject::Instance(a.name))?;
            ctx.data(&h, || reg::render::history_table(&h, ctx.style));
            Ok(0)
        }
    }
}

/// Whether an instance's pin is one of the versions `r` names.
fn pinned_to(i: &Instance, r: &reg::resolve::Reference) -> bool {
    use reg::resolve::Reference;
    let Some((name, version)) = i.pin() else {
        return false;
    };
    match r {
        Reference::Latest(n) => n == name,
        Reference::Exact(n, v) => n == name && *v == version,
        Reference::Range(n, req) => n == name && req.matches(&version),
        Reference::Id(_) => false,
    }
}

//! The command line: global options, one subcommand per file, and the one
//! place where outcomes become output and exit codes.

mod check;
mod completions;
mod config;
mod deps;
mod diff;
mod export;
mod history;
mod init;
mod instance;
mod lifecycle;
mod list;
mod man;
mod new;
mod register;
mod schema;
mod search;
mod show;
mod validate;
mod versions;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use miette::{GraphicalReportHandler, GraphicalTheme};
use reg::render::{Format, Style};
use reg::store::WriteOptions;
use reg::{Error, Result};

/// A command-line registry of integration definitions and instances, kept as
/// YAML files in a git repository.
#[derive(Debug, Parser)]
#[command(
    name = "reg",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Examples:\n  reg init acme-registry && cd acme-registry\n  reg new stripe && reg register stripe.yaml && reg publish stripe@0.1.0\n  reg list --category payments\n  reg check --base origin/main --format github\n\n`reg help COMMAND` says more; `man reg` too, once man/ is installed."
)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
struct Global {
    /// Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one
    /// holding reg.yaml)
    #[arg(long, global = true, env = "REG_REGISTRY", value_name = "DIR")]
    registry: Option<PathBuf>,
    /// Output format of read commands
    #[arg(short, long, global = true, value_enum, default_value_t = Output::Table)]
    output: Output,
    /// When to use colors (NO_COLOR is respected)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Write the files but stage and commit nothing
    #[arg(long, global = true)]
    no_commit: bool,
    /// Check everything a write checks and print what it would change; write nothing
    #[arg(long, global = true)]
    dry_run: bool,
    /// Seconds to wait for another reg writing to the same registry
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 10.0)]
    lock_timeout: f64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Output {
    Table,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init(init::Args),
    New(new::Args),
    #[command(visible_alias = "create")]
    Register(register::Args),
    Show(show::Args),
    Versions(versions::Args),
    List(list::Args),
    Search(search::Args),
    Publish(lifecycle::PublishArgs),
    Deprecate(lifecycle::DeprecateArgs),
    Archive(lifecycle::ArchiveArgs),
    Delete(lifecycle::DeleteArgs),
    History(history::Args),
    Deps(deps::DepsArgs),
    Refs(deps::RefsArgs),
    Validate(validate::Args),
    Check(check::Args),
    Diff(diff::Args),
    /// Check configuration documents against a definition's configSchema
    #[command(
        subcommand,
        after_help = "Examples:\n  reg config validate 'stripe@^2' billing.yaml"
    )]
    Config(config::Command),
    /// Configured uses of definitions: create, list, upgrade, configure, retire, ...
    #[command(
        subcommand,
        after_help = "Examples:\n  reg instance create billing --definition 'stripe@^2' --config billing.yaml\n  reg instance list --status ACTIVE\n  reg instance upgrade billing --to stripe@2.1.0"
    )]
    Instance(instance::Command),
    Completions(completions::Args),
    Schema(schema::Args),
    Export(export::Args),
    #[command(hide = true)]
    Man(man::Args),
}

/// What every command gets: the global options, resolved.
pub struct Ctx {
    registry: Option<PathBuf>,
    /// How to print data.
    pub format: Format,
    /// Colors and width.
    pub style: Style,
    quiet: bool,
    /// How writes are recorded.
    pub write: WriteOptions,
    /// The command writes a list (`register FILE...`), printed as a list
    /// under `-o json` even when it holds one.
    several: bool,
}

/// One write, as a command reports it.
pub struct Written {
    /// What people read: "Published a@1.0.0 (DRAFT → PUBLISHED) [abc]".
    pub line: String,
    /// The object as written, as `show` prints it (secrets masked).
    pub object: serde_json::Value,
    /// Its commit, if one was made.
    pub commit: Option<git2::Oid>,
    /// What a dry run would have written.
    pub plan: Option<reg::store::Plan>,
}

impl Written {
    /// The object with `"commit"` (and in a dry run `"dryRun"` and
    /// `"plan"`) added, as SPEC §9 gives writes under `-o json`.
    fn document(&self) -> serde_json::Value {
        let mut doc = self.object.clone();
        if let serde_json::Value::Object(map) = &mut doc {
            map.insert(
                "commit".into(),
                self.commit
                    .map_or(serde_json::Value::Null, |c| c.to_string().into()),
            );
            if let Some(plan) = &self.plan {
                map.insert("dryRun".into(), true.into());
                map.insert(
                    "plan".into(),
                    serde_json::to_value(plan).expect("plans serialize"),
                );
            }
        }
        doc
    }
}

/// A dry run's plan for people: each file and its change, then the commit
/// message as git would record it.
fn plan_human(plan: &reg::store::Plan) -> String {
    let mut out = String::new();
    for f in &plan.files {
        out.push_str(&format!(
            "  {:<7} {}\n",
            f.change,
            reg::render::printable(&f.path)
        ));
    }
    match &plan.message {
        Some(message) => {
            out.push_str("  commit message:\n");
            for line in message.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("    {}\n", reg::render::printable(line)));
                }
            }
        }
        None => out.push_str("  no commit (--no-commit)\n"),
    }
    out
}

impl Ctx {
    /// Opens the registry named by `--registry`, else the nearest one.
    pub fn registry(&self) -> Result<reg::registry::Registry> {
        let registry = reg::registry::Registry::open(self.registry.as_deref())?;
        for note in &registry.recovered {
            self.warn(note);
        }
        Ok(registry)
    }

    /// Opens the registry for `validate` and `check`, where a `reg.yaml`
    /// that is a link is a finding.
    pub fn registry_for_review(&self) -> Result<reg::registry::Registry> {
        let registry = reg::registry::Registry::open_for_review(self.registry.as_deref())?;
        for note in &registry.recovered {
            self.warn(note);
        }
        Ok(registry)
    }

    /// Prints data on stdout. A closed pipe (`reg list | head`) ends the
    /// process quietly with success, as ripgrep does.
    pub fn out(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("reg: cannot write to stdout: {e}");
            std::process::exit(5);
        }
    }

    /// Prints a value as the `-o` format asks, or `human` for tables.
    pub fn data<T: serde::Serialize + ?Sized>(&self, value: &T, human: impl FnOnce() -> String) {
        match self.format {
            Format::Table => self.out(&human()),
            Format::Json => self.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(value).expect("output values serialize")
            )),
            Format::Yaml => {
                self.out(&serde_yaml::to_string(value).expect("output values serialize"))
            }
        }
    }

    /// Says what a write did, on stderr, unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}", reg::render::printable(message));
        }
    }

    /// Says that a page shows part of a collection, on stderr (SPEC §9:
    /// diagnostics never go to stdout), unless `--quiet` or the output is
    /// data.
    pub fn paging(&self, shown: usize, total: usize, offset: usize) {
        if self.format != reg::render::Format::Table || shown == 0 && total == 0 {
            return;
        }
        if shown == 0 && offset < total {
            self.note(&format!("0 of {total} shown; raise --limit to see them"));
        } else if shown == 0 {
            self.note(&format!("nothing at --offset {offset}: there are {total}"));
        } else if offset + shown < total {
            self.note(&format!(
                "{shown} of {total} shown; --offset {} for more",
                offset + shown
            ));
        }
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warn(&self, message: &str) {
        let message = reg::render::printable(message);
        if self.style.color {
            eprintln!("\x1b[33mwarning\x1b[0m: {message}");
        } else {
            eprintln!("warning: {message}");
        }
    }

    /// A short commit id for messages.
    pub fn committed(&self, commit: Option<git2::Oid>) -> String {
        match commit {
            Some(c) => format!(" [{}]", &c.to_string()[..10]),
            None if self.write.dry_run => " (dry run: nothing written)".to_string(),
            None => " (not committed)".to_string(),
        }
    }

    /// Prints what writes did (SPEC §9): for people, `line` on stderr for
    /// each; under `-o json|yaml`, each object written with its commit.
    /// A dry run prints its plan too: the files and the commit message.
    pub fn written(&self, writes: &[Written]) {
        if self.format == Format::Table {
            for w in writes {
                self.note(&w.line);
                if let Some(plan) = &w.plan {
                    self.out(&plan_human(plan));
                }
            }
            return;
        }
        let docs: Vec<serde_json::Value> = writes.iter().map(Written::document).collect();
        match docs.as_slice() {
            [one] if !self.several => self.data(one, String::new),
            _ => self.data(&docs, String::new),
        }
    }
}

impl Cli {
    /// The command line as the man pages show it: `REG_REGISTRY`'s value,
    /// if this shell has one, is not theirs to print.
    fn command_for_docs() -> clap::Command {
        Cli::command().mut_arg("registry", |a| a.hide_env(true))
    }
}

/// The command line as clap sees it. `[env: REG_REGISTRY=...]` shows in
/// help only when the variable is set: its doc says it either way, and an
/// empty `REG_REGISTRY=` reads as if it were set to nothing.
pub fn command() -> clap::Command {
    let set = std::env::var_os("REG_REGISTRY").is_some_and(|v| !v.is_empty());
    Cli::command().mut_arg("registry", |a| a.hide_env(!set))
}

/// Parses the command line, runs the command and returns the exit code.
pub fn main() -> u8 {
    // `COMPLETE=bash reg ...`: the shell asks for candidates, and gets them
    // here; the process ends there.
    clap_complete::CompleteEnv::with_factory(command).complete();
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    let stdout_tty = std::io::stdout().is_terminal();
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // COLUMNS asks for a width even into a pipe; otherwise only a terminal
    // has one, and with none tables are neither cut nor wrapped.
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| if stdout_tty { terminal_width() } else { None });
    let ctx = Ctx {
        registry: cli.global.registry,
        format: match cli.global.output {
            Output::Table => Format::Table,
            Output::Json => Format::Json,
            Output::Yaml => Format::Yaml,
        },
        style: Style { color, width },
        quiet: cli.global.quiet,
        several: matches!(cli.command, Command::Register(_)),
        write: WriteOptions {
            no_commit: cli.global.no_commit,
            dry_run: cli.global.dry_run,
            lock_timeout: Duration::from_secs_f64(cli.global.lock_timeout.clamp(0.0, 86_400.0)),
        },
    };
    let result = match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::New(a) => new::run(&ctx, a),
        Command::Register(a) => register::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Versions(a) => versions::run(&ctx, a),
        Command::List(a) => list::run(&ctx, a),
        Command::Search(a) => search::run(&ctx, a),
        Command::Publish(a) => lifecycle::publish(&ctx, a),
        Command::Deprecate(a) => lifecycle::deprecate(&ctx, a),
        Command::Archive(a) => lifecycle::archive(&ctx, a),
        Command::Delete(a) => lifecycle::delete(&ctx, a),
        Command::History(a) => history::run(&ctx, a),
        Command::Deps(a) => deps::deps(&ctx, a),
        Command::Refs(a) => deps::refs(&ctx, a),
        Command::Validate(a) => validate::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Diff(a) => diff::run(&ctx, a),
        Command::Config(c) => config::run(&ctx, c),
        Command::Instance(c) => instance::run(&ctx, c),
        Command::Completions(a) => completions::run(&ctx, a),
        Command::Schema(a) => schema::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Man(a) => man::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&ctx, &e),
    }
}

/// What clap could not parse: its message on stderr, exit 2, and under
/// `-o json` SPEC §9's error document on stdout too, its "did you mean"
/// as suggestions. Help and `--version` print as they do.
fn usage(e: &clap::Error) -> u8 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    if wants_json(std::env::args_os().skip(1)) {
        let rendered = e.render().to_string();
        let message = rendered
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        let suggestions: Vec<String> = e
            .context()
            .filter(|(kind, _)| {
                matches!(
                    kind,
                    ContextKind::SuggestedSubcommand
                        | ContextKind::SuggestedArg
                        | ContextKind::SuggestedValue
                )
            })
            .flat_map(|(_, value)| match value {
                ContextValue::String(s) => vec![s.clone()],
                ContextValue::Strings(v) => v.clone(),
                _ => Vec::new(),
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"error": {
                "code": "usage",
                "message": message,
                "suggestions": suggestions,
                "references": [],
            }}))
            .expect("serializes")
        );
    }
    let _ = e.print();
    2
}

/// Whether the arguments ask for `-o json`, read without clap (which has
/// just refused them), up to a `--`.
fn wants_json(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let args: Vec<String> = args
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
        .collect();
    args.iter().enumerate().any(|(i, a)| match a.as_str() {
        "-o" | "--output" => args.get(i + 1).is_some_and(|v| v == "json"),
        other => matches!(other, "-ojson" | "-o=json" | "--output=json"),
    })
}

/// Prints an error: findings as findings, everything else as a miette
/// report on stderr, plus SPEC §9's JSON document on stdout under `-o json`.
fn report(ctx: &Ctx, e: &Error) -> u8 {
    if let Error::Invalid(findings) = e {
        if ctx.format == Format::Json {
            ctx.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&reg::render::findings_json(findings))
                    .expect("serializes")
            ));
        }
        eprint!("{}", reg::render::findings_human(findings, ctx.style));
        return e.exit_code();
    }
    if ctx.format == Format::Json {
        ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&reg::render::error_json(e)).expect("serializes")
        ));
    }
    let theme = if ctx.style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut text = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    let shown = Printable {
        message: reg::render::printable(&message).into_owned(),
        code: miette::Diagnostic::code(e).map(|c| c.to_string()),
        help: miette::Diagnostic::help(e)
            .map(|h| reg::render::printable(&h.to_string()).into_owned()),
    };
    if handler.render_report(&mut text, &shown).is_err() {
        text = format!("error: {}\n", shown.message);
    }
    eprint!("{text}");
    e.exit_code()
}

/// An error as shown on a terminal: its words with control characters
/// escaped, since they can quote data (SPEC §10).
#[derive(Debug)]
struct Printable {
    message: String,
    code: Option<String>,
    help: Option<String>,
}

impl std::fmt::Display for Printable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Printable {}

impl miette::Diagnostic for Printable {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn std::fmt::Display>)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
}

fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// Parses `key=value` for `--label`.
pub fn parse_label(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not key=value")),
    }
}

/// Parses a reference argument, turning a bad one into a usage error.
pub fn reference(s: &str) -> Result<reg::resolve::Reference> {
    s.parse()
}

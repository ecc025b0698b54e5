//! Shell completion: the static scripts `reg completions SHELL` prints (the
//! files under `completions/`), and the dynamic completion of definition
//! names, `name@version` and instance names from the registry at hand
//! (`COMPLETE=bash reg`, clap_complete's protocol).

use std::ffi::OsStr;

use clap_complete::Shell;
use clap_complete::engine::CompletionCandidate;

use reg::Result;
use reg::registry::Registry;

use super::Ctx;

/// Print the completion script for a shell (the files under completions/ are these)
///
/// These complete commands and flags. For definition and instance names from the registry
/// as well, have the shell ask reg itself while completing:
///
///   bash:  echo 'source <(COMPLETE=bash reg)' >> ~/.bashrc
///   zsh:   echo 'source <(COMPLETE=zsh reg)' >> ~/.zshrc
///   fish:  echo 'COMPLETE=fish reg | source' >> ~/.config/fish/config.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[command(
    after_help = "Examples:\n  reg completions bash > ~/.local/share/bash-completion/completions/reg\n  reg completions zsh > ~/.zfunc/_reg\n  reg completions fish > ~/.config/fish/completions/reg.fish"
)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    shell: Shell,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut super::command(), "reg", &mut buf);
    ctx.out(&String::from_utf8_lossy(&buf));
    Ok(0)
}

/// The registry completion reads: `REG_REGISTRY`, else the nearest one.
/// (`--registry` on the line being completed is not seen by completers.)
/// Nothing is printed and nothing fails: no registry, no candidates.
fn registry() -> Option<Registry> {
    let dir = std::env::var_os("REG_REGISTRY").map(std::path::PathBuf::from);
    Registry::open(dir.as_deref()).ok()
}

/// Definition names.
pub fn names(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    registry()
        .and_then(|r| r.definition_names().ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// A reference: names, and once a name is complete or followed by `@`,
/// its versions as `name@version`.
pub fn references(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(registry) = registry() else {
        return Vec::new();
    };
    let (name, versions_of) = match current.split_once('@') {
        Some((name, _)) => (name.to_string(), true),
        None => (current.to_string(), false),
    };
    let names = registry.definition_names().unwrap_or_default();
    let mut out: Vec<CompletionCandidate> = Vec::new();
    let matching: Vec<&String> = if versions_of {
        names.iter().filter(|n| **n == name).collect()
    } else {
        names.iter().filter(|n| n.starts_with(&name)).collect()
    };
    if !versions_of {
        out.extend(
            matching
                .iter()
                .map(|n| CompletionCandidate::new(n.as_str())),
        );
    }
    // One name left: its versions, newest first, follow it.
    if let [only] = matching.as_slice() {
        out.extend(
            registry
                .version_numbers(only)
                .unwrap_or_default()
                .into_iter()
                .rev()
                .map(|v| format!("{only}@{v}"))
                .filter(|r| r.starts_with(current.as_ref()))
                .map(CompletionCandidate::new),
        );
    }
    out
}

/// A reference or a definition file (`reg diff` takes either): references
/// first, then the files and folders the word could be the start of.
pub fn references_or_files(current: &OsStr) -> Vec<CompletionCandidate> {
    let mut out = references(current);
    out.extend(clap_complete::engine::ValueCompleter::complete(
        &clap_complete::engine::PathCompleter::any(),
        current,
    ));
    out
}

/// Instance names.
pub fn instances(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    registry()
        .and_then(|r| r.instance_names().ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

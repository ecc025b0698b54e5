//! `reg history`: the lifecycle events of a definition version, all
//! versions of a name, or an instance, read back from git commits and their
//! `Reg-*` trailers (SPEC §3, §9). Commits made by hand show as `edit`.

mod index;

use std::path::PathBuf;

use jiff::Timestamp;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::git::Repo;
use crate::registry::{DEFINITIONS, Registry};
use crate::resolve::Reference;

/// What the history is about.
#[derive(Debug, Clone)]
pub enum Subject {
    /// One definition version, or every version of a name.
    Definition(Reference),
    /// One instance.
    Instance(String),
}

/// One change of a file, as `reg history` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEvent {
    /// When (the commit's time).
    pub at: Timestamp,
    /// Who (`Name <email>`).
    pub author: String,
    /// The `Reg-Action` trailer, or `edit`.
    pub action: String,
    /// The state before, when known.
    pub from: Option<String>,
    /// The state after, when known.
    pub to: Option<String>,
    /// The commit id.
    pub commit: String,
    /// The commit's summary line.
    pub message: String,
    /// `definition/name@version` or `instance/name`.
    pub subject: String,
}

/// The history document of SPEC §9.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// What was asked about.
    pub subject: String,
    /// Newest first.
    pub events: Vec<HistoryEvent>,
}

/// Reads the history of a subject from git.
///
/// # Errors
///
/// Exit 3 when the subject never existed; exit 5 when git fails.
pub fn history(registry: &Registry, subject: &Subject) -> Result<History> {
    let repo = Repo::open(registry.root())?;
    let (path, label): (PathBuf, String) = match subject {
        Subject::Instance(name) => (Registry::instance_file(name), format!("instance/{name}")),
        Subject::Definition(Reference::Exact(name, v)) => (
            Registry::definition_file(name, v),
            format!("definition/{name}@{v}"),
        ),
        Subject::Definition(Reference::Latest(name)) => (
            PathBuf::from(DEFINITIONS).join(name),
            format!("definition/{name}"),
        ),
        Subject::Definition(r @ (Reference::Range(..) | Reference::Id(_))) => {
            let d = crate::resolve::resolve(registry, r)?;
            (
                Registry::definition_file(&d.data.name, &d.data.version),
                format!("definition/{}", d.data.reference()),
            )
        }
    };
    let commits = index::commits_touching(&repo, &path)?;
    let changes = repo.changes(&path, &commits)?;
    if changes.is_empty() {
        return Err(Error::NotFound {
            message: format!(
                "no history for {label}: no commit ever touched {}",
                path.display()
            ),
            suggestions: Vec::new(),
            help: Some(
                "only committed changes have history; `git status` shows uncommitted ones".into(),
            ),
        });
    }
    let events = changes
        .into_iter()
        // A name's tombstones change with a deletion, which is the event.
        .filter(|c| c.path.file_name() != Some(std::ffi::OsStr::new(crate::definition::TOMBSTONES)))
        .map(|c| {
            let file_subject = subject_of(&c.path);
            let ours = c.trailers.get("subject") == Some(&file_subject);
            let status = |bytes: &Option<Vec<u8>>| {
                bytes.as_ref().and_then(|b| {
                    let v = crate::yaml::parse(std::str::from_utf8(b).ok()?).ok()?;
                    v.get("status")?.as_str().map(String::from)
                })
            };
            let (action, from, to) = if ours {
                (
                    c.trailers
                        .get("action")
                        .cloned()
                        .unwrap_or_else(|| "edit".into()),
                    c.trailers.get("from").cloned(),
                    c.trailers.get("to").cloned(),
                )
            } else {
                // SPEC §9: a commit without reg's trailers is an `edit`; it
                // shows states only when the edit moved one.
                let (from, to) = (status(&c.before), status(&c.after));
                if from == to {
                    ("edit".to_string(), None, None)
                } else {
                    ("edit".to_string(), from, to)
                }
            };
            HistoryEvent {
                at: c.time,
                author: c.author,
                action,
                from,
                to,
                commit: c.commit.to_string(),
                message: c.message.lines().next().unwrap_or_default().to_string(),
                subject: file_subject,
            }
        })
        .collect();
    Ok(History {
        subject: label,
        events,
    })
}

/// `definition/name@version` or `instance/name` for a file of the registry.
fn subject_of(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [_, name, file] => format!("definition/{name}@{}", file.trim_end_matches(".yaml")),
        [_, file] => format!("instance/{}", file.trim_end_matches(".yaml")),
        _ => crate::root::display_rel(path),
    }
}

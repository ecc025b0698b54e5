//! The one error type of `reg`, and the only place where a kind of failure is
//! mapped to an exit code (SPEC §8).

use std::path::PathBuf;

use miette::Diagnostic;

use crate::finding::Report;

/// How [`Error::Unsafe`] names a symbolic link.
pub const LINK: &str = "a symbolic link";

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `reg`, one variant per kind a user can act on.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Error {
    /// Validation found problems; they are printed as findings.
    #[error("{} problem(s) found", .0.findings.len())]
    #[diagnostic(code(reg::invalid))]
    Invalid(Report),

    /// A bad argument that clap could not catch.
    #[error("{message}")]
    #[diagnostic(code(reg::usage))]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
        /// Valid values close to the one given.
        suggestions: Vec<String>,
    },

    /// A reference, file or name that does not exist.
    #[error("{message}")]
    #[diagnostic(code(reg::not_found))]
    NotFound {
        /// What was looked for.
        message: String,
        /// What exists instead, and near misses.
        suggestions: Vec<String>,
        /// The rendered help line.
        #[help]
        help: Option<String>,
    },

    /// The operation clashes with what is already there: a duplicate, a
    /// forbidden transition, or references that block it.
    #[error("{message}")]
    #[diagnostic(code(reg::conflict))]
    Conflict {
        /// Stable code of the conflict, for scripts (`duplicate`, `transition`, `blocked`...).
        kind: &'static str,
        /// What clashed.
        message: String,
        /// Every reference that blocks the operation.
        references: Vec<String>,
        /// What can be done instead (the transitions allowed from here).
        suggestions: Vec<String>,
        /// What can be done instead.
        #[help]
        help: Option<String>,
    },

    /// No registry root was found.
    #[error("no registry found at or above {}", .start.display())]
    #[diagnostic(
        code(reg::no_registry),
        help("run `reg init` to create one here, or pass --registry DIR (or set REG_REGISTRY)")
    )]
    NoRegistry {
        /// Where the search started.
        start: PathBuf,
    },

    /// Reading or writing a file failed.
    #[error("cannot {action} {}", .path.display())]
    #[diagnostic(code(reg::io))]
    Io {
        /// What `reg` was doing (`read`, `write`...).
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A path under the root is a symbolic link or a special file: `reg`
    /// never reads or writes through one (SPEC §1).
    #[error(
        "{path} is {what}; reg reads and writes only real files and folders inside the registry"
    )]
    #[diagnostic(
        code(reg::unsafe_path),
        help(
            "replace it with the real file or folder (if it was committed, `git rm` it in its own pull request)"
        )
    )]
    Unsafe {
        /// The path, relative to the registry root.
        path: String,
        /// What it is (`a symbolic link`, `a FIFO`...).
        what: &'static str,
    },

    /// A git operation failed.
    #[error("git: {message}")]
    #[diagnostic(code(reg::git))]
    Git {
        /// What `reg` was doing and what git said.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },

    /// The environment does not allow the operation (no identity, unwritable tree...).
    #[error("{message}")]
    #[diagnostic(code(reg::environment))]
    Environment {
        /// What is missing.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
}

impl Error {
    /// The exit code of SPEC §8 for this error.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            Error::Usage { .. } => 2,
            Error::NotFound { .. } => 3,
            Error::Conflict { .. } => 4,
            Error::NoRegistry { .. }
            | Error::Io { .. }
            | Error::Git { .. }
            | Error::Unsafe { .. }
            | Error::Environment { .. } => 5,
        }
    }

    /// The stable code scripts can match on (`error.code` in JSON output).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::Usage { .. } => "usage",
            Error::NotFound { .. } => "not-found",
            Error::Conflict { kind, .. } => kind,
            Error::NoRegistry { .. } => "no-registry",
            Error::Io { .. } => "io",
            Error::Git { .. } => "git",
            Error::Environment { .. } => "environment",
            Error::Unsafe { what, .. } if *what == LINK => "symlink",
            Error::Unsafe { .. } => "special-file",
        }
    }

    /// Suggestions worth showing a user (near names, existing versions).
    #[must_use]
    pub fn suggestions(&self) -> &[String] {
        match self {
            Error::NotFound { suggestions, .. }
            | Error::Conflict { suggestions, .. }
            | Error::Usage { suggestions, .. } => suggestions,
            _ => &[],
        }
    }

    /// References that block the operation.
    #[must_use]
    pub fn references(&self) -> &[String] {
        match self {
            Error::Conflict { references, .. } => references,
            _ => &[],
        }
    }

    /// Builds a usage error.
    pub fn usage(message: impl Into<String>, help: impl Into<Option<String>>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
            suggestions: Vec::new(),
        }
    }

    /// Adds values to try instead to a usage error (SPEC §9's
    /// `suggestions`); other errors are returned as they are.
    #[must_use]
    pub fn suggesting(mut self, values: impl IntoIterator<Item = String>) -> Self {
        if let Error::Usage { suggestions, .. } = &mut self {
            suggestions.extend(values);
        }
        self
    }

    /// Builds a conflict with its stable kind and the references that cause it.
    pub fn conflict(
        kind: &'static str,
        message: impl Into<String>,
        references: Vec<String>,
        help: impl Into<Option<String>>,
    ) -> Self {
        Error::Conflict {
            kind,
            message: message.into(),
            references,
            suggestions: Vec::new(),
            help: help.into(),
        }
    }

    /// A lifecycle transition refused from state `from`: the actions
    /// allowed from there are the suggestions (`none` says what to do when
    /// there are none).
    pub fn transition(
        message: impl Into<String>,
        from: impl std::fmt::Display,
        allowed: Vec<String>,
        none: &str,
    ) -> Self {
        let listed = if allowed.is_empty() {
            none.to_string()
        } else {
            allowed.join(", ")
        };
        Error::Conflict {
            kind: "transition",
            message: message.into(),
            references: Vec::new(),
            help: Some(format!("from {from}, allowed: {listed}")),
            suggestions: allowed,
        }
    }

    /// Builds an I/O error that names the file and what was being done.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The error for a file of the registry that could not be read:
    /// links and special files are refused (exit 5), bad contents are
    /// findings (exit 1).
    #[must_use]
    pub fn unreadable(rel: &std::path::Path, e: crate::text::ReadError) -> Self {
        use crate::text::ReadError;
        match e {
            ReadError::Link(path) => Error::Unsafe { path, what: LINK },
            ReadError::Special(path, what) => Error::Unsafe { path, what },
            ReadError::Io(e) => Error::io("read", rel, e),
            other => {
                let file = crate::root::display_rel(rel);
                let mut report = Report {
                    files: 1,
                    ..Report::default()
                };
                report.add(
                    vec![crate::finding::Finding::error(
                        &file,
                        "",
                        "file",
                        other.code(),
                        other.to_string(),
                    )],
                    None,
                );
                Error::Invalid(report)
            }
        }
    }

    /// Findings as an invalid-input error (exit 1), with the file texts
    /// left out: for findings met outside a file's own check.
    #[must_use]
    pub fn invalid(findings: Vec<crate::finding::Finding>) -> Self {
        let mut report = Report::default();
        report.add(findings, None);
        Error::Invalid(report)
    }

    /// Builds a git error.
    pub fn git(message: impl Into<String>, help: impl Into<Option<String>>) -> Self {
        Error::Git {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl From<git2::Error> for Error {
    fn from(e: git2::Error) -> Self {
        Error::git(e.message().to_string(), None)
    }
}

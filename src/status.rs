//! The lifecycle of a definition version (SPEC §3): its states and the
//! edges between them. Data every layer reads (the schema references, the
//! version rules, the rulebook, the commands), kept apart so that none of
//! them needs the definition module or the commands for it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Lifecycle state of a definition version (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Editable, not usable by instances.
    Draft,
    /// Immutable and usable.
    Published,
    /// Usable with a warning; a replacement may be named.
    Deprecated,
    /// Kept for the record; nothing new may use it.
    Archived,
}

impl Status {
    /// Every state, in lifecycle order.
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Published,
        Status::Deprecated,
        Status::Archived,
    ];

    /// The state as written in files and trailers.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "DRAFT",
            Status::Published => "PUBLISHED",
            Status::Deprecated => "DEPRECATED",
            Status::Archived => "ARCHIVED",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("`{s}` is not a status; use DRAFT, PUBLISHED, DEPRECATED or ARCHIVED")
            })
    }
}

/// What a lifecycle command can do to a definition version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// DRAFT → PUBLISHED.
    Publish,
    /// PUBLISHED → DEPRECATED.
    Deprecate,
    /// PUBLISHED or DEPRECATED → ARCHIVED.
    Archive,
    /// DRAFT or ARCHIVED → (file removed).
    Delete,
}

impl Action {
    /// The verb, as in commands and `Reg-Action` trailers.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Publish => "publish",
            Action::Deprecate => "deprecate",
            Action::Archive => "archive",
            Action::Delete => "delete",
        }
    }

    /// The state the action leads to from `from`, or `None` when the edge
    /// does not exist. `Some(None)` is a deletion.
    #[must_use]
    pub fn apply(self, from: Status) -> Option<Option<Status>> {
        match (from, self) {
            (Status::Draft, Action::Publish) => Some(Some(Status::Published)),
            (Status::Published, Action::Deprecate) => Some(Some(Status::Deprecated)),
            (Status::Published | Status::Deprecated, Action::Archive) => {
                Some(Some(Status::Archived))
            }
            (Status::Draft | Status::Archived, Action::Delete) => Some(None),
            _ => None,
        }
    }

    /// The actions allowed from `from`.
    #[must_use]
    pub fn allowed_from(from: Status) -> Vec<Action> {
        [
            Action::Publish,
            Action::Deprecate,
            Action::Archive,
            Action::Delete,
        ]
        .into_iter()
        .filter(|a| a.apply(from).is_some())
        .collect()
    }
}

/// Whether `from` → `to` is an edge of the lifecycle (or no move): what a
/// hand edit may do in one change, as one command would.
#[must_use]
pub fn edge(from: Status, to: Status) -> bool {
    from == to
        || [Action::Publish, Action::Deprecate, Action::Archive]
            .iter()
            .any(|a| a.apply(from) == Some(Some(to)))
}

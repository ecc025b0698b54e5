//! The lifecycle state of a definition version (SPEC §3): data every
//! layer reads (the schema references, the version rules, the commands),
//! kept apart so that none of them needs the definition module for it.

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

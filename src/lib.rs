//! `reg` keeps integration definitions and instances as YAML files in a git
//! repository: it validates them against bundled JSON Schemas, resolves
//! versions, enforces their lifecycle and records every change as a commit.
//!
//! The command-line binary is a thin layer over this crate: every command is
//! one call into a module named for its domain noun.

pub mod cache;
pub mod check;
pub mod compat;
pub mod definition;
pub mod discover;
pub mod edit;
pub mod error;
pub mod export;
pub mod finding;
pub mod git;
pub mod history;
pub mod init;
pub mod instance;
pub mod lifecycle;
pub mod manifest;
pub mod migration;
pub mod name;
pub mod policy;
pub mod registry;
pub mod render;
pub mod resolve;
pub mod root;
pub mod rulebook;
pub mod schema;
pub mod search;
pub mod secret;
pub mod source;
pub mod state;
pub mod status;
pub mod store;
pub mod text;
pub mod validate;
pub mod version;
pub mod words;
pub mod yaml;

pub use error::{Error, Result};

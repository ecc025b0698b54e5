//! End-to-end tests: the real `reg` binary against real temporary git
//! repositories, checking files, commits and output.

mod support;

mod authoring;
mod compat;
mod completions;
mod concurrency;
mod confinement;
mod conformance;
mod differential;
mod discovery;
mod dry_run;
mod errors;
mod export;
mod failure;
mod formats;
mod git_index;
mod help;
mod history;
mod hostile;
mod init;
mod instances;
mod lifecycle;
mod migration;
mod policy;
mod proofs;
mod recipes;
mod register;
mod rulebook;
mod schema_refs;
mod schemas;
mod secrets;
mod show_list;
mod soundness;
mod validate;

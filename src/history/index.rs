//! The history index: which files of the registry each commit changed,
//! newest first, so `reg history` reads the few commits that touched a file
//! instead of every tree of every commit. It is extended by the commits
//! made since it was written (a walk that stops at the last one it knows),
//! and rebuilt when history was rewritten under it.
//!
//! It lives in the git directory, not in `.reg/`: a file there cannot
//! arrive in a commit, and one that lied could hide history. Even so it
//! only says where to look; git itself is asked what each named commit
//! changed, so an entry that is wrong shows nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use git2::Oid;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::git::Repo;
use crate::root::display_rel;

/// The file in the git directory.
const FILE: &str = "reg-history";
/// Bumped with the format.
const FORMAT: u32 = 1;
/// Larger files are not ours.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Log {
    format: u32,
    /// The registry's folder in the work tree the log describes.
    prefix: String,
    /// The commit the log was written at.
    head: Vec<u8>,
    /// Every path named, relative to the registry root.
    paths: Vec<String>,
    /// Newest first: a commit and the paths (indices) it changed.
    commits: Vec<(Vec<u8>, Vec<u32>)>,
}

impl Log {
    fn read(repo: &Repo) -> Option<Log> {
        let file = std::fs::File::open(repo.private_file(FILE)).ok()?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES).read_to_end(&mut bytes).ok()?;
        postcard::from_bytes::<Log>(&bytes)
            .ok()
            .filter(|l| l.format == FORMAT && l.prefix == display_rel(repo.prefix()))
    }

    /// Best effort: a log that cannot be written is built again next time.
    fn write(&self, repo: &Repo) {
        let Ok(bytes) = postcard::to_stdvec(self) else {
            return;
        };
        let path = repo.private_file(FILE);
        let Some(dir) = path.parent() else { return };
        if let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir)
            && temp.write_all(&bytes).is_ok()
        {
            let _ = temp.persist(&path);
        }
    }

    /// Puts `newer` (newest first) before what the log holds.
    fn extend(&mut self, head: Oid, newer: Vec<(Oid, Vec<PathBuf>)>) {
        let mut ids: std::collections::HashMap<String, u32> = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut added = Vec::with_capacity(newer.len());
        for (commit, paths) in newer {
            let ids: Vec<u32> = paths
                .iter()
                .map(|p| {
                    let p = display_rel(p);
                    *ids.entry(p.clone()).or_insert_with(|| {
                        self.paths.push(p);
                        u32::try_from(self.paths.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect();
            added.push((commit.as_bytes().to_vec(), ids));
        }
        added.append(&mut self.commits);
        self.commits = added;
        self.head = head.as_bytes().to_vec();
        self.format = FORMAT;
    }
}

/// The commits reachable from HEAD that changed a file at or under `path`
/// (relative to the registry root), newest first.
///
/// # Errors
///
/// Exit 5 when git cannot be read.
pub fn commits_touching(repo: &Repo, path: &Path) -> Result<Vec<Oid>> {
    let Some(head) = repo.head_commit()? else {
        return Ok(Vec::new());
    };
    let mut log = Log::read(repo).unwrap_or_default();
    let known = Oid::from_bytes(&log.head).ok();
    if known != Some(head) {
        let base = known.filter(|k| repo.is_ancestor(*k, head));
        if base.is_none() {
            log = Log {
                prefix: display_rel(repo.prefix()),
                ..Log::default()
            };
        }
        log.extend(head, repo.touched(head, base)?);
        log.write(repo);
    }
    let wanted = display_rel(path);
    let folder = format!("{wanted}/");
    let hits: Vec<bool> = log
        .paths
        .iter()
        .map(|p| *p == wanted || p.starts_with(&folder))
        .collect();
    Ok(log
        .commits
        .iter()
        .filter(|(_, ids)| {
            ids.iter()
                .any(|i| hits.get(*i as usize).copied().unwrap_or(false))
        })
        .filter_map(|(id, _)| Oid::from_bytes(id).ok())
        .collect())
}

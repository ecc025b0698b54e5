//! What a pull request changed: the base `reg check` compares with, and
//! the registry's paths that differ from it in the work tree.

use std::path::{Path, PathBuf};

use git2::Oid;

use super::Repo;
use crate::error::{Error, Result};

impl Repo {
    /// The commit `reg check` compares the work tree with (SPEC §6): for
    /// `REV` (or `REV...HEAD`) the merge base of REV and HEAD, as `git diff
    /// REV...HEAD` reads it; for `A...B` the merge base of A and B; for
    /// `A..B`, A; with no `REV`, the merge base with the branch's upstream.
    /// Returns the commit and how it was found, for the user.
    ///
    /// # Errors
    ///
    /// Exit 5 when there is no upstream and no `REV`, a revision does not
    /// exist, or the merge base is missing from a shallow clone: never a
    /// silent comparison with HEAD itself.
    pub fn check_base(&self, base: Option<&str>) -> Result<(Oid, String)> {
        let commit = |rev: &str| -> Result<Oid> {
            self.repo
                .revparse_single(rev)
                .and_then(|o| o.peel_to_commit())
                .map(|c| c.id())
                .map_err(|e| {
                    Error::git(
                        format!("no revision `{rev}`: {}", e.message()),
                        Some(if self.repo.is_shallow() {
                            "this is a shallow clone: fetch the base branch and its history (with actions/checkout, `fetch-depth: 0`)".to_string()
                        } else {
                            "pass --base with a commit, branch or tag that exists (`git fetch` brings remote branches)".to_string()
                        }),
                    )
                })
        };
        let merge_base = |a: &str, b: &str| -> Result<Oid> {
            let (x, y) = (commit(a)?, commit(b)?);
            self.repo.merge_base(x, y).map_err(|_| {
                if self.repo.is_shallow() {
                    Error::git(
                        format!("the merge base of {a} and {b} is not in this shallow clone"),
                        Some("fetch more history: `git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout".to_string()),
                    )
                } else {
                    Error::git(
                        format!("{a} and {b} have no commit in common"),
                        Some("pass --base with the commit to compare with".to_string()),
                    )
                }
            })
        };
        match base {
            Some(range) if range.contains("...") => {
                let (a, b) = range.split_once("...").expect("contains ...");
                let b = if b.is_empty() { "HEAD" } else { b };
                Ok((merge_base(a, b)?, format!("the merge base of {a} and {b}")))
            }
            Some(range) if range.contains("..") => {
                let (a, _) = range.split_once("..").expect("contains ..");
                Ok((commit(a)?, a.to_string()))
            }
            Some(rev) => Ok((
                merge_base(rev, "HEAD")?,
                format!("the merge base of {rev} and HEAD"),
            )),
            None => {
                let head = self.repo.head().map_err(|e| {
                    Error::git(format!("HEAD cannot be read: {}", e.message()), None)
                })?;
                let upstream = head
                    .is_branch()
                    .then(|| head.shorthand().ok().map(String::from))
                    .flatten()
                    .and_then(|name| self.repo.find_branch(&name, git2::BranchType::Local).ok())
                    .and_then(|b| b.upstream().ok())
                    .and_then(|u| u.get().name().ok().map(String::from));
                let Some(upstream) = upstream else {
                    return Err(Error::Environment {
                        message: if head.is_branch() {
                            "the branch has no upstream, so check does not know what to compare with".into()
                        } else {
                            "HEAD is detached (as in most CI checkouts), so check does not know what to compare with".into()
                        },
                        help: Some(
                            "pass the branch the change goes into: `reg check --base origin/main`"
                                .into(),
                        ),
                    });
                };
                Ok((
                    merge_base(&upstream, "HEAD")?,
                    format!("the merge base of {upstream} and HEAD"),
                ))
            }
        }
    }

    /// The files of this registry (relative to its root) that differ
    /// between `base` and the work tree: committed since, staged, changed,
    /// or new and not ignored. Base against index is git's tree diff;
    /// index against work tree is one `stat` per entry and one listing per
    /// folder, on all cores, as `git status` does with a preloaded index,
    /// and a file is read only when its stat data no longer vouches for it.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot compare.
    pub fn changed_since(&self, base: Oid, fs: &crate::root::Root) -> Result<Vec<PathBuf>> {
        use rayon::prelude::*;
        let tree = self.repo.find_commit(base)?.tree()?;
        let mut opts = git2::DiffOptions::new();
        opts.include_typechange(true).ignore_submodules(true);
        let top = [
            crate::registry::MANIFEST,
            crate::registry::DEFINITIONS,
            crate::registry::INSTANCES,
        ];
        for t in top {
            opts.pathspec(crate::root::display_rel(&self.prefix.join(t)));
        }
        let index = self.git2_index()?;
        let diff = self
            .repo
            .diff_tree_to_index(Some(&tree), Some(&index), Some(&mut opts))?;
        let mut out: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                if let Some(p) = file.path()
                    && let Ok(rel) = p.strip_prefix(&self.prefix)
                {
                    out.insert(rel.to_path_buf());
                }
            }
        }
        // The index's entries of this registry, with what their stat data says.
        let ours = |rel: &Path| {
            rel.components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .is_some_and(|c| top.contains(&c))
        };
        // An entry written in the same second as the index cannot vouch
        // for a same-size edit that second (git's "racily clean").
        let index_time = std::fs::metadata(self.repo.path().join("index"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(i64::MAX, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        // Folder by folder: one open, one listing (for files git does not
        // know yet) and one `stat` per entry, relative to the folder. The
        // index is sorted by path, so a folder's entries are together.
        let mut folders: Vec<(PathBuf, Vec<(String, git2::IndexEntry)>)> = Vec::new();
        for e in index.iter() {
            let Ok(path) = std::str::from_utf8(&e.path) else {
                continue;
            };
            let Ok(rel) = Path::new(path).strip_prefix(&self.prefix) else {
                continue;
            };
            if !ours(rel) {
                continue;
            }
            let (Some(dir), Some(name)) = (rel.parent(), rel.file_name().and_then(|n| n.to_str()))
            else {
                continue;
            };
            match folders.last_mut() {
                Some((d, list)) if d.as_path() == dir => list.push((name.to_string(), e)),
                _ => folders.push((dir.to_path_buf(), vec![(name.to_string(), e)])),
            }
        }
        // Folders git knows nothing of yet, listed for their new files.
        let known: std::collections::HashSet<PathBuf> =
            folders.iter().map(|(d, _)| d.clone()).collect();
        let definitions = Path::new(crate::registry::DEFINITIONS);
        let new_folders: Vec<PathBuf> = [PathBuf::new(), PathBuf::from(crate::registry::INSTANCES)]
            .into_iter()
            .chain(
                fs.list(definitions)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(_, k)| *k == crate::root::Kind::Dir)
                    .map(|(n, _)| definitions.join(n)),
            )
            .filter(|d| !known.contains(d))
            .collect();
        folders.extend(new_folders.into_iter().map(|d| (d, Vec::new())));
        let (changed, untracked): (Vec<Vec<PathBuf>>, Vec<Vec<PathBuf>>) = folders
            .par_iter()
            .map(|(dir, entries)| {
                let all = |es: &[(String, git2::IndexEntry)]| {
                    es.iter().map(|(n, _)| dir.join(n)).collect::<Vec<_>>()
                };
                let Ok(fd) = fs.open_dir(dir) else {
                    // The folder is gone, or is a link: all of it changed.
                    return (all(entries), Vec::new());
                };
                let mut changed = Vec::new();
                for (name, e) in entries {
                    let vouches = rustix::fs::statat(
                        &fd,
                        name.as_str(),
                        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
                    )
                    .is_ok_and(|st| {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let same = st.st_size as u32 == e.file_size
                            && st.st_mtime as i32 == e.mtime.seconds()
                            && st.st_mtime_nsec as u32 == e.mtime.nanoseconds()
                            && st.st_ino as u32 == e.ino
                            && i64::from(e.mtime.seconds()) < index_time;
                        same
                    });
                    if vouches {
                        continue;
                    }
                    let rel = dir.join(name);
                    let same_blob = crate::root::read_text_beneath(
                        std::os::fd::AsFd::as_fd(&fd),
                        Path::new(name),
                    )
                    .is_ok_and(|text| {
                        Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).ok() == Some(e.id)
                    });
                    if !same_blob {
                        changed.push(rel);
                    }
                }
                let known: std::collections::HashSet<&str> =
                    entries.iter().map(|(n, _)| n.as_str()).collect();
                let untracked = crate::root::list_fd_pub(fd)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(n, k)| {
                        matches!(k, crate::root::Kind::File | crate::root::Kind::Link)
                            && !known.contains(n.as_str())
                    })
                    .map(|(n, _)| dir.join(n))
                    .filter(|rel| ours(rel))
                    .collect();
                (changed, untracked)
            })
            .unzip();
        out.extend(changed.into_iter().flatten());
        let ignored = |rel: &Path| {
            self.repo
                .is_path_ignored(self.prefix.join(rel))
                .unwrap_or(false)
        };
        out.extend(untracked.into_iter().flatten().filter(|rel| !ignored(rel)));
        Ok(out.into_iter().collect())
    }
}

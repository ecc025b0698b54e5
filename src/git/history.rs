//! What commits changed: the files under a path, commit by commit, for
//! `reg history` and its index (`crate::history`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{Oid, Tree};
use jiff::Timestamp;

use super::{Repo, entry_id};
use crate::error::Result;

/// One commit that changed a file under the path asked about.
#[derive(Debug, Clone)]
pub struct Change {
    /// The commit id.
    pub commit: Oid,
    /// Committer time.
    pub time: Timestamp,
    /// Author name and email.
    pub author: String,
    /// The whole commit message.
    pub message: String,
    /// `Reg-*` trailers, keys without the `Reg-` prefix, lowercase.
    pub trailers: BTreeMap<String, String>,
    /// The file that changed, relative to the registry root.
    pub path: PathBuf,
    /// Its contents before (`None`: it did not exist).
    pub before: Option<Vec<u8>>,
    /// Its contents after (`None`: it was deleted).
    pub after: Option<Vec<u8>>,
}

impl Repo {
    /// The changes of the files at or under `path` (relative to the
    /// registry root) made by `commits`, in their order. A merge that only
    /// brings a side's version of a file is not counted again, as in `git
    /// log`; a commit that changed none of them gives nothing.
    ///
    /// # Errors
    ///
    /// Fails when libgit2 cannot read the objects.
    pub fn changes(&self, path: &Path, commits: &[Oid]) -> Result<Vec<Change>> {
        let full = self.prefix.join(path);
        let mut out = Vec::new();
        for oid in commits {
            let commit = self.repo.find_commit(*oid)?;
            let here = entry_id(&commit.tree()?, &full);
            let parents: Vec<Option<Oid>> = commit
                .parents()
                .map(|p| p.tree().map(|t| entry_id(&t, &full)))
                .collect::<std::result::Result<_, _>>()?;
            if parents.contains(&here) || (parents.is_empty() && here.is_none()) {
                continue;
            }
            let before_tree = commit.parents().next().map(|p| p.tree()).transpose()?;
            let files = self.changed_files(before_tree.as_ref(), &commit.tree()?, &full)?;
            let message = commit.message().unwrap_or_default().to_string();
            let trailers = git2::message_trailers_strs(&message)
                .map(|t| {
                    t.iter()
                        .filter_map(|(k, v)| {
                            Some((k.strip_prefix("Reg-")?.to_ascii_lowercase(), v.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let author = commit.author();
            for (file, before, after) in files {
                out.push(Change {
                    commit: commit.id(),
                    time: Timestamp::from_second(commit.time().seconds())
                        .unwrap_or(Timestamp::UNIX_EPOCH),
                    author: format!(
                        "{} <{}>",
                        author.name().unwrap_or_default(),
                        author.email().unwrap_or_default()
                    ),
                    message: message.clone(),
                    trailers: BTreeMap::clone(&trailers),
                    path: file
                        .strip_prefix(&self.prefix)
                        .unwrap_or(&file)
                        .to_path_buf(),
                    before,
                    after,
                });
            }
        }
        Ok(out)
    }

    /// Every commit reachable from `tip` and not from `known`, newest first
    /// (topologically, then by time, as `git log`), with the files of this
    /// registry (relative to its root) it changed: against its parent, or
    /// for a merge, against every parent. Folders the two trees share are
    /// never descended, so each commit costs what it changed.
    ///
    /// # Errors
    ///
    /// When the objects cannot be read.
    pub fn touched(&self, tip: Oid, known: Option<Oid>) -> Result<Vec<(Oid, Vec<PathBuf>)>> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
        walk.push(tip)?;
        if let Some(k) = known {
            walk.hide(k)?;
        }
        let mut out = Vec::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            let here = self.registry_tree(&commit)?;
            let mut changed: Option<std::collections::BTreeSet<PathBuf>> = None;
            let parents = if commit.parent_count() == 0 {
                vec![None]
            } else {
                commit
                    .parents()
                    .map(|p| self.registry_tree(&p))
                    .collect::<Result<Vec<_>>>()?
            };
            for base in parents {
                let mut files = std::collections::BTreeSet::new();
                self.tree_changes(base, here, Path::new(""), &mut files)?;
                changed = Some(match changed {
                    None => files,
                    Some(before) => before.intersection(&files).cloned().collect(),
                });
            }
            out.push((
                commit.id(),
                changed.unwrap_or_default().into_iter().collect(),
            ));
        }
        Ok(out)
    }

    /// The tree of this registry's folder in `commit`, if it has one.
    fn registry_tree(&self, commit: &git2::Commit<'_>) -> Result<Option<Oid>> {
        let tree = commit.tree()?;
        if self.prefix.as_os_str().is_empty() {
            return Ok(Some(tree.id()));
        }
        Ok(tree
            .get_path(&self.prefix)
            .ok()
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .map(|e| e.id()))
    }

    /// Adds to `out` every file (under `at`) that differs between the trees
    /// `old` and `new`; a side that is `None` is empty.
    fn tree_changes(
        &self,
        old: Option<Oid>,
        new: Option<Oid>,
        at: &Path,
        out: &mut std::collections::BTreeSet<PathBuf>,
    ) -> Result<()> {
        use std::os::unix::ffi::OsStrExt;
        if old == new {
            return Ok(());
        }
        let entries = |id: Option<Oid>| -> Result<Option<Tree<'_>>> {
            id.map(|id| self.repo.find_tree(id))
                .transpose()
                .map_err(Into::into)
        };
        let (before, after) = (entries(old)?, entries(new)?);
        let mut before = before.iter().flat_map(Tree::iter).peekable();
        let mut after = after.iter().flat_map(Tree::iter).peekable();
        let mut descend = Vec::new();
        let shape = |e: &git2::TreeEntry<'_>| (e.id(), e.kind() == Some(git2::ObjectType::Tree));
        loop {
            let order = match (before.peek(), after.peek()) {
                (None, None) => break,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(b), Some(a)) => git_order(b, a),
            };
            let (name, was, now) = match order {
                std::cmp::Ordering::Less => {
                    let b = before.next().expect("peeked");
                    (b.name_bytes().to_vec(), Some(shape(&b)), None)
                }
                std::cmp::Ordering::Greater => {
                    let a = after.next().expect("peeked");
                    (a.name_bytes().to_vec(), None, Some(shape(&a)))
                }
                std::cmp::Ordering::Equal => {
                    let (b, a) = (
                        before.next().expect("peeked"),
                        after.next().expect("peeked"),
                    );
                    if b.id() == a.id() {
                        continue;
                    }
                    (a.name_bytes().to_vec(), Some(shape(&b)), Some(shape(&a)))
                }
            };
            let path = at.join(std::ffi::OsStr::from_bytes(&name));
            let folder = |s: Option<(Oid, bool)>| s.filter(|s| s.1).map(|s| s.0);
            let file = |s: Option<(Oid, bool)>| s.filter(|s| !s.1).map(|s| s.0);
            if file(was) != file(now) {
                out.insert(path.clone());
            }
            descend.push((folder(was), folder(now), path));
        }
        for (old, new, path) in descend {
            if old.is_some() || new.is_some() {
                self.tree_changes(old, new, &path, out)?;
            }
        }
        Ok(())
    }

    /// The files at or under `path` whose blobs differ between two trees,
    /// with their contents on each side.
    #[allow(clippy::type_complexity)]
    fn changed_files(
        &self,
        before: Option<&Tree<'_>>,
        after: &Tree<'_>,
        path: &Path,
    ) -> Result<Vec<(PathBuf, Option<Vec<u8>>, Option<Vec<u8>>)>> {
        let mut files: BTreeMap<PathBuf, (Option<Oid>, Option<Oid>)> = BTreeMap::new();
        let mut collect = |tree: Option<&Tree<'_>>, after_side: bool| -> Result<()> {
            let Some(tree) = tree else { return Ok(()) };
            let Ok(entry) = tree.get_path(path) else {
                return Ok(());
            };
            match entry.kind() {
                Some(git2::ObjectType::Blob) => {
                    let slot = files.entry(path.to_path_buf()).or_default();
                    if after_side {
                        slot.1 = Some(entry.id())
                    } else {
                        slot.0 = Some(entry.id())
                    }
                }
                Some(git2::ObjectType::Tree) => {
                    let sub = self.repo.find_tree(entry.id())?;
                    sub.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
                        if e.kind() == Some(git2::ObjectType::Blob) {
                            let p = path.join(dir).join(e.name().unwrap_or_default());
                            let slot = files.entry(p).or_default();
                            if after_side {
                                slot.1 = Some(e.id())
                            } else {
                                slot.0 = Some(e.id())
                            }
                        }
                        git2::TreeWalkResult::Ok
                    })?;
                }
                _ => {}
            }
            Ok(())
        };
        collect(before, false)?;
        collect(Some(after), true)?;
        let blob =
            |id: Option<Oid>| -> Result<Option<Vec<u8>>> { id.map(|id| self.blob(id)).transpose() };
        files
            .into_iter()
            .filter(|(_, (a, b))| a != b)
            .map(|(p, (a, b))| Ok((p, blob(a)?, blob(b)?)))
            .collect()
    }
}

/// The order of entries in a git tree (`base_name_compare`): a folder's
/// name sorts as if it ended in `/`.
fn git_order(a: &git2::TreeEntry<'_>, b: &git2::TreeEntry<'_>) -> std::cmp::Ordering {
    let (x, y) = (a.name_bytes(), b.name_bytes());
    let n = x.len().min(y.len());
    x[..n].cmp(&y[..n]).then_with(|| {
        let next = |e: &git2::TreeEntry<'_>, name: &[u8]| {
            let folder = e.kind() == Some(git2::ObjectType::Tree);
            name.get(n)
                .copied()
                .unwrap_or(if folder { b'/' } else { 0 })
        };
        next(a, x).cmp(&next(b, y))
    })
}

//! The only module that talks to git, through libgit2 (never the `git`
//! program) and, for the index, its own reader and writer (`index`). This
//! file opens the repository, makes the one commit each write produces and
//! reads identities and dates the way git does; `history` reads what commits
//! changed, `base` what a pull request changed since its base.
//!
//! A commit is built without rewriting the whole index into a tree: the new
//! tree is HEAD's tree with only the changed paths replaced, each folder
//! along each path rewritten as bytes (`tree`), so its cost grows with the
//! depth of the change, not the size of the repository. The index is then updated
//! for exactly those paths (with fresh stat data, so `git status` stays
//! clean), leaving anything else the user has staged untouched and
//! uncommitted.

use std::path::{Path, PathBuf};

use git2::{ErrorCode, Oid, Repository, Signature, Time, Tree};
use jiff::Timestamp;

use crate::error::{Error, Result};

mod base;
mod history;
mod index;
mod tree;

pub use history::Change;
pub use index::{Index, IndexFile, NewEntry, WriteError};

/// A git repository holding a registry, which may be a sub-folder of it.
pub struct Repo {
    repo: Repository,
    /// The registry root relative to the work tree (empty at the top).
    prefix: PathBuf,
}

/// A path (as components) and the blob and mode to put there, or `None` to remove it.
type TreeUpdate = (Vec<String>, Option<(Oid, i32)>);

/// Where HEAD points: the reference a commit moves, and its commit.
#[derive(Debug, Clone)]
pub struct Head {
    /// `refs/heads/<branch>`, or `HEAD` itself when detached.
    pub reference: String,
    /// The commit it points at; `None` on a branch with no commit yet.
    pub commit: Option<Oid>,
    /// HEAD points at a commit, not a branch.
    pub detached: bool,
}

/// Why a reference could not be moved.
#[derive(Debug)]
pub enum Moved {
    /// It no longer points where it did: another commit came first.
    To(Option<Oid>),
    /// git's lock file for it is held.
    Locked,
    /// Anything else.
    Failed(Error),
}

/// Who makes a commit, and when, as git would take them.
#[derive(Clone)]
pub struct Identity {
    /// Author signature.
    pub author: Signature<'static>,
    /// Committer signature, whose time stamps the files.
    pub committer: Signature<'static>,
}

impl Identity {
    /// The commit's time, which `reg` writes into `createdAt`/`updatedAt`.
    #[must_use]
    pub fn time(&self) -> Timestamp {
        Timestamp::from_second(self.committer.when().seconds()).unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

/// The message and trailers of one state change (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `register`, `publish`, `instance-create`...
    pub action: String,
    /// `definition/name@version`, `instance/name` or `registry`.
    pub subject: String,
    /// The state before, if there was one.
    pub from: Option<String>,
    /// The state after, if there is one.
    pub to: Option<String>,
}

impl Event {
    /// The commit message: a summary line, then the trailers.
    #[must_use]
    pub fn message(&self) -> String {
        let short = self
            .subject
            .split_once('/')
            .map_or(self.subject.as_str(), |(_, s)| s);
        let mut m = format!(
            "{} {short}\n\nReg-Action: {}\nReg-Subject: {}\n",
            self.action, self.action, self.subject
        );
        if let Some(from) = &self.from {
            m.push_str(&format!("Reg-From: {from}\n"));
        }
        if let Some(to) = &self.to {
            m.push_str(&format!("Reg-To: {to}\n"));
        }
        m
    }
}

impl Repo {
    /// Opens the repository whose work tree holds `root`.
    ///
    /// # Errors
    ///
    /// Fails when `root` is not inside a git work tree.
    pub fn open(root: &Path) -> Result<Repo> {
        let repo = discover(root).map_err(|e| {
            Error::git(
                format!(
                    "{} is not inside a git work tree: {}",
                    root.display(),
                    e.message()
                ),
                Some("run `git init` there, or `reg init` in a new folder".to_string()),
            )
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| Error::git("the repository is bare; reg needs a work tree", None))?
            .canonicalize()
            .map_err(|e| Error::io("read", root, e))?;
        let prefix = root
            .strip_prefix(&workdir)
            .map_err(|_| Error::git(format!("{} is outside the work tree", root.display()), None))?
            .to_path_buf();
        Ok(Repo { repo, prefix })
    }

    /// Whether `dir` is inside a git work tree.
    #[must_use]
    pub fn is_inside_work_tree(dir: &Path) -> bool {
        discover(dir).is_ok_and(|r| r.workdir().is_some())
    }

    /// Creates a repository in `dir`, as `git init` does.
    ///
    /// # Errors
    ///
    /// Fails when libgit2 cannot create it.
    pub fn init(dir: &Path) -> Result<()> {
        Repository::init(dir)?;
        Ok(())
    }

    /// The identity and time of the next commit: `GIT_AUTHOR_*` and
    /// `GIT_COMMITTER_*` first, then `user.name`/`user.email` from git config,
    /// then `EMAIL`, as git takes them.
    ///
    /// # Errors
    ///
    /// Fails (exit 5) when no name or email can be found, or a date is malformed.
    pub fn identity(&self) -> Result<Identity> {
        identity_from(&self.repo.config()?)
    }

    /// Refuses to commit where `git commit` would refuse or would do what
    /// `reg` cannot: in the middle of a merge, rebase, cherry-pick, revert,
    /// bisect or `git am`, or when commits must be signed.
    ///
    /// # Errors
    ///
    /// Exit 5 saying which state it is and how to leave it.
    pub fn ready_to_commit(&self) -> Result<()> {
        use git2::RepositoryState as S;
        let (what, how) = match self.repo.state() {
            S::Clean => ("", ""),
            S::Merge => (
                "a merge",
                "finish it with `git commit`, or abort it with `git merge --abort`",
            ),
            S::Revert | S::RevertSequence => (
                "a revert",
                "finish it with `git revert --continue`, or abort it with `git revert --abort`",
            ),
            S::CherryPick | S::CherryPickSequence => (
                "a cherry-pick",
                "finish it with `git cherry-pick --continue`, or abort it with `git cherry-pick --abort`",
            ),
            S::Bisect => ("a bisect", "end it with `git bisect reset`"),
            S::Rebase | S::RebaseInteractive | S::RebaseMerge => (
                "a rebase",
                "finish it with `git rebase --continue`, or abort it with `git rebase --abort`",
            ),
            S::ApplyMailbox | S::ApplyMailboxOrRebase => (
                "a `git am`",
                "finish it with `git am --continue`, or abort it with `git am --abort`",
            ),
        };
        if !what.is_empty() {
            return Err(Error::Environment {
                message: format!(
                    "the repository is in the middle of {what}; reg will not commit on top of it"
                ),
                help: Some(format!(
                    "{how}, then run the command again (or pass --no-commit to only write the files)"
                )),
            });
        }
        if self
            .repo
            .config()?
            .get_bool("commit.gpgsign")
            .unwrap_or(false)
        {
            return Err(Error::Environment {
                message: "commit.gpgsign is set, so commits here must be signed, and reg cannot sign them"
                    .into(),
                help: Some(
                    "pass --no-commit and commit with `git commit -S`, or turn signing off for this \
                     repository with `git config commit.gpgsign false`"
                        .into(),
                ),
            });
        }
        Ok(())
    }

    /// Where HEAD points now.
    ///
    /// # Errors
    ///
    /// When HEAD cannot be read.
    pub fn head(&self) -> Result<Head> {
        let head = self.repo.find_reference("HEAD")?;
        match head.symbolic_target()? {
            Some(target) => {
                let commit = match self.repo.refname_to_id(target) {
                    Ok(id) => Some(id),
                    Err(e) if e.code() == ErrorCode::NotFound => None,
                    Err(e) => return Err(e.into()),
                };
                Ok(Head {
                    reference: target.to_string(),
                    commit,
                    detached: false,
                })
            }
            None => Ok(Head {
                reference: "HEAD".into(),
                commit: head.target(),
                detached: true,
            }),
        }
    }

    /// The commit `reference` points at now, if any.
    ///
    /// # Errors
    ///
    /// When the reference cannot be read.
    pub fn target(&self, reference: &str) -> Result<Option<Oid>> {
        match self.repo.refname_to_id(reference) {
            Ok(id) => Ok(Some(id)),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The blob and mode at `rel` (relative to the registry root) in a
    /// commit; `None` when it has no such file (or there is no commit).
    ///
    /// # Errors
    ///
    /// When the objects cannot be read.
    pub fn entry_at(&self, commit: Option<Oid>, rel: &Path) -> Result<Option<(Oid, i32)>> {
        let Some(commit) = commit else {
            return Ok(None);
        };
        let tree = self.repo.find_commit(commit)?.tree()?;
        Ok(match tree.get_path(&self.prefix.join(rel)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Blob) => Some((e.id(), e.filemode())),
            _ => None,
        })
    }

    /// The bytes of `rel` (relative to the registry root) in `commit`;
    /// `None` when it has no such file. Over the size limit is an error.
    ///
    /// # Errors
    ///
    /// Exit 5 when the objects cannot be read or the blob is too large.
    pub fn read_at(&self, commit: Oid, rel: &Path) -> Result<Option<Vec<u8>>> {
        let tree = self.repo.find_commit(commit)?.tree()?;
        match tree.get_path(&self.prefix.join(rel)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Blob) => {
                self.blob(e.id()).map(Some).map_err(|e| match e {
                    Error::Git { message, help } => Error::Git {
                        message: format!(
                            "{} at {}: {message}",
                            crate::root::display_rel(rel),
                            &commit.to_string()[..10]
                        ),
                        help,
                    },
                    other => other,
                })
            }
            _ => Ok(None),
        }
    }

    /// The entries of folder `rel` (relative to the registry root) in
    /// `commit`, with whether each is a folder.
    ///
    /// # Errors
    ///
    /// Exit 5 when the objects cannot be read.
    pub fn list_at(&self, commit: Oid, rel: &Path) -> Result<Vec<(String, bool)>> {
        let tree = self.repo.find_commit(commit)?.tree()?;
        let sub = match tree.get_path(&self.prefix.join(rel)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Tree) => self.repo.find_tree(e.id())?,
            _ => return Ok(Vec::new()),
        };
        Ok(sub
            .iter()
            .filter_map(|e| {
                Some((
                    e.name().ok()?.to_string(),
                    e.kind() == Some(git2::ObjectType::Tree),
                ))
            })
            .collect())
    }

    /// Stores `bytes` as a blob.
    ///
    /// # Errors
    ///
    /// When the object database cannot be written.
    pub fn write_blob(&self, bytes: &[u8]) -> Result<Oid> {
        Ok(self.repo.blob(bytes)?)
    }

    /// A blob's bytes, refused when over [`crate::text::MAX_FILE_BYTES`]
    /// (its size is read from the header first, so a huge blob is never
    /// loaded).
    ///
    /// # Errors
    ///
    /// Exit 5 when it cannot be read or is too large.
    pub fn blob(&self, id: Oid) -> Result<Vec<u8>> {
        let odb = self.repo.odb()?;
        let (size, _) = odb.read_header(id)?;
        if size as u64 > crate::text::MAX_FILE_BYTES {
            return Err(Error::git(
                format!(
                    "blob {id} is {size} bytes; reg reads files of at most {} bytes",
                    crate::text::MAX_FILE_BYTES
                ),
                None,
            ));
        }
        Ok(self.repo.find_blob(id)?.content().to_vec())
    }

    /// Writes a commit with `parent`'s tree and `updates` applied (paths
    /// relative to the registry root; `None` removes), without moving any
    /// reference. Returns its id.
    ///
    /// # Errors
    ///
    /// When the objects cannot be read or written.
    pub fn make_commit(
        &self,
        parent: Option<Oid>,
        updates: &[(PathBuf, Option<(Oid, i32)>)],
        event: &Event,
        identity: &Identity,
    ) -> Result<Oid> {
        let parent = parent.map(|p| self.repo.find_commit(p)).transpose()?;
        let base = parent.as_ref().map(git2::Commit::tree).transpose()?;
        let updates: Vec<TreeUpdate> = updates
            .iter()
            .map(|(rel, blob)| {
                let components = self
                    .prefix
                    .join(rel)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                (components, *blob)
            })
            .collect();
        let odb = self.repo.odb()?;
        let tree_id = tree::update(&odb, base.as_ref().map(Tree::id), &updates, true)?
            .ok_or_else(|| git2::Error::from_str("no tree was written"))?;
        let tree = self.repo.find_tree(tree_id)?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        Ok(self.repo.commit(
            None,
            &identity.author,
            &identity.committer,
            &event.message(),
            &tree,
            &parents,
        )?)
    }

    /// Moves `head`'s reference from `from` to `to`, only if it still
    /// points at `from` (compare and swap), with a reflog entry as
    /// `git commit` writes.
    ///
    /// # Errors
    ///
    /// [`Moved::To`] when the reference moved meanwhile, [`Moved::Locked`]
    /// when git's lock on it is held.
    pub fn move_ref(
        &self,
        head: &Head,
        from: Option<Oid>,
        to: Oid,
        summary: &str,
    ) -> std::result::Result<(), Moved> {
        let log = match from {
            Some(_) => format!("commit: {summary}"),
            None => format!("commit (initial): {summary}"),
        };
        let done = match from {
            Some(from) => self
                .repo
                .reference_matching(&head.reference, to, true, from, &log),
            None => self.repo.reference(&head.reference, to, false, &log),
        };
        match done {
            Ok(_) => Ok(()),
            Err(e) if e.code() == ErrorCode::Locked => Err(Moved::Locked),
            Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => {
                Err(Moved::To(self.target(&head.reference).unwrap_or(None)))
            }
            Err(e) => Err(Moved::Failed(e.into())),
        }
    }

    /// Whether nothing of this registry differs between two commits: its
    /// folder (or, at the top of the repository, `reg.yaml`,
    /// `definitions`, `instances` and `paths`) holds the same objects.
    ///
    /// # Errors
    ///
    /// When the objects cannot be read.
    pub fn registry_unchanged(
        &self,
        a: Option<Oid>,
        b: Option<Oid>,
        paths: &[PathBuf],
    ) -> Result<bool> {
        let tree = |c: Option<Oid>| -> Result<Option<Tree<'_>>> {
            c.map(|c| self.repo.find_commit(c).and_then(|c| c.tree()))
                .transpose()
                .map_err(Error::from)
        };
        let (ta, tb) = (tree(a)?, tree(b)?);
        let id = |t: &Option<Tree<'_>>, p: &Path| {
            t.as_ref().and_then(|t| t.get_path(p).ok()).map(|e| e.id())
        };
        let mut watched: Vec<PathBuf> = if self.prefix.as_os_str().is_empty() {
            [
                crate::registry::MANIFEST,
                crate::registry::DEFINITIONS,
                crate::registry::INSTANCES,
            ]
            .iter()
            .map(PathBuf::from)
            .collect()
        } else {
            vec![self.prefix.clone()]
        };
        watched.extend(paths.iter().map(|p| self.prefix.join(p)));
        Ok(watched.iter().all(|p| id(&ta, p) == id(&tb, p)))
    }

    /// Takes an exclusive lock on the repository's git folder, held by
    /// `reg` while it moves a reference and updates the index, so that two
    /// registries of one repository written at once take turns there. An
    /// operating-system lock: a killed process cannot leave it behind.
    ///
    /// # Errors
    ///
    /// When the git folder cannot be opened or locked.
    pub fn lock(&self) -> Result<std::fs::File> {
        let dir = self.repo.commondir();
        let file = std::fs::File::open(dir).map_err(|e| Error::io("open", dir, e))?;
        file.lock().map_err(|e| Error::io("lock", dir, e))?;
        Ok(file)
    }

    /// The index, read from disk.
    ///
    /// # Errors
    ///
    /// When it cannot be read.
    pub fn index(&self) -> Result<Index> {
        self.index_from(IndexFile::read(&self.index_path()))
    }

    /// [`Repo::index`], its file read on another core while `meanwhile`
    /// runs on this one: at 100,000 entries reading it takes as long as
    /// making a commit's objects.
    pub fn index_while<T>(&self, meanwhile: impl FnOnce() -> T) -> (Result<Index>, T) {
        let path = self.index_path();
        let (read, out) = std::thread::scope(|threads| {
            let reading = threads.spawn(|| IndexFile::read(&path));
            let out = meanwhile();
            let read = reading.join().unwrap_or_else(|_| {
                Err(Error::git(
                    format!("git's index {} could not be read", path.display()),
                    None,
                ))
            });
            (read, out)
        });
        (self.index_from(read), out)
    }

    fn index_path(&self) -> PathBuf {
        self.repo.path().join("index")
    }

    /// The index as read here, or by libgit2 when in a form not read here.
    fn index_from(&self, read: Result<Option<IndexFile>>) -> Result<Index> {
        match read? {
            Some(file) => Ok(Index::Plain(file)),
            None => Ok(Index::Libgit2(self.git2_index()?)),
        }
    }

    /// `index` again: as it was when it is still the file on disk, else
    /// read anew (another git process wrote it since).
    ///
    /// # Errors
    ///
    /// When it cannot be read.
    pub fn index_again(&self, index: Index) -> Result<Index> {
        match index {
            Index::Plain(file) if file.unchanged() => Ok(Index::Plain(file)),
            _ => self.index(),
        }
    }

    /// The index as libgit2 reads it, for its diffs.
    fn git2_index(&self) -> Result<git2::Index> {
        let mut index = self.repo.index()?;
        index.read(false)?;
        Ok(index)
    }

    /// The blob and mode the index holds for `rel` (relative to the root).
    #[must_use]
    pub fn index_entry(&self, index: &Index, rel: &Path) -> Option<(Oid, u32)> {
        let path = self.prefix.join(rel);
        match index {
            Index::Plain(file) => file.get(crate::root::display_rel(&path).as_bytes()),
            Index::Libgit2(index) => index.get_path(&path, 0).map(|e| (e.id, e.mode)),
        }
    }

    /// Sets the index entries of `rel` (relative to the root) to a blob,
    /// with the stat data of the file just written so `git status` need not
    /// read it again; `None` removes the entry.
    ///
    /// # Errors
    ///
    /// When libgit2 refuses the entry.
    pub fn set_index_entry(
        &self,
        index: &mut Index,
        rel: &Path,
        entry: Option<(Oid, i32, &rustix::fs::Stat)>,
    ) -> Result<()> {
        let path = self.prefix.join(rel);
        let bytes = crate::root::display_rel(&path).into_bytes();
        #[allow(clippy::cast_sign_loss)]
        let index = match index {
            Index::Plain(file) => {
                let entry = entry.map(|(id, mode, stat)| NewEntry {
                    id,
                    mode: mode as u32,
                    stat,
                });
                file.set(&bytes, entry.as_ref());
                return Ok(());
            }
            Index::Libgit2(index) => index,
        };
        let Some((id, mode, st)) = entry else {
            return match index.remove_path(&path) {
                Ok(()) => Ok(()),
                Err(e) if e.code() == ErrorCode::NotFound => Ok(()),
                Err(e) => Err(e.into()),
            };
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let entry = git2::IndexEntry {
            ctime: git2::IndexTime::new(st.st_ctime as i32, st.st_ctime_nsec as u32),
            mtime: git2::IndexTime::new(st.st_mtime as i32, st.st_mtime_nsec as u32),
            // git keeps the low 32 bits of each, as here.
            dev: st.st_dev as u32,
            ino: st.st_ino as u32,
            mode: mode as u32,
            uid: st.st_uid,
            gid: st.st_gid,
            file_size: st.st_size as u32,
            id,
            flags: bytes.len().min(0xfff) as u16,
            flags_extended: 0,
            path: bytes,
        };
        index.add(&entry)?;
        Ok(())
    }

    /// Writes the index back.
    ///
    /// # Errors
    ///
    /// Exit 5 when another git process holds its lock.
    pub fn write_index(&self, index: &mut Index) -> Result<()> {
        let locked = || {
            Error::git(
                "the git index is locked by another git process",
                Some(format!(
                    "wait for it to finish; if no git is running, remove {}",
                    self.index_lock_path().display()
                )),
            )
        };
        match index {
            Index::Plain(file) => file.write().map_err(|e| match e {
                WriteError::Locked => locked(),
                WriteError::Io(e) => Error::git(
                    format!("git's index cannot be written: {e}"),
                    Some("check the permissions and free space of the .git folder".into()),
                ),
            }),
            Index::Libgit2(index) => index.write().map_err(|e| {
                if e.code() == ErrorCode::Locked {
                    locked()
                } else {
                    e.into()
                }
            }),
        }
    }

    /// The lock file git takes while it writes the index.
    #[must_use]
    pub fn index_lock_path(&self) -> PathBuf {
        self.repo.path().join("index.lock")
    }

    /// The lock file git takes while it moves `reference`, when its name is
    /// one git accepts.
    #[must_use]
    pub fn ref_lock_path(&self, reference: &str) -> Option<PathBuf> {
        if !git2::Reference::is_valid_name(reference) {
            return None;
        }
        let dir = if reference == "HEAD" {
            self.repo.path()
        } else {
            self.repo.commondir()
        };
        Some(dir.join(format!("{reference}.lock")))
    }

    /// Whether `ancestor` is `descendant` or one of its ancestors.
    #[must_use]
    pub fn is_ancestor(&self, ancestor: Oid, descendant: Oid) -> bool {
        ancestor == descendant
            || self
                .repo
                .graph_descendant_of(descendant, ancestor)
                .unwrap_or(false)
    }
}

impl Repo {
    /// The registry's folder from the top of the work tree (empty at the
    /// top).
    #[must_use]
    pub fn prefix(&self) -> &Path {
        &self.prefix
    }

    /// A file of reg's own in the git directory (of this work tree): what
    /// is kept there cannot arrive in a commit.
    #[must_use]
    pub fn private_file(&self, name: &str) -> PathBuf {
        self.repo.path().join(name)
    }

    /// The commit HEAD points at; `None` on an unborn branch.
    ///
    /// # Errors
    ///
    /// When HEAD cannot be read.
    pub fn head_commit(&self) -> Result<Option<Oid>> {
        match self.repo.head() {
            Ok(h) => Ok(Some(h.peel_to_commit()?.id())),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// Finds the repository holding `dir`. Objects are not re-hashed on every
/// read, as git itself does not: `reg history` reads thousands of trees,
/// and hashing them was half its time (`git fsck` is the integrity check).
fn discover(dir: &Path) -> std::result::Result<Repository, git2::Error> {
    static SETTINGS: std::sync::Once = std::sync::Once::new();
    SETTINGS.call_once(|| git2::opts::strict_hash_verification(false));
    Repository::discover(dir)
}

/// The id of the tree entry at `path`, if any.
fn entry_id(tree: &Tree<'_>, path: &Path) -> Option<Oid> {
    tree.get_path(path).ok().map(|e| e.id())
}

/// The registry root's path from the top of its work tree, with a trailing
/// `/` (empty at the top), so reports can name files as the repository does.
#[must_use]
pub fn root_prefix(root: &Path) -> String {
    work_tree_of(root)
        .and_then(|w| root.strip_prefix(w).ok().map(crate::root::display_rel))
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}/"))
        .unwrap_or_default()
}

/// The root of the git work tree holding `dir`, if there is one.
#[must_use]
pub fn work_tree_of(dir: &Path) -> Option<PathBuf> {
    discover(dir)
        .ok()
        .and_then(|r| r.workdir().and_then(|w| w.canonicalize().ok()))
}

/// The identity git would use in `dir` when it is not a repository yet:
/// the environment and the global configuration. `reg init` checks it
/// before creating anything.
///
/// # Errors
///
/// Exit 5 when there is none.
pub fn default_identity() -> Result<Identity> {
    identity_from(&git2::Config::open_default()?)
}

/// An identity from the environment first, then `config`, as git takes it.
fn identity_from(config: &git2::Config) -> Result<Identity> {
    let name = config.get_string("user.name").ok();
    let email = config
        .get_string("user.email")
        .ok()
        .or_else(|| env("EMAIL"));
    let sign = |who: &str| -> Result<Signature<'static>> {
        let n = env(&format!("GIT_{who}_NAME")).or_else(|| name.clone());
        let e = env(&format!("GIT_{who}_EMAIL")).or_else(|| email.clone());
        let (Some(n), Some(e)) = (n, e) else {
            return Err(Error::Environment {
                message: "no git identity: reg records who made each change, and git has no \
                          name or email configured"
                    .into(),
                help: Some(
                    "run `git config --global user.name \"Your Name\"` and \
                     `git config --global user.email you@example.com`, \
                     or set GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL and GIT_COMMITTER_NAME/GIT_COMMITTER_EMAIL"
                        .into(),
                ),
            });
        };
        let var = format!("GIT_{who}_DATE");
        let time = match env(&var) {
            Some(text) => parse_date(&text).ok_or_else(|| Error::Environment {
                message: format!("{var}={text} is not a date git understands"),
                help: Some(
                    "use `@<unix seconds> <+zzzz>`, RFC 3339 (`2026-01-02T03:04:05Z`) or RFC 2822"
                        .into(),
                ),
            })?,
            None => now(),
        };
        Ok(Signature::new(&n, &e, &time)?)
    };
    Ok(Identity {
        author: sign("AUTHOR")?,
        committer: sign("COMMITTER")?,
    })
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn now() -> Time {
    let zoned = jiff::ZonedDateTime::now();
    Time::new(zoned.timestamp().as_second(), zoned.offset().seconds() / 60)
}

/// Parses the date formats git accepts in `GIT_*_DATE`: its internal
/// `<seconds> <offset>` (optionally with `@`), RFC 3339 / ISO 8601, and
/// RFC 2822.
#[must_use]
pub fn parse_date(text: &str) -> Option<Time> {
    let text = text.trim();
    let raw = text.strip_prefix('@').unwrap_or(text);
    let mut parts = raw.split_whitespace();
    if let Some(secs) = parts.next().and_then(|s| s.parse::<i64>().ok()) {
        let offset = match parts.next() {
            Some(tz) => parse_offset(tz)?,
            None => 0,
        };
        return parts.next().is_none().then(|| Time::new(secs, offset));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(text) {
        return Some(Time::new(
            z.timestamp().as_second(),
            z.offset().seconds() / 60,
        ));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(t) = jiff::fmt::strtime::parse(format, text)
            && let (Ok(ts), Some(offset)) = (t.to_timestamp(), t.offset())
        {
            return Some(Time::new(ts.as_second(), offset.seconds() / 60));
        }
    }
    text.parse::<Timestamp>()
        .ok()
        .map(|t| Time::new(t.as_second(), 0))
}

fn parse_offset(tz: &str) -> Option<i32> {
    let (sign, digits) = match tz.as_bytes().first()? {
        b'+' => (1, &tz[1..]),
        b'-' => (-1, &tz[1..]),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_dates_git_accepts() {
        let t = parse_date("1700000000 +0200").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_700_000_000, 120));
        assert_eq!(
            parse_date("@1700000000 -0130").unwrap().offset_minutes(),
            -90
        );
        assert_eq!(
            parse_date("2026-01-02T03:04:05Z").unwrap().seconds(),
            1_767_323_045
        );
        let t = parse_date("2026-01-02T05:04:05+02:00").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_767_323_045, 120));
        assert_eq!(
            parse_date("Fri, 02 Jan 2026 03:04:05 +0000")
                .unwrap()
                .seconds(),
            1_767_323_045
        );
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("1700000000 +2").is_none());
    }

    #[test]
    fn messages_carry_trailers() {
        let e = Event {
            action: "publish".into(),
            subject: "definition/salesforce@1.2.0".into(),
            from: Some("DRAFT".into()),
            to: Some("PUBLISHED".into()),
        };
        assert_eq!(
            e.message(),
            "publish salesforce@1.2.0\n\nReg-Action: publish\nReg-Subject: definition/salesforce@1.2.0\n\
             Reg-From: DRAFT\nReg-To: PUBLISHED\n"
        );
    }
}

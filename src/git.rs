//! The only module that talks to git, through libgit2 (never the `git`
//! program). It makes the one commit each write produces, reads identities
//! and dates the way git does, and reads the history back.
//!
//! A commit is built without rewriting the whole index into a tree: the new
//! tree is HEAD's tree with only the changed paths replaced, one
//! `TreeBuilder` per folder along each path, so its cost grows with the depth
//! of the change, not the size of the repository. The index is then updated
//! for exactly those paths (with fresh stat data, so `git status` stays
//! clean), leaving anything else the user has staged untouched and
//! uncommitted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, FileMode, Oid, Repository, Signature, Time, Tree};
use jiff::Timestamp;

use crate::error::{Error, Result};

/// A git repository holding a registry, which may be a sub-folder of it.
pub struct Repo {
    repo: Repository,
    /// The registry root relative to the work tree (empty at the top).
    prefix: PathBuf,
}

/// A path (as components) and the blob and mode to put there, or `None` to remove it.
type TreeUpdate = (Vec<String>, Option<(Oid, i32)>);

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
        let repo = Repository::discover(root).map_err(|e| {
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
        Repository::discover(dir).is_ok_and(|r| r.workdir().is_some())
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

    /// Commits exactly `paths` (relative to the registry root) as they are in
    /// the work tree (a missing file is a deletion) on top of HEAD, and
    /// updates the index for those paths. Returns the new commit's id.
    ///
    /// # Errors
    ///
    /// Fails when the index is locked by another git process, or libgit2 fails.
    pub fn commit(&self, paths: &[PathBuf], event: &Event, identity: &Identity) -> Result<Oid> {
        let workdir = self
            .repo
            .workdir()
            .expect("open() refuses bare repositories");
        let mut index = self.repo.index()?;
        let mut updates: Vec<TreeUpdate> = Vec::new();
        for rel in paths {
            let path = self.prefix.join(rel);
            let components = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if workdir.join(&path).exists() {
                index.add_path(&path)?;
                let entry = index.get_path(&path, 0).ok_or_else(|| {
                    Error::git(format!("{} vanished from the index", path.display()), None)
                })?;
                let mode = i32::try_from(entry.mode).unwrap_or(i32::from(FileMode::Blob));
                updates.push((components, Some((entry.id, mode))));
            } else {
                match index.remove_path(&path) {
                    Ok(()) => {}
                    Err(e) if e.code() == ErrorCode::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
                updates.push((components, None));
            }
        }
        let head = match self.repo.head() {
            Ok(head) => Some(head.peel_to_commit()?),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let base = head.as_ref().map(git2::Commit::tree).transpose()?;
        let tree_id = self.update_tree(base.as_ref(), &updates)?;
        let tree = self.repo.find_tree(tree_id)?;
        index.write().map_err(|e| {
            if e.code() == ErrorCode::Locked {
                Error::git(
                    "the git index is locked by another git process",
                    Some(
                        "wait for it to finish; if no git is running, remove .git/index.lock"
                            .to_string(),
                    ),
                )
            } else {
                e.into()
            }
        })?;
        let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
        Ok(self.repo.commit(
            Some("HEAD"),
            &identity.author,
            &identity.committer,
            &event.message(),
            &tree,
            &parents,
        )?)
    }

    /// Writes a tree equal to `base` with `updates` applied (a `None` blob
    /// removes the path), touching only the folders along the changed paths.
    fn update_tree(&self, base: Option<&Tree<'_>>, updates: &[TreeUpdate]) -> Result<Oid> {
        let mut builder = self.repo.treebuilder(base)?;
        let mut nested: BTreeMap<&str, Vec<TreeUpdate>> = BTreeMap::new();
        for (components, blob) in updates {
            match components.as_slice() {
                [] => {}
                [file] => match blob {
                    Some((oid, mode)) => {
                        builder.insert(file, *oid, *mode)?;
                    }
                    None => {
                        if builder.get(file)?.is_some() {
                            builder.remove(file)?;
                        }
                    }
                },
                [folder, rest @ ..] => nested
                    .entry(folder.as_str())
                    .or_default()
                    .push((rest.to_vec(), *blob)),
            }
        }
        for (folder, inner) in nested {
            let sub = match base.map(|t| t.get_name(folder)) {
                Some(Some(entry)) if entry.kind() == Some(git2::ObjectType::Tree) => {
                    Some(self.repo.find_tree(entry.id())?)
                }
                _ => None,
            };
            let sub_id = self.update_tree(sub.as_ref(), &inner)?;
            if self.repo.find_tree(sub_id)?.is_empty() {
                if builder.get(folder)?.is_some() {
                    builder.remove(folder)?;
                }
            } else {
                builder.insert(folder, sub_id, i32::from(FileMode::Tree))?;
            }
        }
        Ok(builder.write()?)
    }
}

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
    /// Every commit reachable from HEAD that changed a file at or under
    /// `path` (relative to the registry root), newest first. A merge that
    /// only brings a side's version of the file is not counted again, as in
    /// `git log`; an unborn HEAD has no history.
    ///
    /// # Errors
    ///
    /// Fails when libgit2 cannot read the objects.
    pub fn changes(&self, path: &Path) -> Result<Vec<Change>> {
        let full = self.prefix.join(path);
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
        match walk.push_head() {
            Ok(()) => {}
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(Vec::new());
            }
            Err(e) => return Err(e.into()),
        }
        let mut out = Vec::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
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
        let blob = |id: Option<Oid>| -> Result<Option<Vec<u8>>> {
            id.map(|id| self.repo.find_blob(id).map(|b| b.content().to_vec()))
                .transpose()
                .map_err(Error::from)
        };
        files
            .into_iter()
            .filter(|(_, (a, b))| a != b)
            .map(|(p, (a, b))| Ok((p, blob(a)?, blob(b)?)))
            .collect()
    }

    /// The revision `reg check` compares with by default: the merge base
    /// of HEAD and its branch's upstream, else HEAD itself.
    ///
    /// # Errors
    ///
    /// Fails when HEAD cannot be read.
    pub fn default_base(&self) -> Result<String> {
        let head = self.repo.head()?;
        let head_id = head.peel_to_commit()?.id();
        if head.is_branch()
            && let Ok(name) = head.shorthand()
            && let Ok(branch) = self.repo.find_branch(name, git2::BranchType::Local)
            && let Ok(upstream) = branch.upstream()
            && let Some(up) = upstream.get().target()
            && let Ok(base) = self.repo.merge_base(head_id, up)
        {
            return Ok(base.to_string());
        }
        Ok(head_id.to_string())
    }

    /// Every file under `folder` (relative to the registry root) at a
    /// revision, read from the object database without checking anything out.
    ///
    /// # Errors
    ///
    /// Exit 5 when the revision does not exist.
    pub fn files_at(&self, rev: &str, folder: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let tree = self
            .repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_tree())
            .map_err(|e| {
                Error::git(
                    format!("no revision `{rev}`: {}", e.message()),
                    Some("pass --base with a commit, branch or tag that exists".to_string()),
                )
            })?;
        let Ok(entry) = tree.get_path(&self.prefix.join(folder)) else {
            return Ok(Vec::new());
        };
        let sub = self.repo.find_tree(entry.id())?;
        let mut out = Vec::new();
        let mut failed = None;
        sub.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            if e.kind() == Some(git2::ObjectType::Blob) {
                match self.repo.find_blob(e.id()) {
                    Ok(blob) => out.push((
                        folder.join(dir).join(e.name().unwrap_or_default()),
                        blob.content().to_vec(),
                    )),
                    Err(err) => {
                        failed = Some(err);
                        return git2::TreeWalkResult::Abort;
                    }
                }
            }
            git2::TreeWalkResult::Ok
        })?;
        if let Some(e) = failed {
            return Err(e.into());
        }
        Ok(out)
    }
}

/// The id of the tree entry at `path`, if any.
fn entry_id(tree: &Tree<'_>, path: &Path) -> Option<Oid> {
    tree.get_path(path).ok().map(|e| e.id())
}

/// The registry root's path from the top of its work tree, with a trailing
/// `/` (empty at the top), so reports can name files as the repository does.
#[must_use]
pub fn root_prefix(root: &Path) -> String {
    Repository::discover(root)
        .ok()
        .and_then(|r| r.workdir().and_then(|w| w.canonicalize().ok()))
        .and_then(|w| root.strip_prefix(w).ok().map(crate::registry::display_rel))
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}/"))
        .unwrap_or_default()
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

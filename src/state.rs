//! A registry's files at one moment: the work tree, a commit of the
//! repository, or either with the files a command is about to write laid
//! over it. The rulebook judges every change as a pair of these (SPEC §3,
//! "one rulebook"): a command, HEAD's work tree against what it would
//! write; `reg check`, the base commit against the work tree.
//!
//! Files are read and parsed when a rule asks for them, each once, so
//! judging one change reads the handful of files it touches. A file that
//! cannot be read or does not parse is absent to the rules; validation is
//! what reports it.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use git2::Oid;
use semver::{Version, VersionReq};

use crate::definition::{Definition, Need, Status, TOMBSTONES, Tombstone};
use crate::error::Result;
use crate::git::Repo;
use crate::instance::{Instance, InstanceStatus};
use crate::manifest::Manifest;
use crate::registry::{DEFINITIONS, INSTANCES, Loaded, MANIFEST, Registry, check_text};
use crate::root::Kind;
use crate::schema::Bundled;

/// Where the files come from.
enum Source<'a> {
    /// The work tree, through the registry's root.
    WorkTree(&'a Registry),
    /// A commit, read from git's object database.
    Revision(&'a Repo, Oid),
}

/// A registry's files at one moment.
pub struct State<'a> {
    source: Source<'a>,
    /// Files laid over the source (`None`: deleted), by path from the root.
    overlay: BTreeMap<PathBuf, Option<Arc<str>>>,
    /// For the work tree: the registry, for questions about all of it.
    registry: Option<&'a Registry>,
    definitions: RefCell<HashMap<PathBuf, Option<Rc<Loaded<Definition>>>>>,
    instances: RefCell<HashMap<String, Option<Rc<Loaded<Instance>>>>>,
    /// Folder listings already made (the rules ask for a name's versions
    /// once per version they judge).
    listings: RefCell<HashMap<(PathBuf, bool), Vec<String>>>,
    /// Where schema references resolve, when not through this state's own
    /// files: one memo shared by every name `validate` checks.
    parts: Option<&'a dyn crate::schema::refs::Lookup>,
    /// `reg.yaml`, once read: the bump rule asks for its policy once per
    /// version it judges.
    manifest: std::cell::OnceCell<Manifest>,
}

/// One definition that depends on a name, as the guards need it.
#[derive(Debug, Clone)]
pub struct Dependent {
    /// `name@version`.
    pub reference: String,
    /// The dependent's name.
    pub name: String,
    /// Its state.
    pub status: Status,
    /// The range it asks for.
    pub range: String,
    /// Whether by a dependency or a schema reference.
    pub kind: Need,
}

impl Dependent {
    /// How a guard names it as a blocker of `target` (a name):
    /// `definition crm@1.0.0 (PUBLISHED) uses a schema part of base =1.0.0`.
    #[must_use]
    pub fn describe(&self, target: &str) -> String {
        format!(
            "definition {} ({}) {} {target} {}",
            self.reference,
            self.status,
            self.kind.verb(),
            self.range
        )
    }
}

impl<'a> State<'a> {
    /// The work tree as it is.
    #[must_use]
    pub fn work_tree(registry: &'a Registry) -> Self {
        State {
            source: Source::WorkTree(registry),
            overlay: BTreeMap::new(),
            registry: Some(registry),
            definitions: RefCell::default(),
            instances: RefCell::default(),
            listings: RefCell::default(),
            parts: None,
            manifest: std::cell::OnceCell::new(),
        }
    }

    /// A commit of the repository.
    #[must_use]
    pub fn revision(repo: &'a Repo, commit: Oid) -> Self {
        State {
            source: Source::Revision(repo, commit),
            overlay: BTreeMap::new(),
            registry: None,
            definitions: RefCell::default(),
            instances: RefCell::default(),
            listings: RefCell::default(),
            parts: None,
            manifest: std::cell::OnceCell::new(),
        }
    }

    /// The work tree, with schema references resolved through `parts`
    /// (which must read the same work tree) rather than read again here.
    #[must_use]
    pub fn work_tree_sharing(
        registry: &'a Registry,
        parts: &'a dyn crate::schema::refs::Lookup,
    ) -> Self {
        State {
            parts: Some(parts),
            // The work tree's `reg.yaml` is the one the registry read when
            // it opened: `validate` judges ten thousand names against it.
            manifest: registry.manifest.clone().into(),
            ..State::work_tree(registry)
        }
    }

    /// This state with `changes` written over it (`None` deletes).
    #[must_use]
    pub fn with(mut self, changes: &[(PathBuf, Option<String>)]) -> Self {
        for (path, text) in changes {
            self.overlay
                .insert(path.clone(), text.as_deref().map(Arc::from));
        }
        self.listings.get_mut().clear();
        self.manifest.take();
        self
    }

    /// A file's text; `None` when it does not exist or cannot be read as
    /// a registry file (a link, a special file, not UTF-8: validation says
    /// so).
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot read a commit, or a blob is over the limit.
    pub fn text(&self, rel: &Path) -> Result<Option<Arc<str>>> {
        if let Some(text) = self.overlay.get(rel) {
            return Ok(text.clone());
        }
        match &self.source {
            Source::WorkTree(registry) => Ok(registry.read_text(rel).ok().map(Arc::from)),
            Source::Revision(repo, commit) => Ok(repo
                .read_at(*commit, rel)?
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .map(Arc::from)),
        }
    }

    /// The names of the regular files (and, with `folders`, the folders)
    /// in a folder, as this state has them.
    fn list(&self, dir: &Path, folders: bool) -> Result<Vec<String>> {
        let key = (dir.to_path_buf(), folders);
        if let Some(names) = self.listings.borrow().get(&key) {
            return Ok(names.clone());
        }
        let mut names: Vec<String> = match &self.source {
            Source::WorkTree(registry) => registry
                .fs()
                .list(dir)
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, k)| {
                    if folders {
                        *k == Kind::Dir
                    } else {
                        *k == Kind::File
                    }
                })
                .map(|(n, _)| n)
                .collect(),
            Source::Revision(repo, commit) => repo
                .list_at(*commit, dir)?
                .into_iter()
                .filter(|(_, is_dir)| *is_dir == folders)
                .map(|(n, _)| n)
                .collect(),
        };
        for (path, text) in &self.overlay {
            let inside = if folders {
                path.parent()
                    .and_then(Path::parent)
                    .filter(|p| *p == dir)
                    .and(path.parent().and_then(Path::file_name))
            } else {
                path.parent().filter(|p| *p == dir).and(path.file_name())
            };
            let Some(name) = inside.and_then(|n| n.to_str()) else {
                continue;
            };
            match text {
                Some(_) if !names.iter().any(|n| n == name) => names.push(name.to_string()),
                None if !folders => names.retain(|n| n != name),
                _ => {}
            }
        }
        names.sort();
        self.listings.borrow_mut().insert(key, names.clone());
        Ok(names)
    }

    /// The policy this state's `reg.yaml` sets (the default when it has
    /// none it can read).
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn manifest(&self) -> Result<Manifest> {
        if let Some(m) = self.manifest.get() {
            return Ok(m.clone());
        }
        let m = self
            .text(Path::new(MANIFEST))?
            .and_then(|t| check_text::<Manifest>(MANIFEST, &t, Bundled::Registry, None).ok())
            .map_or_else(|| Manifest::new(None), |l| l.data);
        Ok(self.manifest.get_or_init(|| m).clone())
    }

    /// Every definition name.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn definition_names(&self) -> Result<Vec<String>> {
        Ok(self
            .list(Path::new(DEFINITIONS), true)?
            .into_iter()
            .filter(|n| crate::name::is_valid(n))
            .collect())
    }

    /// The versions `name` has, from its file names, ascending.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn version_numbers(&self, name: &str) -> Result<Vec<Version>> {
        if !crate::name::is_valid(name) {
            return Ok(Vec::new());
        }
        let mut versions: Vec<Version> = self
            .list(&Path::new(DEFINITIONS).join(name), false)?
            .into_iter()
            .filter_map(|f| f.strip_suffix(".yaml")?.parse().ok())
            .collect();
        versions.sort();
        Ok(versions)
    }

    /// One definition version, parsed and checked; `None` when it does not
    /// exist or is not a valid definition file.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn definition(
        &self,
        name: &str,
        version: &Version,
    ) -> Result<Option<Rc<Loaded<Definition>>>> {
        self.definition_at(&Registry::definition_file(name, version))
    }

    /// Keeps a definition already read and checked, so rules asking for it
    /// do not read it again.
    pub fn remember(&self, rel: &Path, loaded: Loaded<Definition>) {
        self.definitions
            .borrow_mut()
            .insert(rel.to_path_buf(), Some(Rc::new(loaded)));
    }

    /// The definition at a path, as [`State::definition`].
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn definition_at(&self, rel: &Path) -> Result<Option<Rc<Loaded<Definition>>>> {
        if let Some(d) = self.definitions.borrow().get(rel) {
            return Ok(d.clone());
        }
        let parsed = self.text(rel)?.and_then(|text| {
            let file = crate::root::display_rel(rel);
            let (name, version) = identity(rel)?;
            check_text::<Definition>(
                &file,
                &text,
                Bundled::Definition,
                Some((&name, Some(&version))),
            )
            .ok()
            .map(Rc::new)
        });
        self.definitions
            .borrow_mut()
            .insert(rel.to_path_buf(), parsed.clone());
        Ok(parsed)
    }

    /// Every version of `name` that parses, ascending.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn versions(&self, name: &str) -> Result<Vec<Rc<Loaded<Definition>>>> {
        let mut out = Vec::new();
        for v in self.version_numbers(name)? {
            out.extend(self.definition(name, &v)?);
        }
        Ok(out)
    }

    /// The tombstones of `name`: the versions deleted and never to be
    /// used again. A file that does not parse counts as none (validation
    /// reports it).
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn tombstones(&self, name: &str) -> Result<Vec<Tombstone>> {
        let rel = Path::new(DEFINITIONS).join(name).join(TOMBSTONES);
        Ok(self
            .text(&rel)?
            .and_then(|t| crate::yaml::parse(&t).ok())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default())
    }

    /// One instance, parsed and checked.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn instance(&self, name: &str) -> Result<Option<Rc<Loaded<Instance>>>> {
        if let Some(i) = self.instances.borrow().get(name) {
            return Ok(i.clone());
        }
        let rel = Registry::instance_file(name);
        let parsed = self.text(&rel)?.and_then(|text| {
            let file = crate::root::display_rel(&rel);
            check_text::<Instance>(&file, &text, Bundled::Instance, Some((name, None)))
                .ok()
                .map(Rc::new)
        });
        self.instances
            .borrow_mut()
            .insert(name.to_string(), parsed.clone());
        Ok(parsed)
    }

    /// Every instance pinned to `reference` (`name@version`), with its state.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn pinned_to(&self, reference: &str) -> Result<Vec<(String, InstanceStatus)>> {
        let mut out = Vec::new();
        for file in self.list(Path::new(INSTANCES), false)? {
            let Some(name) = file.strip_suffix(".yaml") else {
                continue;
            };
            if let Some(i) = self.instance(name)?
                && i.data.definition == reference
            {
                out.push((name.to_string(), i.data.status()));
            }
        }
        Ok(out)
    }

    /// Every definition with a dependency on `name`. In the work tree the
    /// cache answers, with the files laid over it read instead.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn dependents(&self, name: &str) -> Result<Vec<Dependent>> {
        let of = |d: &Definition| -> Vec<Dependent> {
            d.needs()
                .into_iter()
                .filter(|(n, _, _)| n == name)
                .map(|(_, range, kind)| Dependent {
                    reference: d.reference(),
                    name: d.name.clone(),
                    status: d.status(),
                    range,
                    kind,
                })
                .collect()
        };
        let mut out = Vec::new();
        if let Some(registry) = self.registry {
            let (summaries, _) = crate::cache::summaries(registry)?;
            for s in summaries {
                let path = Registry::definition_file(&s.name, &s.version);
                if self.overlay.contains_key(&path) {
                    continue;
                }
                for (_, range, kind) in s.needs().into_iter().filter(|(n, _, _)| *n == name) {
                    out.push(Dependent {
                        reference: s.reference(),
                        name: s.name.clone(),
                        status: s.status,
                        range: range.to_string(),
                        kind,
                    });
                }
            }
            for path in self.overlay.keys() {
                if let Some(d) = self.definition_at(path)? {
                    out.extend(of(&d.data));
                }
            }
        } else {
            for n in self.definition_names()? {
                for d in self.versions(&n)? {
                    out.extend(of(&d.data));
                }
            }
        }
        Ok(out)
    }

    /// The version a dependency range resolves to here: the highest
    /// PUBLISHED match, else the highest DEPRECATED one.
    ///
    /// # Errors
    ///
    /// Exit 5 when git cannot be read.
    pub fn resolve_range(&self, name: &str, range: &str) -> Result<Option<Rc<Loaded<Definition>>>> {
        let Ok(range) = range.parse::<VersionReq>() else {
            return Ok(None);
        };
        let versions = self.versions(name)?;
        let picked = crate::version::pick(
            versions.iter().map(|d| (&d.data.version, d.data.status())),
            Some(&range),
        )
        .cloned();
        Ok(picked.and_then(|v| versions.into_iter().find(|d| d.data.version == v)))
    }
}

/// The name and version a definition's path says it holds.
fn identity(rel: &Path) -> Option<(String, String)> {
    let mut parts = rel.components().map(|c| c.as_os_str().to_str());
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(Some(DEFINITIONS)), Some(Some(name)), Some(Some(file)), None) => {
            Some((name.to_string(), file.strip_suffix(".yaml")?.to_string()))
        }
        _ => None,
    }
}

/// A state resolves schema references among its own files (SPEC §12):
/// `check` judges a change with the references as the change leaves them.
impl crate::schema::refs::Lookup for State<'_> {
    fn versions_of(&self, name: &str) -> Vec<(Version, crate::definition::Status)> {
        if let Some(parts) = self.parts {
            return parts.versions_of(name);
        }
        self.version_numbers(name)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| {
                let d = self.definition(name, &v).ok()??;
                Some((v, d.data.status()))
            })
            .collect()
    }

    fn schema_of(&self, name: &str, version: &Version) -> Option<crate::schema::refs::Part> {
        if let Some(parts) = self.parts {
            return parts.schema_of(name, version);
        }
        let d = self.definition(name, version).ok()??;
        Some((d.data.config_schema.clone(), d.data.schema_refs.clone()))
    }
}

/// The work tree resolves schema references among its files, as a state
/// of it does (a fresh one: nothing kept between calls).
impl crate::schema::refs::Lookup for Registry {
    fn versions_of(&self, name: &str) -> Vec<(Version, crate::definition::Status)> {
        State::work_tree(self).versions_of(name)
    }

    fn schema_of(&self, name: &str, version: &Version) -> Option<crate::schema::refs::Part> {
        State::work_tree(self).schema_of(name, version)
    }
}

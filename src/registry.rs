//! A registry on disk (SPEC §1): finding its root, where each file lives, and
//! loading definitions and instances through the one checked path (size
//! limit, YAML, bundled schema, path/content rule, typed data).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use semver::Version;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::definition::Definition;
use crate::error::{Error, Result};
use crate::finding::{Finding, Report};
use crate::instance::Instance;
use crate::manifest::Manifest;
use crate::schema::Bundled;
use crate::yaml::{self, ReadError};

/// The file that marks a registry root.
pub const MANIFEST: &str = "reg.yaml";
/// Folder of definitions, one sub-folder per name.
pub const DEFINITIONS: &str = "definitions";
/// Folder of instances, one file per name.
pub const INSTANCES: &str = "instances";
/// Local cache and lock folder, never committed.
pub const CACHE_DIR: &str = ".reg";

/// An open registry.
#[derive(Debug, Clone)]
pub struct Registry {
    root: PathBuf,
    /// The settings from `reg.yaml`.
    pub manifest: Manifest,
}

/// A file loaded and checked, with its source kept for error reports.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The typed data.
    pub data: T,
    /// The data as parsed, with every key the file had.
    pub raw: Value,
    /// The path relative to the root, with `/` separators.
    pub file: String,
    /// The file's text.
    pub text: Arc<str>,
}

impl Registry {
    /// Opens the registry at `explicit` (`--registry`), else the nearest
    /// folder at or above the current directory holding `reg.yaml`.
    ///
    /// # Errors
    ///
    /// Exit 5 when there is none, or `reg.yaml` is invalid (exit 1).
    pub fn open(explicit: Option<&Path>) -> Result<Registry> {
        let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        let root = match explicit {
            Some(dir) => {
                let dir = cwd.join(dir);
                if !dir.join(MANIFEST).is_file() {
                    return Err(Error::NoRegistry { start: dir });
                }
                dir
            }
            None => cwd
                .ancestors()
                .find(|d| d.join(MANIFEST).is_file())
                .ok_or(Error::NoRegistry { start: cwd.clone() })?
                .to_path_buf(),
        };
        let root = root
            .canonicalize()
            .map_err(|e| Error::io("read", &root, e))?;
        let manifest = load_manifest(&root)?;
        for folder in [DEFINITIONS, INSTANCES] {
            let path = root.join(folder);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::Environment {
                    message: format!("{} is a symbolic link", path.display()),
                    help: Some(
                        "reg reads nothing outside the registry root; make it a real folder".into(),
                    ),
                });
            }
        }
        Ok(Registry { root, manifest })
    }

    /// Creates a registry in `dir` (SPEC §7 `reg init`): `reg.yaml`, the
    /// folders, a `.gitignore` for `.reg/`, `git init` when `dir` is not in
    /// a work tree, and the first commit.
    ///
    /// # Errors
    ///
    /// Exit 4 when `dir` is already a registry; exit 5 on I/O or git failure.
    pub fn init(
        dir: &Path,
        name: Option<String>,
        options: crate::store::WriteOptions,
    ) -> Result<Registry> {
        if !options.no_commit {
            // Who signs the first commit is checked before anything is created.
            let existing = dir
                .ancestors()
                .find(|a| a.exists())
                .unwrap_or(Path::new("."));
            if crate::git::Repo::is_inside_work_tree(existing) {
                crate::git::Repo::open(
                    &existing
                        .canonicalize()
                        .map_err(|e| Error::io("read", existing, e))?,
                )?
                .identity()?;
            } else {
                crate::git::default_identity()?;
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        let root = dir.canonicalize().map_err(|e| Error::io("read", dir, e))?;
        if root.join(MANIFEST).exists() {
            return Err(Error::conflict(
                "exists",
                format!("{} is already a registry", root.display()),
                vec![root.join(MANIFEST).display().to_string()],
                None,
            ));
        }
        if !options.no_commit && !crate::git::Repo::is_inside_work_tree(&root) {
            crate::git::Repo::init(&root)?;
        }
        for folder in [DEFINITIONS, INSTANCES] {
            let path = root.join(folder);
            std::fs::create_dir_all(&path).map_err(|e| Error::io("create", &path, e))?;
        }
        let manifest = crate::manifest::Manifest::new(name);
        let registry = Registry { root, manifest };
        let ignore = registry.root.join(".gitignore");
        let mut ignored = std::fs::read_to_string(&ignore).unwrap_or_default();
        if !ignored
            .lines()
            .any(|l| l.trim() == ".reg/" || l.trim() == "/.reg/")
        {
            if !ignored.is_empty() && !ignored.ends_with('\n') {
                ignored.push('\n');
            }
            ignored.push_str("# reg's local cache and lock, and temporary files a killed write may leave\n/.reg/\n.reg-*.tmp\n");
        }
        let mut manifest_text = String::from(
            "# A reg registry: definitions/<name>/<version>.yaml and instances/<name>.yaml.\n",
        );
        manifest_text.push_str(&crate::yaml::to_string(&registry.manifest)?);
        let tx = crate::store::Transaction::begin(&registry, options)?;
        let event = crate::git::Event {
            action: "init".into(),
            subject: "registry".into(),
            from: None,
            to: None,
        };
        tx.commit(
            vec![
                (PathBuf::from(MANIFEST), Some(manifest_text)),
                (PathBuf::from(".gitignore"), Some(ignored)),
            ],
            &event,
        )?;
        Ok(registry)
    }

    /// The registry root.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `definitions/<name>/<version>.yaml`, relative to the root.
    #[must_use]
    pub fn definition_file(name: &str, version: &Version) -> PathBuf {
        Path::new(DEFINITIONS)
            .join(name)
            .join(format!("{version}.yaml"))
    }

    /// `instances/<name>.yaml`, relative to the root.
    #[must_use]
    pub fn instance_file(name: &str) -> PathBuf {
        Path::new(INSTANCES).join(format!("{name}.yaml"))
    }

    /// Every definition name, sorted (folders under `definitions/` whose
    /// name is valid).
    ///
    /// # Errors
    ///
    /// Fails when the folder cannot be read.
    pub fn definition_names(&self) -> Result<Vec<String>> {
        let mut names = list_dir(&self.root.join(DEFINITIONS))?
            .into_iter()
            .filter(|(_, is_dir)| *is_dir)
            .map(|(name, _)| name)
            .filter(|n| crate::name::is_valid(n))
            .collect::<Vec<_>>();
        names.sort();
        Ok(names)
    }

    /// The versions present for `name`, from the file names alone, ascending.
    ///
    /// # Errors
    ///
    /// Fails when the folder exists but cannot be read.
    pub fn version_numbers(&self, name: &str) -> Result<Vec<Version>> {
        if !crate::name::is_valid(name) {
            return Ok(Vec::new());
        }
        let mut versions: Vec<Version> = list_dir(&self.root.join(DEFINITIONS).join(name))?
            .into_iter()
            .filter(|(_, is_dir)| !is_dir)
            .filter_map(|(file, _)| file.strip_suffix(".yaml")?.parse().ok())
            .collect();
        versions.sort();
        Ok(versions)
    }

    /// Loads one definition version; `None` when the file does not exist.
    ///
    /// # Errors
    ///
    /// Exit 1 with findings when the file is invalid.
    pub fn definition(&self, name: &str, version: &Version) -> Result<Option<Loaded<Definition>>> {
        if !crate::name::is_valid(name) {
            return Ok(None);
        }
        self.load_if_exists(&Self::definition_file(name, version), Bundled::Definition)
    }

    /// Loads every version of `name`, ascending.
    ///
    /// # Errors
    ///
    /// Exit 1 when one of the files is invalid.
    pub fn versions(&self, name: &str) -> Result<Vec<Loaded<Definition>>> {
        let mut out = Vec::new();
        for v in self.version_numbers(name)? {
            if let Some(d) = self.definition(name, &v)? {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// The summary of every definition, proven fresh against the work tree
    /// through the cache (see [`crate::cache`]). Files that fail to load
    /// are reported, not fatal, so one bad file does not hide the others.
    ///
    /// # Errors
    ///
    /// Fails only when the folders cannot be read.
    pub fn summaries(&self) -> Result<(Vec<crate::definition::Summary>, Report)> {
        let index = crate::cache::index(self)?;
        Ok((index.summaries(), index.problems))
    }

    /// Every instance name, sorted.
    ///
    /// # Errors
    ///
    /// Fails when the folder cannot be read.
    pub fn instance_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = list_dir(&self.root.join(INSTANCES))?
            .into_iter()
            .filter(|(_, is_dir)| !is_dir)
            .filter_map(|(file, _)| Some(file.strip_suffix(".yaml")?.to_string()))
            .filter(|n| crate::name::is_valid(n))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Loads one instance; `None` when it does not exist.
    ///
    /// # Errors
    ///
    /// Exit 1 with findings when the file is invalid.
    pub fn instance(&self, name: &str) -> Result<Option<Loaded<Instance>>> {
        if !crate::name::is_valid(name) {
            return Ok(None);
        }
        self.load_if_exists(&Self::instance_file(name), Bundled::Instance)
    }

    /// Loads every instance in parallel; bad files are reported.
    ///
    /// # Errors
    ///
    /// Fails only when the folder cannot be read.
    pub fn all_instances(&self) -> Result<(Vec<Instance>, Report)> {
        let files: Vec<PathBuf> = self
            .instance_names()?
            .iter()
            .map(|n| Self::instance_file(n))
            .collect();
        Ok(self.load_many(&files, Bundled::Instance))
    }

    fn load_many<T: DeserializeOwned + Send>(
        &self,
        files: &[PathBuf],
        kind: Bundled,
    ) -> (Vec<T>, Report) {
        let results: Vec<std::result::Result<T, Report>> = files
            .par_iter()
            .map(|rel| self.load(rel, kind).map(|l| l.data))
            .collect();
        let mut report = Report {
            files: files.len(),
            ..Report::default()
        };
        let mut loaded = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(l) => loaded.push(l),
                Err(bad) => report.merge(Report { files: 0, ..bad }),
            }
        }
        (loaded, report)
    }

    fn load_if_exists<T: DeserializeOwned>(
        &self,
        rel: &Path,
        kind: Bundled,
    ) -> Result<Option<Loaded<T>>> {
        if std::fs::symlink_metadata(self.root.join(rel)).is_err() {
            return Ok(None);
        }
        self.load(rel, kind).map(Some).map_err(|mut report| {
            report.files = 1;
            Error::Invalid(report)
        })
    }

    /// Loads and checks one file of the registry: the one path every read takes.
    ///
    /// # Errors
    ///
    /// Returns the findings that make the file unusable.
    pub fn load<T: DeserializeOwned>(
        &self,
        rel: &Path,
        kind: Bundled,
    ) -> std::result::Result<Loaded<T>, Report> {
        match self.inspect(rel, kind) {
            (Some(loaded), report) if report.findings.is_empty() => Ok(loaded),
            (_, report) => Err(report),
        }
    }

    /// Loads what discovery needs of a definition: everything but its
    /// `configSchema`, which is checked as YAML and as an object but not
    /// built (nor compiled: `reg validate` does that).
    ///
    /// # Errors
    ///
    /// The findings when the file cannot be read or is invalid.
    pub fn load_listing(
        &self,
        rel: &Path,
    ) -> std::result::Result<Loaded<crate::definition::Listing>, Report> {
        listing(rel, self.read(rel))
    }

    /// [`Registry::load_listing`] of `definitions/<within>`, opened relative
    /// to the open `definitions` folder: the kernel walks two path
    /// components, not the whole path, and a link fails to open (no
    /// separate check).
    ///
    /// # Errors
    ///
    /// The findings when the file cannot be read or is invalid.
    pub fn load_listing_at(
        &self,
        definitions: impl rustix::fd::AsFd,
        within: &str,
    ) -> std::result::Result<Loaded<crate::definition::Listing>, Report> {
        let rel = Path::new(DEFINITIONS).join(within);
        let flags =
            rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC;
        let read = read_file(&rel, || {
            match rustix::fs::openat(definitions, within, flags, rustix::fs::Mode::empty()) {
                Ok(fd) => Ok(std::fs::File::from(fd)),
                Err(rustix::io::Errno::LOOP) => Err(None),
                Err(e) => Err(Some(ReadError::Io(e.into()))),
            }
        });
        listing(&rel, read)
    }

    /// Loads one file for `reg validate`: the data when it is usable even
    /// if misplaced, and every finding.
    #[must_use]
    pub fn inspect<T: DeserializeOwned>(
        &self,
        rel: &Path,
        kind: Bundled,
    ) -> (Option<Loaded<T>>, Report) {
        self.inspect_without(rel, kind, None)
    }

    fn inspect_without<T: DeserializeOwned>(
        &self,
        rel: &Path,
        kind: Bundled,
        skip: Option<&str>,
    ) -> (Option<Loaded<T>>, Report) {
        inspect_read(rel, self.read(rel), kind, skip)
    }

    /// Reads a file of the registry as text, refusing links and oversized or
    /// non-UTF-8 files.
    fn read(&self, rel: &Path) -> std::result::Result<(String, Arc<str>), Report> {
        let path = self.root.join(rel);
        let symlink = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        read_file(rel, || {
            if symlink {
                return Err(None);
            }
            std::fs::File::open(&path).map_err(|e| Some(ReadError::Io(e)))
        })
    }
}

/// Checks what [`Registry::read`] (or an open relative to a folder) read.
fn inspect_read<T: DeserializeOwned>(
    rel: &Path,
    read: std::result::Result<(String, Arc<str>), Report>,
    kind: Bundled,
    skip: Option<&str>,
) -> (Option<Loaded<T>>, Report) {
    match read {
        Err(report) => (None, report),
        Ok((file, text)) => {
            let expected = expected_identity(rel);
            let (loaded, findings) = inspect_text_without(
                &file,
                &text,
                kind,
                expected.as_ref().map(|(n, v)| (n.as_str(), v.as_deref())),
                skip,
            );
            let mut report = Report::default();
            report.add(findings, Some((file, text)));
            (loaded, report)
        }
    }
}

/// What discovery needs of a definition that was read.
fn listing(
    rel: &Path,
    read: std::result::Result<(String, Arc<str>), Report>,
) -> std::result::Result<Loaded<crate::definition::Listing>, Report> {
    match inspect_read(rel, read, Bundled::Definition, Some("configSchema")) {
        (Some(loaded), report) if report.findings.is_empty() => Ok(loaded),
        (_, report) => Err(report),
    }
}

/// Reads a registry file opened by `open` (which gives `None` for a
/// symbolic link), refusing links and oversized or non-UTF-8 files.
fn read_file(
    rel: &Path,
    open: impl FnOnce() -> std::result::Result<std::fs::File, Option<ReadError>>,
) -> std::result::Result<(String, Arc<str>), Report> {
    let file = display_rel(rel);
    let fail = |finding: Finding, text: Option<Arc<str>>| {
        let mut report = Report::default();
        report.add(vec![finding], text.map(|t| (file.clone(), t)));
        report
    };
    let read = match open() {
        Ok(f) => yaml::read_open_text(f),
        Err(Some(e)) => Err(e),
        Err(None) => {
            return Err(fail(
                Finding::error(
                    &file,
                    "",
                    "file",
                    "symlink",
                    "a symbolic link; reg only reads real files inside the registry",
                ),
                None,
            ));
        }
    };
    let text: Arc<str> = match read {
        Ok(t) => t.into(),
        Err(e) => {
            let code = match e {
                ReadError::TooLarge(_) => "file-too-large",
                ReadError::NotUtf8 { .. } => "not-utf8",
                ReadError::NotAFile => "not-a-file",
                ReadError::Io(_) => "unreadable",
            };
            return Err(fail(
                Finding::error(&file, "", "file", code, e.to_string()),
                None,
            ));
        }
    };
    Ok((file, text))
}

/// What the path says the file must hold: the name, and the version for a definition.
fn expected_identity(rel: &Path) -> Option<(String, Option<String>)> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [d, name, file] if d == DEFINITIONS => Some((
            name.clone(),
            Some(file.strip_suffix(".yaml").unwrap_or(file).to_string()),
        )),
        [i, file] if i == INSTANCES => {
            Some((file.strip_suffix(".yaml").unwrap_or(file).to_string(), None))
        }
        _ => None,
    }
}

/// Checks YAML text as a file of `kind`: syntax, bundled schema, and that it
/// holds the name (and version) its path says. Any finding makes it unusable.
///
/// # Errors
///
/// Returns every finding, located, with the text.
pub fn check_text<T: DeserializeOwned>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
) -> std::result::Result<Loaded<T>, Report> {
    match inspect_text(file, text, kind, expected) {
        (Some(loaded), findings) if findings.is_empty() => Ok(loaded),
        (_, findings) => {
            let mut report = Report::default();
            report.add(findings, Some((file.to_string(), text.clone())));
            Err(report)
        }
    }
}

/// Like [`check_text`], but a file whose only problem is its place (a
/// path/content mismatch) still yields its data, so `reg validate` can check
/// everything else in it too. Findings come located.
#[must_use]
pub fn inspect_text<T: DeserializeOwned>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
) -> (Option<Loaded<T>>, Vec<Finding>) {
    inspect_text_without(file, text, kind, expected, None)
}

/// [`inspect_text`], with the top-level key `skip` read as an empty value
/// of its kind ([`yaml::parse_without`]).
fn inspect_text_without<T: DeserializeOwned>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
    skip: Option<&str>,
) -> (Option<Loaded<T>>, Vec<Finding>) {
    let raw = match yaml::parse_without(text, skip) {
        Ok(v) => v,
        Err(e) => {
            let mut f = Finding::error(file, "", "yaml", "yaml-syntax", e.message);
            f.line = e.line;
            f.column = e.column;
            f.span = crate::source::offset_of(text, e.line, e.column).map(|o| (o, o));
            return (None, vec![f]);
        }
    };
    let mut findings = kind.check(file, &raw);
    findings.extend(semantic_checks(file, &raw, kind));
    let data = if findings.is_empty() {
        match T::deserialize(&raw) {
            Ok(d) => Some(d),
            Err(e) => {
                findings.push(Finding::error(
                    file,
                    "",
                    "type",
                    "invalid-value",
                    e.to_string(),
                ));
                None
            }
        }
    } else {
        None
    };
    if let Some((name, version)) = expected {
        findings.extend(path_checks(file, &raw, name, version));
    }
    crate::source::locate(text, &mut findings);
    let loaded = data.map(|data| Loaded {
        data,
        raw,
        file: file.to_string(),
        text: text.clone(),
    });
    (loaded, findings)
}

/// Rules JSON Schema cannot say: versions and ranges that parse as SemVer.
fn semantic_checks(file: &str, raw: &Value, kind: Bundled) -> Vec<Finding> {
    let mut out = Vec::new();
    if kind != Bundled::Definition {
        return out;
    }
    if let Some(v) = raw.get("version").and_then(Value::as_str)
        && let Err(e) = v.parse::<Version>()
    {
        out.push(Finding::error(
            file,
            "/version",
            "version",
            "bad-version",
            format!("version: `{v}` is not SemVer 2.0: {e}"),
        ));
    }
    if let Some(deps) = raw.get("dependencies").and_then(Value::as_array) {
        for (i, dep) in deps.iter().enumerate() {
            if let Some(r) = dep.get("version").and_then(Value::as_str)
                && let Err(e) = r.parse::<semver::VersionReq>()
            {
                out.push(Finding::error(
                    file,
                    format!("/dependencies/{i}/version"),
                    "version",
                    "bad-range",
                    format!("version: `{r}` is not a SemVer range ({e}); write it as `^1.2`, `~1.4` or `>=2, <3`"),
                ));
            }
        }
    }
    out
}

fn path_checks(file: &str, raw: &Value, name: &str, version: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(actual) = raw.get("name").and_then(Value::as_str)
        && actual != name
    {
        out.push(Finding::error(
            file,
            "/name",
            "path",
            "path-mismatch",
            format!("name: the file holds `{actual}` but its path says `{name}`; move it to the folder of its name"),
        ));
    }
    if let Some(expected) = version
        && let Some(actual) = raw.get("version").and_then(Value::as_str)
    {
        let same = match (actual.parse::<Version>(), expected.parse::<Version>()) {
            (Ok(a), Ok(b)) => a == b && a.to_string() == expected,
            _ => actual == expected,
        };
        if !same {
            out.push(Finding::error(
                file,
                "/version",
                "path",
                "path-mismatch",
                format!("version: the file holds `{actual}` but its name says `{expected}`"),
            ));
        }
    }
    out
}

fn load_manifest(root: &Path) -> Result<Manifest> {
    let path = root.join(MANIFEST);
    let text: Arc<str> = yaml::read_text(&path)
        .map_err(|e| match e {
            ReadError::Io(e) => Error::io("read", &path, e),
            other => Error::Environment {
                message: format!("cannot read {}: {other}", path.display()),
                help: None,
            },
        })?
        .into();
    check_text::<Manifest>(MANIFEST, &text, Bundled::Registry, None)
        .map(|l| l.data)
        .map_err(|mut report| {
            report.files = 1;
            Error::Invalid(report)
        })
}

/// A path relative to the root, written with `/` whatever the platform.
#[must_use]
pub fn display_rel(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The entries of a folder as (name, is a real folder); a missing folder is empty.
/// Symbolic links count as files, so they are never followed as folders.
fn list_dir(dir: &Path) -> Result<Vec<(String, bool)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("read", dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", dir, e))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        out.push((name, is_dir));
    }
    Ok(out)
}

//! A registry on disk (SPEC §1): finding its root, where each file lives, and
//! loading definitions and instances through the one checked path (size
//! limit, YAML, bundled schema, path/content rule, typed data).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use semver::Version;
use serde_json::Value;

use crate::definition::Definition;
use crate::error::{Error, Result};
use crate::finding::{Finding, Report};
use crate::instance::Instance;
use crate::manifest::Manifest;
use crate::root::{Kind, Root, display_rel};
use crate::schema::Bundled;
use crate::schema::proven::{self, Proof, Proofs};
use crate::text::ReadError;
use crate::yaml::{self, Decode, Skip};

/// The file that marks a registry root.
pub const MANIFEST: &str = "reg.yaml";
/// Folder of definitions, one sub-folder per name.
pub const DEFINITIONS: &str = "definitions";
/// Folder of instances, one file per name.
pub const INSTANCES: &str = "instances";
/// Local cache and lock folder, never committed.
pub const CACHE_DIR: &str = ".reg";

/// Where in [`CACHE_DIR`] the bundled schemas are kept for editors.
pub const SCHEMAS_DIR: &str = "schemas";

/// An open registry.
#[derive(Debug, Clone)]
pub struct Registry {
    root: PathBuf,
    /// The root, open: every file under it is reached through this.
    fs: Arc<Root>,
    /// The settings from `reg.yaml`.
    pub manifest: Manifest,
    /// What settling a write a killed `reg` left said, for the user.
    pub recovered: Vec<String>,
    /// The proof of `reg.yaml` as read and checked (none for `init`).
    manifest_proof: Option<Proof>,
    /// The git directory holding the root, where proofs are kept.
    git_dir: Option<PathBuf>,
    /// The proofs reads may use: none for `validate` and `check`, which
    /// check every file in full, nor outside git.
    proofs: Option<Arc<Proofs>>,
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
    /// The registry at `explicit` (`--registry`), else the nearest folder
    /// at or above the current directory holding `reg.yaml`, as it is:
    /// commands open it through [`Registry::open`] (in `store`), which
    /// first settles a write a killed `reg` left. `review` is
    /// [`Registry::open_for_review`]'s.
    ///
    /// # Errors
    ///
    /// As [`Registry::open`].
    pub(crate) fn open_unrecovered(explicit: Option<&Path>, review: bool) -> Result<Registry> {
        let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        // A `reg.yaml` of any kind marks the root: a link there is refused
        // below, not silently skipped for a folder further up.
        let marks = |d: &Path| std::fs::symlink_metadata(d.join(MANIFEST)).is_ok();
        let root = match explicit {
            Some(dir) => {
                let dir = cwd.join(dir);
                if !marks(&dir) {
                    return Err(Error::NoRegistry { start: dir });
                }
                dir
            }
            None => cwd
                .ancestors()
                .find(|d| marks(d))
                .ok_or(Error::NoRegistry { start: cwd.clone() })?
                .to_path_buf(),
        };
        let root = root
            .canonicalize()
            .map_err(|e| Error::io("read", &root, e))?;
        let fs = Root::open(&root).map_err(|e| Error::io("open", &root, e))?;
        let git_dir = proven::git_dir_of(&root);
        let proofs = git_dir
            .as_deref()
            .filter(|_| !review)
            .and_then(Proofs::open)
            .map(Arc::new);
        let (manifest, manifest_proof) = load_manifest(&fs, review, proofs.as_deref())?;
        Ok(Registry {
            root,
            fs: Arc::new(fs),
            manifest,
            recovered: Vec::new(),
            manifest_proof: Some(manifest_proof),
            git_dir,
            proofs,
        })
    }

    /// A registry just created at `root` by `reg init` (see
    /// [`crate::init`]), before anything was committed: no git directory
    /// or proofs yet.
    pub(crate) fn created(root: PathBuf, fs: Root, manifest: Manifest) -> Registry {
        Registry {
            root,
            fs: Arc::new(fs),
            manifest,
            manifest_proof: None,
            recovered: Vec::new(),
            git_dir: None,
            proofs: None,
        }
    }

    /// Writes the bundled schemas to `.reg/schemas/` where they differ from
    /// the binary's, for editors (`# yaml-language-server: $schema=...`),
    /// and returns that folder. `.reg/` is never committed, so a registry
    /// cloned by an older or newer `reg` gets its own version's schemas.
    ///
    /// # Errors
    ///
    /// On I/O failure, or when `.reg` or `.reg/schemas` is a link or a
    /// file (then nothing is written through it).
    pub fn editor_schemas(&self) -> std::io::Result<PathBuf> {
        let dir = Path::new(CACHE_DIR).join(SCHEMAS_DIR);
        for bundled in Bundled::ALL {
            let rel = dir.join(bundled.file_name());
            if self.fs.read_text(&rel).is_ok_and(|t| t == bundled.text()) {
                continue;
            }
            // Staged in `.reg/` itself, where a killed write's temporary
            // files are cleared.
            let mut temp = self
                .fs
                .temp(Path::new(CACHE_DIR), bundled.text().as_bytes(), None)?;
            self.fs.place(&mut temp, &rel)?;
        }
        Ok(self.root.join(dir))
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

    /// The open root, through which every file under it is read and written.
    #[must_use]
    pub fn fs(&self) -> &Root {
        &self.fs
    }

    /// Reads a file of the registry as text, refusing links, special,
    /// oversized and non-UTF-8 files.
    ///
    /// # Errors
    ///
    /// Why it cannot be read.
    pub fn read_text(&self, rel: &Path) -> std::result::Result<String, ReadError> {
        self.fs.read_text(rel)
    }

    /// Every definition name, sorted (folders under `definitions/` whose
    /// name is valid).
    ///
    /// # Errors
    ///
    /// Exit 5 when the folder cannot be read or is a link.
    pub fn definition_names(&self) -> Result<Vec<String>> {
        let mut names = self
            .list(Path::new(DEFINITIONS))?
            .into_iter()
            .filter(|(_, kind)| *kind == Kind::Dir)
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
    /// Exit 5 when the folder exists but cannot be read, or is a link.
    pub fn version_numbers(&self, name: &str) -> Result<Vec<Version>> {
        if !crate::name::is_valid(name) {
            return Ok(Vec::new());
        }
        let mut versions: Vec<Version> = self
            .list(&Path::new(DEFINITIONS).join(name))?
            .into_iter()
            .filter(|(_, kind)| *kind != Kind::Dir)
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

    /// Every version of `name`, oldest first, read without building its
    /// `configSchema`: enough to choose one (each file is still checked as
    /// [`Registry::load_listing`] checks it).
    ///
    /// # Errors
    ///
    /// Exit 1 with findings when a version is invalid.
    pub fn version_summaries(&self, name: &str) -> Result<Vec<crate::definition::Summary>> {
        let mut out = Vec::new();
        for v in self.version_numbers(name)? {
            let loaded = self
                .load_listing(&Self::definition_file(name, &v))
                .map_err(|mut report| {
                    report.files = 1;
                    Error::Invalid(report)
                })?;
            out.push(crate::definition::Summary::listed(
                loaded.data,
                &loaded.raw,
                &loaded.text,
            ));
        }
        Ok(out)
    }

    /// Every instance name, sorted.
    ///
    /// # Errors
    ///
    /// Fails when the folder cannot be read.
    pub fn instance_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = self
            .list(Path::new(INSTANCES))?
            .into_iter()
            .filter(|(_, kind)| *kind != Kind::Dir)
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

    fn load_many<T: Decode + Send>(&self, files: &[PathBuf], kind: Bundled) -> (Vec<T>, Report) {
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

    /// Loads a file that may not exist; a link or special file at (or on
    /// the way to) it is refused with exit 5, as for any command that would
    /// touch it.
    fn load_if_exists<T: Decode>(&self, rel: &Path, kind: Bundled) -> Result<Option<Loaded<T>>> {
        let (file, text) = match self.read(rel) {
            Ok(read) => read,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::unreadable(rel, e)),
        };
        match inspect_read(rel, Ok((file, text)), kind, None, &|t| self.proven(kind, t)) {
            (Some(loaded), report) if report.findings.is_empty() => Ok(Some(loaded)),
            (_, mut report) => {
                report.files = 1;
                Err(Error::Invalid(report))
            }
        }
    }

    /// Whether `text`, as a file of `kind`, has a proof reads may use.
    /// Instances are never proven (nothing records them: `validate`
    /// checks their configurations anyway), so they are not hashed.
    fn proven(&self, kind: Bundled, text: &str) -> bool {
        kind != Bundled::Instance
            && self
                .proofs
                .as_ref()
                .is_some_and(|p| p.holds(&proven::proof(kind, text)))
    }

    /// Keeps `proofs` (texts whose bundled check passed) in the git
    /// directory, with `reg.yaml`'s, for later single-file reads.
    pub fn record_proofs(&self, mut proofs: Vec<Proof>) {
        if proofs.is_empty() {
            return;
        }
        let Some(dir) = &self.git_dir else {
            return;
        };
        proofs.extend(self.manifest_proof);
        proven::record(dir, proofs);
    }

    /// The entries of a folder of the registry; a missing one is empty.
    fn list(&self, rel: &Path) -> Result<Vec<(String, Kind)>> {
        self.fs.list(rel).map_err(|e| Error::unreadable(rel, e))
    }

    /// Loads and checks one file of the registry: the one path every read takes.
    ///
    /// # Errors
    ///
    /// Returns the findings that make the file unusable.
    pub fn load<T: Decode>(
        &self,
        rel: &Path,
        kind: Bundled,
    ) -> std::result::Result<Loaded<T>, Report> {
        let read = self.read(rel).map_err(|e| read_report(rel, e));
        match inspect_read(rel, read, kind, None, &|t| self.proven(kind, t)) {
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
        let read = self.read(rel).map_err(|e| read_report(rel, e));
        listing(rel, read, self.proofs.as_deref()).map(|l| l.loaded)
    }

    /// [`Registry::load_listing`] of `definitions/<within>`, opened relative
    /// to the open `definitions` folder: the kernel walks two path
    /// components, not the whole path, and a link at either fails to open
    /// (no separate check). Also returns what `fstat` said of the file
    /// when it was opened, before it was read; `None` when it is gone.
    ///
    /// # Errors
    ///
    /// The findings when the file cannot be read or is invalid.
    pub fn load_listing_at(
        &self,
        definitions: impl rustix::fd::AsFd,
        within: &str,
    ) -> std::result::Result<Option<(Listed, rustix::fs::Stat)>, Report> {
        let rel = Path::new(DEFINITIONS).join(within);
        let (text, stat) =
            match crate::root::read_stat_beneath(definitions.as_fd(), Path::new(within)) {
                Ok(read) => read,
                // Removed since its folder was listed: there is nothing to
                // list, as if the listing had come a moment later.
                Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(None);
                }
                Err(e) => {
                    // Name the path from the root, not from `definitions/`.
                    let e = match e {
                        ReadError::Link(at) => ReadError::Link(format!("{DEFINITIONS}/{at}")),
                        ReadError::Special(at, what) => {
                            ReadError::Special(format!("{DEFINITIONS}/{at}"), what)
                        }
                        e => e,
                    };
                    return Err(read_report(&rel, e));
                }
            };
        let read = Ok((display_rel(&rel), Arc::from(text)));
        listing(&rel, read, self.proofs.as_deref()).map(|l| Some((l, stat)))
    }

    /// Loads one file for `reg validate`: the data when it is usable even
    /// if misplaced, and every finding.
    #[must_use]
    pub fn inspect<T: Decode>(&self, rel: &Path, kind: Bundled) -> (Option<Loaded<T>>, Report) {
        self.inspect_without(rel, kind, None)
    }

    fn inspect_without<T: Decode>(
        &self,
        rel: &Path,
        kind: Bundled,
        skip: Option<&str>,
    ) -> (Option<Loaded<T>>, Report) {
        inspect_read(
            rel,
            self.read(rel).map_err(|e| read_report(rel, e)),
            kind,
            skip,
            &|_| false,
        )
    }

    /// Reads a file of the registry as text with its display name.
    fn read(&self, rel: &Path) -> std::result::Result<(String, Arc<str>), ReadError> {
        self.fs
            .read_text(rel)
            .map(|t| (display_rel(rel), Arc::from(t)))
    }
}

/// A file that could not be read, as a finding naming the path (a link's
/// target is never shown, nor anything read from it).
fn read_report(rel: &Path, e: ReadError) -> Report {
    let file = display_rel(rel);
    let mut report = Report::default();
    report.add(
        vec![Finding::error(&file, "", "file", e.code(), e.to_string())],
        None,
    );
    report
}

/// Checks what [`Registry::read`] (or an open relative to a folder) read.
fn inspect_read<T: Decode>(
    rel: &Path,
    read: std::result::Result<(String, Arc<str>), Report>,
    kind: Bundled,
    skip: Option<&str>,
    proven: &dyn Fn(&str) -> bool,
) -> (Option<Loaded<T>>, Report) {
    match read {
        Err(report) => (None, report),
        Ok((file, text)) => {
            let expected = expected_identity(rel);
            let proven = proven(&text);
            let (loaded, findings) = inspect_text_without(
                &file,
                &text,
                kind,
                expected.as_ref().map(|(n, v)| (n.as_str(), v.as_deref())),
                skip,
                proven,
            );
            let mut report = Report::default();
            let holds_config = || yaml::parse(&text).map_or(true, |v| v.get("config").is_some());
            if kind == Bundled::Instance && !findings.is_empty() && holds_config() {
                // Secrets are told apart later, against the pinned schema;
                // a report about the file itself shows none of its config
                // (nor any of the file, when it does not even parse).
                let mut findings = findings;
                match crate::source::redact(&text, &["/config".to_string()]) {
                    Some(redacted) => {
                        crate::source::respan(&redacted, &mut findings);
                        report.add(findings, Some((file, redacted.into())));
                    }
                    None => {
                        findings.iter_mut().for_each(|f| f.span = None);
                        report.add(findings, None);
                    }
                }
            } else {
                report.add(findings, Some((file, text)));
            }
            (loaded, report)
        }
    }
}

/// What discovery needs of a definition that was read.
fn listing(
    rel: &Path,
    read: std::result::Result<(String, Arc<str>), Report>,
    proofs: Option<&Proofs>,
) -> std::result::Result<Listed, Report> {
    // The proof is worked out once: to skip the bundled check when held,
    // and to be recorded when not.
    let proof = read
        .as_ref()
        .ok()
        .map(|(_, text)| proven::proof(Bundled::Definition, text));
    let held = proof.is_some_and(|p| proofs.is_some_and(|ps| ps.holds(&p)));
    match inspect_read(
        rel,
        read,
        Bundled::Definition,
        Some("configSchema"),
        &|_| held,
    ) {
        (Some(loaded), report) if report.findings.is_empty() => Ok(Listed {
            loaded,
            new_proof: proof.filter(|_| !held),
        }),
        (_, report) => Err(report),
    }
}

/// A definition read for discovery.
#[derive(Debug)]
pub struct Listed {
    /// Everything but its `configSchema`.
    pub loaded: Loaded<crate::definition::Listing>,
    /// The proof that its text passed the bundled check, when none was
    /// kept yet ([`proven`]).
    pub new_proof: Option<Proof>,
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
pub fn check_text<T: Decode>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
) -> std::result::Result<Loaded<T>, Report> {
    checked(file, text, kind, expected, false)
}

/// [`check_text`] of a text whose bundled check is already known to pass
/// when `proven`.
fn checked<T: Decode>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
    proven: bool,
) -> std::result::Result<Loaded<T>, Report> {
    match inspect_text_without(file, text, kind, expected, None, proven) {
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
pub fn inspect_text<T: Decode>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
) -> (Option<Loaded<T>>, Vec<Finding>) {
    inspect_text_without(file, text, kind, expected, None, false)
}

/// [`inspect_text`], with the top-level key `skip` read as an empty value
/// of its kind ([`yaml::parse_without`]); `proven` when the text's bundled
/// check is already known to pass ([`proven`]).
fn inspect_text_without<T: Decode>(
    file: &str,
    text: &Arc<str>,
    kind: Bundled,
    expected: Option<(&str, Option<&str>)>,
    skip: Option<&str>,
    proven: bool,
) -> (Option<Loaded<T>>, Vec<Finding>) {
    // A proven text parsed when it was proven: what is skipped need not be read.
    let raw = match yaml::parse_without(text, skip.map(|key| Skip::key(key, proven))) {
        Ok(v) => v,
        Err(e) => {
            // A merge left its markers: say that, not what the parser saw.
            let (message, line, column, code) = match conflict_marker(text) {
                Some(line) => (
                    "unresolved merge conflict: the file still holds git's conflict markers; keep one side, remove the `<<<<<<<`, `=======` and `>>>>>>>` lines".to_string(),
                    line,
                    1,
                    "merge-conflict",
                ),
                None => (e.message, e.line, e.column, "yaml-syntax"),
            };
            let mut f = Finding::error(file, "", "yaml", code, message);
            f.line = line;
            f.column = column;
            f.span = crate::source::offset_of(text, line, column).map(|o| (o, o));
            return (None, vec![f]);
        }
    };
    if raw.is_null()
        && text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        let mut f = Finding::error(
            file,
            "",
            "file",
            "empty-file",
            "the file is empty: it must hold a mapping of keys (`reg new NAME` writes a definition to start from)",
        );
        f.line = 1;
        f.column = 1;
        return (None, vec![f]);
    }
    let mut findings = if proven {
        Vec::new()
    } else {
        kind.check(file, &raw)
    };
    let semantic = semantic_checks(file, &raw, kind);
    // One mistake, one finding: where SemVer says why in its own words, the
    // bundled schema's pattern says nothing more.
    findings
        .retain(|f| !(f.keyword == "pattern" && semantic.iter().any(|s| s.pointer == f.pointer)));
    findings.extend(semantic);
    let data = if findings.is_empty() {
        match T::decode(&raw) {
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

/// The line of the first merge-conflict marker in `text`, if any.
fn conflict_marker(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
                .iter()
                .any(|m| {
                    l.strip_prefix(m)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                })
        })
        .map(|i| i + 1)
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

/// Reads `reg.yaml`. A link or special file in its place is refused
/// without reading a byte of what it points at; for `review` (validate,
/// check) it is a finding.
fn load_manifest(fs: &Root, review: bool, proofs: Option<&Proofs>) -> Result<(Manifest, Proof)> {
    let rel = Path::new(MANIFEST);
    let text: Arc<str> = match fs.read_text(rel) {
        Ok(text) => text.into(),
        Err(e @ (ReadError::Link(_) | ReadError::Special(..))) if review => {
            let mut report = read_report(rel, e);
            report.files = 1;
            return Err(Error::Invalid(report));
        }
        Err(e) => return Err(Error::unreadable(rel, e)),
    };
    let proof = proven::proof(Bundled::Registry, &text);
    let proven = proofs.is_some_and(|p| p.holds(&proof));
    checked::<Manifest>(MANIFEST, &text, Bundled::Registry, None, proven)
        .map(|l| (l.data, proof))
        .map_err(|mut report| {
            report.files = 1;
            Error::Invalid(report)
        })
}

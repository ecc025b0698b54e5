//! `reg validate`: every file of a registry (or the ones named) against the
//! bundled schemas, the path/content rule, its `configSchema`'s draft, the
//! references between files, instance configurations and the secrets rule,
//! with every problem reported (SPEC §6).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde_json::Value;

use crate::definition::{Definition, Status, TOMBSTONES};
use crate::error::{Error, Result};
use crate::finding::{Finding, Report, Severity};
use crate::instance::{Instance, InstanceStatus};
use crate::registry::{CACHE_DIR, DEFINITIONS, INSTANCES, Loaded, MANIFEST, Registry};
use crate::root::Kind;
use crate::root::display_rel;
use crate::schema::refs::{Lookup, Part};
use crate::schema::{Bundled, ConfigSchema};
use crate::secret::{self, Secrets};

/// A compiled `configSchema`, shared by every instance of a version.
pub struct Compiled {
    /// The validator.
    pub schema: ConfigSchema,
}

impl Compiled {
    /// Compiles a definition's `configSchema`, its `reg:` references
    /// resolved through `lookup`; problems come as findings on `file`
    /// under `/configSchema`.
    ///
    /// # Errors
    ///
    /// Returns the findings when the schema is not valid for its draft or
    /// a reference does not resolve.
    pub fn of(
        lookup: &dyn Lookup,
        def: &Definition,
        file: &str,
    ) -> std::result::Result<Compiled, Vec<Finding>> {
        let schema = expanded(lookup, def, file)?;
        ConfigSchema::compile(&schema)
            .map(|schema| Compiled { schema })
            .map_err(|problems| schema_findings(file, problems))
    }

    /// Checks a definition's `configSchema` as [`Compiled::of`] does, for
    /// when no configuration will be validated against it (building the
    /// validator is left out where that cannot change the answer).
    ///
    /// # Errors
    ///
    /// Returns the findings when the schema is not valid for its draft or
    /// a reference does not resolve.
    pub fn verify(
        lookup: &dyn Lookup,
        def: &Definition,
        file: &str,
    ) -> std::result::Result<(), Vec<Finding>> {
        let schema = expanded(lookup, def, file)?;
        ConfigSchema::verify(&schema).map_err(|problems| schema_findings(file, problems))
    }

    /// Validates a configuration sitting at `prefix` in `file`, with its
    /// secrets. Secret references pass whatever the property's type;
    /// literal secrets are findings; no message shows a hidden value.
    #[must_use]
    pub fn check(&self, file: &str, prefix: &str, config: &Value) -> (Vec<Finding>, Secrets) {
        let secrets = Secrets::of(&self.schema, config);
        let reference =
            |p: &str| secrets.is_secret(p) && config.pointer(p).is_some_and(secret::is_reference);
        let mut findings: Vec<Finding> = self
            .schema
            .check(file, prefix, config, &|p| secrets.touches(p), &reference)
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        for pointer in secrets.literals(config) {
            findings.push(Finding::error(
                file,
                format!("{prefix}{pointer}"),
                "writeOnly",
                "plaintext-secret",
                format!(
                    "{}: this is a secret and must not be written in the file; \
                     give it as ${{env:NAME}} or ${{file:PATH}}",
                    pointer.rsplit('/').next().unwrap_or_default()
                ),
            ));
        }
        (findings, secrets)
    }
}

/// A definition's `configSchema` with its `reg:` references resolved
/// (SPEC §12): to the versions frozen at publish for a published version,
/// live for a draft. Without references, the schema as it is.
///
/// # Errors
///
/// The references that do not resolve, as findings at their `$ref`.
pub fn expanded<'d>(
    lookup: &dyn Lookup,
    def: &'d Definition,
    file: &str,
) -> std::result::Result<std::borrow::Cow<'d, Value>, Vec<Finding>> {
    if !def.has_schema_refs() {
        return Ok(std::borrow::Cow::Borrowed(&def.config_schema));
    }
    let frozen = (def.status() != Status::Draft).then_some(&def.schema_refs);
    crate::schema::refs::expand(lookup, &def.config_schema, frozen)
        .map(|e| std::borrow::Cow::Owned(e.schema))
        .map_err(|problems| schema_findings(file, problems))
}

/// Problems with a `configSchema` as findings on `file`, under `/configSchema`.
fn schema_findings(file: &str, problems: Vec<crate::schema::SchemaProblem>) -> Vec<Finding> {
    problems
        .into_iter()
        .map(|p| {
            Finding::error(
                file,
                format!("/configSchema{}", p.pointer),
                p.keyword,
                p.code,
                format!("configSchema: {}", p.message),
            )
        })
        .collect()
}

/// Adds findings about a configuration at `prefix` in a file's `text` to a
/// report: located in the file as it is, and shown over a copy of the text
/// in which no hidden value can be read (whole values, any shape, whatever
/// their length). The one path every report on a configuration takes.
pub fn add_config_findings(
    report: &mut Report,
    file: &str,
    text: &Arc<str>,
    prefix: &str,
    config: &Value,
    secrets: &Secrets,
    mut findings: Vec<Finding>,
) {
    if findings.is_empty() {
        return;
    }
    let hidden: Vec<String> = secrets
        .hidden(config)
        .into_iter()
        .map(|p| format!("{prefix}{p}"))
        .collect();
    crate::source::locate(text, &mut findings);
    let shown = crate::source::redact(text, &hidden).map(|redacted| {
        crate::source::respan(&redacted, &mut findings);
        Arc::<str>::from(redacted)
    });
    if shown.is_none() {
        for f in &mut findings {
            f.span = None;
        }
    }
    report.add(findings, shown.map(|t| (file.to_string(), t)));
}

/// Validates the whole registry, or only `paths` (files or folders inside it).
///
/// # Errors
///
/// Exit 2 for a path outside the registry; exit 5 when folders cannot be read.
pub fn validate(registry: &Registry, paths: &[PathBuf]) -> Result<Report> {
    let (files, mut report) = if paths.is_empty() {
        collect(registry, registry.root())?
    } else {
        let mut all = Vec::new();
        let mut report = Report::default();
        for p in paths {
            let (f, r) = collect(registry, &inside(registry, p)?)?;
            all.extend(f);
            report.merge(r);
        }
        all.sort();
        all.dedup();
        (all, report)
    };
    let (def_files, inst_files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.starts_with(DEFINITIONS));
    report.files += def_files.len() + inst_files.len();

    // Instances first: they are few, and say which compiled schemas to keep.
    let instances: Vec<(Option<Loaded<Instance>>, Report)> = inst_files
        .par_iter()
        .map(|rel| registry.inspect::<Instance>(rel, Bundled::Instance))
        .collect();
    let pinned: HashSet<&str> = instances
        .iter()
        .filter_map(|(i, _)| i.as_ref())
        .map(|i| i.data.definition.as_str())
        .collect();
    // The versions of one name are checked together and dropped in one
    // step, so memory holds summaries, not files, and the rules between
    // neighbours (the bump rule) reuse what was parsed.
    let mut by_name: BTreeMap<&str, Vec<&PathBuf>> = BTreeMap::new();
    for rel in &def_files {
        let name = rel
            .components()
            .nth(1)
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        by_name.entry(name).or_default().push(rel);
    }
    let parts = SharedParts {
        registry,
        versions: Mutex::default(),
        schemas: Mutex::default(),
    };
    let outcomes: Vec<(Checked, Report)> = by_name
        .into_par_iter()
        .map(|(name, files)| check_name(registry, &parts, name, &files, &pinned))
        .collect();
    let mut summaries = Vec::with_capacity(def_files.len());
    // What instances need of the versions they pin: state, and schema
    // when it is valid.
    let mut known: HashMap<String, (Status, Option<Value>)> = HashMap::new();
    for (checked, r) in outcomes {
        report.merge(r);
        for (summary, schema) in checked {
            let reference = summary.reference();
            if pinned.contains(reference.as_str()) {
                known.insert(reference, (summary.status, schema));
            }
            summaries.push(summary);
        }
    }
    let mut cross: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
    for (i, f) in cross_check_definitions(registry, &summaries, paths.is_empty())? {
        cross.entry(i).or_default().push(f);
    }
    for (i, mut findings) in cross {
        // Rare: read the file again only to place these findings in it.
        let text: Option<Arc<str>> = registry
            .read_text(&summaries[i].path())
            .ok()
            .map(Into::into);
        if let Some(t) = &text {
            crate::source::locate(t, &mut findings);
        }
        report.add(findings, text.map(|t| (summaries[i].file.clone(), t)));
    }
    // Instances by the version they pin: each validator is built once,
    // used for its instances and dropped, so memory holds one per core.
    let mut by_pin: BTreeMap<String, Vec<(Loaded<Instance>, Report)>> = BTreeMap::new();
    let mut checked: Vec<Report> = Vec::new();
    for (inst, r) in instances {
        match inst {
            Some(inst) => by_pin
                .entry(inst.data.definition.clone())
                .or_default()
                .push((inst, r)),
            None => checked.push(r),
        }
    }
    checked.par_extend(by_pin.into_par_iter().flat_map_iter(|(reference, insts)| {
        let pinned = pin_of(registry, &reference, &known);
        insts.into_iter().map(move |(inst, mut r)| {
            r.merge(check_instance(&inst, &pinned));
            r
        })
    }));
    for r in checked {
        report.merge(Report { files: 0, ..r });
    }
    report.sort();
    Ok(report)
}

/// Schema references resolved once for a whole `validate`: every name's
/// check (its own files, then the bump rule between its versions) asks for
/// the same shared parts, which read again for each name cost as much as
/// the names themselves.
struct SharedParts<'r> {
    registry: &'r Registry,
    versions: Mutex<HashMap<String, Vec<(semver::Version, Status)>>>,
    schemas: Mutex<HashMap<(String, semver::Version), Option<Part>>>,
}

impl Lookup for SharedParts<'_> {
    fn versions_of(&self, name: &str) -> Vec<(semver::Version, Status)> {
        if let Some(v) = self.versions.lock().expect("not poisoned").get(name) {
            return v.clone();
        }
        let v = self.registry.versions_of(name);
        self.versions
            .lock()
            .expect("not poisoned")
            .insert(name.to_string(), v.clone());
        v
    }

    fn schema_of(&self, name: &str, version: &semver::Version) -> Option<Part> {
        let key = (name.to_string(), version.clone());
        if let Some(s) = self.schemas.lock().expect("not poisoned").get(&key) {
            return s.clone();
        }
        let s = self.registry.schema_of(name, version);
        self.schemas
            .lock()
            .expect("not poisoned")
            .insert(key, s.clone());
        s
    }
}

/// Checks the files of one name: each against the format and its draft,
/// then the rules that hold between its versions and its tombstones
/// ([`crate::rulebook::invariants`]).
fn check_name(
    registry: &Registry,
    parts: &SharedParts<'_>,
    name: &str,
    files: &[&PathBuf],
    pinned: &HashSet<&str>,
) -> (Checked, Report) {
    let state = crate::state::State::work_tree_sharing(registry, parts);
    let policy = registry.manifest.policy();
    let mut out = Vec::with_capacity(files.len());
    // One report for the name: its files' findings and the rules between them.
    let mut report = Report::default();
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    for rel in files {
        if rel.file_name().is_some_and(|f| f == TOMBSTONES) {
            report.merge(check_tombstones(registry, rel));
            continue;
        }
        let (loaded, r) = registry.inspect::<Definition>(rel, Bundled::Definition);
        report.merge(r);
        let Some(d) = loaded else {
            continue;
        };
        // Instances need the schemas of the versions they pin (built later,
        // one at a time); of the others, only whether they are valid.
        let checked = expanded(&state, &d.data, &d.file).and_then(|schema| {
            ConfigSchema::verify(&schema).map_err(|problems| schema_findings(&d.file, problems))?;
            Ok(pinned
                .contains(d.data.reference().as_str())
                .then(|| schema.into_owned()))
        });
        let (schema, mut findings) = match checked {
            Ok(schema) => (schema, Vec::new()),
            Err(f) => (None, f),
        };
        findings.extend(policy.check(&d.file, &d.data, &d.raw));
        crate::source::locate(&d.text, &mut findings);
        report.add(findings, Some((d.file.clone(), d.text.clone())));
        texts.insert(d.file.clone(), d.text.clone());
        let summary = Summary::of(&d);
        state.remember(rel, d);
        out.push((summary, schema));
    }
    match crate::rulebook::invariants(&state, name) {
        Ok(breaches) => {
            for b in breaches {
                let mut f = b.finding;
                let text = texts.get(&f.file).cloned();
                if let Some(t) = &text {
                    crate::source::locate(t, std::slice::from_mut(&mut f));
                }
                let file = f.file.clone();
                report.add(vec![f], text.map(|t| (file, t)));
            }
        }
        Err(e) => report.add(
            vec![Finding::error(
                format!("{DEFINITIONS}/{name}"),
                "",
                "rule",
                "unreadable",
                e.to_string(),
            )],
            None,
        ),
    }
    (out, report)
}

/// Checks a name's `tombstones.yaml`: a list of `{version, id, deletedAt}`.
fn check_tombstones(registry: &Registry, rel: &Path) -> Report {
    let file = display_rel(rel);
    let mut report = Report::default();
    let text: Arc<str> = match registry.read_text(rel) {
        Ok(t) => t.into(),
        Err(e) => {
            report.add(
                vec![Finding::error(&file, "", "file", e.code(), e.to_string())],
                None,
            );
            return report;
        }
    };
    let problem = match crate::yaml::parse(&text) {
        Err(e) => Some((e.message, e.line, e.column)),
        Ok(v) => serde_json::from_value::<Vec<crate::definition::Tombstone>>(v)
            .err()
            .map(|e| {
                (
                    format!("not a list of {{version, id, deletedAt}}: {e}"),
                    0,
                    0,
                )
            }),
    };
    if let Some((message, line, column)) = problem {
        let mut f = Finding::error(&file, "", "tombstones", "invalid-tombstones", message);
        f.line = line;
        f.column = column;
        report.add(vec![f], Some((file, text)));
    }
    report
}

/// The definitions of a name that loaded, each with its schema when an
/// instance pins it.
type Checked = Vec<(Summary, Option<Value>)>;

/// What cross-file checks need of a definition, kept instead of the file.
struct Summary {
    /// Where it was read from (a misplaced file is not where its name and
    /// version say).
    file: String,
    name: String,
    version: semver::Version,
    id: Option<uuid::Uuid>,
    status: Status,
    dependencies: Vec<crate::definition::Dependency>,
}

impl Summary {
    fn reference(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// Where its name and version say it is.
    fn path(&self) -> PathBuf {
        Registry::definition_file(&self.name, &self.version)
    }

    fn of(d: &Loaded<Definition>) -> Self {
        Summary {
            file: d.file.clone(),
            name: d.data.name.clone(),
            version: d.data.version.clone(),
            id: d.data.id,
            status: d.data.status(),
            dependencies: d.data.dependencies.clone(),
        }
    }
}

/// The version an instance pins, as checked in this run (or read now, for
/// a pin outside the files checked: `reg validate instances/x.yaml`), with
/// its validator built when its schema is valid. `Err` when it is invalid.
fn pin_of(
    registry: &Registry,
    reference: &str,
    known: &HashMap<String, (Status, Option<Value>)>,
) -> Result<Option<Pinned>> {
    if let Some((status, schema)) = known.get(reference) {
        return Ok(Some(Pinned {
            status: *status,
            compiled: schema
                .as_ref()
                .and_then(|s| ConfigSchema::compile(s).ok())
                .map(|schema| Compiled { schema }),
        }));
    }
    let Some((name, version)) = reference
        .split_once('@')
        .and_then(|(n, v)| Some((n, v.parse().ok()?)))
    else {
        return Ok(None);
    };
    registry.definition(name, &version).map(|d| {
        d.map(|d| Pinned {
            status: d.data.status(),
            compiled: Compiled::of(registry, &d.data, &d.file).ok(),
        })
    })
}

/// Checks one loaded instance: its pin, its pin's state, its configuration.
fn check_instance(inst: &Loaded<Instance>, pinned: &Result<Option<Pinned>>) -> Report {
    let file = inst.file.as_str();
    let mut findings = Vec::new();
    // Until the pinned schema says which values are secret, all are hidden.
    let mut secrets = Secrets::everything();
    match pinned {
        Err(_) => findings.push(Finding::error(
            file,
            "/definition",
            "definition",
            "unresolved-reference",
            format!(
                "definition: `{}` is invalid; its own findings say why",
                inst.data.definition
            ),
        )),
        Ok(None) => findings.push(Finding::error(
            file,
            "/definition",
            "definition",
            "unresolved-reference",
            format!(
                "definition: `{}` does not exist in this registry",
                inst.data.definition
            ),
        )),
        Ok(Some(Pinned { status, compiled })) => {
            let status = *status;
            let live = inst.data.status() != InstanceStatus::Retired;
            if status == Status::Draft || (status == Status::Archived && live) {
                findings.push(Finding::error(
                    file,
                    "/definition",
                    "definition",
                    "pinned-unusable",
                    format!(
                        "definition: `{}` is {status}; {} instance must be pinned to a PUBLISHED or DEPRECATED version",
                        inst.data.definition,
                        crate::finding::with_article(inst.data.status().as_str())
                    ),
                ));
            }
            // No compiled schema: the definition's own findings say why.
            if let Some(c) = compiled {
                let (found, s) = c.check(file, "/config", &inst.data.config);
                findings.extend(found);
                secrets = s;
            }
        }
    }
    let mut report = Report::default();
    add_config_findings(
        &mut report,
        file,
        &inst.text,
        "/config",
        &inst.data.config,
        &secrets,
        findings,
    );
    report
}

/// A pinned definition's state and, when it compiles, its schema.
struct Pinned {
    status: Status,
    compiled: Option<Compiled>,
}

/// Rules across definitions: unique ids, and dependencies that resolve for
/// versions in use. Names not among the files checked are read from the registry.
fn cross_check_definitions(
    registry: &Registry,
    defs: &[Summary],
    complete: bool,
) -> Result<Vec<(usize, Finding)>> {
    let mut out = Vec::new();
    let mut ids: HashMap<uuid::Uuid, usize> = HashMap::new();
    let mut versions: HashMap<&str, Vec<(semver::Version, Status)>> = HashMap::new();
    // When only some files are checked, their names' other versions are on disk.
    if complete {
        for d in defs {
            versions
                .entry(d.name.as_str())
                .or_default()
                .push((d.version.clone(), d.status));
        }
    }
    let state = crate::state::State::work_tree(registry);
    for (i, d) in defs.iter().enumerate() {
        // The other file is named by its path: a copy whose content says
        // the same version would otherwise read as a duplicate of itself.
        if let Some(id) = d.id
            && let Some(first) = ids.insert(id, i)
            && defs[first].file != d.file
        {
            out.push((
                i,
                Finding::error(
                    &d.file,
                    "/id",
                    "id",
                    "duplicate-id",
                    format!(
                        "id: {id} is also the id of {} ({}); ids must be unique: give this version a new id, or move the file out and `reg register` it",
                        defs[first].file,
                        defs[first].reference()
                    ),
                ),
            ));
        }
        let in_use = matches!(d.status, Status::Published | Status::Deprecated);
        for (k, dep) in d.dependencies.iter().enumerate() {
            let resolves = match versions.get(dep.name.as_str()) {
                Some(known) => dep
                    .version
                    .parse::<semver::VersionReq>()
                    .is_ok_and(|range| {
                        crate::version::pick(known.iter().map(|(v, s)| (v, *s)), Some(&range))
                            .is_some()
                    }),
                None => state.resolve_range(&dep.name, &dep.version)?.is_some(),
            };
            if !resolves {
                let f = Finding::error(
                    &d.file,
                    format!("/dependencies/{k}"),
                    "dependencies",
                    "unresolved-reference",
                    format!(
                        "dependencies: no PUBLISHED or DEPRECATED version of `{}` matches `{}`",
                        dep.name, dep.version
                    ),
                );
                out.push((i, if in_use { f } else { f.warning() }));
            }
        }
    }
    Ok(out)
}

/// Resolves a path the user named to one inside the registry root.
/// Splits the paths given to `reg validate` into the registry's own files
/// and folders (checked as stored files) and author files: files outside
/// `definitions/` and `instances/` (`./hubspot.yaml`, `drafts/`, a file
/// outside the registry), checked as `register` would take them. A folder
/// of author files gives its `.yaml`, `.yml` and `.json` files.
///
/// # Errors
///
/// Exit 3 for a path that does not exist; exit 5 when a folder cannot be
/// read.
pub fn split_inputs(
    registry: &Registry,
    paths: &[PathBuf],
) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut layout = Vec::new();
    let mut author = Vec::new();
    for path in paths {
        let canonical = std::path::absolute(path)
            .ok()
            .and_then(|p| p.canonicalize().ok())
            .ok_or_else(|| Error::NotFound {
                message: format!("no file or folder {}", path.display()),
                suggestions: Vec::new(),
                help: None,
            })?;
        let ours = match canonical.strip_prefix(registry.root()) {
            Ok(rel) => matches!(
                rel.components().next().and_then(|c| c.as_os_str().to_str()),
                None | Some(DEFINITIONS | INSTANCES | MANIFEST)
            ),
            Err(_) => false,
        };
        if ours {
            layout.push(path.clone());
        } else if canonical.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let entry = entry.map_err(|e| {
                    let at = e.path().map(Path::to_path_buf).unwrap_or_default();
                    Error::io("read", at, e.into())
                })?;
                let data = entry
                    .path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml" || x == "json");
                if entry.file_type().is_file() && data {
                    author.push(entry.into_path());
                }
            }
        } else {
            author.push(path.clone());
        }
    }
    Ok((layout, author))
}

fn inside(registry: &Registry, path: &Path) -> Result<PathBuf> {
    let full = std::env::current_dir()
        .map_err(|e| Error::io("read", ".", e))?
        .join(path);
    let canonical = full.canonicalize().map_err(|_| Error::NotFound {
        message: format!("no file or folder {}", path.display()),
        suggestions: Vec::new(),
        help: None,
    })?;
    if !canonical.starts_with(registry.root()) {
        return Err(Error::usage(
            format!(
                "{} is outside the registry at {}",
                path.display(),
                registry.root().display()
            ),
            Some(
                "reg validate checks files of the registry; pass --registry to pick another"
                    .to_string(),
            ),
        ));
    }
    Ok(canonical)
}

/// The definition and instance files under `start`, relative to the root,
/// and a finding for every file that has no place in the layout.
fn collect(registry: &Registry, start: &Path) -> Result<(Vec<PathBuf>, Report)> {
    let root = registry.root();
    let mut files = Vec::new();
    let mut findings = Vec::new();
    let walker = walkdir::WalkDir::new(start)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || (e.depth() == 1 && name == CACHE_DIR))
        });
    // `.reg` is never committed; one that is a link (a pull request can add
    // one) would have the cache written through it.
    if start == root
        && let Ok(Some(kind @ (Kind::Link | Kind::Special(_)))) =
            registry.fs().kind(Path::new(CACHE_DIR))
    {
        let (code, what) = match kind {
            Kind::Special(what) => ("special-file", what),
            _ => ("symlink", crate::error::LINK),
        };
        findings.push(Finding::error(
            CACHE_DIR,
            "",
            "file",
            code,
            format!("{CACHE_DIR} is {what}; reg keeps its cache and lock there and writes nothing through it: remove it"),
        ));
    }
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or_default();
            Error::io("read", path, e.into())
        })?;
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let file_type = entry.file_type();
        let is_dir = file_type.is_dir();
        let is_symlink = file_type.is_symlink();
        let file = display_rel(rel);
        let stray =
            |why: &str| Finding::error(&file, "", "layout", "unexpected-file", why.to_string());
        let ours = matches!(
            parts.first().map(String::as_str),
            Some(DEFINITIONS | INSTANCES | MANIFEST)
        );
        // A link or special file where reg reads or writes is a finding
        // that names the path, never what it points at (SPEC §1).
        if ours && !is_dir && !file_type.is_file() {
            let (code, what) = if is_symlink {
                ("symlink", crate::error::LINK)
            } else {
                ("special-file", special_kind(&file_type))
            };
            findings.push(Finding::error(
                &file,
                "",
                "file",
                code,
                format!(
                    "{file} is {what}; reg reads and writes only real files and folders inside the registry"
                ),
            ));
            continue;
        }
        match parts
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [] | [DEFINITIONS] | [INSTANCES] => {}
            [MANIFEST] => {}
            [DEFINITIONS, name] if is_dir => {
                if let Err(why) = crate::name::check(name) {
                    findings.push(stray(&format!("not a valid definition name: {why}")));
                }
            }
            [DEFINITIONS, name, TOMBSTONES] if !is_dir && crate::name::is_valid(name) => {
                files.push(rel.to_path_buf());
            }
            [DEFINITIONS, name, version_file] if !is_dir && crate::name::is_valid(name) => {
                let Some(version) = version_file.strip_suffix(".yaml") else {
                    findings.push(stray("definition files are named <version>.yaml"));
                    continue;
                };
                match version.parse::<semver::Version>() {
                    Ok(v) if v.to_string() == version => files.push(rel.to_path_buf()),
                    Ok(v) => findings.push(stray(&format!("write the version as `{v}.yaml`"))),
                    Err(e) => {
                        findings.push(stray(&format!("`{version}` is not a SemVer version: {e}")))
                    }
                }
            }
            [INSTANCES, instance_file] if !is_dir => match instance_file.strip_suffix(".yaml") {
                Some(name) if crate::name::is_valid(name) => files.push(rel.to_path_buf()),
                Some(name) => findings.push(stray(&format!(
                    "not a valid instance name: {}",
                    crate::name::check(name).unwrap_err()
                ))),
                None => findings.push(stray("instance files are named <name>.yaml")),
            },
            [DEFINITIONS, ..] | [INSTANCES, ..] if !(is_dir && parts.len() == 2) => {
                findings.push(stray("not part of the registry layout: definitions/<name>/<version>.yaml, instances/<name>.yaml"));
            }
            // Anything else at the root (README, CI files) belongs to the repository, not the registry.
            _ => {}
        }
    }
    let mut report = Report::default();
    report.add(findings, None);
    Ok((files, report))
}

/// What a special file is, in words.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "an unknown kind of file"
    }
}

/// Findings as errors or warnings, counted.
#[must_use]
pub fn counts(report: &Report) -> (usize, usize) {
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, report.findings.len() - errors)
}

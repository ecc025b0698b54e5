//! `reg export DIR` (SPEC §14): a read-only, sparse JSON view of the
//! registry for web servers and CDNs. A reader fetches `index.json` for the
//! names, then one `definitions/<name>.json` for a name: no git, no `reg`.
//!
//! The same registry always gives the same bytes (no wall-clock time, keys
//! in a fixed order), and a file is written (atomically) only when its
//! bytes change, so caches and ETags in front of DIR survive an export.
//!
//! An export after a small change costs what the change touched: each
//! name's files are stamped (size, times, inode) in `.reg/`, and a name
//! whose stamps and output file are as the last export left them is not
//! read again. A stamp too close to that export's own time to vouch for
//! its content ("racily clean", as git says) is read again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustix::fs::{AtFlags, Stat};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::definition::{Definition, Status};
use crate::error::{Error, Result};
use crate::registry::{CACHE_DIR, DEFINITIONS, Registry};
use crate::schema::Bundled;

/// The format of the files written, `format` in `config.json` and
/// `index.json`.
pub const FORMAT: u32 = 1;

/// The JSON Schemas of the exported files, written under `DIR/schemas/`.
const SCHEMAS: [(&str, &str); 4] = [
    (
        "config.schema.json",
        include_str!("../schemas/export/config.schema.json"),
    ),
    (
        "index.schema.json",
        include_str!("../schemas/export/index.schema.json"),
    ),
    (
        "definitions.schema.json",
        include_str!("../schemas/export/definitions.schema.json"),
    ),
    (
        "instances.schema.json",
        include_str!("../schemas/export/instances.schema.json"),
    ),
];

/// What to export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Instances too, under `instances/` (their secrets are references).
    pub instances: bool,
    /// Write nothing; report what differs (`--check`).
    pub check: bool,
}

/// What an export did, or with `check`, would do.
#[derive(Debug, Default, Serialize)]
pub struct Exported {
    /// Files written (or that differ), relative to DIR.
    pub written: Vec<String>,
    /// Files removed (or that would be), relative to DIR.
    pub removed: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
    /// Names whose files were read (the rest were proven unchanged).
    pub read: usize,
}

impl Exported {
    /// Whether DIR was (or is) already what the export writes.
    #[must_use]
    pub fn up_to_date(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// One name's input stamps and the output they gave, from the last export
/// to the same folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
struct Remembered {
    inputs: String,
    output: String,
}

/// What the last export to a folder remembers: when it was made, and each
/// name's stamps.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    format: u32,
    names: BTreeMap<String, Remembered>,
}

/// Writes (or with `check`, compares) the export of `registry` in `dir`.
///
/// # Errors
///
/// Exit 1 with the findings when a file of the registry does not load
/// (nothing is written: an index is never made from part of a registry);
/// exit 5 on I/O failure.
pub fn export(registry: &Registry, dir: &Path, options: Options) -> Result<Exported> {
    let inside = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.strip_prefix(registry.root()).ok().map(Path::to_path_buf));
    if let Some(rel) = inside
        && matches!(
            rel.components().next().and_then(|c| c.as_os_str().to_str()),
            None | Some(DEFINITIONS | crate::registry::INSTANCES | CACHE_DIR)
        )
    {
        return Err(Error::usage(
            format!(
                "{} is the registry's own folder; export writes a separate tree",
                dir.display()
            ),
            Some("pick a folder outside definitions/, instances/ and .reg/ (public/, or one outside the repository)".to_string()),
        ));
    }
    // From the cache's rows, which hold a name's versions and states
    // without a file read or an allocation each.
    let index = crate::cache::index(registry)?;
    if !index.problems.findings.is_empty() {
        return Err(Error::Invalid(index.problems));
    }
    let state_file = state_path(dir);
    let state: State = registry
        .read_text(&state_file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .filter(|s: &State| s.format == FORMAT)
        .unwrap_or_default();
    let now = jiff::Timestamp::now().as_second();

    let mut index_items = Vec::new();
    let mut versions_total = 0usize;
    let mut names: Vec<&str> = Vec::new();
    for n in 0..index.names() {
        let live: Vec<(usize, semver::Version, Status)> = index
            .versions(n)
            .filter_map(|i| {
                let row = index.row(i);
                let status = row.status();
                (status != Status::Archived).then(|| Some((i, row.version()?, status)))?
            })
            .collect();
        if live.is_empty() {
            continue;
        }
        versions_total += live.len();
        let pairs: Vec<(semver::Version, Status)> =
            live.iter().map(|(_, v, s)| (v.clone(), *s)).collect();
        let Some(latest) =
            crate::version::representative(&pairs).and_then(|k| index.row(live[k].0).summary())
        else {
            continue;
        };
        names.push(index.row(live[0].0).name());
        index_items.push(json!({
            "name": latest.name,
            "latest": latest.version.to_string(),
            "status": latest.status.as_str(),
            "title": latest.title,
            "category": latest.category,
            "tags": latest.tags,
            "versions": live.len(),
        }));
    }
    // The output folder, opened once: every file is written through it,
    // each under a temporary name then renamed (atomic; not flushed, as a
    // crash leaves either file whole and the next export redoes it). A
    // first export's time is mostly the file system creating files (10,000
    // names: ~3 s of its ~7); an export over an earlier one writes only
    // what changed.
    if !options.check {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    let out = Output {
        root: if options.check {
            crate::root::Root::open(dir).ok()
        } else {
            Some(crate::root::Root::open(dir).map_err(|e| Error::io("open", dir, e))?)
        },
        check: options.check,
    };
    // Each name's file: proven unchanged from its stamps, or read again
    // and written at once, so memory holds one name per core.
    let outcomes: Vec<(String, Result<NameOutcome>)> = names
        .par_iter()
        .map(|name| {
            (
                (*name).to_string(),
                name_file(registry, &out, name, state.names.get(*name), now),
            )
        })
        .collect();
    let mut done = Exported::default();
    let mut remembered = BTreeMap::new();
    let mut produced: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (name, outcome) in outcomes {
        let outcome = outcome?;
        let rel = format!("definitions/{name}.json");
        if outcome.read {
            done.read += 1;
        }
        if outcome.written {
            done.written.push(rel.clone());
        } else {
            done.unchanged += 1;
        }
        produced.insert(rel);
        if let Some(r) = outcome.remember {
            remembered.insert(name, r);
        }
    }
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let instances_total = if options.instances {
        let (all, problems) = registry.all_instances()?;
        if !problems.findings.is_empty() {
            return Err(Error::Invalid(problems));
        }
        for i in &all {
            let shown = crate::instance::ops::shown(registry, i);
            files.insert(
                format!("instances/{}.json", i.name),
                line(&serde_json::to_value(&shown).expect("instances serialize")),
            );
        }
        Some(all.len())
    } else {
        None
    };
    let mut config = json!({
        "format": FORMAT,
        "registry": registry.manifest.name,
        "commit": crate::git::Repo::open(registry.root())
            .ok()
            .and_then(|r| r.head().ok())
            .and_then(|h| h.commit)
            .map(|c| c.to_string()),
        "names": index_items.len(),
        "versions": versions_total,
    });
    if let Some(n) = instances_total {
        config["instances"] = json!(n);
    }
    files.insert("config.json".into(), line(&config));
    files.insert(
        "index.json".into(),
        line(&json!({"format": FORMAT, "items": index_items})),
    );
    for (file, text) in SCHEMAS {
        files.insert(format!("schemas/{file}"), text.as_bytes().to_vec());
    }

    for (rel, bytes) in &files {
        if out.put(Path::new(rel), bytes)? {
            done.written.push(rel.clone());
        } else {
            done.unchanged += 1;
        }
        produced.insert(rel.clone());
    }
    done.written.sort();
    // What an earlier export wrote and this one does not: a name now
    // archived or deleted, instances no longer asked for.
    for folder in ["definitions", "instances"] {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        let mut stale: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| format!("{folder}/{}", e.file_name().to_string_lossy()))
            .filter(|rel| rel.ends_with(".json") && !produced.contains(rel))
            .collect();
        stale.sort();
        for rel in stale {
            if !options.check {
                std::fs::remove_file(dir.join(&rel)).map_err(|e| Error::io("remove", &rel, e))?;
            }
            done.removed.push(rel);
        }
    }
    if !options.check {
        let kept: BTreeMap<String, Remembered> = remembered
            .into_iter()
            .filter(|(_, r)| !r.output.is_empty())
            .collect();
        let text = serde_json::to_string(&State {
            format: FORMAT,
            names: kept,
        })
        .expect("state serializes");
        // A cache: when `.reg/` cannot hold it, the next export reads all.
        let _ = registry
            .fs()
            .temp(Path::new(CACHE_DIR), text.as_bytes(), None)
            .and_then(|mut t| registry.fs().place(&mut t, &state_file));
    }
    Ok(done)
}

/// The folder exported to.
struct Output {
    /// `None` in a check of a folder that does not exist.
    root: Option<crate::root::Root>,
    check: bool,
}

impl Output {
    /// Writes `bytes` to `rel` unless it holds them already (in a check,
    /// only compares); whether it differed.
    fn put(&self, rel: &Path, bytes: &[u8]) -> Result<bool> {
        let Some(root) = &self.root else {
            return Ok(true);
        };
        let same = root.open_file(rel).ok().is_some_and(|mut f| {
            let mut old = Vec::with_capacity(bytes.len());
            std::io::Read::read_to_end(&mut f, &mut old).is_ok() && old == bytes
        });
        if same {
            return Ok(false);
        }
        if !self.check {
            let parent = rel.parent().unwrap_or(Path::new(""));
            let mut temp = root
                .temp_with(parent, |f| std::io::Write::write_all(f, bytes))
                .map_err(|e| Error::io("write", root.path().join(rel), e))?;
            root.place(&mut temp, rel)
                .map_err(|e| Error::io("write", root.path().join(rel), e))?;
        }
        Ok(true)
    }
}

struct NameOutcome {
    /// The name's files were read (not proven unchanged by its stamps).
    read: bool,
    /// Its file differed (and was written unless checking).
    written: bool,
    /// What to remember for next time, when its stamps can vouch.
    remember: Option<Remembered>,
}

/// One name's `definitions/<name>.json`: skipped when its inputs and its
/// output are as the last export left them, else built from its files.
fn name_file(
    registry: &Registry,
    out: &Output,
    name: &str,
    last: Option<&Remembered>,
    now: i64,
) -> Result<NameOutcome> {
    let folder = Path::new(DEFINITIONS).join(name);
    let (inputs, racy) = input_stamps(registry, &folder, now)?;
    let rel = PathBuf::from(format!("definitions/{name}.json"));
    let stamp = || {
        out.root
            .as_ref()
            .and_then(|r| stamp_path(&r.path().join(&rel)))
    };
    // Stamps are remembered only when old enough to vouch (see below), so
    // equal stamps mean equal files.
    if let Some(last) = last
        && last.inputs == inputs
        && stamp().is_some_and(|s| s == last.output)
    {
        return Ok(NameOutcome {
            read: false,
            written: false,
            remember: Some(last.clone()),
        });
    }
    let mut versions: Vec<Definition> = Vec::new();
    for v in registry.version_numbers(name)? {
        let rel = Registry::definition_file(name, &v);
        let loaded: crate::registry::Loaded<Definition> = registry
            .load(&rel, Bundled::Definition)
            .map_err(Error::Invalid)?;
        if loaded.data.status() != Status::Archived {
            versions.push(loaded.data);
        }
    }
    versions.sort_by(|a, b| b.version.cmp(&a.version));
    // Straight to bytes: no JSON value in between.
    #[derive(Serialize)]
    struct File<'a> {
        name: &'a str,
        versions: &'a [Definition],
    }
    let mut bytes = serde_json::to_vec(&File {
        name,
        versions: &versions,
    })
    .expect("definitions serialize");
    bytes.push(b'\n');
    let written = out.put(&rel, &bytes)?;
    Ok(NameOutcome {
        read: true,
        written,
        remember: (!racy).then(|| Remembered {
            inputs,
            output: stamp().unwrap_or_default(),
        }),
    })
}

/// A digest of the stamps of every file in a name's folder, and whether
/// one is too recent to vouch for its content: a file changed again within
/// the same second, at the same size, would keep its stamp on a file
/// system with coarse times.
fn input_stamps(registry: &Registry, folder: &Path, now: i64) -> Result<(String, bool)> {
    let fd = registry
        .fs()
        .open_dir(folder)
        .map_err(|e| Error::unreadable(folder, e))?;
    let mut entries = crate::root::list_fd_pub(
        rustix::io::fcntl_dupfd_cloexec(&fd, 0).map_err(|e| Error::io("read", folder, e.into()))?,
    )
    .map_err(|e| Error::unreadable(folder, e))?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hash = Sha1::new();
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    let mut racy = false;
    for (file, _) in entries {
        let stat = rustix::fs::statat(&fd, file.as_str(), AtFlags::SYMLINK_NOFOLLOW)
            .map_err(|e| Error::io("read", folder.join(&file), e.into()))?;
        racy |= stat.st_mtime >= now - 2 || stat.st_ctime >= now - 2;
        hash.update(file.as_bytes());
        hash.update(stamp_bytes(&stat));
    }
    Ok((hex(&hash.finalize()), racy))
}

/// A file's stamp as text, `None` when it does not exist.
fn stamp_path(path: &Path) -> Option<String> {
    let stat = rustix::fs::stat(path).ok()?;
    Some(hex(&stamp_bytes(&stat)))
}

fn stamp_bytes(s: &Stat) -> Vec<u8> {
    let mut out = Vec::with_capacity(48);
    for n in [
        s.st_size,
        s.st_mtime,
        s.st_mtime_nsec as i64,
        s.st_ctime,
        s.st_ctime_nsec as i64,
        s.st_ino as i64,
    ] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Compact JSON and a newline.
fn line(value: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).expect("values serialize");
    bytes.push(b'\n');
    bytes
}

/// Where the stamps of the last export to `dir` are kept: one file per
/// folder exported to, in the never-committed `.reg/`.
fn state_path(dir: &Path) -> PathBuf {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let digest = hex(&Sha1::digest(canonical.to_string_lossy().as_bytes()));
    Path::new(CACHE_DIR).join(format!("export-{}.json", &digest[..16]))
}

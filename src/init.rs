//! `reg init` (SPEC §7): a new registry, its `reg.yaml` (with the policy
//! block commented out for a team to take up), its folders, a `.gitignore`
//! for `.reg/`, `git init` when needed, and the first commit.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::registry::{DEFINITIONS, INSTANCES, MANIFEST, Registry};
use crate::root::Root;
use crate::text::ReadError;

/// Creates a registry in `dir` (SPEC §7 `reg init`): `reg.yaml`, the
/// folders, a `.gitignore` for `.reg/`, `git init` when `dir` is not in
/// a work tree, and the first commit.
///
/// # Errors
///
/// Exit 4 when `dir` is already a registry; exit 5 on I/O or git failure.
pub fn create(
    dir: &Path,
    name: Option<String>,
    options: crate::store::WriteOptions,
) -> Result<Initialized> {
    let mut warnings = Vec::new();
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
    if options.dry_run {
        return init_plan(dir, &Manifest::new(name), options);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let root = dir.canonicalize().map_err(|e| Error::io("read", dir, e))?;
    refuse_existing(&root)?;
    if !options.no_commit && !crate::git::Repo::is_inside_work_tree(&root) {
        crate::git::Repo::init(&root)?;
    }
    let manifest = Manifest::new(name);
    let fs = Root::open(&root).map_err(|e| Error::io("open", &root, e))?;
    for folder in [DEFINITIONS, INSTANCES] {
        fs.make_dirs(Path::new(folder))
            .map_err(|e| Error::io("create", root.join(folder), e))?;
    }
    let registry = Registry::created(root, fs, manifest);
    let ignore = Path::new(".gitignore");
    let before = match registry.fs().read_text(ignore) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::unreadable(ignore, e)),
    };
    let ignored = ignoring_cache(&before);
    let manifest_text = manifest_text(&registry.manifest)?;
    let tx = crate::store::Transaction::begin(&registry, options)?;
    let event = init_event();
    let mut changes = vec![(PathBuf::from(MANIFEST), Some(manifest_text))];
    if ignored != before {
        // A .gitignore with changes of its own is not reg's to commit;
        // `.reg/` ignores itself anyway (see `store`).
        if tx.unchanged(ignore)? {
            changes.push((ignore.to_path_buf(), Some(ignored)));
        } else {
            warnings.push(
                ".gitignore has uncommitted changes, so reg left it alone: add `/.reg` to it"
                    .into(),
            );
        }
    }
    let commit = tx.commit(changes, &event)?;
    warnings.extend(tx.notes());
    Ok(Initialized {
        root: registry.root().to_path_buf(),
        commit,
        plan: None,
        warnings,
    })
}

/// A registry `reg init` made, or would make.
#[derive(Debug)]
pub struct Initialized {
    /// Its root.
    pub root: PathBuf,
    /// The first commit, unless `--no-commit` or `--dry-run`.
    pub commit: Option<git2::Oid>,
    /// What a `--dry-run` would have written.
    pub plan: Option<crate::store::Plan>,
    /// Things worth telling the user that did not stop the command.
    pub warnings: Vec<String>,
}

/// `reg init --dry-run`: the checks `init` makes, and what it would write,
/// with nothing created (not even the folder).
fn init_plan(
    dir: &Path,
    manifest: &Manifest,
    options: crate::store::WriteOptions,
) -> Result<Initialized> {
    use crate::store::{Plan, PlannedFile};
    let root = std::path::absolute(dir).map_err(|e| Error::io("read", dir, e))?;
    refuse_existing(&root)?;
    manifest_text(manifest)?;
    let mut warnings = Vec::new();
    let existing = root
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("."));
    if !options.no_commit && !crate::git::Repo::is_inside_work_tree(existing) {
        warnings.push(format!("would run `git init` in {}", root.display()));
    }
    let mut files = vec![PlannedFile {
        path: MANIFEST.to_string(),
        change: "create",
    }];
    for folder in [DEFINITIONS, INSTANCES] {
        if !root.join(folder).is_dir() {
            files.push(PlannedFile {
                path: format!("{folder}/"),
                change: "create",
            });
        }
    }
    let before = std::fs::read_to_string(root.join(".gitignore")).ok();
    if before.as_deref().is_none_or(|b| ignoring_cache(b) != b) {
        files.push(PlannedFile {
            path: ".gitignore".to_string(),
            change: if before.is_some() { "modify" } else { "create" },
        });
    }
    Ok(Initialized {
        root,
        commit: None,
        plan: Some(Plan {
            files,
            message: (!options.no_commit).then(|| init_event().message()),
        }),
        warnings,
    })
}

/// Exit 4 when `root` already holds a `reg.yaml` (of any kind: a link there
/// is a registry someone made, not a free spot).
fn refuse_existing(root: &Path) -> Result<()> {
    if std::fs::symlink_metadata(root.join(MANIFEST)).is_ok() {
        return Err(Error::conflict(
            "exists",
            format!("{} is already a registry", root.display()),
            vec![root.join(MANIFEST).display().to_string()],
            None,
        ));
    }
    Ok(())
}

/// `.gitignore` with `/.reg` in it. Without a trailing slash it also
/// matches a link or a file named `.reg`, so none is committed by accident.
fn ignoring_cache(before: &str) -> String {
    let mut ignored = before.to_string();
    if !ignored
        .lines()
        .any(|l| matches!(l.trim(), ".reg" | "/.reg" | ".reg/" | "/.reg/"))
    {
        if !ignored.is_empty() && !ignored.ends_with('\n') {
            ignored.push('\n');
        }
        ignored.push_str("# reg's local cache, lock and journal\n/.reg\n");
    }
    ignored
}

fn manifest_text(manifest: &Manifest) -> Result<String> {
    let mut text = String::from(
        "# A reg registry: definitions/<name>/<version>.yaml and instances/<name>.yaml.\n",
    );
    text.push_str(&crate::yaml::to_string(manifest)?);
    text.push_str(POLICY_EXAMPLE);
    Ok(text)
}

/// What `reg init` writes under the settings: the policy block, commented
/// out, for a team to take up rule by rule (SPEC §15).
const POLICY_EXAMPLE: &str = "\
# Your team's rules (SPEC §15); findings have the code policy/<rule>:
# policy:
#   required: [owner, category, links.docs]   # fields every definition must have
#   categories: [crm, database, messaging]    # allowed category values
#   tags: [payments, oauth2]                  # the tag vocabulary
#   namePattern: \"^[a-z][a-z0-9-]*$\"          # on top of reg's name syntax
#   maxSchemaBytes: 65536                     # configSchema size, as JSON
#   migrationRequired: true                   # breaking bumps carry a migration note
#   severity: {categories: warning}           # per rule: error | warning
";

fn init_event() -> crate::git::Event {
    crate::git::Event {
        action: "init".into(),
        subject: "registry".into(),
        from: None,
        to: None,
    }
}

//! Trees rewritten as bytes. A commit changes one or two files, but the
//! folders along their paths can be large: `definitions/` holds one entry
//! per name, 10,000 at 100,000 definitions. libgit2's `TreeBuilder` loads
//! such a tree into a hash map, sorts it again to write it and the result
//! was read back to see whether it was empty; here the old tree's bytes are
//! kept as they are and the changed entries spliced in at their places.

use git2::{ObjectType, Odb, Oid};

use super::TreeUpdate;

/// The mode of a folder, as trees spell it.
const TREE_MODE: &[u8] = b"40000";

/// One entry: the bytes of the old tree it was, or new ones.
struct Entry<'a> {
    mode: std::borrow::Cow<'a, [u8]>,
    name: std::borrow::Cow<'a, [u8]>,
    id: [u8; 20],
}

impl Entry<'_> {
    fn is_tree(&self) -> bool {
        self.mode.as_ref() == TREE_MODE
    }
}

/// git's order of tree entries: by name, a folder's name as if it ended
/// with `/`.
fn order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let end =
            |name: &[u8], tree: bool| name.get(n).copied().unwrap_or(if tree { b'/' } else { 0 });
        end(a, a_tree).cmp(&end(b, b_tree))
    })
}

fn parse(raw: &[u8]) -> Result<Vec<Entry<'_>>, git2::Error> {
    let bad = || git2::Error::from_str("a tree object is damaged");
    let mut out = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let space = memchr::memchr(b' ', rest).ok_or_else(bad)?;
        let nul = memchr::memchr(0, &rest[space..]).ok_or_else(bad)? + space;
        let id: [u8; 20] = rest
            .get(nul + 1..nul + 21)
            .ok_or_else(bad)?
            .try_into()
            .map_err(|_| bad())?;
        out.push(Entry {
            mode: rest[..space].into(),
            name: rest[space + 1..nul].into(),
            id,
        });
        rest = &rest[nul + 21..];
    }
    Ok(out)
}

/// Sets (or with `None`, removes) the entry `name`, whatever kind it was.
fn set(entries: &mut Vec<Entry<'_>>, name: &str, to: Option<(Oid, i32)>) {
    entries.retain(|e| e.name.as_ref() != name.as_bytes());
    if let Some((id, mode)) = to {
        let mode = format!("{mode:o}").into_bytes();
        let tree = mode == TREE_MODE;
        let at = entries.partition_point(|e| {
            order(&e.name, e.is_tree(), name.as_bytes(), tree) == std::cmp::Ordering::Less
        });
        let mut bytes = [0u8; 20];
        bytes.copy_from_slice(id.as_bytes());
        entries.insert(
            at,
            Entry {
                mode: mode.into(),
                name: name.as_bytes().to_vec().into(),
                id: bytes,
            },
        );
    }
}

/// Writes the tree `base` (`None`: an empty one) with `updates` applied,
/// touching only the folders along the changed paths; `None` when the
/// result is empty (a folder git does not keep), except at the top.
pub(super) fn update(
    odb: &Odb<'_>,
    base: Option<Oid>,
    updates: &[TreeUpdate],
    top: bool,
) -> Result<Option<Oid>, git2::Error> {
    let object = base.map(|id| odb.read(id)).transpose()?;
    let mut entries = match &object {
        Some(o) if o.kind() == ObjectType::Tree => parse(o.data())?,
        _ => Vec::new(),
    };
    let mut nested: std::collections::BTreeMap<&str, Vec<TreeUpdate>> = Default::default();
    for (components, blob) in updates {
        match components.as_slice() {
            [] => {}
            [file] => set(&mut entries, file, *blob),
            [folder, rest @ ..] => nested
                .entry(folder.as_str())
                .or_default()
                .push((rest.to_vec(), *blob)),
        }
    }
    for (folder, inner) in nested {
        let sub = entries
            .iter()
            .find(|e| e.name.as_ref() == folder.as_bytes() && e.is_tree())
            .and_then(|e| Oid::from_bytes(&e.id).ok());
        let new = update(odb, sub, &inner, false)?;
        set(
            &mut entries,
            folder,
            new.map(|id| (id, i32::from(git2::FileMode::Tree))),
        );
    }
    if entries.is_empty() && !top {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(object.as_ref().map_or(0, |o| o.len()) + 128);
    for e in &entries {
        bytes.extend_from_slice(&e.mode);
        bytes.push(b' ');
        bytes.extend_from_slice(&e.name);
        bytes.push(0);
        bytes.extend_from_slice(&e.id);
    }
    odb.write(ObjectType::Tree, &bytes).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splice writes the very tree libgit2's builder writes, for names
    /// whose order differs between files and folders.
    #[test]
    fn splices_as_the_tree_builder_builds() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let odb = repo.odb().unwrap();
        let blob = repo.blob(b"x").unwrap();
        let names = ["a", "a.b", "a-b", "a0", "b", "ab", "a.yaml", "z"];
        // Build a base with some names as files, some as folders.
        let mut updates: Vec<TreeUpdate> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let path = if i % 2 == 0 {
                vec![(*n).to_string()]
            } else {
                vec![(*n).to_string(), "1.0.0.yaml".to_string()]
            };
            updates.push((path, Some((blob, 0o100_644))));
        }
        let base = update(&odb, None, &updates, true).unwrap().unwrap();
        // Then change it: a file becomes a folder, a folder is emptied, a
        // new name arrives, one is removed.
        let change: Vec<TreeUpdate> = vec![
            (vec!["a".into(), "x".into()], Some((blob, 0o100_755))),
            (vec!["a.b".into(), "1.0.0.yaml".into()], None),
            (vec!["a-c".into()], Some((blob, 0o100_644))),
            (vec!["z".into()], None),
        ];
        let spliced = update(&odb, Some(base), &change, true).unwrap().unwrap();
        let built = with_builder(&repo, Some(base), &change);
        assert_eq!(spliced, built);
        // And what git reads back is sorted as git wants.
        let tree = repo.find_tree(spliced).unwrap();
        let names: Vec<String> = tree.iter().map(|e| e.name().unwrap().to_string()).collect();
        assert_eq!(names, ["a-b", "a-c", "a.yaml", "a", "a0", "ab", "b"]);
    }

    /// A damaged folder on the way to a change is an error, and nothing
    /// is written for it (what git holds is left as it was).
    #[test]
    fn a_damaged_tree_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let odb = repo.odb().unwrap();
        let blob = repo.blob(b"x").unwrap();
        let change: Vec<TreeUpdate> = vec![(vec!["a".into()], Some((blob, 0o100_644)))];
        for damaged in [&b"100644 a"[..], b"100644 a\0short", b"40000"] {
            let base = odb.write(ObjectType::Tree, damaged).unwrap();
            let objects = |odb: &Odb<'_>| {
                let mut n = 0;
                odb.foreach(|_| {
                    n += 1;
                    true
                })
                .unwrap();
                n
            };
            let before = objects(&odb);
            let err = update(&odb, Some(base), &change, true).unwrap_err();
            assert!(err.message().contains("damaged"), "{}", err.message());
            assert_eq!(objects(&odb), before, "{damaged:?}");
        }
    }

    fn with_builder(repo: &git2::Repository, base: Option<Oid>, updates: &[TreeUpdate]) -> Oid {
        let base = base.map(|b| repo.find_tree(b).unwrap());
        let mut builder = repo.treebuilder(base.as_ref()).unwrap();
        let mut nested: std::collections::BTreeMap<&str, Vec<TreeUpdate>> = Default::default();
        for (components, blob) in updates {
            match components.as_slice() {
                [file] => match blob {
                    Some((id, mode)) => {
                        builder.insert(file, *id, *mode).unwrap();
                    }
                    None => {
                        let _ = builder.remove(file);
                    }
                },
                [folder, rest @ ..] => nested
                    .entry(folder.as_str())
                    .or_default()
                    .push((rest.to_vec(), *blob)),
                [] => {}
            }
        }
        for (folder, inner) in nested {
            let sub = base
                .as_ref()
                .and_then(|t| t.get_name(folder))
                .filter(|e| e.kind() == Some(ObjectType::Tree))
                .map(|e| e.id());
            let id = with_builder(repo, sub, &inner);
            if repo.find_tree(id).unwrap().is_empty() {
                let _ = builder.remove(folder);
            } else {
                builder.insert(folder, id, 0o040_000).unwrap();
            }
        }
        builder.write().unwrap()
    }
}

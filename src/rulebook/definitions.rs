//! The rules on one definition file that changed: its lifecycle edge,
//! published content immutable, ids fixed, versions neither reused nor
//! duplicated, and the tombstones of deleted numbers.

use super::*;

/// Keys that may change after publish. `migration` is guidance, not
/// content: a deadline is often set, or a note written, once users ask,
/// and no configuration's validity depends on it (SPEC §13).
const STATE_KEYS: &[&str] = &["status", "updatedAt", "deprecation", "migration"];

impl Judge<'_, '_> {
    pub(super) fn definition(&self, rel: &Path, out: &mut Vec<Breach>) -> Result<()> {
        let file = display_rel(rel);
        let existed = self.before.text(rel)?.is_some();
        let exists = self.after.text(rel)?.is_some();
        let (b, a) = (
            self.before.definition_at(rel)?,
            self.after.definition_at(rel)?,
        );
        match (b, a) {
            (Some(b), Some(a)) => self.changed(&file, &b, &a, out),
            (Some(b), None) if !exists => self.deleted(&file, &b, out),
            (None, Some(a)) => self.added(&file, &a, !existed, out),
            // Unreadable on one side: validation reports it.
            _ => Ok(()),
        }
    }

    pub(super) fn added(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        new: bool,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let d = &a.data;
        let versions = self.after.version_numbers(&d.name)?;
        if new {
            let tombstones = self.after.tombstones(&d.name)?;
            if let Some(t) = tombstones
                .iter()
                .find(|t| t.version.cmp_precedence(&d.version).is_eq())
            {
                out.push(reused(
                    file,
                    &d.name,
                    &d.version,
                    t.deleted_at,
                    &versions,
                    &tombstones,
                ));
                return Ok(());
            }
            if let Some(twin) = versions
                .iter()
                .find(|v| **v != d.version && v.cmp_precedence(&d.version).is_eq())
            {
                out.push(duplicate(file, &d.name, &d.version, twin));
                return Ok(());
            }
        }
        // A new version enters as a DRAFT (register), or is published
        // in the same change (register, then publish).
        if !matches!(d.status(), Status::Draft | Status::Published) {
            out.push(illegal(file, &d.reference(), Status::Draft, d.status()).help(
                "a new version enters as a DRAFT and is published before it can be deprecated or archived",
            ));
            return Ok(());
        }
        self.entering(file, a, Status::Draft, out)?;
        out.extend(self.bump(a, true, true)?);
        Ok(())
    }

    pub(super) fn deleted(
        &self,
        file: &str,
        b: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let d = &b.data;
        let status = d.status();
        if !matches!(status, Status::Draft | Status::Archived) {
            out.push(
                Breach::new(
                    file,
                    "",
                    "published-deleted",
                    format!("{} was deleted while {status}; only DRAFT or ARCHIVED versions can be deleted", d.reference()),
                )
                .conflict()
                .help(format!("archive it first (`reg archive {}`), and delete it once ARCHIVED", d.reference())),
            );
            return Ok(());
        }
        let mut blockers: Vec<String> = self
            .after
            .pinned_to(&d.reference())?
            .into_iter()
            .map(|(name, s)| format!("instance {name} ({s})"))
            .collect();
        let others: Vec<Rc<Loaded<Definition>>> = self.after.versions(&d.name)?;
        for dep in self.after.dependents(&d.name)? {
            let Ok(range) = dep.range.parse::<semver::VersionReq>() else {
                continue;
            };
            if range.matches(&d.version) && !others.iter().any(|o| range.matches(&o.data.version)) {
                blockers.push(dep.describe(&d.name));
            }
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "delete",
                &d.reference(),
                blockers,
                "delete or retire what refers to it first (`reg refs` lists it)",
            ));
        }
        if !self
            .after
            .tombstones(&d.name)?
            .iter()
            .any(|t| t.version == d.version)
        {
            out.push(
                Breach::new(
                    file,
                    "",
                    "missing-tombstone",
                    format!(
                        "{} was deleted without a tombstone, so its number could be used again",
                        d.reference()
                    ),
                )
                .help(format!(
                    "delete versions with `reg delete`, or add `{{version: {}, id: {}, deletedAt: <time>}}` to {DEFINITIONS}/{}/{TOMBSTONES}",
                    d.version,
                    d.id.map_or_else(|| "<id>".to_string(), |i| i.to_string()),
                    d.name
                )),
            );
        }
        Ok(())
    }

    pub(super) fn changed(
        &self,
        file: &str,
        b: &Loaded<Definition>,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let (from, to) = (b.data.status(), a.data.status());
        for (key, old, new) in [
            ("id", b.raw.get("id"), a.raw.get("id")),
            ("createdAt", b.raw.get("createdAt"), a.raw.get("createdAt")),
        ] {
            if old.is_some() && old != new {
                out.push(
                    Breach::new(
                        file,
                        &format!("/{key}"),
                        "identity-changed",
                        format!(
                            "{key}: {} → {}; reg assigns it once and it never changes",
                            show(old),
                            show(new)
                        ),
                    )
                    .conflict()
                    .help(format!("put back `{key}: {}`", show(old))),
                );
            }
        }
        if !edge(from, to) {
            out.push(illegal(file, &a.data.reference(), from, to));
            return Ok(());
        }
        if from != Status::Draft {
            let strip = |v: &Value| {
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() {
                    for k in STATE_KEYS.iter().chain(["id", "createdAt"].iter()) {
                        o.remove(*k);
                    }
                }
                v
            };
            let mut changes = Vec::new();
            differences(
                &strip(&b.raw),
                &strip(&a.raw),
                &mut String::new(),
                &mut changes,
            );
            for (pointer, old, new) in changes {
                let secret = pointer.starts_with("/configSchema") && under_secret(&a.raw, &pointer);
                let (old, new) = if secret {
                    ("(a secret's schema)".to_string(), "(changed)".to_string())
                } else {
                    (show(old.as_ref()), show(new.as_ref()))
                };
                out.push(
                    Breach::new(
                        file,
                        &pointer,
                        "published-changed",
                        format!(
                            "{}: {old} → {new}; the content of {} version is immutable",
                            pointer.trim_start_matches('/'),
                            crate::finding::with_article(&from.to_string())
                        ),
                    )
                    .conflict()
                    .help(format!(
                        "put it back and register the change as a new version (next: {})",
                        next_free(
                            &a.data.version,
                            &self.after.version_numbers(&a.data.name)?,
                            &self.after.tombstones(&a.data.name)?
                        )
                    )),
                );
            }
        } else if b.data.config_schema != a.data.config_schema || to != from {
            // A DRAFT may be edited, as `register --replace` does, under
            // the same bump rule.
            out.extend(self.bump(a, true, true)?);
        }
        if from != to {
            self.entering(file, a, from, out)?;
        }
        Ok(())
    }

    /// The guards of each state `a` reached from `from`.
    pub(super) fn entering(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        from: Status,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let to = a.data.status();
        if from == Status::Draft && to != Status::Draft {
            self.publishable(file, a, out)?;
        }
        if to == Status::Deprecated && from != Status::Deprecated {
            self.deprecatable(file, a, out)?;
        }
        if to == Status::Archived && from != Status::Archived {
            self.archivable(file, a, out)?;
        }
        Ok(())
    }

    pub(super) fn tombstones(&self, name: &str, out: &mut Vec<Breach>) -> Result<()> {
        let after = self.after.tombstones(name)?;
        let file = format!("{DEFINITIONS}/{name}/{TOMBSTONES}");
        for t in self.before.tombstones(name)? {
            if !after.iter().any(|a| a.version == t.version && a.id == t.id) {
                out.push(
                    Breach::new(
                        &file,
                        "",
                        "tombstone-removed",
                        format!("the tombstone of {name}@{} was removed; a deleted version's number stays used for good", t.version),
                    )
                    .conflict()
                    .help("put the entry back"),
                );
            }
        }
        Ok(())
    }
}

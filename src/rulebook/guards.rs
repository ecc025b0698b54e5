//! The guards of each state a definition version enters (SPEC §3):
//! publish, deprecate and archive, each with every blocker.

use super::*;

impl Judge<'_, '_> {
    /// Publish: a schema valid for its draft, every dependency resolving to
    /// a PUBLISHED or DEPRECATED version, and no cycle.
    pub(super) fn publishable(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        if let Err(findings) = crate::validate::Compiled::verify(self.after, &a.data, file) {
            out.extend(findings.into_iter().map(|finding| Breach {
                finding,
                conflict: false,
                help: None,
                references: Vec::new(),
            }));
        }
        let mut blockers = Vec::new();
        for dep in &a.data.dependencies {
            if self.after.resolve_range(&dep.name, &dep.version)?.is_none() {
                let existing: Vec<String> = self
                    .after
                    .versions(&dep.name)?
                    .iter()
                    .map(|d| format!("{} {}", d.data.reference(), d.data.status()))
                    .collect();
                blockers.push(format!(
                    "dependency {} {}: no PUBLISHED or DEPRECATED version matches{}",
                    dep.name,
                    dep.version,
                    if existing.is_empty() {
                        " (no such definition)".to_string()
                    } else {
                        format!(" (exists: {})", existing.join(", "))
                    }
                ));
            }
        }
        if blockers.is_empty()
            && let Some(cycle) = self.cycle(&a.data)?
        {
            blockers.push(format!("dependency cycle: {}", cycle.join(" → ")));
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "publish",
                &a.data.reference(),
                blockers,
                "publish or fix the dependencies first",
            ));
        }
        Ok(())
    }

    /// Deprecate: a reason, and a replacement that is PUBLISHED.
    pub(super) fn deprecatable(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let Some(d) = &a.data.deprecation else {
            out.push(
                Breach::new(
                    file,
                    "",
                    "missing-deprecation",
                    format!(
                        "{} is DEPRECATED without a `deprecation` block saying why",
                        a.data.reference()
                    ),
                )
                .help("deprecate with `reg deprecate REF --reason TEXT`"),
            );
            return Ok(());
        };
        if d.reason.trim().is_empty() {
            out.push(Breach::new(
                file,
                "/deprecation/reason",
                "missing-deprecation",
                "deprecation.reason must say why".into(),
            ));
        }
        if let Some(r) = &d.replaced_by {
            let status = r
                .split_once('@')
                .and_then(|(n, v)| Some((n, v.parse::<Version>().ok()?)))
                .map(|(n, v)| self.after.definition(n, &v))
                .transpose()?
                .flatten()
                .map(|d| d.data.status());
            if status != Some(Status::Published) {
                out.push(
                    Breach::new(
                        file,
                        "/deprecation/replacedBy",
                        "blocked",
                        format!(
                            "replacedBy: {r} is {}; the replacement must be PUBLISHED",
                            status.map_or("not a version here".to_string(), |s| s.to_string())
                        ),
                    )
                    .conflict()
                    .refs(vec![r.clone()]),
                );
            }
        }
        Ok(())
    }

    /// Archive: no live instance pinned to it, and no in-use definition
    /// (or draft whose schema refers to it) that only this version satisfies.
    pub(super) fn archivable(
        &self,
        file: &str,
        a: &Loaded<Definition>,
        out: &mut Vec<Breach>,
    ) -> Result<()> {
        let d = &a.data;
        let mut blockers: Vec<String> = self
            .after
            .pinned_to(&d.reference())?
            .into_iter()
            .filter(|(_, s)| *s != InstanceStatus::Retired)
            .map(|(name, s)| format!("instance {name} ({s})"))
            .collect();
        let others = self.after.versions(&d.name)?;
        for dep in self.after.dependents(&d.name)? {
            let Ok(range) = dep.range.parse::<semver::VersionReq>() else {
                continue;
            };
            let usable = others.iter().any(|o| {
                o.data.version != d.version
                    && range.matches(&o.data.version)
                    && matches!(o.data.status(), Status::Published | Status::Deprecated)
            });
            // A draft's dependency only has to resolve by its publish, but
            // a draft's schema reference resolves live: without a version
            // to resolve to, the draft's file is invalid.
            let in_use = matches!(dep.status, Status::Published | Status::Deprecated)
                || (dep.kind == crate::definition::Need::SchemaRef && dep.status == Status::Draft);
            if range.matches(&d.version) && !usable && in_use && dep.reference != d.reference() {
                blockers.push(format!(
                    "{}, which only this version satisfies",
                    dep.describe(&d.name)
                ));
            }
        }
        if !blockers.is_empty() {
            out.push(blocked(
                file,
                "archive",
                &d.reference(),
                blockers,
                "retire or upgrade those instances and move those definitions to another version first",
            ));
        }
        Ok(())
    }

    /// A dependency cycle through `start` in the after state, if any.
    pub(super) fn cycle(&self, start: &Definition) -> Result<Option<Vec<String>>> {
        fn visit(
            judge: &Judge<'_, '_>,
            def: &Definition,
            path: &mut Vec<String>,
            done: &mut HashSet<String>,
        ) -> Result<Option<Vec<String>>> {
            let me = def.reference();
            if let Some(pos) = path.iter().position(|p| *p == me) {
                let mut cycle = path[pos..].to_vec();
                cycle.push(me);
                return Ok(Some(cycle));
            }
            if !done.insert(me.clone()) {
                return Ok(None);
            }
            path.push(me);
            for dep in &def.dependencies {
                // The version judged is in the after state as it will be.
                let next = judge
                    .after
                    .resolve_range(&dep.name, &dep.version)?
                    .map(|d| d.data.clone());
                if let Some(next) = next
                    && let Some(cycle) = visit(judge, &next, path, done)?
                {
                    return Ok(Some(cycle));
                }
            }
            path.pop();
            Ok(None)
        }
        visit(self, start, &mut Vec::new(), &mut HashSet::new())
    }
}

//! The bump rule (SPEC §5): a version's schema change against its
//! neighbours needs the bump its class asks for, and a breaking bump that
//! breaks configurations carries a migration note (SPEC §13).

use super::*;

impl Judge<'_, '_> {
    /// The bump rule (SPEC §5) for `a` against its nearest lower and, with
    /// `upward`, higher existing versions; pre-releases are not neighbours.
    /// A minor change released as a patch is a warning.
    pub(super) fn bump(
        &self,
        a: &Loaded<Definition>,
        downward: bool,
        upward: bool,
    ) -> Result<Vec<Breach>> {
        let mut out = Vec::new();
        if !self.strict {
            return Ok(out);
        }
        let d = &a.data;
        let others: Vec<Version> = self
            .after
            .version_numbers(&d.name)?
            .into_iter()
            .filter(|v| !v.cmp_precedence(&d.version).is_eq() && v.pre.is_empty())
            .collect();
        let pointer = |path: &str| format!("/configSchema{}", if path == "/" { "" } else { path });
        if downward
            && let Some(lower) = others.iter().filter(|v| **v < d.version).max()
            && let Some(old) = self.after.definition(&d.name, lower)?
        {
            let changes = diff(&self.schema(&old.data), &self.schema(d));
            let breaking: Vec<&crate::compat::Change> = changes
                .iter()
                .filter(|c| c.class == Class::Breaking)
                .collect();
            let policy = self.after.manifest()?.policy();
            // SPEC §13: instances crossing a breaking change are told how.
            // A pre-release is for trying, and a major bump that breaks no
            // configuration has nothing to migrate.
            if is_breaking_bump(lower, &d.version)
                && d.version.pre.is_empty()
                && d.migration.is_none()
                && !breaking.is_empty()
                && policy.migration_required()
            {
                let mut b = Breach::new(
                    &a.file,
                    "",
                    "migration-missing",
                    format!(
                        "{} is a breaking bump from {lower} that breaks configurations ({}); say how to move: \
                         migration: {{message: \"<what changed and what to do>\", deadline: YYYY-MM-DD, url: https://...}} \
                         (deadline and url optional)",
                        d.reference(),
                        breaking[0].message
                    ),
                );
                if policy.level("migrationRequired") == crate::policy::Level::Warning {
                    b = b.warning();
                }
                out.push(b);
            }
            if !is_breaking_bump(lower, &d.version) {
                for c in changes.iter().filter(|c| c.class == Class::Breaking) {
                    out.push(Breach {
                        finding: Finding::error(
                            &a.file,
                            pointer(&c.path),
                            c.keyword.clone(),
                            "breaking-change",
                            format!(
                                "breaking change from {}@{lower}: {}; a breaking change needs version {} or later",
                                d.name,
                                c.message,
                                next_breaking(lower)
                            ),
                        ),
                        conflict: false,
                        help: None,
                        references: Vec::new(),
                    });
                }
            }
            if changes.iter().all(|c| c.class != Class::Breaking)
                && changes.iter().any(|c| c.class == Class::Minor)
                && !bump_ok(lower, &d.version, Class::Minor)
            {
                let next = Version::new(lower.major, lower.minor + 1, 0);
                out.push(
                    Breach::new(
                        &a.file,
                        "/version",
                        "needs-minor-bump",
                        format!(
                            "version: {} is a patch release of {lower}, but its schema accepts more than {lower}'s (a minor change); it needs a minor bump ({next} or later)",
                            d.version
                        ),
                    )
                    .warning(),
                );
            }
        }
        if upward
            && let Some(higher) = others.iter().filter(|v| **v > d.version).min()
            && let Some(new) = self.after.definition(&d.name, higher)?
            && !is_breaking_bump(&d.version, higher)
        {
            for c in diff(&self.schema(d), &self.schema(&new.data))
                .into_iter()
                .filter(|c| c.class == Class::Breaking)
            {
                out.push(Breach {
                    finding: Finding::error(
                        &a.file,
                        pointer(&c.path),
                        c.keyword,
                        "breaking-change",
                        format!(
                            "{}@{higher} would break this version's configurations without a breaking bump: {}; choose a version in another line",
                            d.name, c.message
                        ),
                    ),
                    conflict: false,
                    help: None,
                    references: Vec::new(),
                });
            }
        }
        Ok(out)
    }

    /// A version's schema as the bump rule compares it: through its schema
    /// references (SPEC §12), so moving one to a new version, or a change
    /// in a part a draft uses, is classified like any other change. One
    /// that does not resolve is reported where the schema is checked.
    /// Each version is compared with both neighbours, so an expansion is
    /// kept for the judge's life.
    pub(super) fn schema<'d>(&self, d: &'d Definition) -> Seen<'d> {
        if !d.has_schema_refs() {
            return Seen::Plain(&d.config_schema);
        }
        let key = d.reference();
        if let Some(s) = self.expanded.borrow().get(&key) {
            return Seen::Expanded(s.clone());
        }
        match crate::validate::expanded(self.after, d, "") {
            Ok(s) => {
                let s = Rc::new(s.into_owned());
                self.expanded.borrow_mut().insert(key, s.clone());
                Seen::Expanded(s)
            }
            Err(_) => Seen::Plain(&d.config_schema),
        }
    }
}

/// A schema as the bump rule compares it: as written, or expanded.
pub(super) enum Seen<'d> {
    Plain(&'d Value),
    Expanded(Rc<Value>),
}

impl std::ops::Deref for Seen<'_> {
    type Target = Value;

    fn deref(&self) -> &Value {
        match self {
            Seen::Plain(v) => v,
            Seen::Expanded(v) => v,
        }
    }
}

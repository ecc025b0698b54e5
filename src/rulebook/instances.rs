//! The rules on one instance file: its lifecycle edge, and a pin to a
//! usable version whose schema its configuration satisfies.

use super::*;

impl Judge<'_, '_> {
    pub(super) fn instance(&self, rel: &Path, out: &mut Vec<Breach>) -> Result<()> {
        let Some(name) = rel.file_stem().and_then(|s| s.to_str()) else {
            return Ok(());
        };
        let file = display_rel(rel);
        let exists = self.after.text(rel)?.is_some();
        match (self.before.instance(name)?, self.after.instance(name)?) {
            (Some(b), None) if !exists && b.data.status() != InstanceStatus::Retired => {
                let status = b.data.status();
                out.push(
                    Breach::new(
                        &file,
                        "",
                        "instance-deleted",
                        format!("instance {name} was deleted while {status}; only a RETIRED instance's file can be deleted"),
                    )
                    .conflict()
                    .help(format!("retire it first: `reg instance retire {name}`")),
                );
            }
            (None, Some(a)) => {
                if a.data.status() != InstanceStatus::Active {
                    out.push(
                        Breach::new(
                            &file,
                            "/status",
                            "illegal-transition",
                            format!(
                                "status: a new instance is ACTIVE (`reg instance create`), not {}",
                                a.data.status()
                            ),
                        )
                        .conflict(),
                    );
                }
                self.pin(&file, &a.data, out)?;
            }
            (Some(b), Some(a)) => {
                let (from, to) = (b.data.status(), a.data.status());
                if b.data.id.is_some() && b.data.id != a.data.id {
                    out.push(
                        Breach::new(
                            &file,
                            "/id",
                            "identity-changed",
                            format!(
                                "id: {} → {}; an instance's id never changes",
                                show(b.raw.get("id")),
                                show(a.raw.get("id"))
                            ),
                        )
                        .conflict(),
                    );
                }
                if !crate::instance::edge(from, to) {
                    out.push(
                        Breach::new(
                            &file,
                            "/status",
                            "illegal-transition",
                            format!("status: {from} → {to} is not an instance transition (ACTIVE ⇄ DISABLED → RETIRED, and RETIRED is final)"),
                        )
                        .conflict()
                        .help(if from == InstanceStatus::Retired {
                            "create a new instance instead".to_string()
                        } else {
                            format!("from {from}, allowed: {}", crate::instance::allowed_from(from).join(", "))
                        }),
                    );
                    return Ok(());
                }
                if b.data.definition != a.data.definition {
                    if from == InstanceStatus::Retired {
                        out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "illegal-transition",
                                format!(
                                    "definition: a RETIRED instance cannot move to {}",
                                    a.data.definition
                                ),
                            )
                            .conflict(),
                        );
                        return Ok(());
                    }
                    self.pin(&file, &a.data, out)?;
                    match (b.data.pin(), a.data.pin()) {
                        (Some((bn, _)), Some((an, _))) if bn != an => out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "switched-definition",
                                format!(
                                    "definition: {} → {}, another integration",
                                    b.data.definition, a.data.definition
                                ),
                            )
                            .warning(),
                        ),
                        (Some((_, bv)), Some((_, av))) if av < bv => out.push(
                            Breach::new(
                                &file,
                                "/definition",
                                "downgrade",
                                format!(
                                    "definition: {} → {} is a downgrade",
                                    b.data.definition, a.data.definition
                                ),
                            )
                            .warning(),
                        ),
                        _ => {}
                    }
                } else if from == InstanceStatus::Retired && to == InstanceStatus::Retired {
                    // A retired instance stays as it was, for the record.
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A live instance is pinned to a PUBLISHED or DEPRECATED version.
    pub(super) fn pin(&self, file: &str, i: &Instance, out: &mut Vec<Breach>) -> Result<()> {
        if i.status() == InstanceStatus::Retired {
            return Ok(());
        }
        let status = i
            .pin()
            .map(|(n, v)| self.after.definition(n, &v))
            .transpose()?
            .flatten()
            .map(|d| d.data.status());
        match status {
            Some(Status::Published | Status::Deprecated) | None => {}
            Some(s) => out.push(
                Breach::new(
                    file,
                    "/definition",
                    "pinned-unusable",
                    format!("definition: {} is {s}; instances can only use PUBLISHED or DEPRECATED versions", i.definition),
                )
                .conflict()
                .refs(vec![format!("{} {s}", i.definition)])
                .help("pick another version (`reg versions` lists them)"),
            ),
        }
        Ok(())
    }
}

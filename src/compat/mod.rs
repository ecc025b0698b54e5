//! Schema compatibility (SPEC §5): what changed in a `configSchema` from one
//! version to another, whether every configuration valid before stays
//! valid, and which SemVer bump that needs.
//!
//! The comparison is a sound approximation of "every instance of A is an
//! instance of B": each keyword of B must be implied by a keyword of A.
//! Where that cannot be shown from the schemas' structure (a changed
//! `pattern`, a rewritten `oneOf`, a reference that cannot be followed) the
//! change counts as breaking and says why, so "minor" and "patch" can be
//! trusted. Recursive schemas are compared co-inductively: a pair of nodes
//! already being compared is assumed compatible, which is sound for
//! inclusion of recursive types.
//!
//! `diff` compares two schemas; `report` is `reg diff` over two registered
//! versions. The bump rule that uses them is the rulebook's.

pub(crate) mod diff;
pub mod report;

use std::fmt;

use semver::Version;
use serde::Serialize;

pub use diff::diff;

/// How a change affects configurations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Annotations only: nothing validates differently.
    Patch,
    /// Every configuration valid before stays valid, and more are accepted.
    Minor,
    /// Some configuration valid before is now invalid, or that cannot be ruled out.
    Breaking,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Patch => "patch",
            Class::Minor => "minor",
            Class::Breaking => "breaking",
        })
    }
}

/// One change between two schemas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Where in the schema, as a JSON pointer (`/properties/port/maximum`).
    pub path: String,
    /// Its effect.
    pub class: Class,
    /// The keyword concerned.
    pub keyword: String,
    /// What changed and why it has that class.
    pub message: String,
}

/// The class of a set of changes: the worst of them, patch when there are none.
#[must_use]
pub fn overall(changes: &[Change]) -> Class {
    changes
        .iter()
        .map(|c| c.class)
        .max()
        .unwrap_or(Class::Patch)
}

/// The SemVer bump a class of change needs, in cargo's reading: for 0.x
/// the left-most non-zero component is the "major" one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// The left-most non-zero component.
    Major,
    /// The next component.
    Minor,
    /// Any increase.
    Patch,
}

impl Bump {
    /// The bump `class` needs.
    #[must_use]
    pub fn for_class(class: Class) -> Bump {
        match class {
            Class::Breaking => Bump::Major,
            Class::Minor => Bump::Minor,
            Class::Patch => Bump::Patch,
        }
    }
}

/// Whether going from `from` to `to` is a breaking bump: the left-most
/// non-zero component differs (1.4→2.0, 0.3→0.4, 0.0.3→0.0.4).
#[must_use]
pub fn is_breaking_bump(from: &Version, to: &Version) -> bool {
    if from.major > 0 || to.major > 0 {
        from.major != to.major
    } else if from.minor > 0 || to.minor > 0 {
        from.minor != to.minor
    } else {
        from.patch != to.patch
    }
}

/// Whether `to` is a big enough step from `from` for changes of `class`.
#[must_use]
pub fn bump_ok(from: &Version, to: &Version, class: Class) -> bool {
    if to <= from {
        return false;
    }
    match class {
        Class::Breaking => is_breaking_bump(from, to),
        Class::Minor => {
            if from.major > 0 {
                (from.major, from.minor) != (to.major, to.minor)
            } else {
                true
            }
        }
        Class::Patch => true,
    }
}

/// The smallest version after `from` that a breaking change may take.
#[must_use]
pub fn next_breaking(from: &Version) -> Version {
    if from.major > 0 {
        Version::new(from.major + 1, 0, 0)
    } else if from.minor > 0 {
        Version::new(0, from.minor + 1, 0)
    } else {
        Version::new(0, 0, from.patch + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_in_cargo_reading() {
        let v = |s: &str| Version::parse(s).unwrap();
        assert!(bump_ok(&v("1.4.0"), &v("2.0.0"), Class::Breaking));
        assert!(!bump_ok(&v("1.4.0"), &v("1.5.0"), Class::Breaking));
        assert!(bump_ok(&v("0.3.1"), &v("0.4.0"), Class::Breaking));
        assert!(!bump_ok(&v("0.3.1"), &v("0.3.2"), Class::Breaking));
        assert!(bump_ok(&v("0.0.3"), &v("0.0.4"), Class::Breaking));
        assert!(bump_ok(&v("1.4.0"), &v("1.5.0"), Class::Minor));
        assert!(!bump_ok(&v("1.4.0"), &v("1.4.1"), Class::Minor));
        assert!(bump_ok(&v("0.3.1"), &v("0.3.2"), Class::Minor));
        assert!(!bump_ok(&v("1.4.0"), &v("1.3.0"), Class::Patch));
        assert_eq!(next_breaking(&v("1.4.2")), v("2.0.0"));
        assert_eq!(next_breaking(&v("0.3.2")), v("0.4.0"));
        assert_eq!(next_breaking(&v("0.0.3")), v("0.0.4"));
    }
}

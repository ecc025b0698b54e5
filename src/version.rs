//! Which version a name means (SPEC §3, §7): the latest a bare name or a
//! range resolves to, and the version that stands for a name in `reg
//! list`. Resolving, listing and the cache (which stores each name's
//! representative, keyed on [`REPRESENTATIVE_VERSION`]) all choose by
//! these rules.

use semver::{Version, VersionReq};

use crate::status::Status;

/// Picks the version a bare name or a range means among `(version, status)`
/// pairs: the highest PUBLISHED match, else the highest DEPRECATED match.
/// Without a range, pre-releases are left out; with one, semver's rule
/// applies (a pre-release matches only when the range names that release).
#[must_use]
pub fn pick<'a>(
    candidates: impl IntoIterator<Item = (&'a Version, Status)> + Clone,
    range: Option<&VersionReq>,
) -> Option<&'a Version> {
    let matches = |v: &Version| match range {
        Some(r) => r.matches(v),
        None => v.pre.is_empty(),
    };
    [Status::Published, Status::Deprecated]
        .into_iter()
        .find_map(|wanted| {
            candidates
                .clone()
                .into_iter()
                .filter(|(v, s)| *s == wanted && matches(v))
                .map(|(v, _)| v)
                .max()
        })
}

/// The version of [`representative`]'s rule: bump it when the rule
/// changes, so caches that stored the old choice are rebuilt.
pub const REPRESENTATIVE_VERSION: u32 = 1;

/// Which of `versions` (in any order) stands for a name: its resolved
/// latest, else its newest draft, else its newest of any state.
#[must_use]
pub fn representative(versions: &[(Version, Status)]) -> Option<usize> {
    let chosen = pick(versions.iter().map(|(v, s)| (v, *s)), None)
        .or_else(|| {
            versions
                .iter()
                .filter(|(_, s)| *s == Status::Draft)
                .map(|(v, _)| v)
                .max()
        })
        .or_else(|| versions.iter().map(|(v, _)| v).max())?;
    versions.iter().position(|(v, _)| v == chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        s.parse().unwrap()
    }

    #[test]
    fn picks_published_then_deprecated_and_skips_prereleases() {
        let (a, b, c, d) = (v("1.0.0"), v("1.1.0"), v("2.0.0-rc.1"), v("1.2.0"));
        let all = [
            (&a, Status::Published),
            (&b, Status::Deprecated),
            (&c, Status::Published),
            (&d, Status::Draft),
        ];
        assert_eq!(pick(all, None), Some(&a));
        let only_deprecated = [(&b, Status::Deprecated), (&d, Status::Draft)];
        assert_eq!(pick(only_deprecated, None), Some(&b));
        let rc: VersionReq = ">=2.0.0-rc.1".parse().unwrap();
        assert_eq!(pick(all, Some(&rc)), Some(&c));
        assert_eq!(pick([(&d, Status::Draft)], None), None);
    }
}

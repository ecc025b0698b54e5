//! Proofs: digests of file texts that passed a bundled schema check, kept
//! so that a command reading one file (`reg show`, the neighbours a write's
//! guards read), or the cache reading a text it saw before, need not build
//! the bundled validator or run it to check the same text again. Building it is a one-time cost of about 4 ms per process,
//! most of it `jsonschema` checking the bundled schema against its draft,
//! which is more than everything else `reg show` does.
//!
//! Why a proof can be trusted:
//!
//! * It is a SHA-256 digest of the file's kind and whole text, so it holds
//!   for that text only: an edit by hand, a merge, a checkout all change
//!   the text and find no proof. No timestamps are involved.
//! * The file's header holds a digest of the bundled schemas themselves: a
//!   `reg` built with other schemas finds no proof in it.
//! * It lives in the git directory (`.git/reg-proofs`), never in the work
//!   tree: a pull request can commit anything under `.reg/`, nothing under
//!   `.git/`. A registry outside git keeps no proofs.
//! * Only `reg` writes it, with digests of texts its own bundled check
//!   passed (the cache's reads of every definition, and `reg.yaml`).
//!
//! A text that passed was parsed first, so a proof also says it parses: the
//! cache passes over a proven definition's `configSchema` by indentation
//! instead of reading it ([`crate::yaml::Skip::PassOver`]).
//!
//! `reg validate` and `reg check` never use it: they check every file they
//! read in full. A missing, damaged or foreign file means "no proofs".

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use sha2::{Digest as _, Sha256};

use super::Bundled;

/// The file's name in the git directory.
pub const FILE: &str = "reg-proofs";

const MAGIC: &[u8; 8] = b"REGPROOF";
/// The file's format; part of the cache's key too (see `cache::layout`).
pub const FORMAT: u32 = 1;
/// Magic, format, the schemas' digest, the count, then the fan-out: for
/// each first byte, how many proofs start with it or a lower one (as in
/// git's pack indexes), so a lookup reads one bucket, not a dozen places.
const HEADER: usize = 8 + 4 + 32 + 4 + FANOUT * 4;
const FANOUT: usize = 256;
/// How the temporary files a write renames into place begin.
const TEMP: &str = ".reg-proofs-";
/// Proofs are 128 bits of SHA-256: finding two texts with the same one
/// takes about 2^64 hashes.
const LEN: usize = 16;
/// Past this many proofs (16 MiB) the file starts again from the newest.
const MAX: usize = 1 << 20;

/// One proof.
pub type Proof = [u8; LEN];

/// The git directory of the repository holding `dir` (`GIT_DIR` when set,
/// else the nearest `.git` folder, or the folder a `.git` file names, at
/// or above `dir`), found without opening the repository: a read of one
/// file needs no more of git than where its private folder is, which is
/// where proofs are kept.
#[must_use]
pub fn git_dir_of(dir: &Path) -> Option<PathBuf> {
    if let Some(set) = std::env::var_os("GIT_DIR") {
        return std::env::current_dir().ok().map(|cwd| cwd.join(set));
    }
    dir.ancestors().find_map(|d| {
        let dot = d.join(".git");
        let meta = std::fs::symlink_metadata(&dot).ok()?;
        if meta.is_dir() {
            return dot.join("HEAD").is_file().then_some(dot);
        }
        // A linked work tree or a submodule: `gitdir: <path>` (in a
        // regular file only: reading a FIFO would wait forever).
        if !meta.is_file() {
            return None;
        }
        let text = std::fs::read_to_string(&dot).ok()?;
        let target = text.strip_prefix("gitdir: ")?.trim_end();
        let target = d.join(target);
        target.join("HEAD").is_file().then_some(target)
    })
}

/// The proof of `text` as a file of `kind`.
#[must_use]
pub fn proof(kind: Bundled, text: &str) -> Proof {
    let tag = match kind {
        Bundled::Definition => b'd',
        Bundled::Instance => b'i',
        Bundled::Registry => b'r',
    };
    let mut h = Sha256::new();
    h.update([tag]);
    h.update(text.as_bytes());
    let full = h.finalize();
    let mut out = [0u8; LEN];
    out.copy_from_slice(&full[..LEN]);
    out
}

/// What the bundled schemas are: a file made under others proves nothing.
fn schemas() -> &'static [u8; 32] {
    static DIGEST: LazyLock<[u8; 32]> = LazyLock::new(|| {
        let mut h = Sha256::new();
        for b in Bundled::ALL {
            h.update(b.text().as_bytes());
            h.update([0]);
        }
        h.finalize().into()
    });
    &DIGEST
}

/// The proofs of a git directory, open for lookups.
#[derive(Debug)]
pub struct Proofs {
    file: File,
    count: usize,
    fanout: [u32; FANOUT],
    /// Lookups so far: past [`FEW`], the proofs are read whole.
    lookups: AtomicUsize,
    /// Every proof, once read whole (`None`: the read failed).
    all: OnceLock<Option<Vec<u8>>>,
}

/// Lookups answered by reading one bucket each; a command that asks more
/// (a cache reading many files) reads the file once instead.
const FEW: usize = 16;

impl Proofs {
    /// Opens the proofs of the git directory `git_dir`; `None` when there
    /// are none usable.
    #[must_use]
    pub fn open(git_dir: &Path) -> Option<Proofs> {
        let mut file = File::open(git_dir.join(FILE)).ok()?;
        let (count, fanout) = header(&mut file)?;
        Some(Proofs {
            file,
            count,
            fanout,
            lookups: AtomicUsize::new(0),
            all: OnceLock::new(),
        })
    }

    /// Whether `proof` is held.
    #[must_use]
    pub fn holds(&self, proof: &Proof) -> bool {
        let first = usize::from(proof[0]);
        let lo = if first == 0 {
            0
        } else {
            self.fanout[first - 1] as usize
        };
        let hi = self.fanout[first] as usize;
        if lo >= hi {
            return false;
        }
        if self.lookups.fetch_add(1, Ordering::Relaxed) < FEW {
            let mut bucket = vec![0u8; (hi - lo) * LEN];
            return self
                .file
                .read_exact_at(&mut bucket, (HEADER + lo * LEN) as u64)
                .is_ok()
                && within(&bucket, proof);
        }
        let all = self.all.get_or_init(|| {
            let mut bytes = vec![0u8; self.count * LEN];
            self.file
                .read_exact_at(&mut bytes, HEADER as u64)
                .is_ok()
                .then_some(bytes)
        });
        all.as_ref()
            .is_some_and(|all| within(&all[lo * LEN..hi * LEN], proof))
    }
}

/// Whether sorted proofs (as bytes) hold `proof`.
fn within(sorted: &[u8], proof: &Proof) -> bool {
    let (mut lo, mut hi) = (0, sorted.len() / LEN);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match sorted[mid * LEN..(mid + 1) * LEN].cmp(&proof[..]) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Reads and checks the header; the number of proofs and the fan-out when
/// the file is whole and made under these schemas.
fn header(file: &mut File) -> Option<(usize, [u32; FANOUT])> {
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head).ok()?;
    if &head[..8] != MAGIC || head[8..12] != FORMAT.to_le_bytes() || head[12..44] != schemas()[..] {
        return None;
    }
    let word = |at: usize| head[at..at + 4].try_into().ok().map(u32::from_le_bytes);
    let count = word(44)? as usize;
    let mut fanout = [0u32; FANOUT];
    for (i, f) in fanout.iter_mut().enumerate() {
        *f = word(48 + 4 * i)?;
    }
    let len = file.metadata().ok()?.len();
    (fanout.is_sorted()
        && fanout[FANOUT - 1] as usize == count
        && len == (HEADER + count * LEN) as u64)
        .then_some((count, fanout))
}

/// Adds `new` to the proofs of `git_dir`. The file is replaced whole (a
/// temporary file renamed into place), so a reader never sees half of it;
/// two writers at once may lose each other's additions, which only means
/// those texts are checked in full next time. Failure (a read-only git
/// directory) is not an error.
pub fn record(git_dir: &Path, mut new: Vec<Proof>) {
    if new.is_empty() {
        return;
    }
    new.sort_unstable();
    new.dedup();
    let path = git_dir.join(FILE);
    let old = read_all(&path).unwrap_or_default();
    if new.iter().all(|p| old.binary_search(p).is_ok()) {
        return;
    }
    let mut all = if old.len() + new.len() > MAX {
        new
    } else {
        merge(&old, &new)
    };
    all.truncate(MAX);
    let _ = write(git_dir, &path, &all);
}

fn read_all(path: &PathBuf) -> Option<Vec<Proof>> {
    let mut file = File::open(path).ok()?;
    let (count, _) = header(&mut file)?;
    let mut bytes = Vec::with_capacity(count * LEN);
    file.read_to_end(&mut bytes).ok()?;
    let proofs: Vec<Proof> = bytes
        .chunks_exact(LEN)
        .map(|c| c.try_into().unwrap_or([0; LEN]))
        .collect();
    // Sorted and whole, or not used at all.
    (proofs.len() == count && proofs.is_sorted()).then_some(proofs)
}

/// Two sorted lists as one, without repeats.
fn merge(a: &[Proof], b: &[Proof]) -> Vec<Proof> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Temporary files a killed `reg` left are removed once older than this:
/// a younger one may be another process's, still being written.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

fn write(git_dir: &Path, path: &Path, proofs: &[Proof]) -> std::io::Result<()> {
    sweep(git_dir);
    let mut temp = tempfile::NamedTempFile::with_prefix_in(TEMP, git_dir)?;
    {
        // 16 bytes a proof, 100,000 of them at scale: few large writes.
        let mut out = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(schemas())?;
        let count = u32::try_from(proofs.len()).map_err(std::io::Error::other)?;
        out.write_all(&count.to_le_bytes())?;
        for first in 0..=u8::MAX {
            let upto = proofs.partition_point(|p| p[0] <= first);
            out.write_all(&u32::try_from(upto).unwrap_or(u32::MAX).to_le_bytes())?;
        }
        for p in proofs {
            out.write_all(p)?;
        }
        out.flush()?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temporary proofs files a killed `reg` left behind.
fn sweep(git_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(git_dir) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if stale && e.file_name().to_string_lossy().starts_with(TEMP) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_proofs_are_found_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let a = proof(Bundled::Definition, "name: a\n");
        let b = proof(Bundled::Definition, "name: b\n");
        let c = proof(Bundled::Definition, "name: c\n");
        record(dir.path(), vec![b, a]);
        record(dir.path(), vec![c, a]);
        let proofs = Proofs::open(dir.path()).unwrap();
        assert_eq!(proofs.fanout[255], 3);
        // The first lookups read a bucket each, later ones the whole file.
        for _ in 0..=FEW {
            assert!(proofs.holds(&a) && proofs.holds(&b) && proofs.holds(&c));
        }
        assert!(!proofs.holds(&proof(Bundled::Definition, "name: d\n")));
        // The same text proves nothing as another kind of file.
        assert!(!proofs.holds(&proof(Bundled::Instance, "name: a\n")));
    }

    #[test]
    fn a_damaged_or_foreign_file_proves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = proof(Bundled::Registry, "name: r\n");
        record(dir.path(), vec![a]);
        let path = dir.path().join(FILE);
        let good = std::fs::read(&path).unwrap();
        // Cut short.
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert!(Proofs::open(dir.path()).is_none());
        // Made under other bundled schemas.
        let mut foreign = good.clone();
        foreign[20] ^= 1;
        std::fs::write(&path, &foreign).unwrap();
        assert!(Proofs::open(dir.path()).is_none());
        // A fan-out that does not add up to the count.
        let mut uneven = good.clone();
        uneven[48 + 4 * 255] ^= 1;
        std::fs::write(&path, &uneven).unwrap();
        assert!(Proofs::open(dir.path()).is_none());
        // Garbage.
        std::fs::write(&path, b"not proofs").unwrap();
        assert!(Proofs::open(dir.path()).is_none());
        // And a new record starts a good file again.
        record(dir.path(), vec![a]);
        assert!(Proofs::open(dir.path()).unwrap().holds(&a));
    }

    #[test]
    fn the_listing_check_is_the_whole_check() {
        // The cache proves a definition from its listing, read with
        // `configSchema` left empty: that is the same check only while the
        // bundled schema asks nothing of `configSchema` but to be an object.
        let schema: serde_json::Value = serde_json::from_str(Bundled::Definition.text()).unwrap();
        let config = &schema["properties"]["configSchema"];
        let keys: Vec<&str> = config
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| !matches!(*k, "description" | "title"))
            .collect();
        assert_eq!(keys, ["type"]);
        assert_eq!(config["type"], "object");
    }
}

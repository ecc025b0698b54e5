//! `.reg/ids`: every definition id with its path, sorted, so `reg show
//! <id>` finds a file with a dozen small reads instead of a scan.

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::layout::View;
use super::scan::persist;
use crate::registry::{CACHE_DIR, DEFINITIONS, Registry};

/// The id lookup file under `.reg/`.
pub(super) const FILE: &str = "ids";
const IDS_MAGIC: &[u8; 8] = b"regids1\0";
/// A 16-byte id, a 4-byte offset and a 2-byte length into the paths.
const RECORD: usize = 22;

/// Looks an id up in `.reg/ids` (sorted fixed-width records, searched on
/// disk with a read per step) without reading the rest of the cache. The
/// answer is only a hint: the caller must confirm that the file it names
/// really holds that id.
#[must_use]
pub fn path_of_id(registry: &Registry, id: uuid::Uuid) -> Option<PathBuf> {
    let file = registry
        .fs()
        .open_file(&Path::new(CACHE_DIR).join(FILE))
        .ok()?;
    let mut head = [0u8; 12];
    file.read_exact_at(&mut head, 0).ok()?;
    if &head[..8] != IDS_MAGIC {
        return None;
    }
    let count = u64::from(u32::from_le_bytes(head[8..12].try_into().ok()?));
    let records = 12u64;
    let paths = records + count * RECORD as u64;
    let key = id.as_bytes();
    let mut record = [0u8; RECORD];
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        file.read_exact_at(&mut record, records + mid * RECORD as u64)
            .ok()?;
        match record[..16].cmp(key.as_slice()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let start = u64::from(u32::from_le_bytes(record[16..20].try_into().ok()?));
                let mut path =
                    vec![0u8; usize::from(u16::from_le_bytes(record[20..22].try_into().ok()?))];
                file.read_exact_at(&mut path, paths + start).ok()?;
                // Untrusted: only `<name>/<version>.yaml` is a path here.
                let path = String::from_utf8(path).ok()?;
                let (name, file) = path.split_once('/')?;
                let version = file.strip_suffix(".yaml")?;
                if !crate::name::is_valid(name)
                    || version.parse::<semver::Version>().ok()?.to_string() != version
                {
                    return None;
                }
                return Some(Path::new(DEFINITIONS).join(name).join(file));
            }
        }
    }
    None
}

/// The id lookup file: every id with its path, sorted by id. The paths
/// stay in the cache's order (records point into them), so only the
/// fixed-width records are sorted: at 100,000 definitions, a vector of
/// owned paths sorted along with the ids was 20 MB at a cold `list`'s peak.
fn write(view: &View, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut paths = String::new();
    let mut records: Vec<([u8; 16], u32, u16)> = Vec::with_capacity(view.entries());
    for (id, path) in view.ids() {
        let (Ok(start), Ok(len)) = (u32::try_from(paths.len()), u16::try_from(path.len())) else {
            continue;
        };
        paths.push_str(&path);
        records.push((id, start, len));
    }
    records.sort_unstable();
    let count = u32::try_from(records.len()).unwrap_or(0);
    out.write_all(IDS_MAGIC)?;
    out.write_all(&count.to_le_bytes())?;
    for (id, start, len) in records.iter().take(count as usize) {
        out.write_all(id)?;
        out.write_all(&start.to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
    }
    out.write_all(paths.as_bytes())
}

/// Writes the id file for a cache.
pub(super) fn save(registry: &Registry, view: &View) {
    let _ = persist(registry, FILE, |f| {
        let mut out = std::io::BufWriter::with_capacity(super::scan::WRITE_BUFFER, f);
        write(view, &mut out)?;
        std::io::Write::flush(&mut out)
    });
}

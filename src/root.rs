//! The registry root as an open folder (SPEC §1). Every file `reg` opens,
//! creates, renames or deletes under the root is reached from the root's
//! descriptor without passing through a symbolic link at any component, and
//! only regular files are read: nothing a commit can hold (a link to
//! `/etc`, a link to `.git`, a FIFO) makes `reg` read, write, print or wait
//! on anything outside the registry.
//!
//! On Linux a path is resolved by one `openat2` with `RESOLVE_BENEATH |
//! RESOLVE_NO_SYMLINKS`; where the kernel lacks it (or a sandbox forbids
//! it), one `openat(O_NOFOLLOW)` per component from the root's descriptor
//! does the same. Files are opened with `O_NONBLOCK` and checked with
//! `fstat` before a byte is read: without it, opening a FIFO waits for a
//! writer forever.
//!
//! The root itself is what the user named (or where `reg.yaml` was found)
//! and may be reached through links; what is *under* it is untrusted.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write as _};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rustix::fs::{AtFlags, FileType, FlockOperation, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

use crate::text::ReadError;

/// What a path under the root is, without following it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A real folder.
    Dir,
    /// A symbolic link (never followed).
    Link,
    /// A FIFO, socket or device (never opened for reading).
    Special(&'static str),
}

impl Kind {
    fn of(t: FileType) -> Kind {
        match t {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Link,
            FileType::Fifo => Kind::Special("a FIFO"),
            FileType::Socket => Kind::Special("a socket"),
            FileType::CharacterDevice | FileType::BlockDevice => Kind::Special("a device"),
            FileType::Unknown => Kind::Special("an unknown kind of file"),
        }
    }
}

/// The registry root, open.
pub struct Root {
    dir: OwnedFd,
    path: PathBuf,
}

impl std::fmt::Debug for Root {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Root").field("path", &self.path).finish()
    }
}

/// Whether `openat2` may be tried; cleared the first time the kernel says
/// it does not have it.
static OPENAT2: AtomicBool = AtomicBool::new(true);

/// A file written and flushed under a temporary name, waiting to be
/// renamed into place; removed when dropped unless placed.
pub struct Temp {
    dir: OwnedFd,
    name: String,
    file: File,
    placed: bool,
    /// Flushed, and its folder flushed once placed (not for a cache).
    durable: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.placed {
            let _ = rustix::fs::unlinkat(&self.dir, self.name.as_str(), AtFlags::empty());
        }
    }
}

impl Temp {
    /// The file's status as it is now (after a rename, with the new ctime).
    ///
    /// # Errors
    ///
    /// When `fstat` fails.
    pub fn stat(&self) -> io::Result<rustix::fs::Stat> {
        rustix::fs::fstat(&self.file).map_err(io::Error::from)
    }

    /// The file, still open: after [`Root::place`], the file placed.
    ///
    /// # Errors
    ///
    /// When the descriptor cannot be duplicated.
    pub fn file(&self) -> io::Result<File> {
        self.file.try_clone()
    }
}

impl Root {
    /// Opens the folder at `path` as a root.
    ///
    /// # Errors
    ///
    /// When it cannot be opened as a folder.
    pub fn open(path: &Path) -> io::Result<Root> {
        let dir = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Root {
            dir,
            path: path.to_path_buf(),
        })
    }

    /// The root's path, for messages.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What `rel` is, or `None` when nothing is there. A link or special
    /// file *on the way* to `rel` is reported as what `rel` is.
    ///
    /// # Errors
    ///
    /// [`ReadError::Link`] and friends name the component in the way.
    pub fn kind(&self, rel: &Path) -> Result<Option<Kind>, ReadError> {
        let parts = parts(rel)?;
        let Some((last, dirs)) = parts.split_last() else {
            return Ok(Some(Kind::Dir));
        };
        let parent = match self.open_parent(dirs) {
            Ok(p) => p,
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let base = parent.as_ref().map_or(self.dir.as_fd(), AsFd::as_fd);
        match rustix::fs::statat(base, *last, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(s) => Ok(Some(Kind::of(FileType::from_raw_mode(s.st_mode)))),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(ReadError::Io(e.into())),
        }
    }

    /// Opens the folder `rel` (the root itself when empty).
    ///
    /// # Errors
    ///
    /// When it is missing, a link, not a folder, or on the way through one.
    pub fn open_dir(&self, rel: &Path) -> Result<OwnedFd, ReadError> {
        if rel.as_os_str().is_empty() {
            return rustix::io::fcntl_dupfd_cloexec(&self.dir, 0)
                .map_err(|e| ReadError::Io(e.into()));
        }
        open_beneath(
            self.dir.as_fd(),
            rel,
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        )
    }

    /// Reads a regular file under the root as text (size-limited, UTF-8).
    ///
    /// # Errors
    ///
    /// When it is missing, not a regular file, reached through a link, too
    /// large or not UTF-8.
    pub fn read_text(&self, rel: &Path) -> Result<String, ReadError> {
        read_text_beneath(self.dir.as_fd(), rel)
    }

    /// Opens a regular file under the root for reading.
    ///
    /// # Errors
    ///
    /// As [`Root::read_text`], but without reading.
    pub fn open_file(&self, rel: &Path) -> Result<File, ReadError> {
        open_file_beneath(self.dir.as_fd(), rel)
    }

    /// The entries of folder `rel` with what each is; a missing folder is
    /// empty. Names that are not UTF-8 are left out (no valid name is).
    ///
    /// # Errors
    ///
    /// When `rel` is a link, not a folder, or cannot be read.
    pub fn list(&self, rel: &Path) -> Result<Vec<(String, Kind)>, ReadError> {
        let fd = match self.open_dir(rel) {
            Ok(fd) => fd,
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        list_fd(fd)
    }

    /// Writes `bytes` to a new temporary file in folder `dir_rel` (created
    /// when missing), flushed to disk, with the permissions `mode` (else
    /// 0666 minus the umask, as any new file gets).
    ///
    /// # Errors
    ///
    /// On I/O failure (a full disk among others); nothing is left behind.
    pub fn temp(&self, dir_rel: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<Temp> {
        let dir = self.make_dirs(dir_rel)?;
        temp_in(dir, mode, true, |f| f.write_all(bytes))
    }

    /// A temporary file in `dir_rel` filled by `write`, not flushed: for
    /// caches, which a crash may lose.
    ///
    /// # Errors
    ///
    /// On I/O failure, or a link in the way.
    pub fn temp_with(
        &self,
        dir_rel: &Path,
        write: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> io::Result<Temp> {
        let dir = self.make_dirs(dir_rel)?;
        temp_in(dir, None, false, write)
    }

    /// Renames `temp` to `rel`, creating the folders on the way, and
    /// flushes the folder so the rename survives a crash. A temporary file
    /// on another file system is copied through a second temporary file in
    /// the target folder.
    ///
    /// # Errors
    ///
    /// On I/O failure, or when a component of `rel` is a link or a file.
    pub fn place(&self, temp: &mut Temp, rel: &Path) -> io::Result<()> {
        let (last, dirs) = split(rel)?;
        let parent = self.make_dirs(&dirs)?;
        match rustix::fs::renameat(&temp.dir, temp.name.as_str(), &parent, last) {
            Ok(()) => {}
            Err(Errno::XDEV) => {
                let mut bytes = Vec::new();
                let mut f = temp.file.try_clone()?;
                std::io::Seek::rewind(&mut f)?;
                std::io::Read::read_to_end(&mut f, &mut bytes)?;
                let mode = rustix::fs::fstat(&temp.file)?.st_mode & 0o7777;
                let dup = rustix::io::fcntl_dupfd_cloexec(&parent, 0)?;
                let mut near = temp_in(dup, Some(mode), temp.durable, |f| f.write_all(&bytes))?;
                rustix::fs::renameat(&near.dir, near.name.as_str(), &parent, last)?;
                near.placed = true;
                // The first temporary file is removed when `temp` is dropped;
                // the file placed is `near`'s.
                std::mem::swap(&mut temp.file, &mut near.file);
                if temp.durable {
                    sync(&parent);
                }
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
        temp.placed = true;
        if temp.durable {
            sync(&parent);
        }
        Ok(())
    }

    /// Removes the regular file `rel` (a missing file is not an error), and
    /// its folder when that is left empty, as git would not keep it.
    ///
    /// # Errors
    ///
    /// On I/O failure, or when a component of `rel` is a link.
    pub fn remove(&self, rel: &Path) -> io::Result<()> {
        let (last, dirs) = split(rel)?;
        let parent = match open_beneath(
            self.dir.as_fd(),
            &dirs,
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        ) {
            Ok(p) => p,
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e.into_io()),
        };
        match rustix::fs::unlinkat(&parent, last, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => {}
            Err(e) => return Err(e.into()),
        }
        sync(&parent);
        self.remove_empty_dir(&dirs);
        Ok(())
    }

    /// Creates an empty file `rel` (a marker: not flushed, as it only has
    /// to outlive a killed process, not a power cut).
    ///
    /// # Errors
    ///
    /// On I/O failure or a link in the way.
    pub fn mark(&self, rel: &Path) -> io::Result<()> {
        let (last, dirs) = split(rel)?;
        let parent = self.make_dirs(&dirs)?;
        rustix::fs::openat(
            &parent,
            last,
            OFlags::WRONLY | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )?;
        Ok(())
    }

    /// Removes the file `rel` without flushing its folder; a missing file is
    /// not an error.
    ///
    /// # Errors
    ///
    /// On I/O failure or a link in the way.
    pub fn unmark(&self, rel: &Path) -> io::Result<()> {
        let (last, dirs) = split(rel)?;
        let parent = match self.open_dir(&dirs) {
            Ok(p) => p,
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e.into_io()),
        };
        match rustix::fs::unlinkat(&parent, last, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the temporary file `rel` is still being written: its writer
    /// holds a lock on it, which the kernel drops when the writer exits,
    /// killed or not. A file that cannot be opened is not in use.
    #[must_use]
    pub fn temp_in_use(&self, rel: &Path) -> bool {
        self.open_file(rel).is_ok_and(|file| {
            // Taken and dropped at once: only the answer is wanted.
            rustix::fs::flock(&file, FlockOperation::NonBlockingLockShared)
                == Err(Errno::WOULDBLOCK)
        })
    }

    /// Removes the temporary file `rel` a killed `reg` left, unless its
    /// writer is still live ([`Root::temp_in_use`]); a missing file is not
    /// an error.
    ///
    /// # Errors
    ///
    /// On I/O failure or a link in the way.
    pub fn remove_left_temp(&self, rel: &Path) -> io::Result<()> {
        if self.temp_in_use(rel) {
            return Ok(());
        }
        self.unmark(rel)
    }

    /// Removes folder `rel` if it is empty; anything else is left alone.
    pub fn remove_empty_dir(&self, rel: &Path) {
        let Ok((last, dirs)) = split(rel) else {
            return;
        };
        let Ok(parent) = self.open_dir(&dirs) else {
            return;
        };
        if rustix::fs::unlinkat(&parent, last, AtFlags::REMOVEDIR).is_ok() {
            sync(&parent);
        }
    }

    /// Opens folder `rel`, creating each missing component (0777 minus the
    /// umask); a component that is a link or a file is an error.
    ///
    /// # Errors
    ///
    /// On I/O failure or a link in the way.
    pub fn make_dirs(&self, rel: &Path) -> io::Result<OwnedFd> {
        let mut fd = rustix::io::fcntl_dupfd_cloexec(&self.dir, 0)?;
        for part in parts(rel).map_err(ReadError::into_io)? {
            match rustix::fs::mkdirat(&fd, part, Mode::from_raw_mode(0o777)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(e.into()),
            }
            fd = rustix::fs::openat(
                &fd,
                part,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| match e {
                Errno::LOOP | Errno::NOTDIR => io::Error::other(format!(
                    "{} is not a real folder (a link or a file)",
                    part.to_string_lossy()
                )),
                e => e.into(),
            })?;
        }
        Ok(fd)
    }

    /// Opens the folders `dirs` one after the other; `None` is the root.
    fn open_parent(&self, dirs: &[&OsStr]) -> Result<Option<OwnedFd>, ReadError> {
        if dirs.is_empty() {
            return Ok(None);
        }
        let rel: PathBuf = dirs.iter().collect();
        open_beneath(
            self.dir.as_fd(),
            &rel,
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        )
        .map(Some)
    }
}

impl ReadError {
    /// The error as an I/O error, for write paths that report I/O errors.
    #[must_use]
    pub fn into_io(self) -> io::Error {
        match self {
            ReadError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// The entries of an open folder with what each is (for callers that
/// already hold the folder open).
///
/// # Errors
///
/// When the folder cannot be read.
pub fn list_fd_pub(fd: OwnedFd) -> Result<Vec<(String, Kind)>, ReadError> {
    list_fd(fd)
}

/// The entries of an open folder with what each is.
fn list_fd(fd: OwnedFd) -> Result<Vec<(String, Kind)>, ReadError> {
    let mut dir = rustix::fs::Dir::read_from(&fd).map_err(|e| ReadError::Io(e.into()))?;
    let mut out = Vec::new();
    while let Some(entry) = dir.read() {
        let entry = entry.map_err(|e| ReadError::Io(e.into()))?;
        let Ok(name) = entry.file_name().to_str() else {
            continue;
        };
        if name == "." || name == ".." {
            continue;
        }
        let kind = match entry.file_type() {
            FileType::Unknown => match rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(s) => Kind::of(FileType::from_raw_mode(s.st_mode)),
                Err(_) => continue,
            },
            t => Kind::of(t),
        };
        out.push((name.to_string(), kind));
    }
    Ok(out)
}

/// Creates a temporary file in the open folder `dir`, filled by `write`.
fn temp_in(
    dir: OwnedFd,
    mode: Option<u32>,
    durable: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<Temp> {
    // Read and write: the file placed is read back (a cache, a copy
    // across file systems) through this descriptor.
    let flags = OFlags::RDWR | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut attempt = 0u32;
    let (fd, name) = loop {
        let name = format!(".reg-{}-{:08x}.tmp", std::process::id(), random());
        match rustix::fs::openat(&dir, name.as_str(), flags, Mode::from_raw_mode(0o666)) {
            Ok(fd) => break (fd, name),
            Err(Errno::EXIST) if attempt < 16 => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    };
    let mut temp = Temp {
        dir,
        name,
        file: File::from(fd),
        placed: false,
        durable,
    };
    // Held until the file is closed, by this process or its death: another
    // `reg` settling a killed write leaves a file held alone. A cache is
    // written into its temporary file for as long as the folders take to
    // read, with no write lock. Where the file system has no locks, the
    // file goes unguarded, as before they were taken.
    let _ = rustix::fs::flock(&temp.file, FlockOperation::NonBlockingLockExclusive);
    if let Some(mode) = mode {
        rustix::fs::fchmod(&temp.file, Mode::from_raw_mode(mode & 0o7777))?;
    }
    write(&mut temp.file)?;
    if durable {
        temp.file.sync_all()?;
    }
    Ok(temp)
}

/// A number unlikely to repeat between calls, for temporary names.
fn random() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    #[allow(clippy::cast_possible_truncation)]
    let n = h.finish() as u32;
    n
}

/// Flushes a folder so renames and removals in it survive a crash.
fn sync(dir: &OwnedFd) {
    // Some file systems cannot flush a folder; the rename is still atomic.
    let _ = rustix::fs::fsync(dir);
}

/// The normal components of a relative path; anything else (`..`, `/`,
/// `.`) is refused, so no path can climb out of the root.
fn parts(rel: &Path) -> Result<Vec<&OsStr>, ReadError> {
    rel.components()
        .map(|c| match c {
            Component::Normal(p) => Ok(p),
            _ => Err(ReadError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a path inside the registry", rel.display()),
            ))),
        })
        .collect()
}

/// A path's last component and the folders before it.
fn split(rel: &Path) -> io::Result<(&OsStr, PathBuf)> {
    let p = parts(rel).map_err(ReadError::into_io)?;
    let (last, dirs) = p
        .split_last()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "an empty path"))?;
    Ok((last, dirs.iter().collect()))
}

/// Opens `rel` under `base` without following a link at any component.
///
/// # Errors
///
/// [`ReadError::Link`] or [`ReadError::Special`] naming the component in
/// the way, else the operating system's error.
pub fn open_beneath(
    base: BorrowedFd<'_>,
    rel: &Path,
    flags: OFlags,
    mode: Mode,
) -> Result<OwnedFd, ReadError> {
    let parts = parts(rel)?;
    let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY;
    if OPENAT2.load(Ordering::Relaxed) {
        let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
        for _ in 0..8 {
            match rustix::fs::openat2(base, rel, flags, mode, how) {
                Ok(fd) => return Ok(fd),
                // The kernel asks to retry when a rename raced the walk.
                Err(Errno::AGAIN) => {}
                Err(Errno::NOSYS | Errno::PERM) => {
                    OPENAT2.store(false, Ordering::Relaxed);
                    break;
                }
                Err(Errno::LOOP | Errno::XDEV | Errno::NOTDIR) => {
                    return Err(explain(base, &parts, Errno::LOOP));
                }
                Err(e) => return Err(ReadError::Io(e.into())),
            }
        }
    }
    let Some((last, dirs)) = parts.split_last() else {
        return rustix::fs::openat(base, ".", flags, mode).map_err(|e| ReadError::Io(e.into()));
    };
    let mut owned: Option<OwnedFd> = None;
    for dir in dirs {
        let at = owned.as_ref().map_or(base, AsFd::as_fd);
        let next = rustix::fs::openat(
            at,
            *dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| match e {
            Errno::LOOP | Errno::NOTDIR => explain(base, &parts, e),
            e => ReadError::Io(e.into()),
        })?;
        owned = Some(next);
    }
    let at = owned.as_ref().map_or(base, AsFd::as_fd);
    rustix::fs::openat(at, *last, flags, mode).map_err(|e| match e {
        Errno::LOOP | Errno::NOTDIR => explain(base, &parts, e),
        e => ReadError::Io(e.into()),
    })
}

/// Says which component of `parts` is a link or not a folder.
fn explain(base: BorrowedFd<'_>, parts: &[&OsStr], fallback: Errno) -> ReadError {
    let mut so_far = PathBuf::new();
    for (i, part) in parts.iter().enumerate() {
        so_far.push(part);
        let Ok(stat) = rustix::fs::statat(base, &so_far, AtFlags::SYMLINK_NOFOLLOW) else {
            break;
        };
        let shown = crate::root::display_rel(&so_far);
        match Kind::of(FileType::from_raw_mode(stat.st_mode)) {
            Kind::Link => return ReadError::Link(shown),
            Kind::Special(what) => return ReadError::Special(shown, what),
            Kind::File if i + 1 < parts.len() => {
                return ReadError::Io(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{shown} is a file, not a folder"),
                ));
            }
            _ => {}
        }
    }
    ReadError::Io(fallback.into())
}

/// Opens a regular file under `base` for reading: `O_NONBLOCK` so a FIFO
/// cannot block the open, then `fstat` so nothing but a regular file is
/// ever read. Returns what that `fstat` said, so a caller that needs the
/// file's size or times asks the kernel once, not again by path.
///
/// # Errors
///
/// When it is missing, reached through a link, or not a regular file.
pub fn open_regular_beneath(
    base: BorrowedFd<'_>,
    rel: &Path,
) -> Result<(File, rustix::fs::Stat), ReadError> {
    let fd = open_beneath(base, rel, OFlags::RDONLY | OFlags::NONBLOCK, Mode::empty())?;
    let stat = rustix::fs::fstat(&fd).map_err(|e| ReadError::Io(e.into()))?;
    match Kind::of(FileType::from_raw_mode(stat.st_mode)) {
        Kind::File => Ok((File::from(fd), stat)),
        Kind::Special(what) => Err(ReadError::Special(crate::root::display_rel(rel), what)),
        Kind::Dir | Kind::Link => Err(ReadError::NotAFile),
    }
}

/// [`open_regular_beneath`] without the file's `fstat`.
///
/// # Errors
///
/// As [`open_regular_beneath`].
pub fn open_file_beneath(base: BorrowedFd<'_>, rel: &Path) -> Result<File, ReadError> {
    open_regular_beneath(base, rel).map(|(file, _)| file)
}

/// Reads a regular file under `base` as text, with what `fstat` said of it
/// when it was opened (before it was read).
///
/// # Errors
///
/// As [`open_file_beneath`], and for files too large or not UTF-8.
pub fn read_stat_beneath(
    base: BorrowedFd<'_>,
    rel: &Path,
) -> Result<(String, rustix::fs::Stat), ReadError> {
    let (file, stat) = open_regular_beneath(base, rel)?;
    let len = u64::try_from(stat.st_size).unwrap_or(0);
    crate::text::read_regular_text(file, len).map(|text| (text, stat))
}

/// Reads a regular file under `base` as text.
///
/// # Errors
///
/// As [`open_file_beneath`], and for files too large or not UTF-8.
pub fn read_text_beneath(base: BorrowedFd<'_>, rel: &Path) -> Result<String, ReadError> {
    read_stat_beneath(base, rel).map(|(text, _)| text)
}

/// A path relative to the root, written with `/` whatever the platform.
#[must_use]
pub fn display_rel(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (tempfile::TempDir, Root) {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.yaml"), "password: hunter2\n").unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("definitions/real")).unwrap();
        std::fs::write(root.join("definitions/real/1.0.0.yaml"), "a: 1\n").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("definitions/linked")).unwrap();
        std::os::unix::fs::symlink(
            outside.join("secret.yaml"),
            root.join("definitions/real/2.0.0.yaml"),
        )
        .unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            root.join("definitions/real/3.0.0.yaml"),
            FileType::Fifo,
            Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
        let r = Root::open(&root).unwrap();
        (dir, r)
    }

    #[test]
    fn reads_only_regular_files_beneath_the_root() {
        let (_dir, root) = fixture();
        assert_eq!(
            root.read_text(Path::new("definitions/real/1.0.0.yaml"))
                .unwrap(),
            "a: 1\n"
        );
        for (path, blocked) in [
            ("definitions/linked/secret.yaml", "definitions/linked"),
            ("definitions/real/2.0.0.yaml", "definitions/real/2.0.0.yaml"),
        ] {
            match root.read_text(Path::new(path)) {
                Err(ReadError::Link(at)) => assert_eq!(at, blocked),
                other => panic!("{path}: {other:?}"),
            }
        }
        match root.read_text(Path::new("definitions/real/3.0.0.yaml")) {
            Err(ReadError::Special(at, what)) => {
                assert_eq!(
                    (at.as_str(), what),
                    ("definitions/real/3.0.0.yaml", "a FIFO")
                );
            }
            other => panic!("{other:?}"),
        }
        for bad in ["../outside/secret.yaml", "/etc/passwd", "definitions/../.."] {
            assert!(root.read_text(Path::new(bad)).is_err(), "{bad}");
        }
        assert_eq!(
            root.kind(Path::new("definitions/linked")).unwrap(),
            Some(Kind::Link)
        );
        assert!(matches!(
            root.kind(Path::new("definitions/linked/secret.yaml")),
            Err(ReadError::Link(_))
        ));
        let mut listed = root.list(Path::new("definitions/real")).unwrap();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            listed,
            vec![
                ("1.0.0.yaml".to_string(), Kind::File),
                ("2.0.0.yaml".to_string(), Kind::Link),
                ("3.0.0.yaml".to_string(), Kind::Special("a FIFO")),
            ]
        );
    }

    #[test]
    fn the_fallback_walk_refuses_the_same_links() {
        let (_dir, root) = fixture();
        let base = root.dir.as_fd();
        // What the kernel without openat2 would see.
        OPENAT2.store(false, Ordering::Relaxed);
        let linked = open_file_beneath(base, Path::new("definitions/linked/secret.yaml"));
        let leaf = open_file_beneath(base, Path::new("definitions/real/2.0.0.yaml"));
        let fifo = open_file_beneath(base, Path::new("definitions/real/3.0.0.yaml"));
        let good = open_file_beneath(base, Path::new("definitions/real/1.0.0.yaml"));
        OPENAT2.store(true, Ordering::Relaxed);
        assert!(matches!(linked, Err(ReadError::Link(p)) if p == "definitions/linked"));
        assert!(matches!(leaf, Err(ReadError::Link(_))));
        assert!(matches!(fifo, Err(ReadError::Special(_, "a FIFO"))));
        assert!(good.is_ok());
    }

    #[test]
    fn writes_never_pass_through_a_link() {
        let (dir, root) = fixture();
        let mut t = root.temp(Path::new(".reg"), b"x: 1\n", None).unwrap();
        let err = root
            .place(&mut t, Path::new("definitions/linked/2.0.0.yaml"))
            .unwrap_err();
        assert!(err.to_string().contains("not a real folder"), "{err}");
        drop(t);
        assert!(!dir.path().join("outside/2.0.0.yaml").exists());
        assert!(
            root.remove(Path::new("definitions/linked/secret.yaml"))
                .is_err()
        );
        assert!(dir.path().join("outside/secret.yaml").exists());
        let mut t = root.temp(Path::new(".reg"), b"x: 1\n", None).unwrap();
        root.place(&mut t, Path::new("definitions/new/1.0.0.yaml"))
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("root/definitions/new/1.0.0.yaml")).unwrap(),
            "x: 1\n"
        );
        // Nothing but the placed file is left in the temporary folder.
        assert!(root.list(Path::new(".reg")).unwrap().is_empty());
        // A cache is read back through the descriptor that wrote it.
        let mut t = root
            .temp_with(Path::new(".reg"), |f| f.write_all(b"cached"))
            .unwrap();
        root.place(&mut t, Path::new(".reg/index")).unwrap();
        let mut file = t.file().unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let mut back = String::new();
        std::io::Read::read_to_string(&mut file, &mut back).unwrap();
        assert_eq!(back, "cached");
    }

    #[test]
    fn a_temporary_file_being_written_is_not_taken_for_a_leftover() {
        let (dir, root) = fixture();
        let reg = Path::new(".reg");
        let live = root.temp_with(reg, |_| Ok(())).unwrap();
        let names = |root: &Root| -> Vec<String> {
            root.list(reg)
                .unwrap()
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        let [live_name] = names(&root).try_into().unwrap();
        // What a killed `reg` leaves: a file no one holds.
        std::fs::write(dir.path().join("root/.reg/.reg-1-dead.tmp"), "half").unwrap();
        let dead = reg.join(".reg-1-dead.tmp");
        assert!(root.temp_in_use(&reg.join(&live_name)));
        assert!(!root.temp_in_use(&dead));
        assert!(!root.temp_in_use(&reg.join("missing.tmp")));
        root.remove_left_temp(&reg.join(&live_name)).unwrap();
        root.remove_left_temp(&dead).unwrap();
        assert_eq!(names(&root), std::slice::from_ref(&live_name));
        // The lock is the writer's descriptor's: once it is closed (the
        // writer killed), the same file under a second name is a leftover.
        let at = |n: &str| dir.path().join("root/.reg").join(n);
        std::fs::hard_link(at(&live_name), at(".reg-2-killed.tmp")).unwrap();
        let killed = reg.join(".reg-2-killed.tmp");
        assert!(root.temp_in_use(&killed));
        drop(live);
        assert!(!root.temp_in_use(&killed));
        root.remove_left_temp(&killed).unwrap();
        assert!(names(&root).is_empty());
    }
}

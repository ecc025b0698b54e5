//! What `reg` accepts as a file's text, and why a file could not be read:
//! UTF-8, at most [`MAX_FILE_BYTES`], a leading byte-order mark dropped.
//! The registry's own files are opened through [`crate::root`]; a file the
//! user names is opened here. Nothing here parses: [`crate::yaml`] does.

use std::path::Path;

/// The largest YAML file `reg` reads. Definitions are a few kilobytes; this
/// leaves room for very large schemas while refusing a runaway file before it
/// is read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused.
    Io(std::io::Error),
    /// The file is bigger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// Not a regular file (a folder).
    NotAFile,
    /// A symbolic link at this path (relative to the root), never followed.
    Link(String),
    /// A FIFO, socket or device at this path, never read.
    Special(String, &'static str),
}

impl ReadError {
    /// The finding code for this reason.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::TooLarge(_) => "file-too-large",
            ReadError::NotUtf8 { .. } => "not-utf8",
            ReadError::NotAFile => "not-a-file",
            ReadError::Link(_) => "symlink",
            ReadError::Special(..) => "special-file",
            ReadError::Io(_) => "unreadable",
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {n} bytes; reg reads files of at most {MAX_FILE_BYTES} bytes"
            ),
            ReadError::NotUtf8 { offset } => {
                write!(f, "the file is not UTF-8 (bad byte at offset {offset})")
            }
            ReadError::NotAFile => write!(f, "not a regular file"),
            ReadError::Link(at) => write!(
                f,
                "{at} is a symbolic link; reg reads and writes only real files and folders inside the registry"
            ),
            ReadError::Special(at, what) => {
                write!(f, "{at} is {what}, not a regular file; reg never reads it")
            }
        }
    }
}

/// Reads a file the user named (not one of the registry's, which are read
/// through [`crate::root`]), refusing oversized and non-UTF-8 files. A pipe
/// is fine (`reg register <(generate)`): what the user names is theirs.
///
/// # Errors
///
/// Returns the reason the file cannot be used as text.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::NotAFile);
    }
    if meta.is_file() {
        return read_regular_text(file, meta.len());
    }
    bounded_text(file, 0)
}

/// Reads at most [`MAX_FILE_BYTES`] as UTF-8 text (bounded even if the
/// file grows while it is read); a leading byte-order mark is dropped.
fn bounded_text(reader: impl std::io::Read, expected: usize) -> Result<String, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(expected);
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads a regular file already open, whose size was found to be `len`, as
/// text.
///
/// # Errors
///
/// Returns the reason the file cannot be used as text.
pub fn read_regular_text(file: std::fs::File, len: u64) -> Result<String, ReadError> {
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    bounded_text(file, usize::try_from(len).unwrap_or(0))
}

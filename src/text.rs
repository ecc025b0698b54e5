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
    text_of(bytes)
}

/// The text of `bytes`, read from a file: UTF-8 of at most
/// [`MAX_FILE_BYTES`], without a leading byte-order mark.
fn text_of(bytes: Vec<u8>) -> Result<String, ReadError> {
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
pub fn read_regular_text(mut file: std::fs::File, len: u64) -> Result<String, ReadError> {
    use std::io::Read;
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    let len = usize::try_from(len).unwrap_or(0);
    // One byte more than the file should hold is asked for: when exactly
    // `len` come back, the file ends where its size said, and the read
    // that would return nothing is not made (a cold read of a large
    // registry made one per file: a sixth of its system calls). A file
    // that grew, or a short read, goes on to the end as any reader does.
    let mut bytes = vec![0; len + 1];
    let got = loop {
        match file.read(&mut bytes) {
            Ok(n) => break n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ReadError::Io(e)),
        }
    };
    bytes.truncate(got);
    if got == len {
        return text_of(bytes);
    }
    file.take(MAX_FILE_BYTES + 1 - got as u64)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    text_of(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_regular_text` with the size `fstat` is said to have given:
    /// the file as it is when read, whatever that size said.
    fn read_as_if(text: &str, len: u64) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, text).unwrap();
        read_regular_text(std::fs::File::open(&path).unwrap(), len).unwrap()
    }

    #[test]
    fn a_file_is_read_whole_whatever_its_size_said() {
        let text = "name: a\nversion: 1.0.0\n".repeat(300);
        let len = text.len() as u64;
        // As it was stat'ed; grown since (the rest is read too); shrunk
        // since; empty when stat'ed.
        for said in [len, len - 100, len + 100, 0] {
            assert_eq!(read_as_if(&text, said), text, "size said: {said}");
        }
        assert_eq!(read_as_if("", 0), "");
        assert_eq!(read_as_if("\u{feff}a: 1\n", 7), "a: 1\n");
    }

    #[test]
    fn a_file_that_grew_past_the_limit_is_refused_not_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(
            &path,
            vec![b'a'; usize::try_from(MAX_FILE_BYTES).unwrap() + 10],
        )
        .unwrap();
        let read = read_regular_text(std::fs::File::open(&path).unwrap(), 10);
        assert!(matches!(read, Err(ReadError::TooLarge(_))), "{read:?}");
    }
}

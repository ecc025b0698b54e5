//! The one loader for YAML data: size-limited reading, then parsing into
//! JSON values with serde_yaml_ng (a maintained fork of the deprecated
//! serde_yaml, which rejects alias bombs and deep nesting before they cost
//! anything).

use std::path::Path;

use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// The largest YAML file `reg` reads. Definitions are a few kilobytes; this
/// leaves room for very large schemas while refusing a runaway file before it
/// is read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A YAML document that could not be turned into data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
}

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
    /// Not a regular file (a folder, a device, a symbolic link leaving the tree).
    NotAFile,
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
        }
    }
}

/// Reads a text file, refusing oversized, non-UTF-8 and non-regular files.
/// A leading byte-order mark is dropped.
///
/// # Errors
///
/// Returns the reason the file cannot be used as text.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Bounded even if the file grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
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

/// Reads standard input or a file named by the user (`-` is standard input).
///
/// # Errors
///
/// Fails when the input cannot be read or is not text.
pub fn read_input(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        use std::io::Read;
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| Error::io("read", "standard input", e))?;
        return Ok(text);
    }
    read_text(path).map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => Error::NotFound {
            message: format!("no file {}", path.display()),
            suggestions: Vec::new(),
            help: None,
        },
        ReadError::Io(e) => Error::io("read", path, e),
        other => Error::usage(format!("cannot read {}: {other}", path.display()), None),
    })
}

/// Parses one YAML document (JSON is YAML too) into a JSON value.
///
/// Duplicate keys, tags, non-string keys, several documents and numbers JSON
/// cannot hold are errors: the data must mean the same to every tool.
///
/// # Errors
///
/// Returns what is wrong and where.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    // Only text with a `!` can carry a tag; the extra scan costs nothing otherwise.
    if text.contains('!') {
        reject_tags(text)?;
    }
    let strict: Strict = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        ParseError {
            message: e.to_string(),
            line,
            column,
        }
    })?;
    Ok(strict.0)
}

/// Refuses any YAML tag (`!!python/object`, `!Thing`): data means the
/// same to every tool only without them.
fn reject_tags(text: &str) -> Result<(), ParseError> {
    use saphyr_parser::{Event, Parser};
    for event in Parser::new_from_str(text) {
        // Syntax errors are left to the data loader, which words them better.
        let Ok((event, span)) = event else {
            return Ok(());
        };
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, tag)
            | Event::MappingStart(_, tag) => tag.as_ref(),
            _ => None,
        };
        if let Some(tag) = tag {
            return Err(ParseError {
                message: format!(
                    "the YAML tag `{}{}` is not allowed: reg reads plain data only",
                    tag.handle, tag.suffix
                ),
                line: span.start.line(),
                column: span.start.col() + 1,
            });
        }
    }
    Ok(())
}

/// A JSON value read straight from YAML events, with the rules `reg` adds:
/// duplicate keys and tags are errors, scalar keys become strings, and
/// numbers must be finite. Going straight to JSON, rather than through a
/// YAML value first, halves the allocations of every load.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("plain YAML data")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{v} is not a number JSON can hold")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Key(key)) = map.next_key()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            let Strict(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, _: A) -> Result<Value, A::Error> {
        Err(serde::de::Error::custom(
            "YAML tags are not allowed: reg reads plain data only",
        ))
    }
}

/// A mapping key: strings as they are, other scalars (`200:`, `true:`) as
/// their text, anything else refused.
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = String;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key that is a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_string<E>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_bool<E>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_i64<E>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
        }
        d.deserialize_any(V).map(Key)
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
#[must_use]
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Serializes data as YAML the way `reg` writes its files.
///
/// # Errors
///
/// Fails only for values YAML cannot represent, which `reg` never builds.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_yaml::to_string(value).map_err(|e| Error::Environment {
        message: format!("cannot serialize YAML: {e}"),
        help: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yaml_into_json() {
        let v = parse("a: 1\nb: [x, true]\nc: {d: 1.5}\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": ["x", true], "c": {"d": 1.5}})
        );
    }

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let e = parse("a: 1\nb: [\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn refuses_duplicate_keys_tags_and_alias_bombs() {
        assert!(
            parse("a: 1\na: 2\n")
                .unwrap_err()
                .message
                .contains("duplicate")
        );
        assert!(parse("a: !Thing 1\n").unwrap_err().message.contains("tag"));
        let e = parse("a: 1\nb: !!python/object:os.system x\n").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        assert_eq!(
            parse("a: 'wow!'\n").unwrap(),
            serde_json::json!({"a": "wow!"})
        );
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n\
                    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        assert!(parse(bomb).is_err());
        assert!(parse(&"[".repeat(100_000)).is_err());
    }
}

//! The one loader for YAML data: a file's text (as [`crate::text`] reads
//! it) parsed into JSON values, by the fast reader of the block style `reg`
//! writes ([`canonical`]) when it can, else by the full one; and the one
//! writer.
//!
//! Reading builds JSON straight from saphyr-parser's events with an explicit
//! stack and an alias budget (see [`parse`]): twice as fast as going through
//! serde_yaml_ng, with the same protections (the parser refuses deep nesting
//! instead of recursing; aliases cannot expand without bound). Writing uses
//! serde_yaml_ng, the maintained fork of the deprecated serde_yaml, so files
//! come out in the block style people expect.

use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

pub mod canonical;

use crate::error::{Error, Result};
use crate::text::{MAX_FILE_BYTES, ReadError, read_text};
pub use canonical::Skip;

/// How a parsed file becomes its typed data.
pub trait Decode: serde::de::DeserializeOwned {
    /// Decodes `raw`, the file as parsed.
    ///
    /// # Errors
    ///
    /// When a value has the wrong type.
    fn decode(raw: &Value) -> std::result::Result<Self, serde_json::Error> {
        Self::deserialize(raw)
    }
}

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

/// Reads standard input or a file named by the user (`-` is standard input).
///
/// # Errors
///
/// Fails when the input cannot be read or is not text.
pub fn read_input(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("read", "standard input", e))?;
        // Over the limit is an error, never a truncated document.
        let problem = if bytes.len() as u64 > MAX_FILE_BYTES {
            Some(ReadError::TooLarge(bytes.len() as u64))
        } else {
            None
        };
        let text = match problem {
            Some(e) => Err(e),
            None => String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        };
        return text
            .map(|t| t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t))
            .map_err(|e| input_error(Path::new("<stdin>"), e));
    }
    read_text(path).map_err(|e| input_error(path, e))
}

/// The error for an input file the user named that cannot be used.
fn input_error(path: &Path, e: ReadError) -> Error {
    let code = match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Error::NotFound {
                message: format!("no file {}", path.display()),
                suggestions: Vec::new(),
                help: None,
            };
        }
        ReadError::Io(e) => return Error::io("read", path, e),
        ref other => other.code(),
    };
    let file = path.display().to_string();
    let mut report = crate::finding::Report {
        files: 1,
        ..crate::finding::Report::default()
    };
    report.add(
        vec![crate::finding::Finding::error(
            &file,
            "",
            "file",
            code,
            e.to_string(),
        )],
        None,
    );
    Error::Invalid(report)
}

/// Parses one YAML document (JSON is YAML too) into a JSON value.
///
/// Duplicate keys, tags, complex keys, several documents and numbers JSON
/// cannot hold are errors: the data must mean the same to every tool.
/// Plain scalars follow the YAML 1.2 core schema (`yes` stays a string).
///
/// The value is built from saphyr's event parser with an explicit stack, so
/// nesting costs no recursion and stops at [`MAX_DEPTH`] levels, and
/// aliases may expand to at most [`MAX_ALIAS_NODES`] nodes in all, which
/// stops "billion laughs" documents early.
///
/// # Errors
///
/// Returns what is wrong and where.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    parse_without(text, None)
}

/// Like [`parse`], but the value of one top-level key, when it is a
/// mapping or a list, comes back empty: on the fast path it is checked
/// without being built, or for a proven text passed over unread
/// ([`Skip`]); the full parser checks everything.
///
/// # Errors
///
/// Exactly when [`parse`] fails (for a text skipped with
/// [`Skip::PassOver`], only a text that is truly proven is known to parse).
pub fn parse_without(text: &str, skip: Option<Skip<'_>>) -> Result<Value, ParseError> {
    // The fast reader refuses any control character itself, so a text it
    // reads is not scanned twice.
    if let Some(v) = canonical::parse_without(text, skip) {
        return Ok(v);
    }
    // YAML allows no C0 control characters but tab and line breaks, and a
    // NUL in particular must not reach anything that treats strings as C
    // strings. DEL and C1 are left to the parser: YAML 1.2 (§5.1) accepts
    // every non-C0 character inside quoted scalars, for JSON's sake.
    if let Some((i, c)) = find_c0(text) {
        let line = text[..i].matches('\n').count() + 1;
        let column = text[..i].rfind('\n').map_or(i, |nl| i - nl - 1) + 1;
        return Err(ParseError {
            message: format!("the control character {c:?} is not allowed in YAML"),
            line,
            column,
        });
    }
    let mut v = Builder::default().run(text)?;
    if let Some(key) = skip.map(Skip::name)
        && let Some(slot) = v.get_mut(key)
    {
        match slot {
            Value::Object(m) => m.clear(),
            Value::Array(a) => a.clear(),
            _ => {}
        }
    }
    Ok(v)
}

/// The first control character (Unicode `Cc`: C0, DEL, C1) in `text` other
/// than line feed: where the fast reader hands over to the full parser.
///
/// Every file read goes through this, so it scans bytes: C1 is encoded in
/// UTF-8 as `0xC2 0x80..=0x9F`.
#[must_use]
pub fn find_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let suspect = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7f || b == 0xc2;
    // Whole chunks without early exit, so the compiler can vectorize.
    let clean = bytes
        .chunks(64)
        .all(|c| !c.iter().fold(false, |hit, &b| hit | suspect(b)));
    if clean {
        return None;
    }
    text.char_indices()
        .find(|&(_, c)| c.is_control() && c != '\n')
}

/// The first C0 control character in `text` other than tab, line feed and
/// carriage return.
fn find_c0(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let suspect = |b: u8| b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r');
    // Whole chunks without early exit, so the compiler can vectorize.
    if bytes
        .chunks(64)
        .all(|c| !c.iter().fold(false, |hit, &b| hit | suspect(b)))
    {
        return None;
    }
    bytes
        .iter()
        .position(|&b| suspect(b))
        .map(|i| (i, char::from(bytes[i])))
}

/// How many nodes all aliases of one document may expand to.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// How many bytes of keys and strings all aliases of one document may
/// expand to: one long string repeated by aliases is a bomb with few nodes.
pub const MAX_ALIAS_BYTES: usize = 4 * 1024 * 1024;

/// How deep mappings and lists may nest. Real files nest a dozen levels;
/// the limit keeps every later recursive walk (validation, drop) far from
/// the stack's end, on any thread.
pub const MAX_DEPTH: usize = 128;

/// A container being filled.
enum Open {
    Seq(Vec<Value>, usize),
    Map(Map<String, Value>, Option<(String, Span)>, usize),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    /// Each anchor's value with its size in nodes and bytes, counted once.
    anchors: std::collections::HashMap<usize, (Value, usize, usize)>,
    alias_nodes: usize,
    alias_bytes: usize,
    documents: usize,
    root: Option<Value>,
}

fn error_at(message: impl Into<String>, span: Span) -> ParseError {
    ParseError {
        message: message.into(),
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

impl Builder {
    fn run(mut self, text: &str) -> Result<Value, ParseError> {
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| {
                let (line, column) = (e.marker().line(), e.marker().col() + 1);
                if e.info().contains("recursion limit") {
                    return ParseError {
                        message: format!("the document nests deeper than {MAX_DEPTH} levels"),
                        line,
                        column,
                    };
                }
                // The scanner meets a tab at the end of what it was reading;
                // the tab a person must remove is in a line's indentation.
                if e.info().contains("tab")
                    && let Some((l, c)) = indentation_tab(text, line)
                {
                    return ParseError {
                        message: "a tab in the indentation: YAML indents with spaces only".into(),
                        line: l,
                        column: c,
                    };
                }
                ParseError {
                    message: e.info().to_string(),
                    line,
                    column,
                }
            })?;
            match event {
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(error_at(
                            "a file holds one YAML document; this is a second one",
                            span,
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    if let Some(tag) = tag {
                        return Err(tag_error(&tag, span));
                    }
                    let plain = style == ScalarStyle::Plain;
                    if let Some(Open::Map(_, key @ None, _)) = self.stack.last_mut() {
                        // A plain `<<` is YAML 1.1's merge key: taken as a
                        // literal key it would silently drop what it merges.
                        if plain && value == "<<" {
                            return Err(error_at(
                                "YAML merge keys (`<<`) are not supported: write the merged keys out",
                                span,
                            ));
                        }
                        *key = Some((value.into_owned(), span));
                        continue;
                    }
                    let v = if plain {
                        resolve_plain(&value, span)?
                    } else {
                        Value::String(value.into_owned())
                    };
                    self.value(v, anchor)?;
                }
                Event::Alias(id) => {
                    let (nodes, bytes) = self
                        .anchors
                        .get(&id)
                        .map(|(_, n, b)| (*n, *b))
                        .ok_or_else(|| {
                            error_at("an alias to an anchor that is not defined", span)
                        })?;
                    // Counted before anything is copied.
                    self.alias_nodes += nodes;
                    self.alias_bytes += bytes;
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        return Err(error_at(
                            format!(
                                "aliases expand to more than {MAX_ALIAS_NODES} nodes; reg refuses documents that grow like this"
                            ),
                            span,
                        ));
                    }
                    if self.alias_bytes > MAX_ALIAS_BYTES {
                        return Err(error_at(
                            format!(
                                "aliases expand to more than {MAX_ALIAS_BYTES} bytes; reg refuses documents that grow like this"
                            ),
                            span,
                        ));
                    }
                    let v = self.anchors[&id].0.clone();
                    if let Some(Open::Map(_, None, _)) = self.stack.last() {
                        return Err(error_at(
                            "a key that is not a string (an alias) cannot be read as data",
                            span,
                        ));
                    }
                    self.value(v, 0)?;
                }
                Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                    if let Some(tag) = tag {
                        return Err(tag_error(tag, span));
                    }
                    if let Some(Open::Map(_, None, _)) = self.stack.last() {
                        return Err(error_at(
                            "a key that is not a string cannot be read as data",
                            span,
                        ));
                    }
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(error_at(
                            format!("the document nests deeper than {MAX_DEPTH} levels"),
                            span,
                        ));
                    }
                    let is_seq = matches!(event, Event::SequenceStart(..));
                    self.stack.push(if is_seq {
                        Open::Seq(Vec::new(), anchor)
                    } else {
                        Open::Map(Map::new(), None, anchor)
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (v, anchor) = match self.stack.pop() {
                        Some(Open::Seq(items, anchor)) => (Value::Array(items), anchor),
                        Some(Open::Map(map, _, anchor)) => (Value::Object(map), anchor),
                        None => return Err(error_at("unbalanced YAML structure", span)),
                    };
                    self.value(v, anchor)?;
                }
                _ => {}
            }
        }
        Ok(self.root.unwrap_or(Value::Null))
    }

    /// Places a finished value in its parent (or as the document).
    fn value(&mut self, v: Value, anchor: usize) -> Result<(), ParseError> {
        if anchor > 0 {
            let (nodes, bytes) = size(&v);
            self.anchors.insert(anchor, (v.clone(), nodes, bytes));
        }
        match self.stack.last_mut() {
            None => self.root = Some(v),
            Some(Open::Seq(items, _)) => items.push(v),
            Some(Open::Map(map, key, _)) => {
                let (k, at) = key.take().expect("keys are taken before values");
                if map.contains_key(&k) {
                    // At the key that repeats, not at its value.
                    return Err(error_at(format!("duplicate key `{k}`"), at));
                }
                map.insert(k, v);
            }
        }
        Ok(())
    }
}

/// The first tab in a line's indentation at or after line `from` (else
/// anywhere), as 1-based line and column.
fn indentation_tab(text: &str, from: usize) -> Option<(usize, usize)> {
    let found = |(i, l): (usize, &str)| {
        let lead = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
        lead.find('\t').map(|c| (i + 1, c + 1))
    };
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(found)
        .or_else(|| text.lines().enumerate().find_map(found))
}

fn tag_error(tag: &Tag, span: Span) -> ParseError {
    error_at(
        format!(
            "the YAML tag `{}{}` is not allowed: reg reads plain data only",
            tag.handle, tag.suffix
        ),
        span,
    )
}

/// A value's size in nodes and in bytes of keys and strings.
fn size(v: &Value) -> (usize, usize) {
    match v {
        Value::Array(items) => items
            .iter()
            .map(size)
            .fold((1, 0), |(n, b), (n2, b2)| (n + n2, b + b2)),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let (n, b) = size(v);
                (n, b + k.len())
            })
            .fold((1, 0), |(n, b), (n2, b2)| (n + n2, b + b2)),
        Value::String(s) => (1, s.len()),
        _ => (1, 8),
    }
}

/// The YAML 1.2 core schema for plain scalars: null, booleans, integers
/// (decimal, `0o`, `0x`), floats; anything else is a string.
fn resolve(s: &str) -> Result<Value, String> {
    Ok(resolve_typed(s)?.unwrap_or_else(|| Value::String(s.to_string())))
}

/// Whether a plain scalar resolves without error, allocating nothing.
#[must_use]
#[inline]
pub fn plain_is_valid(s: &str) -> bool {
    !may_be_typed(s) || resolve_typed(s).is_ok()
}

/// Whether a plain scalar may be a null, boolean or number: only these
/// first bytes can begin one, and most scalars are words.
#[inline]
fn may_be_typed(s: &str) -> bool {
    s.as_bytes().first().is_none_or(|b| {
        matches!(
            b,
            b'0'..=b'9' | b'-' | b'+' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
        )
    })
}

/// [`resolve`], with `None` for a plain string.
fn resolve_typed(s: &str) -> Result<Option<Value>, String> {
    if !may_be_typed(s) {
        return Ok(None);
    }
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Some(Value::Null)),
        "true" | "True" | "TRUE" => return Ok(Some(Value::Bool(true))),
        "false" | "False" | "FALSE" => return Ok(Some(Value::Bool(false))),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return Err(format!("`{s}` is not a number JSON can hold"));
        }
        _ => {}
    }
    let digits = |t: &str, radix: u32| !t.is_empty() && t.chars().all(|c| c.is_digit(radix));
    let (sign, body) = match s.as_bytes()[0] {
        b'-' => (-1i128, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (1, s),
    };
    let int = if let Some(h) = s.strip_prefix("0x").filter(|h| digits(h, 16)) {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(o) = s.strip_prefix("0o").filter(|o| digits(o, 8)) {
        i128::from_str_radix(o, 8).ok()
    } else if digits(body, 10) {
        body.parse::<i128>().ok().map(|n| sign * n)
    } else {
        None
    };
    if let Some(n) = int {
        if let Ok(i) = i64::try_from(n) {
            return Ok(Some(Value::Number(i.into())));
        }
        if let Ok(u) = u64::try_from(n) {
            return Ok(Some(Value::Number(u.into())));
        }
        return Err(format!("`{s}` is too large for a JSON integer"));
    }
    if is_float(body)
        && let Ok(f) = s.parse::<f64>()
    {
        return Number::from_f64(f)
            .map(|n| Some(Value::Number(n)))
            .ok_or_else(|| format!("`{s}` is not a number JSON can hold"));
    }
    Ok(None)
}

/// A plain scalar as the full parser resolves it, or `None` where it would
/// report an error (the caller then lets the full parser say so).
#[must_use]
pub fn resolve_plain_text(s: &str) -> Option<Value> {
    resolve(s).ok()
}

fn resolve_plain(s: &str, span: Span) -> Result<Value, ParseError> {
    resolve(s).map_err(|m| error_at(m, span))
}

/// `[0-9]*(.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit before the exponent.
fn is_float(t: &str) -> bool {
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (whole, frac) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let ok_digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    let has_digit = !whole.is_empty() || frac.is_some_and(|f| !f.is_empty());
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && ok_digits(e)
    });
    has_digit
        && ok_digits(whole)
        && frac.is_none_or(ok_digits)
        && exp_ok
        && (frac.is_some() || exponent.is_some())
}

/// Escapes one JSON pointer segment (RFC 6901).
#[must_use]
pub fn escape_pointer(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1").into()
    } else {
        segment.into()
    }
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

    fn full(text: &str) -> Result<Value, ParseError> {
        Builder::default().run(text)
    }

    /// What [`parse_without`] promises: `key`'s mapping or list left empty.
    fn emptied(mut v: Value, key: &str) -> Value {
        match v.get_mut(key) {
            Some(Value::Object(m)) => m.clear(),
            Some(Value::Array(a)) => a.clear(),
            _ => {}
        }
        v
    }

    #[test]
    fn skipping_a_value_still_checks_it() {
        let good = "name: a\nconfigSchema:\n  type: object\n  properties:\n    x:\n      type: string\nz: 1\n";
        let v = parse_without(good, Some(Skip::Check("configSchema"))).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"name": "a", "configSchema": {}, "z": 1})
        );
        let list = "configSchema:\n- 1\n- a: 2\n";
        assert_eq!(
            parse_without(list, Some(Skip::Check("configSchema"))).unwrap(),
            serde_json::json!({"configSchema": []})
        );
        for bad in [
            "configSchema:\n  a: 1\n  a: 2\n",
            "configSchema:\n  a:\n  - .inf\n",
            "configSchema:\n  a: 99999999999999999999\n",
            "configSchema:\n  a: 'x'y'\n",
            "configSchema:\n  'a': 1\n  a: 2\n",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
            assert!(
                parse_without(bad, Some(Skip::Check("configSchema"))).is_err(),
                "{bad}"
            );
        }
        // Past the short list of keys the duplicate check keeps.
        let mut long = String::from("configSchema:\n");
        for i in 0..40 {
            long.push_str(&format!("  k{i}: {i}\n"));
        }
        assert!(parse_without(&long, Some(Skip::Check("configSchema"))).is_ok());
        long.push_str("  k3: again\n");
        assert!(parse_without(&long, Some(Skip::Check("configSchema"))).is_err());
    }

    #[test]
    fn pointer_segments_escape_tilde_then_slash() {
        assert_eq!(escape_pointer("apiKey"), "apiKey");
        assert!(matches!(
            escape_pointer("apiKey"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(escape_pointer("a/b~c"), "a~1b~0c");
        // `~1` in a name must not read back as `/`.
        assert_eq!(escape_pointer("~1"), "~01");
    }

    #[test]
    fn a_proven_text_is_passed_over_not_read() {
        // What makes trusting the proof necessary: the mapping is not read.
        assert_eq!(
            parse_without(
                "configSchema:\n  a: 1\n  a: 2\nz: 1\n",
                Some(Skip::PassOver("configSchema"))
            )
            .unwrap(),
            serde_json::json!({"configSchema": {}, "z": 1})
        );
        // What is not a block mapping is read as before.
        for text in [
            "configSchema:\n- 1\n",
            "configSchema:\n  - 1\n",
            "configSchema: 1\n",
            "configSchema:\nz: 1\n",
        ] {
            assert_eq!(
                parse_without(text, Some(Skip::PassOver("configSchema"))),
                parse_without(text, Some(Skip::Check("configSchema"))),
                "{text}"
            );
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_full_parser_on_every_file_here() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut fast = 0;
        for dir in ["registry", "tests/hostile"] {
            for e in walkdir::WalkDir::new(root.join(dir)) {
                let e = e.unwrap();
                if e.path().extension().is_none_or(|x| x != "yaml") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                if let Some(v) = canonical::parse(&text) {
                    fast += 1;
                    assert_eq!(Ok(v), full(&text), "{}", e.path().display());
                }
                for key in ["configSchema", "config", "name"] {
                    let without = parse_without(&text, Some(Skip::Check(key)));
                    assert_eq!(
                        without,
                        parse(&text).map(|v| emptied(v, key)),
                        "{} without {key}",
                        e.path().display()
                    );
                    if without.is_ok() {
                        assert_eq!(parse_without(&text, Some(Skip::PassOver(key))), without);
                    }
                }
            }
        }
        assert!(
            fast >= 38,
            "the fast path read only {fast} of the registry's files"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_never_disagrees(v in json_value()) {
            let text = serde_yaml::to_string(&v).unwrap();
            if let Some(fast) = canonical::parse(&text) {
                proptest::prop_assert_eq!(&fast, &full(&text).unwrap(), "{}", text);
            }
            if let Some(key) = v.as_object().and_then(|m| m.keys().next()) {
                proptest::prop_assert_eq!(
                    parse_without(&text, Some(Skip::Check(key))).unwrap(),
                    emptied(v.clone(), key),
                    "{} without {}", text, key
                );
                proptest::prop_assert_eq!(
                    parse_without(&text, Some(Skip::PassOver(key))).unwrap(),
                    emptied(v.clone(), key),
                    "{} proven, without {}", text, key
                );
            }
            proptest::prop_assert_eq!(parse(&text).unwrap(), v, "{}", text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Texts no serializer writes (odd indentation, indicators, quotes,
        /// colons and duplicate keys in every place): whatever the fast
        /// path reads, built or only checked, the full parser reads the same.
        #[test]
        fn the_fast_path_never_accepts_what_the_full_parser_reads_otherwise(
            lines in proptest::collection::vec(yamlish_line(), 1..12)
        ) {
            let text = format!("k:\n{}", lines.concat());
            if let Some(fast) = canonical::parse(&text) {
                proptest::prop_assert_eq!(Ok(fast), full(&text), "{}", text);
            }
            if let Some(fast) = canonical::parse_without(&text, Some(Skip::Check("k"))) {
                proptest::prop_assert_eq!(Ok(fast), full(&text).map(|v| emptied(v, "k")), "{} without k", text);
            }
        }
    }

    /// One line of YAML-like text under a top-level key: mostly the
    /// shapes `reg` writes, with now and then an indicator, a quote, a
    /// colon or a comment where it changes the meaning.
    fn yamlish_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let indent =
            prop_oneof![4 => Just("  "), 4 => Just("    "), 1 => Just(""), 1 => Just("   ")];
        let lead = prop_oneof![6 => Just(""), 3 => Just("- "), 1 => Just("-"), 1 => Just("- - ")];
        let word = || {
            prop_oneof![
                8 => prop_oneof![Just("a"), Just("b"), Just("c"), Just("1"), Just("x y"), Just("'q'"), Just("''"),
                                 Just("x #y"), Just("a:b"), Just("-a"), Just("'it''s'"), Just("'a'b'"), Just("~"), Just("0x1F")]
                    .prop_map(str::to_string),
                2 => proptest::string::string_regex(r#"[a-c0-9:#'"\-.|>{}\[\],&*!?%@`~][a-c0-9 :#'"\-.|>{}\[\],&*!?%@`~]{0,4}[a-c:'#]"#).unwrap(),
            ]
        };
        let body = prop_oneof![
            4 => (word(), word()).prop_map(|(k, v)| format!("{k}: {v}")),
            3 => word().prop_map(|k| format!("{k}:")),
            1 => word(),
            1 => Just("a: |".to_string()),
            1 => Just("a: |-".to_string()),
        ];
        (indent, lead, body).prop_map(|(i, l, b)| format!("{i}{l}{b}\n"))
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let text = || {
            proptest::string::string_regex(r#"[a-z0-9 :#'"\-\n.|>{}\[\],&*!?%@`~]{0,12}"#).unwrap()
        };
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            (-1e6f64..1e6)
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map(text(), inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let v = parse("a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5\nf: 1e3\ng: yes\nh: ~\ni: 'true'\nj: 1.0.0\nk: 18446744073709551615\nl: .5\n200: x\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": -2, "c": 31, "d": 15, "e": 1.5, "f": 1000.0, "g": "yes", "h": null,
                               "i": "true", "j": "1.0.0", "k": 18_446_744_073_709_551_615_u64, "l": 0.5, "200": "x"})
        );
        assert!(parse("a: .inf\n").is_err());
        assert!(parse("a: 99999999999999999999999\n").is_err());
    }

    #[test]
    fn anchors_and_aliases_within_limits() {
        assert_eq!(
            parse("a: &x {b: 1}\nc: *x\n").unwrap(),
            serde_json::json!({"a": {"b": 1}, "c": {"b": 1}})
        );
        assert!(
            parse("a: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .contains("second")
        );
        assert!(parse("? [a]\n: 1\n").is_err());
    }

    #[test]
    fn reads_json_as_yaml_1_2_does() {
        // Every non-C0 character is allowed inside quoted scalars (§5.1).
        let v = parse("{\"a\": \"caf\u{85}\u{9f}\u{7f}\"}").unwrap();
        assert_eq!(v["a"], "caf\u{85}\u{9f}\u{7f}");
        assert!(parse("a: \"x\u{1}\"\n").is_err(), "C0 stays refused");
    }

    #[test]
    fn merge_keys_are_refused_not_kept_as_a_key() {
        for text in [
            "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
            "other:\n  <<:\n    x: 1\n",
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains("merge keys"), "{e:?}");
            assert_eq!(
                e.line,
                if text.starts_with("base") { 3 } else { 2 },
                "{e:?}"
            );
        }
        // Quoted, it is an ordinary key.
        assert_eq!(parse("'<<': 1\n").unwrap(), serde_json::json!({"<<": 1}));
    }

    #[test]
    fn positions_point_at_what_to_fix() {
        let e = parse("a: 1\nb:\n  c: 1\n  d: 2\n\te: 3\n").unwrap_err();
        assert_eq!((e.line, e.column), (5, 1), "{e:?}");
        let e = parse("a: 1\nb:\n  c: [1,\n    2]\na: x\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{e:?}");
        assert_eq!((e.line, e.column), (5, 1), "at the key: {e:?}");
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

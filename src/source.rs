//! Maps JSON pointers back to lines and columns in YAML text, so every
//! finding can say where in the file the failing value is.
//!
//! The data itself is always loaded by [`crate::yaml`]; this module reads the
//! same text again with saphyr's event parser, which keeps positions, and
//! only when there is something to report. Files reach it after the data
//! loader accepted them, so alias bombs and deep nesting never get here, and
//! aliases are not expanded: they are single events.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

use crate::finding::Finding;
use crate::yaml::escape_pointer;

/// A place in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character.
    pub end: usize,
}

/// Where each value and each mapping key of one YAML document stands.
#[derive(Debug, Default)]
pub struct SourceMap {
    values: HashMap<String, Loc>,
    keys: HashMap<String, Loc>,
}

enum Frame {
    Mapping {
        pointer: String,
        key: Option<(String, Loc)>,
    },
    Sequence {
        pointer: String,
        index: usize,
    },
}

impl SourceMap {
    /// Reads the positions of every node of the first document in `text`.
    /// Text that does not parse yields the positions read before the error.
    #[must_use]
    pub fn build(text: &str) -> Self {
        let offsets = ByteOffsets::new(text);
        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut started = false;
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let loc = offsets.loc(span);
            match event {
                Event::DocumentStart(_) if started => break,
                Event::DocumentStart(_) => started = true,
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Mapping { key, .. }) = stack.last_mut()
                        && key.is_none()
                    {
                        *key = Some((value.into_owned(), loc));
                        continue;
                    }
                    map.record_value(&mut stack, loc);
                }
                Event::Alias(_) => {
                    map.record_value(&mut stack, loc);
                }
                Event::MappingStart(..) => {
                    let pointer = map.record_value(&mut stack, loc);
                    stack.push(Frame::Mapping { pointer, key: None });
                }
                Event::SequenceStart(..) => {
                    let pointer = map.record_value(&mut stack, loc);
                    stack.push(Frame::Sequence { pointer, index: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        map
    }

    /// Records a value at the current position of the parent and returns its pointer.
    fn record_value(&mut self, stack: &mut [Frame], loc: Loc) -> String {
        let pointer = match stack.last_mut() {
            None => String::new(),
            Some(Frame::Mapping { pointer, key }) => {
                // A complex (non-scalar) key: the data loader refuses those, so any name will do.
                let (name, key_loc) = key.take().unwrap_or_else(|| (String::new(), loc));
                let p = format!("{pointer}/{}", escape_pointer(&name));
                self.keys.insert(p.clone(), key_loc);
                p
            }
            Some(Frame::Sequence { pointer, index }) => {
                let p = format!("{pointer}/{index}");
                *index += 1;
                p
            }
        };
        self.values.entry(pointer.clone()).or_insert(loc);
        pointer
    }

    /// Where the value at `pointer` stands, else its nearest ancestor.
    #[must_use]
    pub fn value(&self, pointer: &str) -> Option<Loc> {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.values.get(p) {
                return Some(*loc);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// The bytes a whole value covers: from where it starts to where the
    /// last value inside it ends.
    #[must_use]
    pub fn extent(&self, pointer: &str) -> Option<(usize, usize)> {
        let at = self.values.get(pointer)?;
        let below = format!("{pointer}/");
        let end = self
            .values
            .iter()
            .filter(|(p, _)| p.starts_with(&below))
            .map(|(_, l)| l.end)
            .fold(at.end, usize::max);
        Some((at.start, end))
    }

    /// Where the value at exactly `pointer` stands.
    #[must_use]
    pub fn value_at(&self, pointer: &str) -> Option<Loc> {
        self.values.get(pointer).copied()
    }

    /// Where the key of the value at exactly `pointer` stands.
    #[must_use]
    pub fn key_at(&self, pointer: &str) -> Option<Loc> {
        self.keys.get(pointer).copied()
    }

    /// The keys of the top-level mapping, in the order they stand.
    #[must_use]
    pub fn top_level_keys(&self) -> Vec<(String, Loc)> {
        let mut keys: Vec<(String, Loc)> = self
            .keys
            .iter()
            .filter(|(p, _)| p.len() > 1 && !p[1..].contains('/'))
            .map(|(p, loc)| (p[1..].replace("~1", "/").replace("~0", "~"), *loc))
            .collect();
        keys.sort_by_key(|(_, loc)| loc.start);
        keys
    }

    /// Where the key of the value at `pointer` stands, else where the value does.
    #[must_use]
    pub fn key(&self, pointer: &str) -> Option<Loc> {
        self.keys
            .get(pointer)
            .copied()
            .or_else(|| self.value(pointer))
    }
}

/// Converts the parser's character indices into byte offsets.
struct ByteOffsets {
    /// Byte offset of each character, when the text is not plain ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl ByteOffsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        ByteOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }

    fn loc(&self, span: Span) -> Loc {
        Loc {
            line: span.start.line(),
            column: span.start.col() + 1,
            start: self.byte(span.start.index()),
            end: self
                .byte(span.end.index())
                .max(self.byte(span.start.index())),
        }
    }
}

/// Fills in the line, column and span of findings on one file.
///
/// Unknown keys point at the key itself; everything else at the value.
pub fn locate(text: &str, findings: &mut [Finding]) {
    if findings.iter().all(|f| f.line != 0) {
        return;
    }
    let map = SourceMap::build(text);
    for f in findings.iter_mut().filter(|f| f.line == 0) {
        let loc = if f.code == "unknown-key" {
            map.key(&f.pointer)
        } else {
            map.value(&f.pointer)
        };
        if let Some(loc) = loc {
            f.line = loc.line;
            f.column = loc.column;
            f.span = Some((loc.start, loc.end));
        }
    }
}

/// The text with the whole value at each of `pointers` (a scalar, or a
/// mapping or list with everything in it) replaced by `'********'`: the
/// same fixed mask whatever the value's shape or length, on the value's
/// first line, and its other lines left empty, so every line keeps its
/// number. `None` when the result would not read back as YAML (the caller
/// then shows no source at all).
#[must_use]
pub fn redact(text: &str, pointers: &[String]) -> Option<String> {
    if pointers.is_empty() {
        return Some(text.to_string());
    }
    let map = SourceMap::build(text);
    let mut ranges: Vec<(usize, usize)> = pointers.iter().filter_map(|p| map.extent(p)).collect();
    if ranges.len() != pointers.len() {
        return None;
    }
    ranges.sort_unstable();
    // Outer values first; anything inside one already replaced is skipped.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut out = text.to_string();
    for (start, end) in merged.into_iter().rev() {
        let lines = text[start..end].matches('\n').count();
        let mut with = format!("'{}'", crate::secret::MASK);
        with.push_str(&"\n".repeat(lines));
        out.replace_range(start..end, &with);
    }
    crate::yaml::parse(&out).ok().map(|_| out)
}

/// Points each finding's span (what the human report underlines) into a
/// redacted copy of its file; lines and columns stay those of the file.
pub fn respan(redacted: &str, findings: &mut [Finding]) {
    let map = SourceMap::build(redacted);
    for f in findings.iter_mut() {
        let loc = if f.code == "unknown-key" {
            map.key(&f.pointer)
        } else {
            map.value(&f.pointer)
        };
        f.span = loc.map(|l| (l.start, l.end));
    }
}

/// Byte offset of a 1-based line and column, for errors the YAML loader
/// located itself.
#[must_use]
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "name: slack\nconfig:\n  port: 70000\n  hosts:\n    - a\n    - bé\n  \"a/b\": x\n";

    #[test]
    fn finds_values_and_keys() {
        let map = SourceMap::build(TEXT);
        let port = map.value("/config/port").unwrap();
        assert_eq!((port.line, port.column), (3, 9));
        assert_eq!(&TEXT[port.start..port.end], "70000");
        let key = map.key("/config/port").unwrap();
        assert_eq!((key.line, key.column), (3, 3));
        let item = map.value("/config/hosts/1").unwrap();
        assert_eq!((item.line, item.column), (6, 7));
        assert_eq!(&TEXT[item.start..item.end], "bé");
        assert_eq!(map.value("/config/a~1b").unwrap().line, 7);
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.value("/config/missing").unwrap().line, 3);
        assert_eq!(map.value("").unwrap().line, 1);
    }

    #[test]
    fn redacts_whole_values_keeping_lines() {
        let text = "config:\n  token: \"sécret\"\n  port: 1\n";
        let out = redact(text, &["/config/token".to_string()]).unwrap();
        assert_eq!(out, "config:\n  token: '********'\n  port: 1\n");
        let text = "config:\n  auth:\n    user: ada\n    pass: hunter2\n  port: 1\n";
        let out = redact(text, &["/config/auth".to_string()]).unwrap();
        assert!(!out.contains("hunter2") && !out.contains("ada"), "{out}");
        assert_eq!(out.lines().count(), text.lines().count());
        assert_eq!(out.lines().nth(4), Some("  port: 1"));
        let short = redact("a: x\n", &["/a".to_string()]).unwrap();
        let long = redact(
            "a: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            &["/a".to_string()],
        )
        .unwrap();
        assert_eq!(short, long, "the mask does not show the length");
    }

    #[test]
    fn converts_line_and_column_to_offsets() {
        assert_eq!(offset_of(TEXT, 3, 3), Some(TEXT.find("port").unwrap()));
        assert_eq!(offset_of(TEXT, 1, 1), Some(0));
    }
}

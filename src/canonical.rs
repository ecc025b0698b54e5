//! A fast reader for the YAML that `reg` itself writes: block mappings and
//! lists, plain and single-quoted scalars, literal blocks. Anything outside
//! that shape (flow collections, anchors, tags, comments, escapes, odd
//! indentation) returns `None`, and the caller uses the full parser, so
//! the fast path only ever decides what the full parser would.
//!
//! It exists because the full YAML scanner reads about 35 MB/s per core,
//! which made parsing, not the file system, the cost of a cold
//! `reg list` or `reg validate` on a large registry.

use std::collections::HashSet;

use serde_json::{Map, Value};

/// Parses `text` if it is in the canonical shape; `None` means "use the full parser".
#[must_use]
pub fn parse(text: &str) -> Option<Value> {
    parse_without(text, None)
}

/// Like [`parse`], but when the top-level key `skip` holds a block mapping
/// or list, that value is checked exactly as [`parse`] would (shape,
/// duplicate keys, scalars) without being built, and comes back empty.
/// Listing a definition needs everything but its `configSchema`, which is
/// most of the file.
#[must_use]
pub fn parse_without(text: &str, skip: Option<&str>) -> Option<Value> {
    read(text, skip, false)
}

/// Like [`parse_without`], for a text already known to parse (its bundled
/// check is proven: [`crate::schema::proven`]): a block mapping under
/// `skip` is passed over by its indentation, not read. Most of a
/// definition is its `configSchema`, and a cold `reg list` reads them all.
#[must_use]
pub fn parse_proven_without(text: &str, skip: &str) -> Option<Value> {
    read(text, Some(skip), true)
}

fn read(text: &str, skip: Option<&str>, trust: bool) -> Option<Value> {
    if text.starts_with("---") || crate::yaml::find_control(text).is_some() {
        return None;
    }
    let lines = split_lines(text)?;
    let mut p = Reader {
        lines,
        at: 0,
        depth: 0,
        skip,
        skipping: false,
        trust,
    };
    if p.lines.iter().all(|l| l.text.is_empty()) {
        return None;
    }
    let v = p.block(0)?;
    // Everything must have been read, blank lines aside.
    p.lines[p.at..]
        .iter()
        .all(|l| l.text.is_empty())
        .then_some(v)
}

/// One line of the text, without its line feed.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Its leading spaces.
    indent: usize,
}

/// The lines of `text` (as `str::lines`, which is the same here: a text
/// with a carriage return never gets this far), each with its indentation
/// counted once; `None` when a line ends in a space or is (or, with
/// unusual leading white space, might be) a comment. One search for line
/// feeds over the whole text: searching line by line was a tenth of the
/// reader's time.
fn split_lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', bytes)
        .chain((!bytes.is_empty() && !text.ends_with('\n')).then_some(bytes.len()));
    for end in ends {
        let line = &text[start..end];
        start = end + 1;
        let b = line.as_bytes();
        let indent = b.iter().take_while(|&&b| b == b' ').count();
        let comment = match b.get(indent) {
            Some(b'#') => true,
            Some(&c) if c >= 0x80 => line.trim_start().starts_with('#'),
            _ => false,
        };
        if comment || b.last() == Some(&b' ') {
            return None;
        }
        lines.push(Line { text: line, indent });
    }
    Some(lines)
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    /// Containers open; past the full parser's limit, it must report the error.
    depth: usize,
    /// The top-level key whose value is checked, not built.
    skip: Option<&'a str>,
    /// Inside that value.
    skipping: bool,
    /// Whether the skipped value may be passed over unread.
    trust: bool,
}

/// The keys of one mapping, to refuse duplicates: a list while short (most
/// mappings are), a set once long.
#[derive(Default)]
struct Keys<'a> {
    few: Vec<&'a str>,
    many: HashSet<&'a str, foldhash::fast::FixedState>,
}

impl<'a> Keys<'a> {
    /// Adds a key; false when it was already there.
    fn insert(&mut self, key: &'a str) -> bool {
        if self.few.len() < 32 {
            if self.few.contains(&key) {
                return false;
            }
            self.few.push(key);
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.iter().copied());
        }
        self.many.insert(key)
    }
}

/// Where `: ` first occurs in `s`. Colons are rare, so a vectorized search
/// for them beats comparing every pair of bytes.
fn find_colon_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b':', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

/// Whether a plain scalar holds `: ` (a mapping would start) or ` #` (a
/// comment would).
fn ambiguous(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b':', b'#', b).any(|i| match b[i] {
        b':' => b.get(i + 1) == Some(&b' '),
        _ => i > 0 && b[i - 1] == b' ',
    })
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    /// A mapping or a list starting at the current line, whose items sit at `indent`.
    fn block(&mut self, indent: usize) -> Option<Value> {
        let line = self.peek()?;
        if line.indent != indent {
            return None;
        }
        let rest = &line.text[indent..];
        if rest == "-" || rest.starts_with("- ") {
            self.list(indent)
        } else {
            self.mapping(indent, None)
        }
    }

    fn list(&mut self, indent: usize) -> Option<Value> {
        self.depth += 1;
        if self.depth > crate::yaml::MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent {
                break;
            }
            let rest = &line.text[indent..];
            let Some(item) = rest.strip_prefix("- ") else {
                break;
            };
            if item.starts_with("- ") || item.is_empty() {
                return None;
            }
            let v = if let Some((key, value)) = split_key(item) {
                // A mapping whose first key shares the dash's line.
                self.mapping(indent + 2, Some((key, value)))?
            } else {
                self.at += 1;
                scalar(item, !self.skipping)?
            };
            if !self.skipping {
                items.push(v);
            }
        }
        self.depth -= 1;
        Some(Value::Array(items))
    }

    /// A mapping at `indent`; `first` is a key already split off a `- ` line.
    fn mapping(&mut self, indent: usize, mut first: Option<(&'a str, &'a str)>) -> Option<Value> {
        self.depth += 1;
        if self.depth > crate::yaml::MAX_DEPTH {
            return None;
        }
        let mut map = Map::new();
        // Keys of a mapping being skipped, for the duplicate check alone.
        let mut seen = Keys::default();
        loop {
            let (key, value) = match first.take() {
                Some(kv) => kv,
                None => {
                    let Some(line) = self.peek() else { break };
                    if line.text.is_empty() || line.indent != indent {
                        break;
                    }
                    let rest = &line.text[indent..];
                    if rest.starts_with("- ") || rest == "-" {
                        break;
                    }
                    split_key(rest)?
                }
            };
            self.at += 1;
            let skip_here = self.depth == 1 && value.is_empty() && self.skip == Some(key);
            self.skipping |= skip_here;
            let v = if skip_here && self.trust && self.pass_over(indent) {
                Value::Object(Map::new())
            } else if value.is_empty() {
                match self.peek() {
                    // A list may sit at the key's own indentation, as serde_yaml writes it.
                    Some(next)
                        if next.indent == indent && next.text[indent..].starts_with("- ") =>
                    {
                        self.list(indent)?
                    }
                    Some(next) if next.indent > indent && !next.text.is_empty() => {
                        self.block(next.indent)?
                    }
                    _ => Value::Null,
                }
            } else if value == "|-" || value == "|" {
                self.literal(indent, value == "|")?
            } else {
                scalar(value, !self.skipping)?
            };
            if skip_here {
                self.skipping = false;
            }
            let fresh = if self.skipping {
                seen.insert(key)
            } else {
                map.insert(key.to_owned(), v).is_none()
            };
            if !fresh {
                return None;
            }
        }
        self.depth -= 1;
        Some(Value::Object(map))
    }

    /// Moves past the block mapping under a key at `indent` (every line
    /// after it that is blank or deeper) without reading it; `false`, and
    /// nothing moved, when what follows is not a block mapping.
    fn pass_over(&mut self, indent: usize) -> bool {
        match self.peek() {
            Some(next)
                if next.indent > indent
                    && !next.text.is_empty()
                    && !next.text[next.indent..].starts_with('-') => {}
            _ => return false,
        }
        while let Some(line) = self.peek() {
            if !line.text.is_empty() && line.indent <= indent {
                break;
            }
            self.at += 1;
        }
        true
    }

    /// A literal block (`|-` or `|`) indented deeper than its key.
    fn literal(&mut self, indent: usize, keep_newline: bool) -> Option<Value> {
        let mut out: Vec<&str> = Vec::new();
        let mut body_indent = None;
        while let Some(line) = self.peek() {
            if line.text.is_empty() {
                out.push("");
                self.at += 1;
                continue;
            }
            let i = line.indent;
            if i <= indent {
                break;
            }
            let b = *body_indent.get_or_insert(i);
            if i < b {
                return None;
            }
            out.push(&line.text[b..]);
            self.at += 1;
        }
        // Trailing blank lines belong to the chomping rules; leave them to the full parser.
        if out.is_empty() || out.last() == Some(&"") {
            return None;
        }
        if self.skipping {
            return Some(Value::Null);
        }
        let mut text = out.join("\n");
        if keep_newline {
            text.push('\n');
        }
        Some(Value::String(text))
    }
}

/// `key: value` or `key:` with a plain or single-quoted key.
fn split_key(rest: &str) -> Option<(&str, &str)> {
    let (key, after) = if let Some(quoted) = rest.strip_prefix('\'') {
        let end = quoted.find("':").filter(|&e| !quoted[..e].contains('\''))?;
        (&quoted[..end], &quoted[end + 2..])
    } else {
        let colon = find_colon_space(rest).or_else(|| rest.strip_suffix(':').map(str::len))?;
        let key = &rest[..colon];
        if key.is_empty()
            || key == "<<"
            || starts_special(key)
            || key
                .bytes()
                .any(|b| matches!(b, b'#' | b'\'' | b'"' | b'{' | b'}' | b'[' | b']' | b','))
        {
            return None;
        }
        (key, &rest[colon + 1..])
    };
    let value = match after {
        "" => "",
        v => v.strip_prefix(' ')?,
    };
    Some((key, value))
}

fn starts_special(s: &str) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
            | ' '
    ) && !(first == '-' && s.len() > 1 && !s[1..].starts_with(' '))
}

/// A one-line scalar: `[]`, `{}`, single-quoted, or plain; when not
/// `build`ing, only checked (and `Null` stands for it).
fn scalar(s: &str, build: bool) -> Option<Value> {
    match s {
        "[]" => return Some(Value::Array(Vec::new())),
        "{}" => return Some(Value::Object(Map::new())),
        _ => {}
    }
    if let Some(inner) = s.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        if !build {
            return Some(Value::Null);
        }
        return Some(Value::String(inner.replace("''", "'")));
    }
    if starts_special(s) || ambiguous(s) || s.ends_with(':') {
        return None;
    }
    if !build {
        return crate::yaml::plain_is_valid(s).then_some(Value::Null);
    }
    crate::yaml::resolve_plain_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn agree(text: &str) {
        let fast = parse(text).unwrap_or_else(|| panic!("fast path refused:\n{text}"));
        assert_eq!(fast, crate::yaml::parse(text).unwrap(), "{text}");
    }

    #[test]
    fn reads_what_reg_writes() {
        for v in [
            json!({"name": "slack", "version": "1.0.0", "tags": ["a", "b"], "n": 3, "f": 1.5, "t": true, "z": null}),
            json!({"configSchema": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "pattern": "^#[a-z]+$"}}}}),
            json!({"dependencies": [{"name": "x", "version": "^1"}, {"name": "y", "version": ">=2, <3"}], "e": [], "m": {}}),
            json!({"quoted": "true", "num": "123", "colon": "a: b", "hash": "a #b", "multi": "line one\nline two", "q": "it's", "k": {"200": "ok", "a b": 1}}),
            json!({"deep": [[1, 2], [3]], "neg": -5, "url": "https://x.example/a?b=c", "date": "2024-06-20"}),
        ] {
            let text = serde_yaml::to_string(&v).unwrap();
            if let Some(fast) = parse(&text) {
                assert_eq!(fast, v, "{text}");
            }
            assert_eq!(crate::yaml::parse(&text).unwrap(), v, "{text}");
        }
        agree("name: slack\nversion: 1.0.0\ntags:\n- chat\n- alerts\nlinks:\n  docs: https://x\n");
    }

    #[test]
    fn hands_anything_unusual_to_the_full_parser() {
        for text in [
            "a: [1, 2]\n",
            "a: &x 1\nb: *x\n",
            "a: !t 1\n",
            "# c\na: 1\n",
            "a: 1 # c\n",
            "a: \"x\\ty\"\n",
            "a: >\n  x\n",
            "a:\tb\n",
            "a: 1\na: 2\n",
            "---\na: 1\n",
            "- - a\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }
}

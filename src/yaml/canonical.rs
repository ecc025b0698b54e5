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

/// What reading does with the value of one top-level key that is a block
/// mapping or list: it comes back empty either way. Listing a definition
/// needs everything but its `configSchema`, which is most of the file.
#[derive(Debug, Clone, Copy)]
pub enum Skip<'a> {
    /// Checked exactly as [`parse`] would read it (shape, duplicate keys,
    /// scalars), without being built.
    Check(&'a str),
    /// For a text already known to parse (its bundled check is proven:
    /// [`crate::schema::proven`]): a block mapping is passed over by its
    /// indentation, not read; anything else is checked.
    PassOver(&'a str),
}

impl<'a> Skip<'a> {
    /// How to skip `key` in a text that is `proven` or not.
    #[must_use]
    pub fn key(key: &'a str, proven: bool) -> Skip<'a> {
        if proven {
            Skip::PassOver(key)
        } else {
            Skip::Check(key)
        }
    }

    /// The key skipped.
    #[must_use]
    pub fn name(self) -> &'a str {
        match self {
            Skip::Check(k) | Skip::PassOver(k) => k,
        }
    }
}

/// Like [`parse`], with the value of one top-level key skipped as `skip` says.
#[must_use]
pub fn parse_without(text: &str, skip: Option<Skip<'_>>) -> Option<Value> {
    if text.starts_with("---") || super::find_control(text).is_some() {
        return None;
    }
    let lines = split_lines(text)?;
    let mut p = Reader {
        lines,
        at: 0,
        depth: 0,
        skip,
        seen: Seen {
            // Enough for the keys a schema nests, so it is allocated once.
            stack: Vec::with_capacity(64),
        },
    };
    if p.lines.iter().all(|l| l.text.is_empty()) {
        return None;
    }
    let v = p.block::<Build>(0)?;
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
    /// The top-level key whose value is not built.
    skip: Option<Skip<'a>>,
    /// Keys met inside the skipped value.
    seen: Seen<'a>,
}

/// What reading makes of the text: [`Build`] makes the value, [`Check`]
/// only decides whether the full parser would read it the same way. One
/// reader serves both, so what is skipped is held to exactly the rules of
/// what is built; `Check` returns nothing bigger than a byte, so nothing
/// is moved around for the lines it passes.
trait Make<'a> {
    /// Whether this builds the top-level mapping, where `skip` applies.
    const TOP: bool;
    type Out;
    type Map;
    type List: Default;
    fn scalar(s: &'a str) -> Option<Self::Out>;
    fn null() -> Self::Out;
    /// A literal block: `lines` (blank or indented at least `indent`).
    fn literal(lines: &[Line<'a>], indent: usize, keep_newline: bool) -> Self::Out;
    fn push(list: &mut Self::List, v: Self::Out);
    fn list(items: Self::List) -> Self::Out;
    fn map(seen: &Seen<'a>) -> Self::Map;
    /// Adds a key; false when the mapping already had it.
    fn insert(seen: &mut Seen<'a>, map: &mut Self::Map, key: &'a str, v: Self::Out) -> bool;
    fn end_map(seen: &mut Seen<'a>, map: Self::Map) -> Self::Out;
    /// What stands for the skipped value: an empty one of its shape.
    fn skipped(shape: Shape) -> Self::Out;
}

/// What a checked value was.
#[derive(Clone, Copy)]
enum Shape {
    Map,
    List,
    Other,
}

struct Build;

impl<'a> Make<'a> for Build {
    const TOP: bool = true;
    type Out = Value;
    type Map = Map<String, Value>;
    type List = Vec<Value>;

    fn scalar(s: &'a str) -> Option<Value> {
        Some(match scalar(s)? {
            Scalar::EmptyList => Value::Array(Vec::new()),
            Scalar::EmptyMap => Value::Object(Map::new()),
            Scalar::Quoted(inner) => Value::String(inner.replace("''", "'")),
            Scalar::Plain(s) => super::resolve_plain_text(s)?,
        })
    }
    fn null() -> Value {
        Value::Null
    }
    fn literal(lines: &[Line<'a>], indent: usize, keep_newline: bool) -> Value {
        let mut text = lines
            .iter()
            .map(|l| l.text.get(indent..).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        if keep_newline {
            text.push('\n');
        }
        Value::String(text)
    }
    fn push(list: &mut Vec<Value>, v: Value) {
        list.push(v);
    }
    fn list(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
    fn map(_: &Seen<'a>) -> Map<String, Value> {
        Map::new()
    }
    fn insert(_: &mut Seen<'a>, map: &mut Map<String, Value>, key: &'a str, v: Value) -> bool {
        map.insert(key.to_owned(), v).is_none()
    }
    fn end_map(_: &mut Seen<'a>, map: Map<String, Value>) -> Value {
        Value::Object(map)
    }
    fn skipped(shape: Shape) -> Value {
        match shape {
            Shape::Map => Value::Object(Map::new()),
            Shape::List => Value::Array(Vec::new()),
            Shape::Other => Value::Null,
        }
    }
}

struct Check;

impl<'a> Make<'a> for Check {
    const TOP: bool = false;
    type Out = Shape;
    /// Where the mapping's keys begin on the stack, or the set they moved to.
    type Map = (usize, Option<Many<'a>>);
    type List = ();

    fn scalar(s: &'a str) -> Option<Shape> {
        match scalar(s)? {
            Scalar::Plain(s) => super::plain_is_valid(s).then_some(Shape::Other),
            _ => Some(Shape::Other),
        }
    }
    fn null() -> Shape {
        Shape::Other
    }
    fn literal(_: &[Line<'a>], _: usize, _: bool) -> Shape {
        Shape::Other
    }
    fn push((): &mut (), _: Shape) {}
    fn list((): ()) -> Shape {
        Shape::List
    }
    fn map(seen: &Seen<'a>) -> Self::Map {
        (seen.stack.len(), None)
    }
    fn insert(seen: &mut Seen<'a>, (base, many): &mut Self::Map, key: &'a str, _: Shape) -> bool {
        seen.insert(*base, many, key)
    }
    fn end_map(seen: &mut Seen<'a>, (base, _): Self::Map) -> Shape {
        seen.stack.truncate(base);
        Shape::Map
    }
    fn skipped(shape: Shape) -> Shape {
        shape
    }
}

/// The keys of the mappings being checked, to refuse duplicates without
/// allocating per mapping: one stack for the whole text, where each open
/// mapping owns the keys from where it began; a long mapping moves its own
/// to a set.
struct Seen<'a> {
    stack: Vec<&'a str>,
}

impl<'a> Seen<'a> {
    /// Adds `key` to the mapping whose keys begin at `base` (or are in
    /// `many`); false when it was already there.
    fn insert(&mut self, base: usize, many: &mut Option<Many<'a>>, key: &'a str) -> bool {
        if let Some(set) = many {
            return set.insert(key);
        }
        let mine = &self.stack[base..];
        if mine.contains(&key) {
            return false;
        }
        if mine.len() >= 32 {
            let mut set: Many<'a> = mine.iter().copied().collect();
            set.insert(key);
            self.stack.truncate(base);
            *many = Some(set);
        } else {
            self.stack.push(key);
        }
        true
    }
}

/// The keys of one long mapping being checked.
type Many<'a> = HashSet<&'a str, foldhash::fast::FixedState>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    /// A mapping or a list starting at the current line, whose items sit at `indent`.
    fn block<M: Make<'a>>(&mut self, indent: usize) -> Option<M::Out> {
        let line = self.peek()?;
        if line.indent != indent {
            return None;
        }
        let rest = &line.text[indent..];
        if rest == "-" || rest.starts_with("- ") {
            self.list::<M>(indent)
        } else {
            self.mapping::<M>(indent, None)
        }
    }

    fn list<M: Make<'a>>(&mut self, indent: usize) -> Option<M::Out> {
        self.depth += 1;
        if self.depth > super::MAX_DEPTH {
            return None;
        }
        let mut items = M::List::default();
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
                self.mapping::<M>(indent + 2, Some((key, value)))?
            } else {
                self.at += 1;
                M::scalar(item)?
            };
            M::push(&mut items, v);
        }
        self.depth -= 1;
        Some(M::list(items))
    }

    /// A mapping at `indent`; `first` is a key already split off a `- ` line.
    fn mapping<M: Make<'a>>(
        &mut self,
        indent: usize,
        mut first: Option<(&'a str, &'a str)>,
    ) -> Option<M::Out> {
        self.depth += 1;
        if self.depth > super::MAX_DEPTH {
            return None;
        }
        let mut map = M::map(&self.seen);
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
            // Only the top-level mapping being built skips a key.
            let skip = (M::TOP && self.depth == 1 && value.is_empty())
                .then_some(self.skip)
                .flatten()
                .filter(|s| s.name() == key);
            let v = if let Some(skip) = skip {
                let shape = if matches!(skip, Skip::PassOver(_)) && self.pass_over(indent) {
                    Shape::Map
                } else {
                    self.value::<Check>(indent, value)?
                };
                M::skipped(shape)
            } else {
                self.value::<M>(indent, value)?
            };
            if !M::insert(&mut self.seen, &mut map, key, v) {
                return None;
            }
        }
        self.depth -= 1;
        Some(M::end_map(&mut self.seen, map))
    }

    /// The value of a key at `indent`, given what follows the key on its line.
    fn value<M: Make<'a>>(&mut self, indent: usize, value: &'a str) -> Option<M::Out> {
        if value.is_empty() {
            match self.peek() {
                // A list may sit at the key's own indentation, as serde_yaml writes it.
                Some(next) if next.indent == indent && next.text[indent..].starts_with("- ") => {
                    self.list::<M>(indent)
                }
                Some(next) if next.indent > indent && !next.text.is_empty() => {
                    self.block::<M>(next.indent)
                }
                _ => Some(M::null()),
            }
        } else if value == "|-" || value == "|" {
            self.literal::<M>(indent, value == "|")
        } else {
            M::scalar(value)
        }
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
    fn literal<M: Make<'a>>(&mut self, indent: usize, keep_newline: bool) -> Option<M::Out> {
        let start = self.at;
        let mut body_indent = None;
        // Trailing blank lines belong to the chomping rules; leave them
        // (and an empty block) to the full parser.
        let mut ends_blank = true;
        while let Some(line) = self.peek() {
            if !line.text.is_empty() {
                let i = line.indent;
                if i <= indent {
                    break;
                }
                if i < *body_indent.get_or_insert(i) {
                    return None;
                }
            }
            ends_blank = line.text.is_empty();
            self.at += 1;
        }
        if ends_blank {
            return None;
        }
        Some(M::literal(
            &self.lines[start..self.at],
            body_indent?,
            keep_newline,
        ))
    }
}

/// Whether a plain scalar holds `: ` (a mapping would start) or ` #` (a
/// comment would), or ends in `:`. Scalars are short: a plain loop beats
/// setting up a vectorized search for each.
fn ambiguous(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b':' => i + 1 == b.len() || b[i + 1] == b' ',
        b'#' => i > 0 && b[i - 1] == b' ',
        _ => false,
    })
}

/// What each byte is to a plain key: most are [`PLAIN`]; a table, as keys
/// are scanned byte by byte on every line.
static KEY_BYTES: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b':' as usize] = COLON;
    let refused = b"#'\"{}[],";
    let mut i = 0;
    while i < refused.len() {
        t[refused[i] as usize] = REFUSED;
        i += 1;
    }
    t
};
const PLAIN: u8 = 0;
const COLON: u8 = 1;
/// Left to the full parser.
const REFUSED: u8 = 2;

/// `key: value` or `key:` with a plain or single-quoted key.
fn split_key(rest: &str) -> Option<(&str, &str)> {
    let (key, after) = if let Some(quoted) = rest.strip_prefix('\'') {
        let end = quoted.find("':").filter(|&e| !quoted[..e].contains('\''))?;
        (&quoted[..end], &quoted[end + 2..])
    } else {
        // One pass: the first `: ` (or a final `:`) ends the key, and a
        // byte the fast path leaves to the full parser refuses it.
        let b = rest.as_bytes();
        let mut colon = None;
        for (i, &c) in b.iter().enumerate() {
            match KEY_BYTES[usize::from(c)] {
                PLAIN => {}
                COLON if i + 1 == b.len() || b[i + 1] == b' ' => {
                    colon = Some(i);
                    break;
                }
                COLON => {}
                _ => return None,
            }
        }
        let colon = colon?;
        let key = &rest[..colon];
        if key.is_empty() || key == "<<" || starts_special(key) {
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

/// Whether a plain scalar may not start this way (an indicator, or white
/// space); `-` may, when a non-space follows.
fn starts_special(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        None => true,
        Some(b'-') => b.len() == 1 || b[1] == b' ',
        Some(c) => matches!(
            c,
            b'?' | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
                | b' '
        ),
    }
}

/// Whether every `'` inside a single-quoted scalar is doubled.
fn quotes_doubled(inner: &str) -> bool {
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) != Some(&b'\'') {
                return false;
            }
            i += 1;
        }
        i += 1;
    }
    true
}

/// A one-line scalar the fast path reads.
enum Scalar<'a> {
    EmptyList,
    EmptyMap,
    /// Between the quotes, `''` standing for `'`.
    Quoted(&'a str),
    /// Still to be resolved (null, boolean, number or string).
    Plain(&'a str),
}

/// A one-line scalar: `[]`, `{}`, single-quoted, or plain; `None` for what
/// the fast path leaves to the full parser.
fn scalar(s: &str) -> Option<Scalar<'_>> {
    match s {
        "[]" => return Some(Scalar::EmptyList),
        "{}" => return Some(Scalar::EmptyMap),
        _ => {}
    }
    if let Some(inner) = s.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return quotes_doubled(inner).then_some(Scalar::Quoted(inner));
    }
    if starts_special(s) || ambiguous(s) {
        return None;
    }
    Some(Scalar::Plain(s))
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

//! `reg search`: ranked text search over names, tags, categories, titles
//! and descriptions.
//!
//! Ranking, highest first (the README documents it for users):
//! 1. the name is the query (`+100`), or starts with it (`+40`);
//! 2. a word of the query is a part of the name (`+15`), a tag or the
//!    category (`+12`);
//! 3. words in the title and description score by BM25 (k1 = 1.2,
//!    b = 0.75, times 10), the title counting twice.
//!
//! Text is compared case- and accent-insensitively, and a query word of
//! five letters or more also matches words one edit away (a typo), at half
//! weight. Every hit says which rules matched it.

use serde::Serialize;

use crate::cache::Index;
use crate::discover::{Query, select, summary};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::Registry;
use crate::words::{normalize, words};

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The definition found.
    #[serde(flatten)]
    pub summary: serde_json::Value,
    /// Its score; higher is better.
    pub score: f64,
    /// The rules that matched: `name:exact`, `tag:crm`, `description:invoice`...
    pub matched: Vec<String>,
}

/// How well a document word matches a query word: 1 exact, 0.5 one typo away.
fn closeness(query: &str, word: &str) -> f64 {
    if query == word {
        1.0
    } else if query.chars().count() >= 5 && one_typo_apart(query, word) {
        0.5
    } else {
        0.0
    }
}

/// Whether two different words are one edit apart (Damerau: one letter
/// changed, added, removed, or two neighbours swapped). Search asks this
/// of every distinct word in the registry, so ASCII words, nearly all of
/// them, are compared without allocating.
fn one_typo_apart(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::damerau_levenshtein(a, b) == 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if i == short.len() => false,
        0 => {
            short[i + 1..] == long[i + 1..]
                || (i + 1 < short.len()
                    && short[i] == long[i + 1]
                    && short[i + 1] == long[i]
                    && short[i + 2..] == long[i + 2..])
        }
        1 => short[i..] == long[i + 1..],
        _ => false,
    }
}

/// [`closeness`] of one query word to every symbol of the index, computed
/// once per symbol: the same words, tags and categories recur across
/// thousands of definitions.
struct Memo<'a> {
    index: &'a Index,
    word: &'a str,
    seen: Vec<f64>,
}

impl<'a> Memo<'a> {
    fn new(index: &'a Index, word: &'a str) -> Memo<'a> {
        Memo {
            index,
            word,
            seen: Vec::new(),
        }
    }

    fn get(&mut self, sym: u32) -> f64 {
        let i = sym as usize;
        if self.seen.len() <= i {
            self.seen.resize(i + 1, f64::NAN);
        }
        if self.seen[i].is_nan() {
            let text = self.index.sym(sym);
            // Indexed words are folded already; tags and categories may not be.
            let folded = text
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            self.seen[i] = if folded {
                closeness(self.word, text)
            } else {
                closeness(self.word, &normalize(text))
            };
        }
        self.seen[i]
    }
}

/// How one query word meets one document's title and description.
#[derive(Clone, Copy, Default)]
struct Text {
    /// Title matches counted twice plus description matches.
    tf: f64,
    in_title: bool,
    /// The closest word that met it (a symbol), and how close.
    word: Option<(u32, f64)>,
}

/// What scoring a candidate needs: the query, and what the first pass
/// over every candidate's words found.
struct Ranking<'a> {
    index: &'a Index,
    q_words: &'a [String],
    q_joined: &'a str,
    /// Candidate `c`'s match of query word `q` at `c * q_words.len() + q`.
    texts: &'a [Text],
    /// How many candidates each query word met.
    df: &'a [f64],
    /// Each candidate's length in words, title words counted twice.
    lengths: &'a [f64],
    n: f64,
    avgdl: f64,
}

impl Ranking<'_> {
    /// Candidate `c` (entry `entry`)'s score, with the rules it met added
    /// to `matched` when asked for.
    fn score(
        &self,
        memos: &mut [Memo<'_>],
        c: usize,
        entry: usize,
        mut matched: Option<&mut Vec<String>>,
    ) -> f64 {
        let mut met = |why: &dyn Fn() -> String| {
            if let Some(m) = matched.as_deref_mut() {
                m.push(why());
            }
        };
        let (index, q_words) = (self.index, self.q_words);
        let row = index.row(entry);
        let mut score = 0.0;
        // Names are lowercase ASCII slugs: already folded.
        let name = row.name();
        if name == self.q_joined {
            score += 100.0;
            met(&|| "name:exact".to_string());
        } else if name.starts_with(self.q_joined) {
            score += 40.0;
            met(&|| "name:prefix".to_string());
        }
        let several_parts = name.contains('-');
        // Each rule names what it met in the definition (`title:invoices`
        // for the query `invoice`), not the query word.
        for (i, q) in q_words.iter().enumerate() {
            let (best, part) = name
                .split('-')
                .map(|p| (closeness(q, p), p))
                .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a });
            if several_parts && best > 0.0 {
                score += 15.0 * best;
                met(&|| format!("name:{part}"));
            }
            if let Some(tag) = row.tags().find(|t| memos[i].get(*t) > 0.0) {
                score += 12.0;
                met(&|| format!("tag:{}", index.sym(tag)));
            }
            if let Some(cat) = row.category().filter(|cat| memos[i].get(*cat) > 0.0) {
                score += 12.0;
                met(&|| format!("category:{}", index.sym(cat)));
            }
            let t = self.texts[c * q_words.len() + i];
            if t.tf > 0.0 {
                let (n, df) = (self.n, self.df[i]);
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                let dl = self.lengths[c];
                score += 10.0 * idf * (t.tf * 2.2)
                    / (t.tf + 1.2 * (0.25 + 0.75 * dl / self.avgdl.max(1.0)));
                let field = if t.in_title { "title" } else { "description" };
                met(&|| {
                    let word = t.word.map_or(q.as_str(), |(w, _)| index.sym(w));
                    format!("{field}:{word}")
                });
            }
        }
        score
    }
}

/// Searches definitions; the page of hits, the total and load problems.
///
/// # Errors
///
/// Fails when the registry cannot be read.
pub fn search(registry: &Registry, text: &str, query: &Query) -> Result<(Vec<Hit>, usize, Report)> {
    let index = crate::cache::index_with_words(registry, query.all_versions)?;
    let candidates = select(&index, query);
    let q_words = words(text);
    let q_joined = q_words.join("-");
    if q_words.is_empty() {
        return Ok((Vec::new(), 0, index.problems));
    }
    let mut memos: Vec<Memo<'_>> = q_words.iter().map(|w| Memo::new(&index, w)).collect();
    // Title words count twice: a word in the title says more than one in prose.
    let mut texts = vec![Text::default(); candidates.len() * q_words.len()];
    let mut lengths = Vec::with_capacity(candidates.len());
    let mut df = vec![0.0; q_words.len()];
    for (c, cand) in candidates.iter().enumerate() {
        let row = index.row(cand.entry);
        let title = row.title_words();
        let mut len = 0;
        for (k, w) in row.words().enumerate() {
            let weight = if k < title { 2.0 } else { 1.0 };
            len += if k < title { 2 } else { 1 };
            for (q, memo) in memos.iter_mut().enumerate() {
                let close = memo.get(w);
                if close > 0.0 {
                    let t = &mut texts[c * q_words.len() + q];
                    t.tf += weight * close;
                    t.in_title |= k < title;
                    if t.word.is_none_or(|(_, c)| close > c) {
                        t.word = Some((w, close));
                    }
                }
            }
        }
        lengths.push(f64::from(len));
        for (q, d) in df.iter_mut().enumerate() {
            if texts[c * q_words.len() + q].tf > 0.0 {
                *d += 1.0;
            }
        }
    }
    let ranking = Ranking {
        index: &index,
        q_words: &q_words,
        q_joined: &q_joined,
        texts: &texts,
        df: &df,
        n: candidates.len().max(1) as f64,
        avgdl: lengths.iter().sum::<f64>() / candidates.len().max(1) as f64,
        lengths: &lengths,
    };
    // Scores first; the reasons are written out for the page shown only
    // (formatting them for every hit was a tenth of a search's own time).
    let mut hits: Vec<(usize, f64, usize, usize)> = Vec::new();
    for (c, cand) in candidates.iter().enumerate() {
        let score = ranking.score(&mut memos, c, cand.entry, None);
        if score > 0.0 {
            let rounded = (score * 1000.0).round() / 1000.0;
            hits.push((cand.entry, rounded, index.row(cand.entry).name_index(), c));
        }
    }
    // Best first; ties by name, then newest version (entries of a name
    // are in ascending version order).
    hits.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| b.0.cmp(&a.0))
    });
    let total = hits.len();
    let page = hits
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .filter_map(|(entry, score, _, c)| {
            let mut matched = Vec::new();
            ranking.score(&mut memos, c, entry, Some(&mut matched));
            Some(Hit {
                summary: summary(registry, &index, entry)?.to_json(),
                score,
                matched,
            })
        })
        .collect();
    Ok((page, total, index.problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(normalize("Café CRÈME"), "cafe creme");
        assert_eq!(words("Sales-force: CRM!"), ["sales", "force", "crm"]);
    }

    #[test]
    fn one_typo_means_what_damerau_says() {
        let words = [
            "payment", "paymnet", "payments", "pyment", "paymant", "apyment", "pament", "payemnt",
            "invoice", "invoices", "café", "cafe", "caff", "a", "ab", "ba", "",
        ];
        for a in words {
            for b in words {
                {
                    let want = strsim::damerau_levenshtein(a, b) == 1;
                    // Equal words are not a typo apart.
                    assert_eq!(one_typo_apart(a, b), want, "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn tolerates_one_typo_in_long_words() {
        assert_eq!(closeness("payment", "paymnet"), 0.5);
        assert_eq!(closeness("crm", "crn"), 0.0);
        assert_eq!(closeness("stripe", "stripe"), 1.0);
    }
}

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
use unicode_normalization::UnicodeNormalization;

use crate::definition::Summary;
use crate::discover::{Query, rows};
use crate::error::Result;
use crate::finding::Report;
use crate::registry::Registry;

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

/// Lowercase, accents removed.
#[must_use]
pub fn normalize(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// How well a document word matches a query word: 1 exact, 0.5 one typo away.
fn closeness(query: &str, word: &str) -> f64 {
    if query == word {
        1.0
    } else if query.chars().count() >= 5 && strsim::damerau_levenshtein(query, word) == 1 {
        0.5
    } else {
        0.0
    }
}

/// Searches definitions; the page of hits, the total and load problems.
///
/// # Errors
///
/// Fails when the registry cannot be read.
pub fn search(registry: &Registry, text: &str, query: &Query) -> Result<(Vec<Hit>, usize, Report)> {
    let (rows, problems) = rows(registry, query)?;
    let candidates: Vec<Summary> = rows.into_iter().map(|r| r.definition).collect();
    let q_words = words(text);
    let q_joined = q_words.join("-");
    if q_words.is_empty() {
        return Ok((Vec::new(), 0, problems));
    }
    // Title words count twice: a word in the title says more than one in prose.
    let docs: Vec<Vec<String>> = candidates
        .iter()
        .map(|s| {
            let mut w = words(&s.title);
            w.extend(words(&s.title));
            w.extend(words(&s.description));
            w
        })
        .collect();
    let n = docs.len().max(1) as f64;
    let avgdl = docs.iter().map(Vec::len).sum::<usize>() as f64 / n;
    let df: Vec<f64> = q_words
        .iter()
        .map(|q| {
            docs.iter()
                .filter(|d| d.iter().any(|w| closeness(q, w) > 0.0))
                .count() as f64
        })
        .collect();
    let mut hits: Vec<(Summary, f64, Vec<String>)> = Vec::new();
    for (s, doc) in candidates.into_iter().zip(&docs) {
        let mut score = 0.0;
        let mut matched = Vec::new();
        let name = normalize(&s.name);
        if name == q_joined {
            score += 100.0;
            matched.push("name:exact".to_string());
        } else if name.starts_with(&q_joined) {
            score += 40.0;
            matched.push("name:prefix".to_string());
        }
        let parts: Vec<&str> = name.split('-').collect();
        for (i, q) in q_words.iter().enumerate() {
            if parts.len() > 1 && parts.iter().any(|p| closeness(q, p) > 0.0) {
                score += 15.0 * parts.iter().map(|p| closeness(q, p)).fold(0.0, f64::max);
                matched.push(format!("name:{q}"));
            }
            if s.tags.iter().any(|t| closeness(q, &normalize(t)) > 0.0) {
                score += 12.0;
                matched.push(format!("tag:{q}"));
            }
            if s.category
                .as_deref()
                .is_some_and(|c| closeness(q, &normalize(c)) > 0.0)
            {
                score += 12.0;
                matched.push(format!("category:{q}"));
            }
            let tf: f64 = doc.iter().map(|w| closeness(q, w)).sum();
            if tf > 0.0 {
                let idf = ((n - df[i] + 0.5) / (df[i] + 0.5) + 1.0).ln();
                let dl = doc.len() as f64;
                score += 10.0 * idf * (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl.max(1.0)));
                let field = if words(&s.title).iter().any(|w| closeness(q, w) > 0.0) {
                    "title"
                } else {
                    "description"
                };
                matched.push(format!("{field}:{q}"));
            }
        }
        if score > 0.0 {
            hits.push((s, (score * 1000.0).round() / 1000.0, matched));
        }
    }
    hits.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| b.0.version.cmp(&a.0.version))
    });
    let total = hits.len();
    let page = hits
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .map(|(s, score, matched)| Hit {
            summary: s.to_json(),
            score,
            matched,
        })
        .collect();
    Ok((page, total, problems))
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
    fn tolerates_one_typo_in_long_words() {
        assert_eq!(closeness("payment", "paymnet"), 0.5);
        assert_eq!(closeness("crm", "crn"), 0.0);
        assert_eq!(closeness("stripe", "stripe"), 1.0);
    }
}

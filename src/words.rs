//! How text is folded into words: case and accents removed, split at
//! anything not a letter or digit; and which known word a mistyped one
//! meant. `search` matches queries this way, and
//! the cache stores each definition's words made this way, keyed on
//! [`WORDS_VERSION`].

use unicode_normalization::UnicodeNormalization;

/// Lowercase, accents removed.
#[must_use]
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The version of [`words`]: bump it when what it makes of a text changes,
/// so caches holding the old words are rebuilt.
pub const WORDS_VERSION: u32 = 1;

/// The folded words of a text, as the index stores them.
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The candidate closest to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        let names = ["salesforce", "slack", "stripe"];
        assert_eq!(did_you_mean("salesforse", names), Some("salesforce"));
        assert_eq!(did_you_mean("zzz", names), None);
    }
}

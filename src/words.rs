//! How text is folded into words: case and accents removed, split at
//! anything not a letter or digit. `search` matches queries this way, and
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

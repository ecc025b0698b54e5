//! Names of definitions and instances: the rule of SPEC §1, which also keeps
//! every path `reg` builds from a name inside the registry.

/// The longest name allowed.
pub const MAX_LEN: usize = 64;

/// Checks a definition or instance name, saying what is wrong in words.
///
/// # Errors
///
/// Returns why the name does not match `^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`.
pub fn check(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a name cannot be empty".into());
    }
    if name.len() > MAX_LEN {
        return Err(format!(
            "`{name}` is {} characters long; the limit is {MAX_LEN}",
            name.chars().count()
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        let hint = suggest(name).map_or_else(String::new, |s| format!(" (try `{s}`)"));
        return Err(format!(
            "`{name}` contains {c:?}: names use lowercase letters, digits and `-`{hint}"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(format!(
            "`{name}` must start and end with a letter or digit"
        ));
    }
    Ok(())
}

/// A valid name close to `name`: lowercase, every other run of
/// characters made one `-`, when that leaves a valid name.
#[must_use]
pub fn suggest(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    (out != name && is_valid(out)).then(|| out.to_string())
}

/// Whether `name` is a valid name.
#[must_use]
pub fn is_valid(name: &str) -> bool {
    check(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_spec_shapes() {
        for ok in ["a", "0", "slack", "oauth2-base", "s3", &"a".repeat(64)] {
            assert!(is_valid(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_paths_case_and_length() {
        for bad in [
            "",
            "../x",
            "a/b",
            "A",
            "A B",
            "-a",
            "a-",
            "é",
            ".",
            "a.b",
            &"a".repeat(65),
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert!(check("Slack").unwrap_err().contains("try `slack`"));
    }
}

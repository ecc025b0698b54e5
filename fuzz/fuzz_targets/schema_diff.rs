//! The schema diff: any two JSON Schemas (YAML documents split by the first
//! byte) are compared without panicking or looping, and a diff of a schema
//! with itself finds nothing but patch-level changes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reg::compat::{Class, diff, overall};

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let at = (usize::from(split) * rest.len()) / 256;
    let (Ok(a), Ok(b)) = (std::str::from_utf8(&rest[..at]), std::str::from_utf8(&rest[at..])) else { return };
    let (Ok(a), Ok(b)) = (reg::yaml::parse(a), reg::yaml::parse(b)) else { return };
    let _ = diff(&a, &b);
    assert_eq!(overall(&diff(&a, &a)), Class::Patch, "a schema is compatible with itself: {a}");
});

//! `reg`'s configSchema validation against the official JSON-Schema-Test-Suite
//! (required tests of drafts 7 and 2020-12, vendored under
//! `tests/json-schema-test-suite`).
//!
//! Two kinds of case are set aside, each for a documented reason of the
//! product, and counted so the numbers stay honest:
//! * groups whose schema refers to `http://localhost:1234/...`: `reg` never
//!   fetches a remote `$ref` (SPEC §6), and refuses such schemas instead;
//! * `format.json`: the suite expects `format` to be an annotation only,
//!   while `reg` asserts formats on purpose (README, "Formats").

use std::path::Path;

use reg::schema::ConfigSchema;
use serde_json::Value;

fn run(draft_dir: &str, meta: &str) -> (usize, usize, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/json-schema-test-suite")
        .join(draft_dir);
    let (mut passed, mut set_aside, mut failures) = (0, 0, Vec::new());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let groups: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for group in groups {
            let tests = group["tests"].as_array().unwrap();
            let mut schema = group["schema"].clone();
            if name == "format.json" || schema.to_string().contains("localhost:1234") {
                set_aside += tests.len();
                continue;
            }
            if let Some(o) = schema.as_object_mut() {
                o.entry("$schema")
                    .or_insert_with(|| Value::String(meta.into()));
            }
            let compiled = match ConfigSchema::compile(&schema) {
                Ok(c) => c,
                Err(problems) => {
                    failures.push(format!(
                        "{name}: {}: does not compile: {}",
                        group["description"], problems[0].message
                    ));
                    continue;
                }
            };
            for t in tests {
                if compiled.is_valid(&t["data"]) == t["valid"].as_bool().unwrap() {
                    passed += 1;
                } else {
                    failures.push(format!(
                        "{name}: {} / {}",
                        group["description"], t["description"]
                    ));
                }
            }
        }
    }
    (passed, set_aside, failures)
}

#[test]
fn draft_7_required_tests_pass() {
    let (passed, set_aside, failures) = run("draft7", "http://json-schema.org/draft-07/schema#");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        (passed, set_aside),
        (782, 131),
        "the suite changed: update the counts"
    );
}

#[test]
fn draft_2020_12_required_tests_pass() {
    let (passed, set_aside, failures) = run(
        "draft2020-12",
        "https://json-schema.org/draft/2020-12/schema",
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        (passed, set_aside),
        (1067, 190),
        "the suite changed: update the counts"
    );
}

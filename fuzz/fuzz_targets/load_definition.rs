//! The definition loader: YAML text → checked, typed definition, then its
//! configSchema compiled and its secrets found. Nothing may panic or hang.
//! Listing reads the same text without building `configSchema`: it must
//! decide exactly as the full read does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reg::definition::Definition;
use reg::schema::{Bundled, ConfigSchema};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text: std::sync::Arc<str> = text.into();
    if let Ok(loaded) =
        reg::registry::check_text::<Definition>("fuzz.yaml", &text, Bundled::Definition, None)
    {
        let _ = ConfigSchema::compile(&loaded.data.config_schema);
        let _ = reg::secret::Secrets::of(&loaded.data.config_schema);
    }
    let full = reg::yaml::parse(&text).map(|mut v| {
        if let Some(slot) = v.get_mut("configSchema") {
            match slot {
                serde_json::Value::Object(m) => m.clear(),
                serde_json::Value::Array(a) => a.clear(),
                _ => {}
            }
        }
        v
    });
    let listed = reg::yaml::parse_without(&text, Some("configSchema"));
    assert_eq!(full.ok(), listed.ok(), "parse_without disagrees");
    // Locating findings reads the text a second way; it must agree or fail softly.
    let _ = reg::source::SourceMap::build(&text);
});

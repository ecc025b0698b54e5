//! The definition loader: YAML text → checked, typed definition, then its
//! configSchema compiled and its secrets found. Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reg::definition::Definition;
use reg::schema::{Bundled, ConfigSchema};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text: std::sync::Arc<str> = text.into();
    if let Ok(loaded) = reg::registry::check_text::<Definition>("fuzz.yaml", &text, Bundled::Definition, None) {
        let _ = ConfigSchema::compile(&loaded.data.config_schema);
        let _ = reg::secret::Secrets::of(&loaded.data.config_schema);
    }
    // Locating findings reads the text a second way; it must agree or fail softly.
    let _ = reg::source::SourceMap::build(&text);
});

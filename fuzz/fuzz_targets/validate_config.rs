//! The config validator: a schema and a configuration (two YAML documents
//! split by the first byte), validated with the secrets rule and the source
//! redaction that reports use.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reg::schema::ConfigSchema;
use reg::secret::Secrets;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let at = (usize::from(split) * rest.len()) / 256;
    let (Ok(schema), Ok(config)) = (std::str::from_utf8(&rest[..at]), std::str::from_utf8(&rest[at..])) else { return };
    let (Ok(schema), Ok(config_value)) = (reg::yaml::parse(schema), reg::yaml::parse(config)) else { return };
    let Ok(compiled) = ConfigSchema::compile(&schema) else { return };
    let secrets = Secrets::of(&schema);
    let findings = compiled.check("fuzz.yaml", "", &config_value, &|p| secrets.is_secret(p));
    let literals = secrets.literals(&config_value);
    let redacted = reg::source::redact(config, &literals);
    assert_eq!(redacted.len(), config.len(), "redaction keeps every offset");
    let _ = (findings, secrets.mask(&config_value));
});

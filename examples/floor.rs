//! The floor `reg validate` and a cold `reg list` are measured against
//! (`benches/bench.py`): find, read and parse every YAML file of a registry
//! on all cores, with the same YAML reader, and nothing else.
//!
//! `cargo run --release --example floor -- REGISTRY`

use rayon::prelude::*;

fn main() {
    let Some(root) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor REGISTRY");
        std::process::exit(2);
    };
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git" && e.file_name() != ".reg")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "yaml"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let parsed: usize = files
        .par_iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .ok()
                .map_or(0, |text| usize::from(reg::yaml::parse(&text).is_ok()))
        })
        .sum();
    println!("{parsed} of {} files read and parsed", files.len());
}

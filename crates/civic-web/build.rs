//! The message catalogue of each locale is every `locales/<locale>/*.ftl`
//! file, one per feature, joined in name order into one source that the
//! binary embeds (so a new module adds its own file and touches no other).

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for locale in ["uk", "en"] {
        let dir = root.join(locale);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let mut joined = String::new();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            joined.push_str(&format!("\n## {}\n", file.file_name().unwrap().to_string_lossy()));
            joined.push_str(&text);
            joined.push('\n');
        }
        std::fs::write(Path::new(&out).join(format!("{locale}.ftl")), joined).expect("OUT_DIR is writable");
    }
}

//! - The migrations are embedded by `sqlx::migrate!`: rebuild when one is added.
//! - The catalogs (`locales/<lang>/<part>.ftl`) are embedded too: this lists
//!   every file there, so a part added to the folder is in the next build
//!   without anyone naming it in code.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=locales");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files = Vec::new();
    for lang in std::fs::read_dir(&root).expect("app/locales must exist").flatten() {
        let Ok(parts) = std::fs::read_dir(lang.path()) else { continue };
        for part in parts.flatten() {
            let path = part.path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
                files.push((lang.file_name().to_string_lossy().into_owned(), stem, path));
            }
        }
    }
    files.sort();
    let mut code = String::from(
        "/// Every catalog file: (language, part, text).\npub(crate) const FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (lang, part, path) in files {
        writeln!(code, "    ({lang:?}, {part:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog_files.rs");
    std::fs::write(out, code).unwrap();
}

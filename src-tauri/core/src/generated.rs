//! Generated files that are committed (the UI's rules and bindings): a test checks that each is
//! current and fails with the command that regenerates it. It rewrites the file only when asked
//! to (`TOVHOLDER_REGENERATE=1`), so a plain `cargo test` never changes tracked files.

/// Checks that the file at `path` holds `fresh`; with `TOVHOLDER_REGENERATE=1` writes it instead.
/// Panics (fails the test) with the command that regenerates it when the file is stale.
pub fn check_file(path: &str, fresh: &str, test: &str) {
    let current = std::fs::read_to_string(path).ok();
    if current.as_deref() == Some(fresh) {
        return;
    }
    if std::env::var_os("TOVHOLDER_REGENERATE").is_some_and(|v| v == "1") {
        if let Some(dir) = std::path::Path::new(path).parent() {
            std::fs::create_dir_all(dir).expect("create the generated file's folder");
        }
        std::fs::write(path, fresh).expect("write the generated file");
        return;
    }
    let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    panic!(
        "{name} is stale (its Rust source changed): regenerate it with `TOVHOLDER_REGENERATE=1 {test}` and commit it"
    );
}

//! The app's commands are listed in exactly one place: the `#[tauri::command]` functions in
//! `src/commands/*.rs`. This script finds them and derives everything else from that list:
//!
//! 1. `$OUT_DIR/commands.rs`, included by `lib.rs`: `COMMAND_NAMES` and `collected_commands()`,
//!    the `tauri_specta::collect_commands!` call that gives both the invoke handler and the
//!    generated TypeScript bindings (`ui/src/lib/bindings.ts`);
//! 2. `capabilities/main.json`: `allow-<command>` for each command, plus only the two event
//!    permissions the window needs to receive `DataChanged` (no `core:default`, and no permission
//!    of the dialog, opener and updater plugins, which the commands call from Rust);
//! 3. the app manifest given to `tauri_build`, which generates the `allow-`/`deny-` permissions.
//!
//! So adding a command means writing the function (with `#[tauri::command]` and
//! `#[specta::specta]`, `pub async fn`) in a file under `src/commands/` and calling
//! `commands.xxx(...)` in the UI; the test `boundary::commands_capability_and_manifest_agree`
//! checks that the three results agree with one another.
//!
//! The scan is deliberately simple and strict: it panics (failing the build with a clear
//! message) on a command that is not `pub`, not async, or lacks `#[specta::specta]`.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// Permissions the window has besides the app's commands: subscribing to (and unsubscribing
/// from) events, so the UI can receive `DataChanged`. Not `emit`: the window cannot send events.
const EVENT_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

const CAPABILITY_DESCRIPTION: &str = "The main window may call only Tovholder's own commands; no plugin permissions (the dialog, opener and updater plugins are called from Rust only), no file system, no shell.";

/// A command found in `src/commands/<module>.rs`.
struct Command {
    module: String,
    name: String,
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    let commands = scan(Path::new("src/commands"));
    assert!(!commands.is_empty(), "build.rs: no #[tauri::command] found in src/commands/*.rs");

    let out_dir = env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    write_if_changed(&Path::new(&out_dir).join("commands.rs"), &generated_rust(&commands));
    write_if_changed(Path::new("capabilities/main.json"), &capability(&commands));

    let names: &'static [&'static str] =
        commands.iter().map(|c| &*Box::leak(c.name.clone().into_boxed_str())).collect::<Vec<_>>().leak();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("failed to run tauri-build");
}

/// Every `#[tauri::command]` function in the directory's `.rs` files (not `mod.rs`), by file
/// name then order in the file.
fn scan(dir: &Path) -> Vec<Command> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("build.rs: cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.file_stem().is_some_and(|s| s != "mod"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let module = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name").to_string();
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("build.rs: {}: {e}", path.display()));
        let mut lines = source.lines().map(str::trim).enumerate();
        while let Some((start, line)) = lines.next() {
            if !line.starts_with("#[tauri::command") {
                continue;
            }
            let async_attr = line.contains("async");
            let mut specta = false;
            // The attributes and doc comments up to the `fn` line.
            let signature = loop {
                let Some((_, line)) = lines.next() else {
                    panic!("build.rs: {}:{}: #[tauri::command] without a function", path.display(), start + 1)
                };
                if line.starts_with("#[specta::specta]") {
                    specta = true;
                } else if !(line.starts_with("#[") || line.starts_with("//") || line.is_empty()) {
                    break line;
                }
            };
            let at = format!("{}:{}", path.display(), start + 1);
            let Some(rest) = signature.strip_prefix("pub ") else {
                panic!("build.rs: {at}: a command must be `pub` (collect_commands! is in lib.rs): {signature}")
            };
            let (is_async, rest) = match rest.strip_prefix("async ") {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            let Some(rest) = rest.strip_prefix("fn ") else {
                panic!("build.rs: {at}: expected `pub async fn <name>(` after #[tauri::command]: {signature}")
            };
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            assert!(
                is_async || async_attr,
                "build.rs: {at}: command `{name}` must be async (Argon2 and SQLCipher must not run on the main thread)"
            );
            assert!(specta, "build.rs: {at}: command `{name}` needs #[specta::specta] (for the TypeScript bindings)");
            assert!(
                !commands.iter().any(|c: &Command| c.name == name),
                "build.rs: {at}: command `{name}` is defined twice"
            );
            commands.push(Command { module: module.clone(), name });
        }
    }
    commands
}

fn generated_rust(commands: &[Command]) -> String {
    let mut s = String::from("// Generated by build.rs from src/commands/*.rs. Do not edit.\n\n");
    s.push_str("/// Every command's name, as found in `src/commands/*.rs`.\n");
    s.push_str("#[allow(dead_code)]\npub(crate) const COMMAND_NAMES: &[&str] = &[\n");
    for c in commands {
        let _ = writeln!(s, "    {:?},", c.name);
    }
    s.push_str("];\n\n");
    s.push_str("/// Every command, for the invoke handler and the bindings.\n");
    s.push_str("pub(crate) fn collected_commands() -> tauri_specta::Commands<tauri::Wry> {\n");
    s.push_str("    tauri_specta::collect_commands![\n");
    for c in commands {
        let _ = writeln!(s, "        commands::{}::{},", c.module, c.name);
    }
    s.push_str("    ]\n}\n");
    s
}

fn capability(commands: &[Command]) -> String {
    let permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.name.replace('_', "-")))
        .chain(EVENT_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect();
    // Written by hand (not `to_string_pretty`) to keep the file's key order and layout.
    let json = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let mut s = String::from("{\n");
    s.push_str("  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n");
    s.push_str("  \"identifier\": \"main\",\n");
    let _ = writeln!(s, "  \"description\": {},", json(CAPABILITY_DESCRIPTION));
    s.push_str("  \"windows\": [\"main\"],\n");
    s.push_str("  \"permissions\": [\n");
    for (i, p) in permissions.iter().enumerate() {
        let comma = if i + 1 < permissions.len() { "," } else { "" };
        let _ = writeln!(s, "    {}{comma}", json(p));
    }
    s.push_str("  ]\n}\n");
    s
}

/// Writes only when the content differs, so an unchanged file keeps its modification time
/// (tauri-build watches `capabilities/`; rewriting it every time would rebuild every time).
fn write_if_changed(path: &Path, content: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    fs::write(path, content).unwrap_or_else(|e| panic!("build.rs: cannot write {}: {e}", path.display()));
}

/// The app's own commands. Each needs `allow-<name>` in `capabilities/main.json`; a command not
/// listed here and there cannot be called from the window.
const COMMANDS: &[&str] = &["app_state", "police_districts", "setup_store", "unlock_with_recovery_code", "board"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}

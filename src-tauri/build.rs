/// The app's own commands. Each needs `allow-<name>` in `capabilities/main.json`; a command not
/// listed here and there cannot be called from the window.
const COMMANDS: &[&str] = &[
    "app_state",
    "police_districts",
    "setup_store",
    "unlock_with_recovery_code",
    "board",
    "complete_municipality",
    "route_municipality",
    "submit_intake",
    "list_cases",
    "get_case",
    "add_case_note",
    "update_case",
    "forward_case",
    "search_cases",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}

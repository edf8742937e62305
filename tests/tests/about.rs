//! »Om Tovholder« end to end (#19 §5): reached from the rail's »Om« and from the »?« dialog, it
//! shows the version, the commit and the day of the build, the licence EUPL-1.2, and the
//! third-party licences generated at build time: a real crate (rusqlite) and a real npm package
//! (svelte), each with its licence and, opened, its licence text. Without an update address (as
//! built here), »Opdateringer« says updates are off. Keyboard and focus like the other
//! dialogs (Esc closes, focus goes back to what opened it), axe clean.

use std::process::Command;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, run};

/// The summary line (»rusqlite 0.40.2 — MIT«) of `name` in the list `list` (rust or npm).
async fn package_line(app: &App, list: &str, name: &str) -> String {
    app.poll(&format!("{name} in the {list} licences"), Duration::from_secs(30), async |_| {
        let line = app
            .js(
                "return [...document.querySelectorAll(`#about-licences-${arguments[0]} summary`)]
                    .map((s) => s.textContent.trim()).find((t) => t.startsWith(arguments[1] + ' ')) ?? null;",
                vec![list.into(), name.into()],
            )
            .await;
        line.as_str().map(str::to_string)
    })
    .await
}

#[test]
fn about_shows_the_build_and_the_third_party_licences() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("about/1", data.path()).await;
        app.set_up().await;
        app.wait_board().await;

        // From the rail.
        app.click("#rail-about").await;
        app.wait_text("#about-dialog-title", "Om Tovholder").await;
        app.wait_text("#about-version", env!("CARGO_PKG_VERSION")).await;
        let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output().expect("git");
        let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
        let commit = app.text("#about-commit").await;
        app.ensure(commit == head, format!("the commit shown ({commit}) is the one built ({head})")).await;
        let built = app.text("#about-build-date").await;
        app.ensure(built.split(' ').count() == 3 && built.contains(". "), format!("a Danish date: {built:?}")).await;
        app.wait_text("#about-license", "EUPL-1.2").await;
        // No endpoint in this build: updates are off, and the dialog says so.
        app.wait_text("#updates-off", "Opdateringer er slået fra").await;
        app.ensure(!app.exists("#updates-check").await, "no »Søg efter opdatering« without an address").await;

        let rusqlite = package_line(&app, "rust", "rusqlite").await;
        app.ensure(rusqlite.ends_with("— MIT"), format!("rusqlite with its licence: {rusqlite:?}")).await;
        let tauri = package_line(&app, "rust", "tauri").await;
        app.ensure(tauri.contains("MIT") && tauri.contains("Apache-2.0"), format!("tauri: {tauri:?}")).await;
        let svelte = package_line(&app, "npm", "svelte").await;
        app.ensure(svelte.ends_with("— MIT"), format!("svelte with its licence: {svelte:?}")).await;
        app.assert_accessible("about dialog").await;

        // A package's licence text opens under its line (keyboard: Enter on the summary).
        let opened = app
            .js(
                "const s = [...document.querySelectorAll('#about-licences-npm summary')]
                    .find((s) => s.textContent.trim().startsWith('svelte '));
                 s.scrollIntoView({ block: 'center' }); s.focus(); return document.activeElement === s;",
                vec![],
            )
            .await;
        app.ensure(opened == serde_json::json!(true), "the summary takes focus").await;
        app.press(&ENTER.to_string()).await;
        let text = app.wait_text("#about-licences-npm details[open] pre", "Permission is hereby granted").await;
        app.ensure(text.contains("MIT"), "svelte's MIT licence text").await;
        app.snapshot("about").await;
        app.assert_accessible("about dialog, a licence open").await;

        app.press(&ESCAPE.to_string()).await;
        app.wait_focus("rail-about").await;

        // From »?«: the shortcuts dialog's »Om Tovholder …«; Esc goes back to »?«.
        app.click("#shortcuts-open").await;
        app.wait_text("#shortcuts-dialog-title", "Tastaturgenveje").await;
        app.click("#shortcuts-about").await;
        app.wait_text("#about-version", env!("CARGO_PKG_VERSION")).await;
        app.press(&ESCAPE.to_string()).await;
        app.wait_focus("shortcuts-open").await;
        let open = app.js("return [...document.querySelectorAll('dialog')].some((d) => d.open);", vec![]).await;
        app.ensure(open == serde_json::json!(false), "no dialog is left open").await;
        app.quit().await;
    });
}

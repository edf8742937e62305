//! Locking end to end (#17): the OS session's lock, sent as the screensaver's D-Bus signal on the
//! test's private session bus, locks the app; the window then holds none of the seeded case data,
//! and what was being typed in the intake form is kept in the store and back after unlocking;
//! Ctrl+L locks by hand. The audit log records each lock with why.

use std::process::Command;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, run};

const DRAFT: &str = "Kladdetekst der overlever låsen 7731";
/// How the store opens here: the test's bus has no polkit and no PIN is set.
const KEYCHAIN_ALONE: &str = "Med nøgleringen alene (computeren tilbyder ingen bekræftelse, og der er ingen PIN-kode)";

/// What the window holds (its whole HTML, form values included through the DOM's properties).
async fn window_text(app: &App) -> String {
    let html = app.client().source().await.unwrap_or_default();
    let values = app
        .js("return [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n');", vec![])
        .await;
    format!("{html}\n{}", values.as_str().unwrap_or_default())
}

async fn wait_locked(app: &App, why: &str) {
    app.wait_heading("Tovholder er låst").await;
    app.wait_text("#locked-why", why).await;
}

#[test]
fn the_os_lock_and_ctrl_l_lock_the_app_empty_the_window_and_keep_the_draft() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("lock/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let reference = data.intake("Q.X.", "2026-01-05T10:00:00+01:00");

        let app = App::launch("lock/2", data.path()).await;
        app.wait_board().await;
        app.wait_text("main", "Q.X.").await;
        // A concern being typed: the form is left with text in it.
        app.press(&ctrl('n')).await;
        app.wait_heading("Ny henvendelse").await;
        app.type_into("#intake-description", DRAFT).await;

        // The screensaver starts (the session locks): the signal on the session bus.
        let sent = Command::new("dbus-send")
            .args([
                "--session",
                "--type=signal",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                "boolean:true",
            ])
            .status()
            .expect("dbus-send");
        app.ensure(sent.success(), "dbus-send failed").await;
        wait_locked(&app, "computeren blev låst").await;
        let shown = window_text(&app).await;
        for secret in ["Q.X.", DRAFT, reference.as_str(), "Eleven deler propaganda"] {
            app.ensure(!shown.contains(secret), format!("the locked window still holds {secret:?}")).await;
        }
        app.snapshot("locked").await;
        app.assert_accessible("lock screen").await;

        // Unlock (the button has focus): back in the form, with what was typed.
        app.press(&ENTER.to_string()).await;
        app.wait_heading("Ny henvendelse").await;
        let kept = app.find("#intake-description").await.prop("value").await.ok().flatten().unwrap_or_default();
        app.ensure(kept == DRAFT, format!("the draft after unlocking: {kept:?}")).await;

        // Ctrl+L.
        app.press(&ctrl('l')).await;
        wait_locked(&app, "Du låste").await;
        app.quit().await;

        let log: serde_json::Value = serde_json::from_str(&data.cli(&["audit"])).unwrap();
        let lines: Vec<(String, String)> = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                let a = e["action"].as_str().unwrap_or_default();
                a.starts_with("store.locked") || a.starts_with("store.unlocked") || a.starts_with("draft.")
            })
            .map(|e| (e["action"].as_str().unwrap().to_string(), e["subject"].as_str().unwrap_or("").to_string()))
            .collect();
        let expected: Vec<(String, String)> = [
            ("store.unlocked", KEYCHAIN_ALONE),
            ("draft.saved", "Ny henvendelse"),
            ("store.locked", "Låst, da computeren blev låst"),
            ("store.unlocked", KEYCHAIN_ALONE),
            ("draft.taken", "Ny henvendelse"),
            ("draft.saved", "Ny henvendelse"),
            ("store.locked", "Låst af brugeren"),
        ]
        .iter()
        .map(|(a, s)| (a.to_string(), s.to_string()))
        .collect();
        assert_eq!(lines, expected);
    });
}

#[test]
fn a_pin_set_in_the_app_guards_unlocking_and_the_next_start() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("lock_pin/1", data.path()).await;
        app.set_up().await;
        // »Låsning …« in the rail: the PIN, typed twice.
        app.click("#rail-lock-settings").await;
        app.find("#lock-pin").await;
        app.type_into("#lock-pin", "482913").await;
        app.type_into("#lock-pin-again", "482914").await;
        app.type_into("#lock-pin-again", &ENTER.to_string()).await;
        let alert = app.wait_alert().await;
        app.ensure(alert.contains("ikke ens"), format!("alert: {alert:?}")).await;
        app.type_into("#lock-pin-again", &format!("{BACKSPACE}3{ENTER}")).await;
        app.find("#lock-pin-remove").await;
        app.assert_accessible("lock settings").await;
        app.press(&ESCAPE.to_string()).await;

        app.press(&ctrl('l')).await;
        wait_locked(&app, "Du låste").await;
        app.find("#unlock-pin").await;
        app.type_into("#unlock-pin", &format!("111111{ENTER}")).await;
        let wrong = app.wait_alert().await;
        app.ensure(wrong.contains("Forkert PIN-kode") && wrong.contains("4 forsøg"), format!("{wrong:?}")).await;
        app.snapshot("wrong-pin").await;
        app.assert_accessible("lock screen with a PIN").await;
        app.type_into("#unlock-pin", &format!("482913{ENTER}")).await;
        app.wait_board().await;
        app.quit().await;

        // The next start asks for the PIN before anything is shown.
        let app = App::launch("lock_pin/2", data.path()).await;
        app.wait_heading("Tovholder er låst").await;
        app.wait_text("#locked-why", "PIN-kode").await;
        app.type_into("#unlock-pin", &format!("482913{ENTER}")).await;
        app.wait_board().await;
        app.quit().await;
        let settings: serde_json::Value = serde_json::from_str(&data.cli(&["lock-settings"])).unwrap();
        assert_eq!(settings["pin"], true);
    });
}

//! Unlocking after the OS's check of the user (#17). On Linux that is the desktop's polkit prompt
//! for the user's own password: the app asks polkit's authority on its system bus, which here is
//! the test's private bus with an authority the test scripts (`tovholder_e2e::polkit`). A closed
//! prompt or a wrong password leaves the app locked and says so, with the other ways in (the PIN,
//! the recovery code) at hand; with no polkit at all and a PIN set, the PIN is asked for.

use std::path::PathBuf;
use tovholder_e2e::key::*;
use tovholder_e2e::polkit::{Answer, FakeAuthority};
use tovholder_e2e::{App, DataDir, ENTER, run};

const PIN: &str = "482913";

async fn wait_locked(app: &App) {
    app.wait_heading("Tovholder er låst").await;
}

#[test]
fn the_os_check_guards_unlocking_and_a_closed_prompt_leads_to_the_pin() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("os_auth/1", data.path()).await;
        app.set_up().await;
        app.quit().await;

        // At start the prompt is closed: the store stays locked, and »Lås op« asks again.
        let polkit = FakeAuthority::serve(&[Answer::Dismissed, Answer::Denied, Answer::Authorized]);
        let app = App::launch("os_auth/2", data.path()).await;
        wait_locked(&app).await;
        app.wait_text("#locked-why", "Bekræft, at det er dig").await;
        app.wait_text("#unlock-os-hint", "din adgangskode til computeren").await;
        app.wait_focus("unlock-store").await;
        // A wrong password: still locked, said so, and the recovery code is the way on (no PIN).
        app.press(&ENTER.to_string()).await;
        let failed = app.wait_alert().await;
        app.ensure(failed.contains("kunne ikke bekræfte, at det er dig"), format!("{failed:?}")).await;
        app.wait_focus("unlock-with-code").await;
        app.assert_accessible("lock screen after a failed OS check").await;
        // The right one.
        app.click("#unlock-store").await;
        app.wait_board().await;

        // The app asked for its own unlock action, for its own process, allowing the prompt.
        let checks = polkit.checks();
        app.ensure(checks.len() == 3, format!("three checks: {checks:?}")).await;
        for check in &checks {
            app.ensure(check.action_id == "dk.tovholder.desktop.unlock", format!("{check:?}")).await;
            app.ensure(check.subject_kind == "unix-process", format!("{check:?}")).await;
            app.ensure(check.flags & 1 == 1, format!("AllowUserInteraction: {check:?}")).await;
            let exe = check.pid.and_then(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).ok());
            let exe_name = exe.as_ref().and_then(|p| p.file_name()).map(PathBuf::from);
            app.ensure(exe_name == Some(PathBuf::from("tovholder")), format!("the subject is the app: {exe:?}")).await;
        }

        // A PIN as well (»Låsning …«).
        app.click("#rail-lock-settings").await;
        app.wait_text("#lock-unlock-how", "din adgangskode til computeren").await;
        app.type_into("#lock-pin", PIN).await;
        app.type_into("#lock-pin-again", &format!("{PIN}{ENTER}")).await;
        app.find("#lock-pin-remove").await;
        app.press(&ESCAPE.to_string()).await;

        // Locked by hand; the prompt is closed: said so, and the PIN field has focus.
        polkit.push(Answer::Dismissed);
        app.press(&ctrl('l')).await;
        wait_locked(&app).await;
        app.wait_focus("unlock-store").await;
        app.press(&ENTER.to_string()).await;
        let cancelled = app.wait_alert().await;
        app.ensure(cancelled.contains("Bekræftelsen blev afbrudt"), format!("{cancelled:?}")).await;
        app.wait_focus("unlock-pin").await;
        app.snapshot("os-check-cancelled").await;
        app.assert_accessible("lock screen with the OS check cancelled and a PIN").await;
        app.type_into("#unlock-pin", &format!("{PIN}{ENTER}")).await;
        app.wait_board().await;

        // polkit leaves the bus: the OS offers no check, so the PIN is asked for, and only it.
        drop(polkit);
        app.press(&ctrl('l')).await;
        wait_locked(&app).await;
        app.press(&ENTER.to_string()).await;
        let required = app.wait_alert().await;
        app.ensure(required.contains("Skriv din PIN-kode"), format!("{required:?}")).await;
        app.wait_focus("unlock-pin").await;
        app.ensure(!app.exists("#unlock-store").await, "»Lås op« without a check to offer").await;
        app.type_into("#unlock-pin", &format!("{PIN}{ENTER}")).await;
        app.wait_board().await;
        app.quit().await;

        // Every unlock is in the audit log with how it was opened.
        let log: serde_json::Value = serde_json::from_str(&data.cli(&["audit"])).unwrap();
        let unlocks: Vec<&str> = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "store.unlocked")
            .map(|e| e["subject"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(unlocks, ["Efter computerens bekræftelse af brugeren", "Med PIN-koden", "Med PIN-koden"]);
    });
}

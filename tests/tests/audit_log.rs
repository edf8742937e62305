//! The audit log in the app: the case panel's Log shows who opened and changed the case and
//! which lists showed it; the Revisionslog (Alt+6) lists every entry newest first, filters by
//! case and action by keyboard, and checks the chain (tampering itself is tested against real
//! stores in src-tauri/core/tests/audit.rs).

use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, run};

/// The actions of the case log's entries, newest first.
async fn case_log_actions(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    for li in app.find_all("#case-log-list li[data-action]").await {
        out.push(li.attr("data-action").await.ok().flatten().unwrap_or_default());
    }
    out
}

#[test]
fn the_log_shows_who_saw_a_case_filters_by_keyboard_and_checks_the_chain() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("audit_log/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let seen = data.intake("A.B.", "2026-01-05T10:00:00+01:00");
        let other = data.intake("C.D.", "2026-01-06T10:00:00+01:00");

        let app = App::launch("audit_log/2", data.path()).await;
        app.wait_board().await;
        // Open the first case from the search field.
        app.click("#search").await;
        app.type_into("#search", &seen).await;
        app.find(&format!("#search-results [data-reference=\"{seen}\"]")).await;
        app.type_into("#search", &ENTER.to_string()).await;
        app.wait_text("#case-panel-title", &seen).await;

        // Its log, opened by keyboard: created, shown on the board and in the search, opened.
        app.find("#case-log-toggle").await.send_keys(&ENTER.to_string()).await.ok();
        app.find("#case-log-list li").await;
        let actions = case_log_actions(&app).await;
        for expected in ["case.read", "case.search", "board.viewed", "case.created"] {
            app.ensure(actions.iter().any(|a| a == expected), format!("{expected} missing from {actions:?}")).await;
        }
        app.ensure(actions.first().map(String::as_str) == Some("case.read"), format!("newest first: {actions:?}"))
            .await;
        let text = app.text("#case-log-list").await;
        app.ensure(text.contains("Sagen åbnet") && text.contains("Vist på tavlen"), format!("labels: {text:?}")).await;
        app.ensure(!text.contains("A.B.") && !text.contains("C.D."), "no pseudonym in the log").await;
        app.snapshot("case-log").await;
        app.assert_accessible("case panel with its log").await;
        app.press(&ESCAPE.to_string()).await;

        // Revisionslog: Alt+6; filter to the other case and to "Sagen åbnet" — it was never opened.
        app.press(&format!("{ALT}6{NULL}")).await;
        app.wait_heading("Revisionslog").await;
        app.find("#audit-log tbody tr").await;
        app.type_into("#log-reference", &other).await;
        app.select("#log-action", "case.read").await;
        app.type_into("#log-reference", &ENTER.to_string()).await;
        app.wait_text("main", "Ingen poster passer til filtret").await;
        // The first case's openings, though, are there.
        app.clear("#log-reference").await;
        app.type_into("#log-reference", &seen).await;
        app.type_into("#log-reference", &ENTER.to_string()).await;
        let row = app.wait_text("#audit-log tbody", &seen).await;
        app.ensure(row.contains("Sagen åbnet"), format!("rows: {row:?}")).await;
        // A bad day is named as the field, not echoed.
        app.type_into("#log-from", "31.02.2026").await;
        app.type_into("#log-reference", &ENTER.to_string()).await;
        let alert = app.wait_alert().await;
        app.ensure(alert.starts_with("Fra:") && !alert.contains("31.02"), format!("alert: {alert:?}")).await;
        // Select all and delete, as a person would (fires input events, unlike WebDriver's clear).
        app.type_into("#log-from", &format!("{CONTROL}a{NULL}{BACKSPACE}")).await;
        app.type_into("#log-reference", &ENTER.to_string()).await;
        let mut gone = false;
        for _ in 0..50 {
            if !app.exists(".form-error").await {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        app.ensure(gone, "the error is gone once the day is").await;
        app.wait_text("#audit-log tbody", &seen).await;

        // The check: intact.
        app.click("#log-check").await;
        let result = app.wait_text("#log-check-result", "intakt").await;
        app.snapshot("revisionslog").await;
        app.assert_accessible("revisionslog").await;
        app.ensure(result.contains("poster"), format!("check: {result:?}")).await;
        app.quit().await;
    });
}

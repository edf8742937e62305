//! End-to-end scenarios against the real app. Run with `bash scripts/test.sh`, or by hand (after
//! `cargo build -p tovholder -p tovholder-core`), inside a private D-Bus session with an unlocked
//! gnome-keyring and under Xvfb:
//! `bash scripts/keyring-session.sh xvfb-run -a cargo test -p tovholder-e2e -- --test-threads=1`

use fantoccini::{Client, Locator};
use std::fs;
use std::io::Read;
use std::time::Duration;
use tovholder_e2e::key::{self, *};
use tovholder_e2e::{App, DataDir, ENTER, keychain_forget, keychain_has, run};

const STEP: Duration = Duration::from_secs(30);

/// The intake form's visible errors: fields marked invalid and non-empty messages.
async fn intake_errors(app: &App) -> Vec<String> {
    let v = app
        .js(
            "const f = document.getElementById('intake-form');
             const bad = [...f.querySelectorAll('[aria-invalid=\"true\"]')].map((e) => 'invalid:' + e.id);
             const msgs = [...f.querySelectorAll('.field-msg [role=\"alert\"], .route [role=\"alert\"]')]
               .map((e) => e.textContent.trim()).filter((t) => t !== '').map((t) => 'message:' + t);
             return bad.concat(msgs);",
            vec![],
        )
        .await;
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// Resizes the window (for screenshots).
async fn resize(app: &App, width: u32, height: u32) {
    if let Err(e) = app.client().set_window_size(width, height).await {
        panic!("{}", app.report(format!("resizing to {width}x{height}: {e}")).await);
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// Types a municipality and waits until it routes ("Hører under Infohus …").
async fn municipality(app: &App, name: &str, infohus: &str) {
    app.type_into("#intake-municipality", name).await;
    app.wait_text("#intake-route", infohus).await;
    app.type_into("#intake-municipality", &ESCAPE.to_string()).await;
}

/// The intake by keyboard: Tabbing through an untouched form shows no errors (and ↓ in the empty
/// birth year does nothing); a save with fields missing shows the error summary with focus on it,
/// whose links focus each field; an unsaved draft shows in the top bar, leads back to the form,
/// and »Kassér kladde« throws it away after a confirmation. Screenshots at 1280×800 and 960×600.
#[test]
fn intake_validates_edited_fields_and_summarises_errors_on_save() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("intake_validation/1", data.path()).await;
        app.set_up().await;
        resize(&app, 1280, 800).await;

        app.type_into("#search", &key::ctrl('n')).await;
        app.wait_focus("intake-received-at").await;
        app.ensure(!app.exists("#intake-draft-indicator").await, "a draft indicator before anything was typed").await;

        // Tab through every field without typing: nothing turns red.
        let mut seen = Vec::new();
        for _ in 0..60 {
            let id = app.focused_id().await;
            if id == "intake-submit" {
                break;
            }
            if id == "intake-birth-year" {
                app.press(&ARROW_DOWN.to_string()).await;
                let v = app.js("return document.getElementById('intake-birth-year').value;", vec![]).await;
                app.ensure(v == serde_json::json!(""), format!("↓ in the empty birth year typed {v}")).await;
            }
            seen.push(id);
            app.press(&TAB.to_string()).await;
        }
        app.ensure(app.focused_id().await == "intake-submit", format!("Tab never reached the save button: {seen:?}"))
            .await;
        for id in
            ["intake-caller-type", "intake-pseudonym", "intake-birth-year", "intake-municipality", "intake-description"]
        {
            app.ensure(seen.iter().any(|s| s == id), format!("Tab skipped #{id}: {seen:?}")).await;
        }
        let errors = intake_errors(&app).await;
        app.ensure(errors.is_empty(), format!("tabbing through an untouched form showed errors: {errors:?}")).await;
        app.snapshot("tabbed-through").await;

        // An edited field is checked once it is left.
        app.type_into("#intake-birth-year", "19").await;
        app.ensure(intake_errors(&app).await.is_empty(), "the birth year was checked while still being typed").await;
        app.press(&TAB.to_string()).await;
        app.wait_text("#intake-birth-year-msg", "fire cifre").await;
        app.clear("#intake-birth-year").await;
        app.type_into("#intake-birth-year", "2009").await;
        app.poll("the birth year error to go", STEP, async |c: &Client| {
            let t = c.find(Locator::Css("#intake-birth-year-msg")).await.ok()?.text().await.ok()?;
            t.trim().is_empty().then_some(())
        })
        .await;

        // Save with the caller type and the description missing: the summary, focused.
        app.type_into("#intake-pseudonym", "J.K.").await;
        municipality(&app, "Århus", "Infohus Østjylland").await;
        app.type_into("input[name=\"category\"][value=\"right_wing\"]", " ").await;
        app.press(&key::ctrl(ENTER)).await;
        app.wait_focus("intake-error-summary").await;
        let summary = app.text("#intake-error-summary").await;
        app.ensure(
            summary.contains("Ret 2 felter")
                && summary.contains("Henvender: Vælg hvem henvendelsen kommer fra.")
                && summary.contains("Beskrivelse af bekymringen: Beskriv bekymringen."),
            format!("summary: {summary:?}"),
        )
        .await;
        let errors = intake_errors(&app).await;
        app.ensure(
            errors.contains(&"invalid:intake-caller-type".to_string())
                && errors.contains(&"invalid:intake-description".to_string()),
            format!("after save, the fields show their errors: {errors:?}"),
        )
        .await;
        app.snapshot("error-summary-1280x800").await;
        resize(&app, 960, 600).await;
        app.snapshot("error-summary-960x600").await;
        resize(&app, 1280, 800).await;

        // Each link focuses its field: Tab to the first, Enter.
        app.press(&TAB.to_string()).await;
        app.press(&ENTER.to_string()).await;
        app.wait_focus("intake-caller-type").await;
        app.js("document.getElementById('intake-error-summary').focus();", vec![]).await;
        app.press(&format!("{TAB}{TAB}")).await;
        app.press(&ENTER.to_string()).await;
        app.wait_focus("intake-description").await;

        // The draft survives a look at the board and is shown in the top bar, which leads back.
        app.click("a[href=\"#/tavle\"]").await;
        app.wait_heading("Tavle").await;
        let indicator = app.text("#intake-draft-indicator").await;
        app.ensure(indicator.contains("Kladde"), format!("draft indicator: {indicator:?}")).await;
        app.snapshot("draft-indicator-1280x800").await;
        resize(&app, 960, 600).await;
        app.snapshot("draft-indicator-960x600").await;
        resize(&app, 1280, 800).await;
        app.js("document.getElementById('intake-draft-indicator').focus();", vec![]).await;
        app.press(&ENTER.to_string()).await;
        app.wait_heading("Ny henvendelse").await;
        let kept = app.js("return document.getElementById('intake-pseudonym').value;", vec![]).await;
        app.ensure(kept == serde_json::json!("J.K."), format!("the draft was not kept: {kept}")).await;

        // «Kassér kladde» asks first (focus on «Behold kladden»); Esc keeps it.
        app.click("#intake-discard").await;
        app.wait_focus("intake-discard-dialog-cancel").await;
        app.snapshot("discard-dialog").await;
        app.press(&ESCAPE.to_string()).await;
        app.wait_focus("intake-discard").await;
        let kept = app.js("return document.getElementById('intake-pseudonym').value;", vec![]).await;
        app.ensure(kept == serde_json::json!("J.K."), "Esc in the dialog discarded the draft").await;
        // Confirmed: the form is empty again, without errors, and the top bar shows no draft.
        app.press(&ENTER.to_string()).await;
        app.wait_focus("intake-discard-dialog-cancel").await;
        app.press(&TAB.to_string()).await;
        app.wait_focus("intake-discard-dialog-confirm").await;
        app.press(&ENTER.to_string()).await;
        app.wait_focus("intake-received-at").await;
        let empty = app.js("return document.getElementById('intake-pseudonym').value;", vec![]).await;
        app.ensure(empty == serde_json::json!(""), format!("the discarded draft is still there: {empty}")).await;
        app.ensure(!app.exists("#intake-error-summary").await, "the summary outlived the discarded draft").await;
        app.ensure(intake_errors(&app).await.is_empty(), "errors outlived the discarded draft").await;
        // The message about the old draft goes once the next one is typed.
        app.wait_text("#intake-status", "Kladden er kasseret").await;
        app.type_into("#intake-pseudonym", &format!("A{BACKSPACE}")).await;
        let status = app.text("#intake-status").await;
        app.ensure(status.trim().is_empty(), format!("the old draft's message stayed: {status:?}")).await;
        app.click("a[href=\"#/tavle\"]").await;
        app.wait_heading("Tavle").await;
        app.ensure(!app.exists("#intake-draft-indicator").await, "the top bar still shows a draft").await;
        app.quit().await;
        assert_eq!(data.cli(&["cases"]).matches("\"reference\"").count(), 0, "a discarded draft was saved");
    });
}

/// Fills and saves a concern by keyboard for a person in `municipality`; returns the reference.
async fn save_concern(app: &App, municipality_name: &str, infohus: &str) -> String {
    app.type_into("#search", &key::ctrl('n')).await;
    app.wait_focus("intake-received-at").await;
    app.select("#intake-caller-type", "school").await;
    app.type_into("#intake-pseudonym", "J.K.").await;
    app.type_into("#intake-birth-year", "2009").await;
    municipality(app, municipality_name, infohus).await;
    app.type_into("input[name=\"category\"][value=\"right_wing\"]", " ").await;
    app.type_into("#intake-description", "Eleven deler propaganda i klassens chat.").await;
    app.press(&key::ctrl(ENTER)).await;
    let reference = app.text("#intake-receipt .reference").await;
    app.ensure(!reference.is_empty(), "no reference in the receipt").await;
    reference
}

/// The receipt says where the case is: on this board for our own district; for another
/// district's case, that it is not on this board, with »Videresend« as the next step. Forwarding
/// asks first (naming the infohus), the toast offers »Fortryd« (focused), and the history shows
/// both the forwarding and its undo.
#[test]
fn the_receipt_tells_where_the_case_is_and_a_forwarding_is_confirmed_and_can_be_undone() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("intake_receipt_forward/1", data.path()).await;
        app.set_up().await;

        let own = save_concern(&app, "Århus", "Infohus Østjylland").await;
        let where_ = app.text("#intake-receipt-where").await;
        app.ensure(where_.contains("Sagen står nu under »Ny henvendelse« på tavlen."), format!("own: {where_:?}"))
            .await;
        app.ensure(!app.exists("#intake-forward").await, "our own case is offered for forwarding").await;
        app.snapshot("receipt-own").await;
        app.click("#intake-new").await;

        let other = save_concern(&app, "Aalborg", "Infohus Nordjylland").await;
        app.ensure(other.starts_with("NJP-"), format!("Aalborg's case has reference {other}")).await;
        let where_ = app.text("#intake-receipt-where").await;
        app.ensure(
            where_.contains("står ikke på jeres tavle") && where_.contains("Infohus Nordjylland"),
            format!("other district: {where_:?}"),
        )
        .await;
        app.ensure(!where_.contains("på tavlen."), format!("the receipt claims the board: {where_:?}")).await;
        app.wait_focus("intake-forward").await;
        app.snapshot("receipt-other-district").await;

        // The next step: »Videresend til Infohus Nordjylland …« opens the case with the form filled.
        app.press(&ENTER.to_string()).await;
        app.wait_focus("forward-district").await;
        let chosen = app.js("return document.getElementById('forward-district').value;", vec![]).await;
        app.ensure(chosen == serde_json::json!("NJP"), format!("forward target {chosen}")).await;
        let options = app
            .js(
                "return [...document.querySelectorAll('#forward-district option')].map((o) => o.textContent.trim());",
                vec![],
            )
            .await;
        app.ensure(
            !options.to_string().contains("Østjylland") && options.to_string().contains("Infohus Nordjylland"),
            format!("forward options: {options}"),
        )
        .await;
        // Enter on »Videresend …« asks first; nothing is forwarded yet.
        app.js("document.getElementById('forward-submit').focus();", vec![]).await;
        app.press(&ENTER.to_string()).await;
        app.wait_focus("forward-confirm-confirm").await;
        let question = app.text("#forward-confirm-title").await;
        app.ensure(
            question == format!("Videresend {other} til Infohus Nordjylland?"),
            format!("confirmation: {question:?}"),
        )
        .await;
        let stage = app.text("#case-panel .badge.stage").await;
        app.ensure(stage == "Ny henvendelse", format!("forwarded before the confirmation: {stage}")).await;
        app.snapshot("forward-confirm").await;
        app.press(&ENTER.to_string()).await;

        // Forwarded: the panel says so, the toast offers »Fortryd« with focus on it.
        app.wait_text("#case-panel .badge.stage", "Videresendt").await;
        let toast = app.wait_text("#toast", "videresendt til Infohus Nordjylland").await;
        app.ensure(toast.contains("Fortryd"), format!("toast: {toast:?}")).await;
        app.poll("focus on the toast's »Fortryd«", STEP, async |c: &Client| {
            let v = c
                .execute("return document.activeElement?.classList.contains('toast-action') ?? false;", vec![])
                .await
                .ok()?;
            (v == serde_json::json!(true)).then_some(())
        })
        .await;
        app.snapshot("forwarded-toast").await;
        // The receipt under the panel follows: it no longer offers the forwarding it reported.
        app.wait_text("#intake-receipt-where", "Sagen er videresendt til Infohus Nordjylland.").await;
        app.ensure(!app.exists("#intake-forward").await, "the receipt still offers forwarding").await;
        app.press(&ENTER.to_string()).await;
        app.wait_text("#toast", "Videresendelsen er fortrudt").await;
        app.wait_text("#intake-receipt-where", "står ikke på jeres tavle").await;
        app.wait_text("#case-panel .badge.stage", "Ny henvendelse").await;
        let history = app.wait_text("#case-history", "Videresendelsen er fortrudt").await;
        app.ensure(history.contains("Infohus Nordjylland"), format!("history: {history:?}")).await;
        app.snapshot("forward-undone").await;
        app.quit().await;

        // The history has both, in order.
        let case: serde_json::Value = serde_json::from_str(&data.cli(&["case", &other])).expect("case JSON");
        assert_eq!(case["stage"], "new_concern");
        let fields: Vec<(String, serde_json::Value)> = case["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["field"].as_str().unwrap().to_string(), h["new_value"].clone()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("created".to_string(), serde_json::json!(other)),
                ("stage".to_string(), serde_json::json!("forwarded")),
                ("forwarded_to".to_string(), serde_json::json!("NJP")),
                ("stage".to_string(), serde_json::json!("new_concern")),
                ("forwarded_to".to_string(), serde_json::Value::Null),
            ]
        );
        let own_case: serde_json::Value = serde_json::from_str(&data.cli(&["case", &own])).expect("case JSON");
        assert_eq!(own_case["stage"], "new_concern");
    });
}

/// First run: set up by keyboard, note the recovery code, see the board; a restart opens the
/// board directly, and the store on disk is encrypted.
#[test]
fn first_run_setup_then_restart_opens_board() {
    run(async {
        let data = DataDir::new();

        let app = App::launch("first_run_setup_then_restart_opens_board/1", data.path()).await;
        app.set_up().await;
        app.quit().await;

        let app = App::launch("first_run_setup_then_restart_opens_board/2", data.path()).await;
        app.wait_board().await;
        let setup_shown = app.exists("#setup-name").await || app.exists("#recovery-code").await;
        app.ensure(!setup_shown, "the second start showed setup again").await;
        app.quit().await;

        // The CLI opens the same store with the key from the OS keychain.
        let status = data.cli(&["status"]);
        let status: serde_json::Value =
            serde_json::from_str(&status).unwrap_or_else(|e| panic!("status is not JSON ({e}): {status}"));
        assert_eq!(status["encrypted"], serde_json::json!(true), "status: {status}");
        assert_eq!(status["counts"]["profile"], serde_json::json!(1), "status: {status}");

        // SQLCipher: the file has no plain SQLite header.
        let mut header = [0u8; 16];
        fs::File::open(data.db_file()).expect("tovholder.db exists").read_exact(&mut header).expect("read header");
        assert!(!header.starts_with(b"SQLite format 3"), "tovholder.db is a plain SQLite file");
    });
}

/// Submitting (by keyboard) without a name shows a Danish error and creates no store.
#[test]
fn setup_form_shows_danish_validation() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("setup_form_shows_danish_validation", data.path()).await;
        app.wait_heading("Velkommen til Tovholder").await;
        // Tabbing through the empty fields turns nothing red: "required" shows once a field was
        // edited and left, or on saving (the GOV.UK pattern).
        app.js("document.getElementById('setup-name').focus();", vec![]).await;
        for _ in 0..3 {
            app.press(&TAB.to_string()).await;
        }
        let red = app.js("return document.querySelectorAll('[aria-invalid=\"true\"]').length;", vec![]).await;
        app.ensure(red == serde_json::json!(0), format!("{red} fields turned red on Tab")).await;
        app.select("#setup-organisation-kind", "municipality").await;
        app.select("#setup-district", "ØJP").await;
        // Everything but the name, then Enter in the last text field submits the form.
        app.type_into("#setup-organisation-name", &format!("SSP Aarhus Kommune{ENTER}")).await;

        let alert = app.wait_alert().await;
        app.snapshot("name-missing").await;
        app.ensure(alert.to_lowercase().contains("navn"), format!("the error does not mention the name: {alert:?}"))
            .await;
        app.ensure(app.exists("#setup-name").await, "the setup form is gone after a rejected submit").await;
        // Nothing of a store: only the app's own log and web view folders.
        let files: Vec<_> = fs::read_dir(data.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "logs" && n != "webview")
            .collect();
        app.ensure(files.is_empty(), format!("a rejected setup left files behind: {files:?}")).await;
        app.quit().await;
    });
}

/// A laptop whose keychain lacks the key (a copied data folder): the app asks for the recovery
/// code, rejects a wrong one and opens with the right one, which puts the key back.
#[test]
fn recovery_code_unlocks_on_a_new_machine() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("recovery_code_unlocks_on_a_new_machine/1", data.path()).await;
        let code = app.set_up().await;
        app.quit().await;

        let account = data.keychain_account();
        assert!(keychain_has(&account), "setup stored no key in the OS keychain under {account}");
        keychain_forget(&account);

        let app = App::launch("recovery_code_unlocks_on_a_new_machine/2", data.path()).await;
        app.wait_heading("Lås sagsdatabasen op").await;
        app.type_into("#unlock-code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH").await;
        app.click("#unlock-submit").await;
        let alert = app.wait_alert().await;
        app.snapshot("wrong-code").await;
        app.ensure(!app.exists("h1#view-title").await, format!("a wrong code opened the store (alert: {alert:?})"))
            .await;

        // The right code, submitted with Enter.
        app.clear("#unlock-code").await;
        app.type_into("#unlock-code", &format!("{code}{ENTER}")).await;
        app.wait_board().await;
        app.quit().await;
        assert!(keychain_has(&account), "unlocking did not put the key back in the keychain");

        // From now on this laptop opens the store directly.
        let app = App::launch("recovery_code_unlocks_on_a_new_machine/3", data.path()).await;
        app.wait_board().await;
        app.quit().await;
    });
}

/// »Modtaget« as Danes type it (#22): a date that does not exist marks the date only — the valid
/// time beside it stays unmarked — and once both are right the line under the field says what was
/// typed (»søndag 6. dec. 2026 kl. 14.30«), from »6.12« and »1430«.
#[test]
fn the_when_field_marks_only_the_wrong_part_and_says_what_was_typed() {
    run(async {
        use chrono::{Datelike, TimeDelta};
        let data = DataDir::new();
        let app = App::launch("intake_when/1", data.path()).await;
        app.set_up().await;
        app.type_into("#search", &key::ctrl('n')).await;
        app.wait_focus("intake-received-at").await;
        let invalid = async |id: &str| {
            app.js(&format!("return document.getElementById('{id}').getAttribute('aria-invalid');"), vec![]).await
        };
        app.clear("#intake-received-at").await;
        app.type_into("#intake-received-at", &format!("31.11.2025{TAB}")).await;
        app.clear("#intake-received-time").await;
        app.type_into("#intake-received-time", &format!("1430{TAB}")).await;
        app.wait_text("#intake-received-at-msg", "findes ikke").await;
        let (date, time) = (invalid("intake-received-at").await, invalid("intake-received-time").await);
        app.ensure(date == "true" && time == "false", format!("aria-invalid: date {date}, time {time}")).await;

        let yesterday = tovholder_e2e::copenhagen_today() - TimeDelta::days(1);
        app.clear("#intake-received-at").await;
        app.type_into("#intake-received-at", &format!("{}.{}{TAB}", yesterday.day(), yesterday.month())).await;
        let hint = app.wait_text("#intake-received-at-hint", "kl. 14.30").await;
        app.ensure(hint.contains(&tovholder_e2e::shown_date(yesterday)), format!("the line under the field: {hint:?}"))
            .await;
        let typed = app.js("return document.getElementById('intake-received-at').value;", vec![]).await;
        app.ensure(typed == serde_json::json!(tovholder_e2e::typed_date(yesterday)), format!("completed to {typed}"))
            .await;
        let (date, time) = (invalid("intake-received-at").await, invalid("intake-received-time").await);
        app.ensure(date == "false" && time == "false", format!("aria-invalid: date {date}, time {time}")).await;
        app.assert_accessible("intake-when").await;
        app.snapshot("intake-when").await;
        app.quit().await;
    });
}

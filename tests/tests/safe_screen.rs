//! Safe screen mode end to end (#17 §2): with cases seeded through the CLI (a name as pseudonym,
//! initials, descriptions, a caller's name, phone and e-mail, an action item naming people, a
//! draft meeting's texts) and a note typed in the app, Ctrl+Shift+S turns the mode on; the board,
//! a case's panel, the case list, search results, Opgaver and the meeting's agenda and recording
//! then hold none of those texts in the page (its HTML and its fields' values) while the
//! references, and the initials, are shown; the banner says the mode is on. It is still on after
//! a restart; Ctrl+Shift+S turns it off and the texts are back. »Start møder i sikker skærm«
//! turns it on when a meeting is opened. Each change is in the audit log.

use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, run};

const NAME: &str = "Zindrabel Okafor";
const INITIALS: &str = "K.T.";
const DESCRIPTION: &str = "Familien bor ved Quorblasterparken og er bekymret.";
const OTHER_DESCRIPTION: &str = "Anden sag om Brokkenborgvej.";
const CALLER: (&str, &str, &str) = ("Hroswitha Vølund", "+45 21 43 65 87", "hroswitha.v@example.dk");
const NOTE: &str = "Mentoren Ulfberht har talt med ham.";
const ACTION_WHAT: &str = "Samtale om Fenrikvej";
const ACTION_PERSON: &str = "Gudbrandur Lie";
const REASON: &str = "Grundet Pindsvinegade";
const NEW_INFO: &str = "Skolen melder Tranekærstien";
const ASSESSMENT: &str = "Vurdering Kvasirhøj";
const RECOMMENDATION: &str = "Anbefaling Mjølnersti";

/// Every seeded text that safe screen mode hides.
const SECRETS: &[&str] = &[
    NAME,
    "Zindrabel",
    "Quorblasterparken",
    "Brokkenborgvej",
    "Hroswitha",
    "21 43 65 87",
    "hroswitha.v@example.dk",
    "Ulfberht",
    "Fenrikvej",
    "Gudbrandur",
    "Pindsvinegade",
    "Tranekærstien",
    "Kvasirhøj",
    "Mjølnersti",
];

const BANNER: &str = "Sikker skærm er slået til";

fn safe_key() -> String {
    format!("{CONTROL}{SHIFT}s{NULL}")
}

/// What the window holds: its whole HTML and its fields' values.
async fn window_text(app: &App) -> String {
    let html = app.client().source().await.unwrap_or_default();
    let values = app
        .js("return [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n');", vec![])
        .await;
    format!("{html}\n{}", values.as_str().unwrap_or_default())
}

/// Fails naming the first seeded text the window holds on `screen`.
async fn assert_hidden(app: &App, screen: &str) {
    let shown = window_text(app).await;
    for secret in SECRETS {
        app.ensure(!shown.contains(secret), format!("{screen}: the page holds {secret:?} in safe screen mode")).await;
    }
    app.ensure(shown.contains(BANNER), format!("{screen}: no banner")).await;
}

/// Waits until the view (`main`) holds `text` (its text content: the case list's table scrolls
/// inside the view, where WebDriver's visible text does not always reach).
async fn wait_in_view(app: &App, text: &str) {
    app.poll(&format!("the view to hold {text:?}"), Duration::from_secs(30), async |_| {
        let found = app
            .js(
                "return document.querySelector('main')?.textContent.includes(arguments[0]) ?? false;",
                vec![text.into()],
            )
            .await;
        (found == serde_json::json!(true)).then_some(())
    })
    .await;
}

async fn wait_banner(app: &App, on: bool) {
    app.poll(&format!("the banner {}", if on { "shown" } else { "gone" }), Duration::from_secs(20), async |_| {
        (app.exists("#safe-screen-banner").await == on).then_some(())
    })
    .await;
}

#[test]
fn safe_screen_mode_hides_names_descriptions_and_notes_everywhere_and_survives_a_restart() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("safe_screen/1", data.path()).await;
        app.set_up().await;
        app.quit().await;

        let named = data.intake_with(NAME, "2026-11-02T10:00:00+01:00", DESCRIPTION, Some(CALLER));
        let initials = data.intake_with(INITIALS, "2026-11-03T10:00:00+01:00", OTHER_DESCRIPTION, None);
        data.cli(&[
            "action",
            "add",
            &named,
            "--what",
            ACTION_WHAT,
            "--agency",
            "ssp",
            "--due",
            "2026-12-20",
            "--person",
            ACTION_PERSON,
        ]);
        let meeting = serde_json::json!({
            "held_at": "2026-12-01T14:00:00+01:00",
            "place": "Politigården",
            "participants": [{ "name": "Mette Holm", "organisation": "Østjyllands Politi" }],
            "items": [{
                "kind": "case",
                "reference": named,
                "reason": REASON,
                "new_information": [{ "authority": "school", "text": NEW_INFO }],
                "assessment": ASSESSMENT,
                "recommendation": RECOMMENDATION,
            }],
        });
        let file = data.path().join("meeting-e2e.json");
        std::fs::write(&file, meeting.to_string()).unwrap();
        let imported: serde_json::Value =
            serde_json::from_str(&data.cli(&["meeting", "import", file.to_str().unwrap()])).unwrap();
        std::fs::remove_file(&file).unwrap();
        let meeting_id = imported["id"].as_i64().unwrap_or_else(|| panic!("no meeting id: {imported}"));

        let app = App::launch("safe_screen/2", data.path()).await;
        app.wait_board().await;
        wait_in_view(&app, NAME).await;
        // A note typed in the app (the CLI has none).
        app.click(&format!("article[data-reference=\"{named}\"] button.open")).await;
        app.wait_text("#case-panel-title", &named).await;
        app.wait_text("aside", DESCRIPTION).await;
        app.wait_text("aside", CALLER.0).await;
        app.type_into("#note-body", NOTE).await;
        app.press(&ctrl(ENTER)).await;
        app.wait_text("#case-notes", NOTE).await;
        app.press(&ESCAPE.to_string()).await;

        // On: the board.
        app.press(&safe_key()).await;
        wait_banner(&app, true).await;
        wait_in_view(&app, &named).await;
        wait_in_view(&app, &initials).await;
        wait_in_view(&app, INITIALS).await;
        assert_hidden(&app, "board").await;
        app.snapshot("board-safe").await;
        app.assert_accessible("safe screen board").await;
        // A small window: the rail narrows to icons; the banner wraps.
        app.client().set_window_size(960, 600).await.expect("resize");
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.snapshot("board-safe-960x600").await;
        app.assert_accessible("safe screen board 960x600").await;
        app.client().set_window_size(1280, 800).await.expect("resize");
        tokio::time::sleep(Duration::from_millis(400)).await;

        // The case's panel (description, caller, notes, history, action items).
        app.click(&format!("article[data-reference=\"{named}\"] button.open")).await;
        app.wait_text("#case-panel-title", &named).await;
        app.wait_text("#case-notes", "Skjult").await;
        assert_hidden(&app, "case panel").await;
        app.snapshot("panel-safe").await;
        app.assert_accessible("safe screen case panel").await;
        app.press(&ESCAPE.to_string()).await;

        // The case list.
        app.press(&format!("{ALT}2{NULL}")).await;
        app.wait_heading("Sager").await;
        wait_in_view(&app, &named).await;
        assert_hidden(&app, "case list").await;

        // Search results: the description matches, its snippet is not shown.
        app.press(&ctrl('k')).await;
        app.type_into("#search", "Quorblasterparken").await;
        app.wait_text("#search-results", &named).await;
        let results = app.js("return document.getElementById('search-results').outerHTML;", vec![]).await;
        let results = results.as_str().unwrap_or_default().to_string();
        for secret in SECRETS {
            app.ensure(!results.contains(secret), format!("search results hold {secret:?}")).await;
        }
        app.snapshot("search-safe").await;
        app.clear("#search").await;
        app.press(&ESCAPE.to_string()).await;

        // Opgaver.
        app.press(&format!("{ALT}3{NULL}")).await;
        app.wait_heading("Opgaver").await;
        wait_in_view(&app, &named).await;
        assert_hidden(&app, "Opgaver").await;

        // The intake form is not shown (it would show what is typed, or a kept draft).
        app.press(&ctrl('n')).await;
        app.wait_heading("Ny henvendelse").await;
        app.find("#intake-safe-screen").await;
        app.ensure(!app.exists("#intake-description").await, "the intake form in safe screen mode").await;

        // The meeting: its agenda and its recording.
        app.press(&format!("{ALT}4{NULL}")).await;
        app.wait_heading("Møder").await;
        app.click(&format!("#meeting-open-{meeting_id}")).await;
        app.click("#meeting-tab-agenda").await;
        wait_in_view(&app, &named).await;
        assert_hidden(&app, "agenda").await;
        app.click("#meeting-tab-recording").await;
        app.wait_text("#recording-item-title", &named).await;
        assert_hidden(&app, "recording").await;
        app.snapshot("recording-safe").await;
        app.assert_accessible("safe screen recording").await;
        app.quit().await;

        // After a restart: still on.
        let app = App::launch("safe_screen/3", data.path()).await;
        app.wait_board().await;
        wait_banner(&app, true).await;
        wait_in_view(&app, &named).await;
        assert_hidden(&app, "board after a restart").await;

        // Off: the texts are back.
        app.press(&safe_key()).await;
        wait_banner(&app, false).await;
        wait_in_view(&app, NAME).await;
        app.click(&format!("article[data-reference=\"{named}\"] button.open")).await;
        app.wait_text("aside", DESCRIPTION).await;
        app.wait_text("#case-notes", NOTE).await;
        app.press(&ESCAPE.to_string()).await;

        // »Start møder i sikker skærm« (the »Skærm« dialog): opening a meeting turns it on.
        app.click("#rail-screen-settings").await;
        app.wait_text("#screen-dialog", "Linux har ingen sådan beskyttelse").await;
        app.snapshot("screen-settings").await;
        app.assert_accessible("screen settings dialog").await;
        app.click("#screen-meetings-safe").await;
        app.poll("the setting saved", Duration::from_secs(20), async |_| {
            let s: serde_json::Value =
                app.js("return document.getElementById('screen-meetings-safe').checked;", vec![]).await;
            (s == serde_json::json!(true)).then_some(())
        })
        .await;
        app.press(&ESCAPE.to_string()).await;
        app.ensure(!app.exists("#safe-screen-banner").await, "the setting alone does not turn the mode on").await;
        app.press(&format!("{ALT}4{NULL}")).await;
        app.wait_heading("Møder").await;
        app.click(&format!("#meeting-open-{meeting_id}")).await;
        wait_banner(&app, true).await;
        app.quit().await;

        let settings: serde_json::Value = serde_json::from_str(&data.cli(&["screen-settings"])).unwrap();
        assert_eq!(settings["safe"], true, "{settings}");
        assert_eq!(settings["meetings_safe"], true, "{settings}");
        assert_eq!(settings["content_protection"], true, "{settings}");
        let log: serde_json::Value = serde_json::from_str(&data.cli(&["audit"])).unwrap();
        let changes: Vec<String> = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "screen.settings_changed")
            .map(|e| e["subject"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(changes, ["til", "fra", "fra", "til"], "on, off, the meetings setting, on at the meeting");
    });
}

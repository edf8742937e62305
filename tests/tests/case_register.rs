//! The case register end to end: a hotline call taken by keyboard, routed live to its police
//! district, saved, found in the case list and by search, opened, changed, and its history read.

use fantoccini::{Client, Locator};
use std::time::Duration;
use tovholder_e2e::{App, DataDir, ENTER, run};

const CONTROL: char = '\u{E009}';
const ESCAPE: char = '\u{E00C}';
/// Releases held modifier keys.
const NULL: char = '\u{E000}';

fn chord(key: &str) -> String {
    format!("{CONTROL}{key}{NULL}")
}

#[test]
fn intake_by_keyboard_is_routed_saved_listed_found_and_has_a_history() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("intake_by_keyboard/1", data.path()).await;
        app.set_up().await;

        // Ctrl+N opens the intake form from the board.
        app.type_into("#search", &chord("n")).await;
        app.find("#intake-received-at").await;

        app.select("#intake-caller-type", "school").await;
        app.type_into("#intake-caller-name", "Lærer Hansen").await;
        app.type_into("#intake-pseudonym", "J.K.").await;
        app.type_into("#intake-birth-year", "2009").await;
        app.type_into("#intake-municipality", "Århus").await;
        // The infohus the municipality belongs to appears while the call goes on.
        let route = app
            .poll("the routed district in #intake-route", Duration::from_secs(10), async |c: &Client| {
                let t = c.find(Locator::Css("#intake-route")).await.ok()?.text().await.ok()?;
                t.contains("Infohus Østjylland").then_some(t)
            })
            .await;
        app.ensure(!route.contains("Politi"), format!("the route names the district one way: {route:?}")).await;
        app.type_into("#intake-municipality", &ESCAPE.to_string()).await;
        // Radio buttons and checkboxes by keyboard: Space.
        app.type_into("input[name=\"category\"][value=\"right_wing\"]", " ").await;
        app.type_into("input[name=\"indicators\"][value=\"shares_propaganda\"]", " ").await;
        app.type_into("input[name=\"indicators\"][value=\"weapons_interest\"]", " ").await;
        app.type_into("input[name=\"urgency\"][value=\"high\"]", " ").await;
        app.type_into(
            "#intake-description",
            "Eleven viser klassekammerater billeder fra et knallertværksted med våben.",
        )
        .await;
        app.snapshot("intake-filled").await;
        // Ctrl+Enter saves.
        app.type_into("#intake-description", &chord(&ENTER.to_string())).await;

        let receipt = app.text("#intake-receipt").await;
        app.snapshot("receipt").await;
        let reference = receipt
            .split_whitespace()
            .find(|w| w.starts_with("ØJP-") && w.ends_with("-0001"))
            .unwrap_or_else(|| panic!("no reference ØJP-YYYY-0001 in the receipt: {receipt:?}"))
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();

        // The case list shows it.
        app.click("a[href=\"#/sager\"]").await;
        let row = format!("#case-list tr[data-reference=\"{reference}\"]");
        app.find(&row).await;
        // The cells' ellipsis layout (max-width: 0) makes WebDriver's rendered text empty: read
        // their textContent.
        let mut cells = Vec::new();
        for td in app.find_all(&format!("{row} td")).await {
            cells.push(td.prop("textContent").await.ok().flatten().unwrap_or_default());
        }
        let row_text = cells.join(" | ");
        app.ensure(row_text.contains("J.K.") && row_text.contains("Aarhus"), format!("list row: {row_text:?}")).await;
        app.snapshot("case-list").await;

        // Search is Danish-aware: "ae" finds "æ", "aa" finds "å".
        app.click("#search").await;
        app.type_into("#search", "knallertvaerksted vaaben").await;
        let hit = format!("#search-results [data-reference=\"{reference}\"]");
        app.find(&hit).await;
        app.snapshot("search").await;
        app.type_into("#search", &ENTER.to_string()).await;

        // The case panel: all fields and the history of its creation.
        let title = app.text("#case-panel h2").await;
        app.ensure(title == reference, format!("panel title {title:?}, expected {reference}")).await;
        let history = app.text("#case-history").await;
        app.ensure(history.contains("Mette Sørensen"), format!("history has no author: {history:?}")).await;

        // A stage change is recorded in the history, with who and when.
        app.select("#case-stage", "screening").await;
        app.click("#case-stage-save").await;
        app.poll("the stage change in #case-history", Duration::from_secs(10), async |c: &Client| {
            let t = c.find(Locator::Css("#case-history")).await.ok()?.text().await.ok()?;
            (t.contains("Screening") && t.matches("Mette Sørensen").count() >= 2).then_some(())
        })
        .await;
        app.snapshot("history").await;
        app.quit().await;

        // The same case through the CLI, from the same encrypted store.
        let case: serde_json::Value = serde_json::from_str(&data.cli(&["case", &reference])).expect("case JSON");
        assert_eq!(case["municipality"], "Aarhus");
        assert_eq!(case["urgency"], "high");
        assert_eq!(case["stage"], "screening");
        assert_eq!(case["indicators"], serde_json::json!(["shares_propaganda", "weapons_interest"]));
        let fields: Vec<&str> =
            case["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["created", "stage"]);
    });
}

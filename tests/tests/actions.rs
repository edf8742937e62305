//! Action items (opgaver) end to end: added in the case panel with a Danish due date (typed, and
//! picked from the calendar by keyboard), marked done in the Opgaver view by keyboard, and still
//! there — with its history — after a restart and through the CLI.

use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, run, shown_date, typed_date};

/// An attribute of the focused element (`None` when it has none).
async fn focused_attr(app: &App, name: &str) -> Option<String> {
    let active = app.client().active_element().await.ok()?;
    active.attr(name).await.ok().flatten()
}

/// Resizes the window (for screenshots).
async fn resize(app: &App, width: u32, height: u32) {
    if let Err(e) = app.client().set_window_size(width, height).await {
        panic!("{}", app.report(format!("resizing to {width}x{height}: {e}")).await);
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// First-run setup (police, Østjylland) ending on the board's heading; the board's own tests
/// check its columns.
async fn set_up_to_board(app: &App) {
    app.fill_setup("Mette Sørensen", "police", "Østjyllands Politi", "ØJP").await;
    app.wait_heading("Din gendannelseskode").await;
    app.click("#recovery-confirmed").await;
    app.wait_enabled("#recovery-continue").await;
    app.click("#recovery-continue").await;
    app.wait_heading("Tavle").await;
}

/// The due dates the test types and picks, always ahead of today (so they stay "Senere" and are
/// never refused as too old, whatever day the test runs): the first of the month three months on,
/// and the day the calendar keys lead to from there (PageDown, ↑, Home, →).
struct Dues {
    first: chrono::NaiveDate,
    picked: chrono::NaiveDate,
}

fn dues() -> Dues {
    use chrono::{Datelike, Months, TimeDelta};
    let today = tovholder_e2e::copenhagen_today();
    let first = today.with_day(1).unwrap().checked_add_months(Months::new(3)).unwrap();
    let after_page_down = first.checked_add_months(Months::new(1)).unwrap();
    let up = after_page_down - TimeDelta::days(7);
    let monday = up - TimeDelta::days(i64::from(up.weekday().num_days_from_monday()));
    Dues { first, picked: monday + TimeDelta::days(1) }
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The Opgaver view's row ids, in display order.
async fn row_ids(app: &App) -> Vec<String> {
    let mut ids = Vec::new();
    for row in app.find_all("#actions-list li[data-action-id]").await {
        ids.push(row.attr("data-action-id").await.ok().flatten().unwrap_or_default());
    }
    ids
}

/// Tab from the agency filter lands on the list's one Tab stop.
async fn focus_list(app: &App) {
    app.find("#actions-list li[data-action-id]").await;
    app.type_into("#actions-agency", &TAB.to_string()).await;
    let focused = focused_attr(app, "data-action-id").await;
    app.ensure(focused.is_some(), "Tab from the filter did not reach the list").await;
}

#[test]
fn action_items_are_added_with_danish_dates_done_by_keyboard_and_persist() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("action_items/1", data.path()).await;
        set_up_to_board(&app).await;
        app.quit().await;
        let reference = data.intake("A.B.", "2026-01-05T10:00:00+01:00");
        let due = dues();

        let app = App::launch("action_items/2", data.path()).await;
        app.wait_heading("Tavle").await;
        // Find the case with the search field and open it with Enter.
        app.click("#search").await;
        app.type_into("#search", &reference).await;
        app.find(&format!("#search-results [data-reference=\"{reference}\"]")).await;
        app.type_into("#search", &ENTER.to_string()).await;
        app.wait_text("#case-panel-title", &reference).await;
        app.wait_text("#case-actions-title", "Opgaver").await;

        // Ny opgave: an impossible date is refused in Danish next to the field.
        app.click("#action-new").await;
        app.type_into("#action-what", "Samtale med skolens AKT-lærer").await;
        app.select("#action-agency", "school").await;
        app.type_into("#action-person", "Lone Berg").await;
        app.type_into("#action-due", "30022026").await;
        let msg = app.wait_text("#action-due-msg", "findes ikke").await;
        app.ensure(msg.contains("februar 2026 har 28 dage"), format!("message: {msg:?}")).await;
        let invalid = app.find("#action-due").await.attr("aria-invalid").await.ok().flatten();
        app.ensure(invalid.as_deref() == Some("true"), "the due field is not aria-invalid").await;
        app.snapshot("impossible-date").await;
        // Select all and delete, as a person would (fires input events, unlike WebDriver's clear).
        app.type_into("#action-due", &format!("{CONTROL}a{NULL}{BACKSPACE}")).await;
        app.type_into("#action-due", &typed_date(due.first)).await;
        let in_field = app.find("#action-due").await.prop("value").await.ok().flatten().unwrap_or_default();
        app.ensure(in_field == typed_date(due.first), format!("the due field reads {in_field:?}")).await;
        app.click("#action-submit").await;
        app.wait_text("#case-actions", "Samtale med skolens AKT-lærer").await;
        let list = app.wait_text("#case-actions", &shown_date(due.first)).await;
        app.ensure(list.contains("Skole/PPR") && list.contains("Lone Berg"), format!("panel list: {list:?}")).await;

        // A second one, its date picked in the calendar by keyboard: from the first of a month,
        // PageDown (a month on), ↑ (a week back), Home (that Monday), → (Tuesday), Enter.
        app.click("#action-new").await;
        app.type_into("#action-what", "Hjemmebesøg hos familien").await;
        app.select("#action-agency", "social_services").await;
        app.type_into("#action-due", &typed_date(due.first)).await;
        app.type_into("#action-due-calendar", &ENTER.to_string()).await;
        app.find("#action-due-dialog").await;
        let start = focused_attr(&app, "data-date").await;
        app.ensure(start == Some(iso(due.first)), format!("calendar opened on {start:?}")).await;
        app.press(&format!("{PAGE_DOWN}{ARROW_UP}{HOME}{ARROW_RIGHT}")).await;
        let at = focused_attr(&app, "data-date").await;
        app.ensure(at == Some(iso(due.picked)), format!("calendar focus on {at:?}")).await;
        app.snapshot("calendar").await;
        app.press(&ENTER.to_string()).await;
        let back = focused_attr(&app, "id").await;
        app.ensure(back.as_deref() == Some("action-due-calendar"), format!("focus went to {back:?}")).await;
        let picked = app.find("#action-due").await.prop("value").await.ok().flatten().unwrap_or_default();
        app.ensure(picked == typed_date(due.picked), format!("picked {picked:?}")).await;
        app.click("#action-submit").await;
        app.wait_text("#case-actions", &shown_date(due.picked)).await;
        app.wait_text("#case-history", "Opgave tilføjet").await;
        app.snapshot("panel").await;
        app.press(&ESCAPE.to_string()).await;

        // Opgaver: the items of the home infohus, grouped; "j" moves, "d" marks done.
        app.click("a[href=\"#/opgaver\"]").await;
        app.wait_text("#actions-list", "Senere").await;
        let ids = row_ids(&app).await;
        app.ensure(ids.len() == 2, format!("rows: {ids:?}")).await;
        focus_list(&app).await;
        app.ensure(
            focused_attr(&app, "data-action-id").await.as_deref() == Some(ids[0].as_str()),
            "Tab focus is not on row 1",
        )
        .await;
        app.press("j").await;
        let second = focused_attr(&app, "data-action-id").await;
        app.ensure(second.as_deref() == Some(ids[1].as_str()), format!("j moved to {second:?}")).await;
        let label = focused_attr(&app, "aria-label").await.unwrap_or_default();
        app.ensure(label.contains("Samtale med skolens AKT-lærer"), format!("row 2 is {label:?}")).await;
        app.press("d").await;
        app.wait_text("#toast", "markeret udført").await;
        app.poll("the done item to leave the list", Duration::from_secs(10), async |_| {
            (row_ids(&app).await.len() == 1).then_some(())
        })
        .await;
        let focused = focused_attr(&app, "data-action-id").await;
        app.ensure(focused.as_deref() == Some(ids[0].as_str()), format!("focus after done: {focused:?}")).await;
        app.snapshot("opgaver-after-done").await;
        // One key closed it: »Fortryd« in the toast opens it again; then it is closed for good.
        app.click("#toast .toast-action").await;
        app.wait_text("#toast", "er åben igen").await;
        app.poll("the item back in the list", Duration::from_secs(10), async |_| {
            (row_ids(&app).await.len() == 2).then_some(())
        })
        .await;
        app.js(&format!("document.querySelector('[data-action-id=\"{}\"]').focus();", ids[1]), vec![]).await;
        app.press("d").await;
        app.poll("the done item to leave the list again", Duration::from_secs(10), async |_| {
            (row_ids(&app).await.len() == 1).then_some(())
        })
        .await;
        app.quit().await;

        // After a restart: still done, in the panel and its history.
        let app = App::launch("action_items/3", data.path()).await;
        app.wait_heading("Tavle").await;
        app.click("a[href=\"#/opgaver\"]").await;
        app.wait_text("#actions-list", "Hjemmebesøg hos familien").await;
        let list = app.text("#actions-list").await;
        app.ensure(!list.contains("Samtale med skolens"), format!("the done item is listed: {list:?}")).await;
        focus_list(&app).await;
        app.press(&ENTER.to_string()).await;
        app.wait_text("#case-panel-title", &reference).await;
        let items = app.wait_text("#case-actions", "Udført").await;
        app.ensure(items.contains("Samtale med skolens AKT-lærer"), format!("panel items: {items:?}")).await;
        let history = app.wait_text("#case-history", "Opgave tilføjet").await;
        app.ensure(history.contains("Udført"), format!("history: {history:?}")).await;
        app.snapshot("after-restart").await;
        app.quit().await;

        // The CLI reads the same store.
        let case: serde_json::Value = serde_json::from_str(&data.cli(&["case", &reference])).expect("case JSON");
        let items = case["action_items"].as_array().expect("action_items");
        let by_what =
            |w: &str| items.iter().find(|i| i["what"] == w).unwrap_or_else(|| panic!("no {w:?} in {items:?}"));
        let done = by_what("Samtale med skolens AKT-lærer");
        assert_eq!(done["due"], iso(due.first).as_str());
        assert_eq!(done["status"], "done");
        assert_eq!(done["status_by"], "Mette Sørensen");
        assert_eq!(done["agency"], "school");
        assert_eq!(done["person"], "Lone Berg");
        let open = by_what("Hjemmebesøg hos familien");
        assert_eq!(open["due"], iso(due.picked).as_str());
        assert_eq!(open["status"], "open");
        let fields: Vec<&str> =
            case["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
        // Two added, one done, its undo (»Fortryd«) and done again.
        assert_eq!(fields.iter().filter(|f| **f == "action_item").count(), 5, "history: {fields:?}");
        let open_items: serde_json::Value = serde_json::from_str(&data.cli(&["actions"])).expect("actions JSON");
        let whats: Vec<&str> = open_items.as_array().unwrap().iter().map(|i| i["what"].as_str().unwrap()).collect();
        assert_eq!(whats, ["Hjemmebesøg hos familien"]);
    });
}

/// Screenshots for people to look at (tests/artifacts/action_screens/): the Opgaver view, the
/// case panel's Opgaver section with the calendar, and the intake's Danish "Modtaget", with demo
/// data at 1280×800 and 960×600.
#[test]
fn action_screens_with_demo_data() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("action_screens/1", data.path()).await;
        set_up_to_board(&app).await;
        app.quit().await;
        data.cli(&["demo", "--cases", "400"]);

        let app = App::launch("action_screens/2", data.path()).await;
        app.wait_heading("Tavle").await;
        for (w, h) in [(1280, 800), (960, 600)] {
            resize(&app, w, h).await;
            app.click("a[href=\"#/opgaver\"]").await;
            app.find("#actions-list li[data-action-id]").await;
            app.snapshot(&format!("opgaver-{w}")).await;
            focus_list(&app).await;
            app.press("j").await;
            app.snapshot(&format!("opgaver-focus-{w}")).await;
            // "?" on the list shows the shortcuts, the list's keys among them.
            app.press("?").await;
            app.wait_text("#shortcuts-dialog", "annullér den valgte opgave").await;
            app.snapshot(&format!("shortcuts-{w}")).await;
            app.press(&ESCAPE.to_string()).await;
            app.press(&ENTER.to_string()).await;
            app.wait_text("#case-actions-title", "Opgaver").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            app.snapshot(&format!("panel-{w}")).await;
            if !app.exists("#action-what").await {
                app.click("#action-new").await;
            }
            app.clear("#action-what").await;
            app.type_into("#action-what", "Opfølgende samtale").await;
            app.clear("#action-due").await;
            app.type_into("#action-due", "3002").await;
            app.click("#action-due-calendar").await;
            app.find("#action-due-dialog").await;
            app.snapshot(&format!("panel-calendar-{w}")).await;
            app.press(&ESCAPE.to_string()).await;
            app.press(&ESCAPE.to_string()).await;
            app.select("#actions-agency", "police").await;
            app.snapshot(&format!("opgaver-police-{w}")).await;
            app.select("#actions-agency", "").await;
            app.type_into("#actions-agency", &format!("{CONTROL}n{NULL}")).await;
            app.find("#intake-received-time").await;
            app.snapshot(&format!("intake-{w}")).await;
        }
        app.quit().await;
    });
}

//! The case register end to end: a hotline call taken by keyboard, routed live to its police
//! district, saved, found in the case list and by search, opened, changed, and its history read;
//! and the case list and search on demo data by keyboard only, at three window sizes.

use fantoccini::{Client, Locator};
use serde_json::json;
use std::time::Duration;
use tovholder_e2e::key::{self, *};
use tovholder_e2e::{App, DataDir, ENTER, run};

const STEP: Duration = Duration::from_secs(30);

/// The focused element: its tag and its `data-reference` / `id`.
async fn focused(app: &App) -> serde_json::Value {
    app.js(
        "const e = document.activeElement;
         return { tag: e?.tagName?.toLowerCase() ?? null, reference: e?.dataset?.reference ?? null, id: e?.id || null };",
        vec![],
    )
    .await
}

/// Waits until the focused element is the case list's row `reference`.
async fn wait_row_focused(app: &App, reference: &str) {
    let what = format!("focus on the list row {reference}");
    app.poll(&what, STEP, async |c: &Client| {
        let v = c
            .execute(
                "return document.activeElement?.closest('#case-list tbody tr')?.dataset.reference ?? null;",
                vec![],
            )
            .await
            .ok()?;
        (v.as_str() == Some(reference)).then_some(())
    })
    .await
}

/// The references of the case list's rows, in order.
async fn row_refs(app: &App) -> Vec<String> {
    let v = app
        .js("return [...document.querySelectorAll('#case-list tbody tr')].map((r) => r.dataset.reference);", vec![])
        .await;
    v.as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect()
}

/// Waits until the list's summary (\"Viser 1–50 af 400\") reads `needle` and the list is loaded.
async fn wait_summary(app: &App, needle: &str) -> String {
    let what = format!("#case-list-summary to contain {needle:?}");
    app.poll(&what, STEP, async |c: &Client| {
        let t = c.find(Locator::Css("#case-list-summary")).await.ok()?.text().await.ok()?;
        (t.contains(needle) && !t.contains("henter")).then_some(t)
    })
    .await
}

#[test]
fn intake_by_keyboard_is_routed_saved_listed_found_and_has_a_history() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("intake_by_keyboard/1", data.path()).await;
        app.set_up().await;

        // Ctrl+N opens the intake form from the board.
        app.type_into("#search", &key::ctrl("n")).await;
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
        app.type_into("#intake-description", &key::ctrl(ENTER)).await;

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
        app.wait_focus("case-move-reason").await;
        app.type_into("#case-move-reason", "Skolen har ringet igen").await;
        app.click("#case-move-confirm").await;
        app.poll("the stage change in #case-history", Duration::from_secs(10), async |c: &Client| {
            let t = c.find(Locator::Css("#case-history")).await.ok()?.text().await.ok()?;
            (t.contains("Screening")
                && t.contains("Skolen har ringet igen")
                && t.matches("Mette Sørensen").count() >= 2)
                .then_some(())
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

/// The case list and search by keyboard only, on 400 demo cases: the list is one Tab stop, ↓/j/k
/// and End move, Enter opens the panel, Esc closes it and focus is back on the row; a forwarded
/// case is found with the Fase filter, shown as a chip that removes the filter; search by keyboard
/// shows why each case matched, the own district's cases first, and empties the field when a
/// result is opened. The list's columns fit at 960×600, 1280×800 and 1920×1080 (screenshots in
/// tests/artifacts/case_list_keyboard/).
#[test]
fn case_list_and_search_by_keyboard_on_demo_data() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("case_list_keyboard/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        data.cli(&["demo", "--cases", "400"]);

        let app = App::launch("case_list_keyboard/2", data.path()).await;
        app.wait_board().await;
        app.client().set_window_size(1920, 1080).await.expect("resize");
        app.click("a[href=\"#/sager\"]").await;
        app.find("#case-list tbody tr").await;
        let home_total = wait_summary(&app, "Viser 1–").await;
        let refs = row_refs(&app).await;
        app.ensure(refs.len() >= 10, format!("the home district's cases, got {}", refs.len())).await;
        let last = refs.len() - 1;

        // ---- One Tab stop for the 50 rows ----
        let stops =
            app.js("return document.querySelectorAll('#case-list tbody tr[tabindex=\"0\"]').length;", vec![]).await;
        app.ensure(stops == json!(1), format!("rows with tabindex 0: {stops}")).await;
        app.js("document.getElementById('sort-received').focus();", vec![]).await;
        app.press(&TAB.to_string()).await;
        wait_row_focused(&app, &refs[0]).await;
        app.press(&TAB.to_string()).await;
        let after = focused(&app).await;
        app.ensure(after["tag"] != json!("tr"), format!("Tab left the list, focus is on {after}")).await;
        app.press(&format!("{SHIFT}{TAB}{NULL}")).await;
        wait_row_focused(&app, &refs[0]).await;
        app.press(&ARROW_DOWN.to_string()).await;
        wait_row_focused(&app, &refs[1]).await;
        app.press("j").await;
        wait_row_focused(&app, &refs[2]).await;
        app.press("k").await;
        wait_row_focused(&app, &refs[1]).await;
        app.press(&END.to_string()).await;
        wait_row_focused(&app, &refs[last]).await;
        let stops = app.js("return [...document.querySelectorAll('#case-list tbody tr[tabindex=\"0\"]')].map((r) => r.dataset.reference);", vec![]).await;
        app.ensure(stops == json!([refs[last]]), format!("the Tab stop moved with focus: {stops}")).await;
        tokio::time::sleep(Duration::from_millis(400)).await; // let the window repaint
        app.snapshot("list-keyboard").await;

        // Enter opens the panel; Esc closes it and focus is back on the row.
        app.press(&ENTER.to_string()).await;
        let title = app.text("#case-panel h2").await;
        app.ensure(title == refs[last], format!("panel {title:?}, expected {}", refs[last])).await;
        app.press(&ESCAPE.to_string()).await;
        app.poll("the panel to close", STEP, async |c: &Client| {
            c.find(Locator::Css("#case-panel")).await.is_err().then_some(())
        })
        .await;
        wait_row_focused(&app, &refs[last]).await;
        app.press(&HOME.to_string()).await;
        wait_row_focused(&app, &refs[0]).await;

        // ---- A forwarded case is found again: Fase »Videresendt«, a chip that removes the filter ----
        let forwarded = refs[0].clone();
        app.press(&ENTER.to_string()).await;
        app.click("#case-forward").await;
        app.select("#forward-district", "FYP").await;
        app.type_into("#forward-reason", "Personen er flyttet til Odense.").await;
        app.click("#forward-submit").await;
        // Forwarding asks first, naming the receiving infohus.
        app.click("#forward-confirm-confirm").await;
        app.poll("the case to be forwarded", STEP, async |c: &Client| {
            let t = c.find(Locator::Css("#case-panel .badges")).await.ok()?.text().await.ok()?;
            t.contains("Videresendt").then_some(())
        })
        .await;
        app.press(&ESCAPE.to_string()).await;
        app.poll("the panel to close", STEP, async |c: &Client| {
            c.find(Locator::Css("#case-panel")).await.is_err().then_some(())
        })
        .await;
        app.select("#filter-stage", "forwarded").await;
        wait_summary(&app, "Viser 1–1 af 1").await;
        app.ensure(row_refs(&app).await == [forwarded.clone()], "the forwarded case is listed under Videresendt").await;
        let chips = app.text("#filter-chips").await;
        app.ensure(
            chips.contains("Fase: Videresendt") && chips.contains("Infohus Østjylland") && !chips.contains("Infohus: "),
            format!("chips: {chips:?}"),
        )
        .await;
        app.ensure(app.exists("#filter-reset").await, "Nulstil is offered").await;
        tokio::time::sleep(Duration::from_millis(400)).await; // let the window repaint
        app.snapshot("list-chips").await;
        // The chip by keyboard: Enter removes its filter; focus stays in the chip bar.
        app.js("document.querySelector('#filter-chips [data-filter=\"stage\"]').focus();", vec![]).await;
        app.press(&ENTER.to_string()).await;
        let total = wait_summary(&app, "Viser 1–").await;
        app.ensure(total == home_total, format!("back to all the district's cases: {total:?} vs {home_total:?}")).await;
        let stage = app.find("#filter-stage").await.prop("value").await.ok().flatten();
        app.ensure(stage.as_deref() == Some(""), format!("the Fase filter is »Alle« again: {stage:?}")).await;
        app.ensure(!app.exists("#filter-chips [data-filter=\"stage\"]").await, "the chip is gone").await;
        let f = focused(&app).await;
        app.ensure(
            f["tag"] == json!("button") && app.exists("#filter-chips button:focus").await,
            format!("focus stays in the chip bar: {f}"),
        )
        .await;
        // One name per infohus, in the list too; letters reach an infohus by the name after
        // »Infohus « (»f« → Infohus Fyn), and the list follows.
        let options = app
            .js(
                "return [...document.querySelectorAll('#filter-district option')].map((o) => o.textContent.trim());",
                vec![],
            )
            .await;
        app.ensure(
            options.to_string().contains("\"Infohus Fyn\"") && options.to_string().contains("\"Infohus Østjylland\""),
            format!("the infohus list: {options}"),
        )
        .await;
        app.js("document.getElementById('filter-district').focus(); return true;", vec![]).await;
        app.press("f").await;
        app.poll("»f« chooses Infohus Fyn", STEP, async |c: &Client| {
            let v = c.execute("return document.getElementById('filter-district').value;", vec![]).await.ok()?;
            (v == json!("FYP")).then_some(())
        })
        .await;
        app.wait_text("#filter-chips", "Infohus Fyn").await;
        app.select("#filter-district", "ØJP").await;
        wait_summary(&app, "Viser 1–").await;

        // ---- Search by keyboard: a snippet of why, own district first, the field emptied ----
        app.press(&key::ctrl("k")).await;
        let f = focused(&app).await;
        app.ensure(f["id"] == json!("search"), format!("Ctrl+K focuses the search field: {f}")).await;
        app.press("klassekammerat").await;
        app.find("#search-results li .why mark").await;
        tokio::time::sleep(Duration::from_millis(400)).await; // let the window repaint
        app.snapshot("search-snippet").await;
        let hits = app
            .js(
                "return [...document.querySelectorAll('#search-results li')].map((li) => ({
                   reference: li.dataset.reference,
                   why: li.querySelector('.why')?.textContent ?? '',
                   marks: [...li.querySelectorAll('.why mark')].map((m) => m.textContent),
                 }));",
                vec![],
            )
            .await;
        let hits = hits.as_array().unwrap();
        app.ensure(hits.len() >= 2, format!("search found cases: {}", hits.len())).await;
        for h in hits {
            let why = h["why"].as_str().unwrap();
            let marks = h["marks"].as_array().unwrap();
            app.ensure(
                (why.starts_with("Beskrivelse:") || why.starts_with("Note:"))
                    && !marks.is_empty()
                    && marks.iter().all(|m| m.as_str().unwrap().to_lowercase().starts_with("klassekammerat"))
                    && why.chars().count() < 140,
                format!("a short snippet with the match marked: {h}"),
            )
            .await;
        }
        let own: Vec<bool> = hits.iter().map(|h| h["reference"].as_str().unwrap().starts_with("ØJP-")).collect();
        app.ensure(own.windows(2).all(|w| w[0] || !w[1]), format!("the own district's cases first: {own:?}")).await;
        app.press(&ARROW_DOWN.to_string()).await;
        let chosen = hits[1]["reference"].as_str().unwrap().to_string();
        app.press(&ENTER.to_string()).await;
        let title = app.text("#case-panel h2").await;
        app.ensure(title == chosen, format!("panel {title:?}, expected {chosen}")).await;
        let query = app.find("#search").await.prop("value").await.ok().flatten();
        app.ensure(query.as_deref() == Some(""), format!("the search field is empty after opening: {query:?}")).await;
        app.press(&ESCAPE.to_string()).await;
        app.poll("the panel to close", STEP, async |c: &Client| {
            c.find(Locator::Css("#case-panel")).await.is_err().then_some(())
        })
        .await;

        // ---- The columns fit, at every size; Infohus only for more than one district ----
        for (w, h, all_districts) in [
            (960u32, 600u32, false),
            (960, 600, true),
            (1280, 800, false),
            (1280, 800, true),
            (1920, 1080, false),
            (1920, 1080, true),
        ] {
            app.select("#filter-district", if all_districts { "" } else { "ØJP" }).await;
            app.client().set_window_size(w, h).await.expect("resize");
            tokio::time::sleep(Duration::from_millis(600)).await;
            wait_summary(&app, "Viser 1–").await;
            let name = format!("list-{w}x{h}{}", if all_districts { "-all" } else { "" });
            app.snapshot(&name).await;
            let check = app
                .js(
                    "const wrap = document.querySelector('.table-wrap');
                     const heads = [...document.querySelectorAll('#case-list thead th')].map((t) => t.textContent.trim());
                     const cut = [];
                     for (const el of document.querySelectorAll('#case-list td, #case-list .line, #case-list th')) {
                       if (el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent.trim());
                     }
                     const vw = document.documentElement.clientWidth;
                     const ths = [...document.querySelectorAll('#case-list thead th')];
                     return {
                       scrollsSideways: wrap.scrollWidth > wrap.clientWidth + 1,
                       headsInside: ths.every((t) => t.getBoundingClientRect().right <= vw + 1),
                       heads,
                       cut: cut.slice(0, 40),
                       cutCount: cut.length,
                       widths: ths.map((t) => Math.round(t.getBoundingClientRect().width)),
                     };",
                    vec![],
                )
                .await;
            app.ensure(check["scrollsSideways"] == json!(false), format!("{name}: the list scrolls sideways: {check}"))
                .await;
            app.ensure(check["headsInside"] == json!(true), format!("{name}: a column is out of view: {check}")).await;
            app.ensure(check["cutCount"] == json!(0), format!("{name}: text is cut: {check}")).await;
            let heads = check["heads"].to_string();
            app.ensure(
                heads.contains("Fase") && heads.contains("Modtaget") && heads.contains("Kommune"),
                format!("{name}: {heads}"),
            )
            .await;
            app.ensure(
                heads.contains("Infohus") == (all_districts && w >= 1920),
                format!("{name}: the district column: {heads}"),
            )
            .await;
        }
        // The search results at the window's minimum: inside the window, snippets on one or two lines.
        app.client().set_window_size(960, 600).await.expect("resize");
        tokio::time::sleep(Duration::from_millis(600)).await;
        app.press(&key::ctrl("k")).await;
        app.press("klassekammerat").await;
        app.find("#search-results li .why mark").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.snapshot("search-960x600").await;
        let inside = app
            .js(
                "const r = document.querySelector('.popup').getBoundingClientRect();
                 return r.left >= 0 && r.right <= document.documentElement.clientWidth;",
                vec![],
            )
            .await;
        app.ensure(inside == json!(true), "the search results are inside the window at 960×600").await;
        app.press(&ESCAPE.to_string()).await;
        app.press(&ESCAPE.to_string()).await;
        app.quit().await;
    });
}

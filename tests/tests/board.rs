//! The board end to end on demo data: a card moved by keyboard and by drag and drop (with a
//! reason), marked "til møde", closed with an outcome, a move undone (Ctrl+Z), a move the rules
//! refuse; after a restart the board and the case history (via the CLI) show all of it. Also the
//! layout at the window's minimum size and screenshots at three sizes.

use fantoccini::Client;
use serde_json::{Value, json};
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, run};

/// Demo cases across Denmark; about a fifth fall in the coordinator's Østjylland.
const DEMO_CASES: &str = "400";

/// The layout test's demo size: `TOVHOLDER_BOARD_CASES` (e.g. 10000 to time the first paint, which
/// the app prints to stderr and the driver log keeps), else [`DEMO_CASES`].
fn layout_cases() -> String {
    std::env::var("TOVHOLDER_BOARD_CASES").unwrap_or_else(|_| DEMO_CASES.to_string())
}

/// The first card of a column (its reference), from the page.
async fn first_card(app: &App, stage: &str) -> String {
    let v = app
        .js(
            "const b = document.querySelector(`section[data-stage='${arguments[0]}'] button[data-nav^='card:']`);
             return b ? b.dataset.nav.slice(5) : null;",
            vec![json!(stage)],
        )
        .await;
    match v.as_str() {
        Some(r) => r.to_string(),
        None => panic!("{}", app.report(format!("no card in column {stage}")).await),
    }
}

/// Dispatches a real HTML5 drag (dragstart, dragenter, dragover, drop, dragend with one
/// DataTransfer) from the card to the column, through the board's own handlers: WebKitWebDriver
/// does not perform HTML5 drag and drop from WebDriver actions.
async fn drag_card(app: &App, reference: &str, stage: &str) -> Value {
    app.js(
        "const card = [...document.querySelectorAll('article[data-reference]')].find((e) => e.dataset.reference === arguments[0]);
         const column = document.querySelector(`section[data-stage='${arguments[1]}'] .column-body`);
         if (!card || !column) return 'missing';
         const dt = new DataTransfer();
         const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
         fire(card, 'dragstart');
         fire(column, 'dragenter');
         const accepted = !fire(column, 'dragover'); // a drop target cancels dragover
         fire(column, 'drop');
         fire(card, 'dragend');
         return accepted ? 'dropped' : 'refused';",
        vec![json!(reference), json!(stage)],
    )
    .await
}

async fn wait_dialog(app: &App) {
    app.poll("the move dialog", Duration::from_secs(10), async |c: &Client| {
        let open = c.execute("return document.getElementById('move-dialog')?.open === true;", vec![]).await.ok()?;
        open.as_bool()?.then_some(())
    })
    .await;
}

async fn wait_dialog_closed(app: &App) {
    app.poll("the move dialog to close", Duration::from_secs(15), async |c: &Client| {
        let open = c.execute("return document.getElementById('move-dialog')?.open === true;", vec![]).await.ok()?;
        (!open.as_bool()?).then_some(())
    })
    .await;
}

async fn toast_text(app: &App) -> String {
    app.poll("a toast", Duration::from_secs(10), async |c: &Client| {
        let v = c.execute("return document.getElementById('toast')?.textContent ?? '';", vec![]).await.ok()?;
        let t = v.as_str()?.trim().to_string();
        (!t.is_empty()).then_some(t)
    })
    .await
}

/// The case's stage changes in its history (from the CLI): (old, new, reason).
fn stage_history(data: &DataDir, reference: &str) -> Vec<(String, String, Option<String>)> {
    let case: Value = serde_json::from_str(&data.cli(&["case", reference])).expect("case JSON");
    case["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|h| h["field"] == "stage")
        .map(|h| {
            (
                h["old_value"].as_str().unwrap_or_default().to_string(),
                h["new_value"].as_str().unwrap_or_default().to_string(),
                h["reason"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn board_moves_by_keyboard_and_drag_closes_undoes_and_persists() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("board_moves/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        data.cli(&["demo", "--cases", DEMO_CASES]);

        let app = App::launch("board_moves/2", data.path()).await;
        app.wait_board().await;
        let summary = app.text("#board-summary").await;
        app.ensure(summary.contains("aktive sager i Infohus Østjylland"), format!("the summary says {summary:?}"))
            .await;
        app.snapshot("board-demo").await;

        let reference = first_card(&app, "screening").await;

        // 1. By keyboard: "." moves the focused card one stage right; the dialog asks for a reason.
        let loads = app.loads("board").await;
        app.focus_card(&reference).await;
        app.type_into(&format!("button[data-nav=\"card:{reference}\"]"), ".").await;
        wait_dialog(&app).await;
        app.snapshot("move-dialog").await;
        app.type_into("#move-reason", &format!("Klar til vurdering{ENTER}")).await;
        wait_dialog_closed(&app).await;
        app.wait_card_in(&reference, "assessment").await;
        let focused = app.focused_nav().await;
        app.ensure(
            focused.as_deref() == Some(&format!("card:{reference}")),
            format!("focus after the move is on {focused:?}"),
        )
        .await;
        let toast = toast_text(&app).await;
        app.ensure(toast.contains("flyttet til Vurdering") && toast.contains("Fortryd"), format!("toast: {toast:?}"))
            .await;
        // The move loaded the board exactly once (the change event's load, not the move's own too).
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let after = app.loads("board").await;
        app.ensure(after == loads + 1, format!("a move loaded the board {} times", after - loads)).await;

        // Ctrl+Shift+→ also moves it (Esc cancels: the card stays).
        app.type_into(
            &format!("button[data-nav=\"card:{reference}\"]"),
            &format!("{CONTROL}{SHIFT}{ARROW_RIGHT}{NULL}"),
        )
        .await;
        wait_dialog(&app).await;
        app.type_into("#move-reason", "\u{E00C}").await;
        wait_dialog_closed(&app).await;
        app.wait_card_in(&reference, "assessment").await;

        // Arrow keys move focus between cards (roving tabindex: exactly one card is tabbable).
        app.focus_card(&reference).await;
        app.type_into(&format!("button[data-nav=\"card:{reference}\"]"), &ARROW_DOWN.to_string()).await;
        let tabbable = app.js("return document.querySelectorAll('.columns [tabindex=\"0\"]').length;", vec![]).await;
        app.ensure(tabbable == json!(1), format!("{tabbable} tabbable items on the board, expected 1")).await;

        // 2. By drag and drop to Indsats; Enter confirms without a reason.
        let dropped = drag_card(&app, &reference, "intervention").await;
        app.ensure(dropped == json!("dropped"), format!("drag result {dropped}")).await;
        wait_dialog(&app).await;
        app.type_into("#move-reason", &ENTER.to_string()).await;
        wait_dialog_closed(&app).await;
        app.wait_card_in(&reference, "intervention").await;

        // Til møde: "m" on the focused card.
        app.focus_card(&reference).await;
        app.type_into(&format!("button[data-nav=\"card:{reference}\"]"), "m").await;
        let css = format!("article[data-reference=\"{reference}\"] .meeting-mark");
        app.find(&css).await;

        // 3. Close it from the card's menu: the outcome is required.
        // By keyboard: Shift+F10 opens the card's menu; "Flyt til Afsluttet" is its last item.
        app.focus_card(&reference).await;
        app.type_into(&format!("button[data-nav=\"card:{reference}\"]"), &format!("{SHIFT}\u{E03A}{NULL}")).await;
        app.find("[data-menu=\"move-closed\"]").await;
        app.snapshot("card-menu").await;
        let item = app.find("[role=\"menu\"] [role=\"menuitem\"]").await;
        item.send_keys("\u{E010}").await.expect("End in the menu");
        let focused = app.js("return document.activeElement?.dataset?.menu ?? null;", vec![]).await;
        app.ensure(focused == json!("move-closed"), format!("End in the menu focused {focused}")).await;
        app.click("[data-menu=\"move-closed\"]").await;
        wait_dialog(&app).await;
        app.type_into("#move-reason", &ENTER.to_string()).await;
        let msg = app.text("#move-outcome-msg").await;
        app.ensure(msg.contains("Vælg"), format!("no outcome error: {msg:?}")).await;
        app.click("input[name=\"move-outcome\"][value=\"completed\"]").await;
        app.snapshot("close-dialog").await;
        app.type_into("#move-reason", &format!("Indsats gennemført{ENTER}")).await;
        wait_dialog_closed(&app).await;
        app.wait_card_in(&reference, "closed").await;
        app.snapshot("closed").await;

        // 4. Ctrl+Z undoes the last move: back in Indsats.
        app.focus_card(&reference).await;
        app.type_into(&format!("button[data-nav=\"card:{reference}\"]"), &format!("{CONTROL}z{NULL}")).await;
        app.wait_card_in(&reference, "intervention").await;
        let toast = toast_text(&app).await;
        app.ensure(toast.contains("fortrudt"), format!("toast after undo: {toast:?}")).await;

        // 5. A move the rules refuse (the case was closed meanwhile by the CLI, which the board
        // has not seen): the core's Danish message, and the card stays where it was.
        let other = first_card(&app, "follow_up").await;
        data.cli(&["move", &other, "closed", "--outcome", "unfounded"]);
        app.focus_card(&other).await;
        app.type_into(&format!("button[data-nav=\"card:{other}\"]"), ",").await;
        wait_dialog(&app).await;
        app.type_into("#move-reason", &ENTER.to_string()).await;
        let refusal = app.wait_alert().await;
        app.snapshot("refused").await;
        app.ensure(!refusal.is_empty(), "no refusal message").await;
        app.type_into("#move-reason", "\u{E00C}").await;
        wait_dialog_closed(&app).await;
        app.quit().await;

        // 6. After a restart: where we left it, flagged, and every move in the history.
        let app = App::launch("board_moves/3", data.path()).await;
        app.wait_board().await;
        app.wait_card_in(&reference, "intervention").await;
        app.find(&css).await;
        app.quit().await;
        let moves = stage_history(&data, &reference);
        let last: Vec<(&str, &str)> =
            moves.iter().rev().take(4).rev().map(|(o, n, _)| (o.as_str(), n.as_str())).collect();
        assert_eq!(
            last,
            [
                ("screening", "assessment"),
                ("assessment", "intervention"),
                ("intervention", "closed"),
                ("closed", "intervention")
            ],
            "stage history of {reference}: {moves:?}"
        );
        assert!(
            moves.iter().any(|(_, n, r)| n == "assessment" && r.as_deref() == Some("Klar til vurdering")),
            "{moves:?}"
        );
        assert!(moves.iter().any(|(_, n, r)| n == "closed" && r.as_deref() == Some("Indsats gennemført")), "{moves:?}");
    });
}

/// The layout holds at 960×600 (the window's minimum), 1280×800 and 1920×1080: the page does not
/// scroll, every column header is inside the window, a column shows at most 50 cards at first.
#[test]
fn board_layout_holds_at_every_size() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("board_layout/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        data.cli(&["demo", "--cases", &layout_cases()]);

        let app = App::launch("board_layout/2", data.path()).await;
        app.wait_board().await;
        for (w, h) in [(1280u32, 800u32), (1920, 1080), (960, 600)] {
            app.client().set_window_size(w, h).await.expect("resize");
            tokio::time::sleep(Duration::from_millis(600)).await;
            app.snapshot(&format!("board-{w}x{h}")).await;
            let check = app
                .js(
                    "const se = document.scrollingElement;
                     const ws = document.querySelector('.workspace');
                     const heads = [...document.querySelectorAll('section[data-stage] .column-head')];
                     const vh = window.innerHeight;
                     return {
                       pageScrolls: se.scrollHeight > se.clientHeight + 1 || ws.scrollHeight > ws.clientHeight + 1,
                       headsInside: heads.every((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= vh; }),
                       maxCards: Math.max(...[...document.querySelectorAll('section[data-stage]')].map((s) => s.querySelectorAll('article').length)),
                     };",
                    vec![],
                )
                .await;
            app.ensure(check["pageScrolls"] == json!(false), format!("{w}×{h}: the page scrolls: {check}")).await;
            app.ensure(check["headsInside"] == json!(true), format!("{w}×{h}: a column header is cut off: {check}"))
                .await;
            app.ensure(check["maxCards"].as_u64().unwrap_or(999) <= 50, format!("{w}×{h}: too many cards: {check}"))
                .await;
        }
        // A card at the window's bottom marked »til møde« by keyboard (»m«): the toast goes where
        // it covers nothing focused (the board's columns scroll inside themselves, so no
        // scroll-padding keeps the card clear of it).
        let focused = app
            .js(
                "const cards = [...document.querySelectorAll('section[data-stage]')]
                   .map((c) => [...c.querySelectorAll('button[data-nav^=\"card:\"]')])
                   .reduce((a, b) => (b.length > a.length ? b : a), []);
                 const card = cards[Math.min(6, cards.length - 1)];
                 card.focus();
                 let s = card.parentElement;
                 while (s && !(s.scrollHeight > s.clientHeight + 1 && getComputedStyle(s).overflowY !== 'visible')) s = s.parentElement;
                 s.scrollTop += card.getBoundingClientRect().bottom - (window.innerHeight - 24);
                 return [card.dataset.nav, Math.round(card.getBoundingClientRect().bottom)];",
                vec![],
            )
            .await;
        app.press("m").await;
        app.wait_text(".toast-region", "markeret til møde").await;
        let covered = app
            .js(
                "const f = document.activeElement.getBoundingClientRect();
                 const t = document.getElementById('toast').getBoundingClientRect();
                 return [document.activeElement.dataset.nav ?? '',
                         f.left < t.right && t.left < f.right && f.top < t.bottom && t.top < f.bottom,
                         document.querySelector('.toast-region').classList.contains('top'),
                         f.bottom > window.innerHeight - 80];",
                vec![],
            )
            .await;
        app.ensure(
            covered == json!([focused[0], false, true, true]),
            format!("card {focused}: focus, covered, toast at the top, the card at the bottom: {covered}"),
        )
        .await;
        app.snapshot("board-toast-clear-of-focus-960x600").await;
        app.quit().await;
    });
}

/// The references of the cards on the page, per board column (`data-stage`).
async fn page_cards(app: &App) -> Value {
    app.js(
        "const out = {};
         for (const s of document.querySelectorAll('section[data-stage]'))
           out[s.dataset.stage] = [...s.querySelectorAll('article[data-reference]')].map((a) => a.dataset.reference);
         return out;",
        vec![],
    )
    .await
}

/// The references of an active column's cards in the CLI's board (the saved settings).
fn cli_cards(board: &Value, stage: &str) -> Vec<String> {
    let column = board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).unwrap();
    column["cards"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_string()).collect()
}

async fn wait_settings_closed(app: &App) {
    app.poll("the settings dialog to close", Duration::from_secs(15), async |c: &Client| {
        let open = c.execute("return document.getElementById('board-settings')?.open === true;", vec![]).await.ok()?;
        (!open.as_bool()?).then_some(())
    })
    .await;
}

#[test]
fn board_filters_settings_and_long_columns_persist() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("board_filters/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        // Enough cases that an Østjylland column is several of the board's pages long.
        data.cli(&["demo", "--cases", "4000"]);
        let before: Value = serde_json::from_str(&data.cli(&["board", "--cards", "10000"])).unwrap();
        let (long, matching) = before["columns"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["archive"] == json!(false))
            .map(|c| (c["stage"].as_str().unwrap().to_string(), c["matching"].as_u64().unwrap()))
            .max_by_key(|(_, n)| *n)
            .unwrap();
        assert!(matching > 30, "the demo makes a column longer than 30 cards: {matching}");
        let all_long = cli_cards(&before, &long);

        let app = App::launch("board_filters/2", data.path()).await;
        app.wait_board().await;

        // A long column shows its first page of cards (about two screens of the column: 8 in an
        // 800 px window); "Vis flere" (by keyboard) asks for a page more and puts focus on the first
        // new card.
        let shown = page_cards(&app).await;
        let page = shown[&long].as_array().map_or(0, Vec::len);
        app.ensure((6..=15).contains(&page), format!("a page of {page} cards in {long}: {shown}")).await;
        app.ensure(shown[&long] == json!(all_long[..page]), format!("the first {page} cards of {long}: {shown}")).await;
        let more = format!("button[data-nav=\"more:{long}\"]");
        app.js(
            "document.querySelector(arguments[0]).focus(); return document.activeElement.dataset.nav;",
            vec![json!(more)],
        )
        .await;
        app.find(&more).await.send_keys(&ENTER.to_string()).await.expect("Enter on Vis flere");
        let next = format!("card:{}", all_long[page]);
        app.poll("focus on the first card of the next page", Duration::from_secs(15), async |c: &Client| {
            let v = c.execute("return document.activeElement?.dataset?.nav ?? null;", vec![]).await.ok()?;
            (v.as_str()? == next).then_some(())
        })
        .await;
        let n = all_long.len().min(2 * page);
        let shown = page_cards(&app).await;
        app.ensure(shown[&long] == json!(all_long[..n]), format!("{n} cards of {long} after Vis flere: {shown}")).await;

        // A filter: the chip says what is filtered, and the board shows only those cards.
        app.click("#board-filters-toggle").await;
        app.select("#filter-urgency", "acute").await;
        app.poll("the urgency chip", Duration::from_secs(15), async |c: &Client| {
            let v = c.execute("return [...document.querySelectorAll('.chips .chip')].map((e) => e.firstChild.textContent.trim());", vec![]).await.ok()?;
            (v == json!(["Hastegrad: Akut"])).then_some(())
        })
        .await;

        // Settings: a WIP limit of 1 on Ny henvendelse and lanes by urgency.
        app.click("#board-settings-open").await;
        app.poll("the settings dialog", Duration::from_secs(10), async |c: &Client| {
            let open =
                c.execute("return document.getElementById('board-settings')?.open === true;", vec![]).await.ok()?;
            open.as_bool()?.then_some(())
        })
        .await;
        app.clear("#wip-new_concern").await;
        app.type_into("#wip-new_concern", "1").await;
        app.clear("#stale-days").await;
        app.type_into("#stale-days", "5").await;
        app.click("#board-settings-save").await;
        wait_settings_closed(&app).await;
        app.select("#board-lane", "urgency").await;
        app.poll("the WIP limit in the column header", Duration::from_secs(15), async |c: &Client| {
            let v = c
                .execute(
                    "return document.querySelector(\"section[data-stage='new_concern'] .wip\")?.textContent ?? '';",
                    vec![],
                )
                .await
                .ok()?;
            v.as_str()?.contains("/ 1").then_some(())
        })
        .await;
        app.poll("the urgency lane", Duration::from_secs(15), async |c: &Client| {
            let v = c
                .execute("return [...document.querySelectorAll('h3.lane')].map((e) => e.textContent.trim());", vec![])
                .await
                .ok()?;
            let lanes: Vec<String> = serde_json::from_value(v).ok()?;
            (!lanes.is_empty() && lanes.iter().all(|l| l == "Akut")).then_some(())
        })
        .await;
        let filtered = page_cards(&app).await;
        app.snapshot("filtered").await;
        app.quit().await;

        // The saved settings are the core's: the CLI's board (a page as the app's) shows the same cards.
        let saved: Value = serde_json::from_str(&data.cli(&["board", "--cards", &page.to_string()])).unwrap();
        assert_eq!(saved["settings"]["lane"], "urgency");
        assert_eq!(saved["settings"]["filter"]["urgency"], "acute");
        assert_eq!(saved["settings"]["wip_limits"]["new_concern"], 1);
        assert_eq!(saved["settings"]["stale_days"], 5);
        for stage in ["new_concern", "screening", "assessment", "intervention", "follow_up"] {
            let cards = cli_cards(&saved, stage);
            assert_eq!(filtered[stage], json!(cards), "column {stage}: the page shows the core's cards");
            let column = saved["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).unwrap();
            assert!(column["cards"].as_array().unwrap().iter().all(|c| c["urgency"] == "acute"));
        }

        // After a restart: the same filter, lane and limit; removing the chip shows every card.
        let app = App::launch("board_filters/3", data.path()).await;
        app.wait_board().await;
        app.poll("the saved filter after a restart", Duration::from_secs(15), async |c: &Client| {
            let v = c.execute("return [...document.querySelectorAll('.chips .chip')].map((e) => e.firstChild.textContent.trim());", vec![]).await.ok()?;
            (v == json!(["Hastegrad: Akut"])).then_some(())
        })
        .await;
        let again = page_cards(&app).await;
        app.ensure(again == filtered, format!("the same cards after a restart: {again}")).await;
        app.click(".chips .chip-remove").await;
        app.poll("no chips", Duration::from_secs(15), async |c: &Client| {
            let v = c.execute("return document.querySelectorAll('.chips .chip').length;", vec![]).await.ok()?;
            (v.as_u64()? == 0).then_some(())
        })
        .await;
        app.poll("every card again", Duration::from_secs(15), async |c: &Client| {
            let v = c
                .execute(
                    "return document.querySelectorAll(\"section[data-stage] article[data-reference]\").length;",
                    vec![],
                )
                .await
                .ok()?;
            (v.as_u64()? > filtered.as_object()?.values().map(|a| a.as_array().map_or(0, Vec::len) as u64).sum())
                .then_some(())
        })
        .await;
        // Swimlanes are rows across the columns: each lane named once at the left, and its cell
        // in every column starting on the same line as its name.
        let rows = app
            .js(
                "const names = [...document.querySelectorAll('.lane-names h3.lane')];
                 const columns = [...document.querySelectorAll('.columns.laned > section.column[data-stage]:not(.archive)')];
                 return names.map((h, i) => {
                   const top = Math.round(h.getBoundingClientRect().top);
                   const cells = columns.map((c) => c.querySelectorAll('ul.lane-cell')[i]);
                   return [h.textContent.trim(), cells.length,
                           cells.every((u) => u && Math.abs(u.getBoundingClientRect().top - top) <= 1 && u.getAttribute('aria-label') === h.textContent.trim())];
                 });",
                vec![],
            )
            .await;
        let rows: Vec<(String, usize, bool)> = serde_json::from_value(rows).unwrap_or_default();
        app.ensure(
            rows.len() >= 2 && rows.iter().all(|(_, n, aligned)| *n == 5 && *aligned),
            format!("lanes (name, columns, aligned): {rows:?}"),
        )
        .await;
        let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        app.ensure(names.first() == Some(&"Akut"), format!("the lanes in the board's order: {names:?}")).await;
        app.snapshot("lanes").await;
        app.assert_accessible("board-lanes").await;
        app.quit().await;
    });
}

/// The id (or, for a card, the `data-nav`) of the focused element.
async fn focused(app: &App) -> String {
    let v = app.js("const e = document.activeElement; return e?.dataset?.nav ?? (e?.id || e?.tagName);", vec![]).await;
    v.as_str().unwrap_or_default().to_string()
}

/// A keyboard-only journey through the case panel, asserting where focus is after each step: a
/// card opens the panel (focus on its heading), Tab reaches the stage, "Gem fase" saves and
/// focus goes back to the stage (not to the page), Esc closes the panel and focus is on the card.
#[test]
fn case_panel_keeps_focus_where_the_keyboard_user_is() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("panel_focus/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        data.cli(&["demo", "--cases", DEMO_CASES]);

        let app = App::launch("panel_focus/2", data.path()).await;
        app.wait_board().await;
        let reference = first_card(&app, "screening").await;
        app.focus_card(&reference).await;
        app.press(&ENTER.to_string()).await;
        app.poll("focus on the panel's heading", Duration::from_secs(10), async |c: &Client| {
            let v = c.execute("return document.activeElement?.id ?? '';", vec![]).await.ok()?;
            (v.as_str()? == "case-panel-title").then_some(())
        })
        .await;
        app.find("#case-stage").await;
        // With the panel beside it, nothing of the view is cut off or hidden under the panel.
        for (w, h) in [(960u32, 600u32), (1280, 800), (1920, 1080)] {
            app.client().set_window_size(w, h).await.expect("resize");
            tokio::time::sleep(Duration::from_millis(500)).await;
            app.snapshot(&format!("panel-{w}x{h}")).await;
            let cut = app
                .js(
                    "const main = document.getElementById('main').getBoundingClientRect();
                     const bad = [];
                     for (const el of document.querySelectorAll('#main button, #main input, #main select, #main a[href]')) {
                       const r = el.getBoundingClientRect();
                       if (r.width <= 1 || r.height <= 1) continue; // visually hidden
                       let p = el.parentElement, scrolls = false;
                       while (p && p.id !== 'main') {
                         const o = getComputedStyle(p).overflowX;
                         if (o === 'auto' || o === 'scroll') { scrolls = true; break; }
                         p = p.parentElement;
                       }
                       if (!scrolls && (r.right > main.right + 1 || r.left < main.left - 1))
                         bad.push(el.id || el.textContent.trim().slice(0, 30));
                     }
                     return bad;",
                    vec![],
                )
                .await;
            app.ensure(cut == json!([]), format!("{w}×{h}: controls cut off beside the panel: {cut}")).await;
        }
        app.js("document.getElementById('case-panel-title').focus(); return true;", vec![]).await;
        app.press("\u{E004}").await; // Tab: Luk
        app.ensure(focused(&app).await == "case-panel-close", format!("Tab 1: {}", focused(&app).await)).await;
        app.press("\u{E004}").await; // Tab: the stage
        app.ensure(focused(&app).await == "case-stage", format!("Tab 2: {}", focused(&app).await)).await;
        let before = app.js("return document.getElementById('case-stage').value;", vec![]).await;
        app.select("#case-stage", "assessment").await;
        app.press("\u{E004}").await; // Tab: Flyt …
        app.ensure(focused(&app).await == "case-stage-save", format!("Tab 3: {}", focused(&app).await)).await;
        // »Flyt …« opens the board's move dialog: an optional reason, then Enter moves.
        app.press(&ENTER.to_string()).await;
        app.wait_focus("case-move-reason").await;
        app.assert_accessible("panel-move-dialog").await;
        app.press(&format!("Klar til vurdering{ENTER}")).await;
        let toast = toast_text(&app).await;
        app.ensure(toast.contains("Fasen er nu Vurdering"), format!("the toast says {toast:?}")).await;
        app.poll("focus back on the stage after saving", Duration::from_secs(10), async |c: &Client| {
            let v = c.execute("return document.activeElement?.id ?? '';", vec![]).await.ok()?;
            (v.as_str()? == "case-stage").then_some(())
        })
        .await;
        // »Fortryd« in the toast puts the case back, as after a move on the board; then again.
        app.click("#toast .toast-action").await;
        app.wait_text("#toast", "Flytningen er fortrudt").await;
        app.poll("the stage back as it was", Duration::from_secs(10), async |c: &Client| {
            let v = c.execute("return document.getElementById('case-stage').value;", vec![]).await.ok()?;
            (v == before).then_some(())
        })
        .await;
        // (The change event from script: WebKitWebDriver's second option pick here fires none.)
        app.js(
            "const s = document.getElementById('case-stage'); s.value = 'assessment'; \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await;
        app.wait_enabled("#case-stage-save").await;
        app.click("#case-stage-save").await;
        app.wait_focus("case-move-reason").await;
        app.click("#case-move-confirm").await;
        app.wait_text("#toast", "Fasen er nu Vurdering").await;
        app.js("document.getElementById('case-stage').focus();", vec![]).await;
        app.press("\u{E00C}").await; // Esc
        app.poll("the panel closed and focus on the card", Duration::from_secs(10), async |c: &Client| {
            let v = c
                .execute(
                    "return document.getElementById('case-panel') ? 'open' : (document.activeElement?.dataset?.nav ?? '');",
                    vec![],
                )
                .await
                .ok()?;
            (v.as_str()? == format!("card:{reference}")).then_some(())
        })
        .await;
        app.wait_card_in(&reference, "assessment").await;
        app.quit().await;
    });
}

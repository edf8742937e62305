//! The Møder view end to end: a meeting made with the CLI is listed; the participants directory
//! by keyboard — add (a bad e-mail is refused at its field), correct, retire after a confirmation
//! — checked with axe-core, and all of it still there after a restart. And the whole journey:
//! plan a meeting, accept the board's proposed agenda, record a recommendation and an action item,
//! finalize, save the minutes (read back with pdftotext), and find the changed card and the new
//! action item on the board.

use fantoccini::Client;
use serde_json::json;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, export_dir, run, saved_dir, shown_date, typed_date};

const STEP: Duration = Duration::from_secs(30);

async fn go_to_meetings(app: &App) {
    app.click("a[href=\"#/moeder\"]").await;
    app.wait_heading("Møder").await;
}

/// The directory's rows as "name | organisation | role | email | retired".
async fn rows(app: &App) -> Vec<String> {
    let v = app
        .js(
            "return [...document.querySelectorAll('#directory-table tbody tr')].map((tr) =>
               [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.firstChild?.textContent?.trim() ?? '').join(' | ')
               + (tr.classList.contains('retired') ? ' | fjernet' : ''));",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

async fn wait_rows(app: &App, want: &[&str]) {
    let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    app.poll(&format!("directory rows {want:?}"), STEP, async |_c: &Client| (rows(app).await == want).then_some(()))
        .await;
}

#[test]
fn meetings_view_lists_meetings_and_keeps_the_participants_directory() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("meetings/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let made: serde_json::Value = serde_json::from_str(&data.cli(&[
            "meeting",
            "create",
            "--at",
            "2026-12-09T14:00:00+01:00",
            "--place",
            "Politigården",
        ]))
        .unwrap();
        let number = made["number"].as_str().unwrap().to_string();

        let app = App::launch("meetings/2", data.path()).await;
        app.wait_board().await;
        go_to_meetings(&app).await;
        let listed = app.text("#meetings-table tbody tr").await;
        app.ensure(
            listed.contains(&format!("Møde {number}"))
                && listed.contains("9. dec. 2026")
                && listed.contains("Politigården"),
            format!("the meeting row: {listed:?}"),
        )
        .await;
        app.find("#directory-empty").await;
        app.assert_accessible("meetings").await;

        // Add by keyboard; the core refuses a bad e-mail at its field (focus goes there).
        app.type_into("#directory-name", "Łukasz Nowak").await;
        app.press(&TAB.to_string()).await;
        app.press("SSP Aarhus").await;
        app.press(&TAB.to_string()).await;
        app.press("SSP-konsulent").await;
        app.press(&TAB.to_string()).await;
        app.press(&format!("ikke en adresse{ENTER}")).await;
        app.poll("the e-mail error", STEP, async |c: &Client| {
            let v = c
                .execute("return document.getElementById('directory-email-msg')?.textContent ?? '';", vec![])
                .await
                .ok()?;
            v.as_str()?.contains("e-mailadresse").then_some(())
        })
        .await;
        app.ensure(app.focused_id().await == "directory-email", "focus on the e-mail field").await;
        app.assert_accessible("directory-error").await;
        app.clear("#directory-email").await;
        app.type_into("#directory-email", &format!("ln@aarhus.dk{ENTER}")).await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk"]).await;
        app.ensure(app.focused_id().await == "directory-name", "focus back on Navn for the next person").await;
        app.type_into("#directory-name", "Mette Sørensen").await;
        app.type_into("#directory-organisation", &format!("Østjyllands Politi{ENTER}")).await;
        wait_rows(
            &app,
            &["Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk", "Mette Sørensen | Østjyllands Politi |  | "],
        )
        .await;

        // Correct one.
        let id = app
            .js(
                "return [...document.querySelectorAll('#directory-table tbody tr')]
                   .find((tr) => tr.textContent.includes('Mette'))?.dataset.directoryId ?? null;",
                vec![],
            )
            .await;
        let id = id.as_str().expect("Mette's row").to_string();
        app.click(&format!("#directory-edit-{id}")).await;
        app.ensure(app.focused_id().await == "directory-name", "editing starts at Navn").await;
        app.type_into("#directory-role", &format!("Koordinator{ENTER}")).await;
        wait_rows(
            &app,
            &[
                "Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk",
                "Mette Sørensen | Østjyllands Politi | Koordinator | ",
            ],
        )
        .await;

        // Retire, after a confirmation that starts on »Annullér«.
        app.click(&format!("#directory-retire-{id}")).await;
        app.poll("the confirmation, focus on Annullér", STEP, async |c: &Client| {
            let v = c.execute("return document.activeElement?.id ?? '';", vec![]).await.ok()?;
            (v.as_str()? == "directory-retire-confirm-cancel").then_some(())
        })
        .await;
        app.assert_accessible("directory-retire-confirm").await;
        app.click("#directory-retire-confirm-confirm").await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk"]).await;
        app.click("#directory-show-retired").await;
        wait_rows(
            &app,
            &[
                "Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk",
                "Mette Sørensen | Østjyllands Politi | Koordinator |  | fjernet",
            ],
        )
        .await;
        for (w, h) in [(960u32, 600u32), (1280, 800)] {
            app.client().set_window_size(w, h).await.expect("resize");
            tokio::time::sleep(Duration::from_millis(400)).await;
            app.snapshot(&format!("meetings-{w}x{h}")).await;
        }
        app.quit().await;

        // After a restart: the same directory.
        let app = App::launch("meetings/3", data.path()).await;
        app.wait_board().await;
        go_to_meetings(&app).await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk"]).await;
        app.ensure(
            app.js("return document.querySelectorAll('#meetings-table tbody tr').length;", vec![]).await == json!(1),
            "one meeting",
        )
        .await;
        app.quit().await;
    });
}

/// The agenda's items in order (their `data-item` keys: "case:REF" or "free:Title").
async fn agenda(app: &App) -> Vec<String> {
    let v =
        app.js("return [...document.querySelectorAll('#agenda-list li')].map((li) => li.dataset.item);", vec![]).await;
    serde_json::from_value(v).unwrap_or_default()
}

async fn wait_agenda(app: &App, want: &[String]) {
    app.poll(&format!("the agenda {want:?}"), STEP, async |_c: &Client| (agenda(app).await == want).then_some(()))
        .await;
}

/// Waits for a file in `dir` whose name ends with `suffix`; returns its path.
async fn wait_file(app: &App, dir: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    app.poll(&format!("a file *{suffix} in {}", dir.display()), STEP, async |_c: &Client| {
        std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)))
    })
    .await
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", path.to_str().expect("UTF-8 path"), "-"])
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Nothing in the view is wider than the window (no sideways scrolling at the minimum size).
async fn no_sideways_scrolling(app: &App, what: &str) {
    let v = app
        .js(
            "const m = document.getElementById('main');
             return [m.scrollWidth, m.clientWidth, document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await;
    let w: Vec<i64> = serde_json::from_value(v).unwrap_or_default();
    app.ensure(w.len() == 4 && w[0] <= w[1] && w[2] <= w[3], format!("{what}: widths {w:?}")).await;
}

/// Waits until the editor says everything is saved.
async fn wait_saved(app: &App) {
    app.wait_text("#meeting-save-state", "Gemt kl.").await;
}

#[test]
fn a_meeting_from_plan_to_minutes_and_back_on_the_board() {
    run(async {
        use chrono::{Datelike, TimeDelta};
        let data = DataDir::new();
        let app = App::launch("meeting_journey/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let flagged = data.intake("K.M.", "2026-11-02T10:00:00+01:00");
        let other = data.intake("A.B.", "2026-11-03T10:00:00+01:00");
        data.cli(&["flag", &flagged, "--meeting", "on"]);
        // Dates around whatever day the test runs: the meeting was yesterday (a meeting is
        // finalized only once it has begun), the deadline in three weeks.
        let today = tovholder_e2e::copenhagen_today();
        let held = today - TimeDelta::days(1);
        let due = today + TimeDelta::days(21);
        let number = format!("1/{}", held.year());
        // Kept three years: the same day (a leap day becomes 1 March).
        let delete_by = held
            .with_year(held.year() + 3)
            .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(held.year() + 3, 3, 1).expect("1 March"));

        let app = App::launch("meeting_journey/2", data.path()).await;
        app.wait_board().await;
        go_to_meetings(&app).await;
        app.type_into("#directory-name", "Łukasz Nowak").await;
        app.type_into("#directory-organisation", "SSP Aarhus").await;
        app.type_into("#directory-email", &format!("ln@aarhus.dk{ENTER}")).await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus |  | ln@aarhus.dk"]).await;
        app.type_into("#directory-name", "Mette Sørensen").await;
        app.type_into("#directory-organisation", &format!("Østjyllands Politi{ENTER}")).await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus |  | ln@aarhus.dk", "Mette Sørensen | Østjyllands Politi |  | "])
            .await;

        // Minutes are kept three years (a setting; five by default).
        app.select("#meeting-keep-years", "3").await;
        app.wait_text(".toast-region", "slettes 3 år efter mødet").await;

        // Plan: the date and time typed in Danish, one participant present and one absent.
        app.click("#meetings-new").await;
        app.wait_focus("meeting-date").await;
        app.click("#meeting-submit").await;
        app.wait_text("#meeting-when-msg", "Angiv mødets dato").await;
        app.wait_focus("meeting-date").await;
        app.type_into("#meeting-date", &typed_date(held)).await;
        app.type_into("#meeting-time", "14.00").await;
        app.type_into("#meeting-place", "Politigården").await;
        app.select("#meeting-attendance-0", "present").await;
        app.select("#meeting-attendance-1", "absent").await;
        app.assert_accessible("meeting-plan").await;
        app.click("#meeting-submit").await;
        app.wait_text("#meeting-title", &format!("Møde {number}")).await;
        app.ensure(app.is_enabled("#meeting-tab-agenda").await, "the other tabs open once the meeting exists").await;

        // Agenda: both cases are proposed, the flagged one with why; accept one case and the
        // standing items, then reorder.
        app.click("#meeting-tab-agenda").await;
        let proposal = app.wait_text("#agenda-proposal", &flagged).await;
        app.ensure(
            proposal.contains("Markeret til møde") && proposal.contains(&other) && proposal.contains("Eventuelt"),
            format!("the proposal: {proposal:?}"),
        )
        .await;
        app.assert_accessible("meeting-agenda-proposal").await;
        app.click(&format!("#agenda-proposal li[data-key=\"case:{other}\"] input")).await;
        app.click("#agenda-accept").await;
        let mut want: Vec<String> = vec![
            format!("case:{flagged}"),
            "free:Orientering fra politiet".into(),
            "free:Orientering fra SSP".into(),
            "free:Eventuelt".into(),
        ];
        wait_agenda(&app, &want).await;
        // By keyboard: Alt+↓ on »Ned« moves the case down, and focus stays with it.
        app.js("document.getElementById('agenda-down-0').focus(); return true;", vec![]).await;
        app.press(&format!("{ALT}{ARROW_DOWN}{NULL}")).await;
        want.swap(0, 1);
        wait_agenda(&app, &want).await;
        app.wait_focus("agenda-down-1").await;
        app.click("#agenda-up-1").await;
        want.swap(0, 1);
        wait_agenda(&app, &want).await;
        // By mouse: drag »Eventuelt« onto the first row (the same handlers a real drag calls).
        app.js(
            "const rows = document.querySelectorAll('#agenda-list li');
             const dt = new DataTransfer();
             const from = rows[3], to = rows[0];
             from.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
             to.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
             to.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
             from.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer: dt }));
             return true;",
            vec![],
        )
        .await;
        let eventuelt = want.remove(3);
        want.insert(0, eventuelt);
        wait_agenda(&app, &want).await;
        app.click("#agenda-remove-0").await;
        want.remove(0);
        wait_agenda(&app, &want).await;
        app.type_into("#agenda-free-title", &format!("Eventuelt{ENTER}")).await;
        want.push("free:Eventuelt".into());
        wait_agenda(&app, &want).await;
        app.assert_accessible("meeting-agenda").await;
        wait_saved(&app).await;

        // Recording: the case, by keyboard where it matters. Its autosaves reload no other view
        // (the meetings list behind the editor included).
        let list_loads = app.loads("meetings").await;
        app.click("#meeting-tab-recording").await;
        app.wait_text("#recording-item-title", &flagged).await;
        app.select("#recording-note-agency", "school").await;
        app.click("#recording-note-add").await;
        app.wait_focus("recording-note-0").await;
        app.press("Skolen oplever ro i klassen.").await;
        app.type_into("#recording-assessment", "Beskyttende: god kontakt til familien.").await;
        app.type_into("#recording-recommendation", "Infohuset anbefaler en mentor via SSP.").await;
        app.type_into("#recording-action-what", "Samtale med familien").await;
        app.select("#recording-action-agency", "ssp").await;
        app.type_into("#recording-action-person", "Łukasz").await;
        app.type_into("#recording-action-due", &typed_date(due)).await;
        app.press(&ctrl(ENTER)).await;
        app.wait_text("#recording-actions", "Samtale med familien").await;
        app.select("#recording-stage", "screening").await;
        app.assert_accessible("meeting-recording").await;
        wait_saved(&app).await;
        let after = app.loads("meetings").await;
        app.ensure(after == list_loads, format!("autosaves reloaded the meetings list {} times", after - list_loads))
            .await;

        // The record survives a restart.
        app.quit().await;
        let app = App::launch("meeting_journey/3", data.path()).await;
        app.wait_board().await;
        go_to_meetings(&app).await;
        let id = app
            .js("return document.querySelector('#meetings-table button.link')?.id ?? '';", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        app.click(&format!("#{id}")).await;
        app.click("#meeting-tab-recording").await;
        app.wait_text("#recording-item-title", &flagged).await;
        let recommendation = app.find("#recording-recommendation").await.prop("value").await.ok().flatten();
        app.ensure(
            recommendation.as_deref() == Some("Infohuset anbefaler en mentor via SSP."),
            format!("the recommendation after a restart: {recommendation:?}"),
        )
        .await;
        app.snapshot("recording").await;
        app.client().set_window_size(960, 600).await.expect("resize");
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.snapshot("recording-960x600").await;
        no_sideways_scrolling(&app, "recording at 960×600").await;
        app.click("#meeting-tab-agenda").await;
        app.find("#agenda-list").await;
        app.snapshot("agenda-960x600").await;
        no_sideways_scrolling(&app, "agenda at 960×600").await;
        app.client().set_window_size(1280, 800).await.expect("resize");
        app.click("#meeting-tab-recording").await;

        // Finalize after a confirmation, then save the minutes.
        app.click("#meeting-tab-minutes").await;
        let facts = app.text("#minutes-facts").await;
        app.ensure(facts.contains("1 ny opgave og 1 faseskift"), format!("the facts: {facts:?}")).await;
        // The preview: the draft as PDF with the UDKAST mark, written to the private export folder.
        app.click("#minutes-preview").await;
        let draft = wait_file(&app, &export_dir(data.path()), "UDKAST.pdf").await;
        let draft_text = pdf_text(&draft);
        // The watermark is drawn diagonally: in the content's order (-raw) its pieces follow each other.
        let squashed: String = draft_text.chars().filter(|c| !c.is_whitespace()).collect();
        app.ensure(
            squashed.contains("UDKAST") && draft_text.contains("Infohuset anbefaler en mentor via SSP."),
            format!("the preview: {draft_text}"),
        )
        .await;
        app.click("#minutes-finalize").await;
        app.poll("the confirmation", STEP, async |c: &Client| {
            let v = c.execute("return document.activeElement?.id ?? '';", vec![]).await.ok()?;
            (v.as_str()? == "minutes-confirm-cancel").then_some(())
        })
        .await;
        app.click("#minutes-confirm-confirm").await;
        app.find("#minutes-sha").await;
        app.wait_focus("minutes-save").await;
        app.assert_accessible("meeting-final").await;
        std::fs::create_dir_all(saved_dir(data.path())).expect("the save folder");
        app.click("#minutes-save").await;
        let pdf = wait_file(&app, &saved_dir(data.path()), ".pdf").await;
        let text = pdf_text(&pdf);
        for needle in [
            "FORTROLIGT",
            number.as_str(),
            flagged.as_str(),
            "Infohuset anbefaler en mentor via SSP.",
            "Samtale med familien",
            "Skolen oplever ro i klassen.",
            "Łukasz Nowak",
            "Mette Sørensen",
            shown_date(delete_by).as_str(),
        ] {
            app.ensure(text.contains(needle), format!("the minutes lack {needle:?}:\n{text}")).await;
        }
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        app.ensure(!squashed.contains("UDKAST"), "final minutes carry no draft mark").await;
        let name = pdf.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        app.ensure(!name.contains("K.M.") && !name.contains(&flagged), format!("a neutral file name: {name}")).await;

        // »Klar til e-mail«: an unsent draft to the participant with an address, the PDF attached,
        // and no personal data in its headers.
        app.click("#minutes-email").await;
        let eml = wait_file(&app, &export_dir(data.path()), ".eml").await;
        let eml = std::fs::read_to_string(&eml).expect("the e-mail draft");
        let headers = eml.split("\r\n\r\n").next().unwrap_or_default();
        app.ensure(
            headers.contains("X-Unsent: 1") && headers.contains("ln@aarhus.dk") && !headers.contains("K.M."),
            format!("the e-mail's headers: {headers}"),
        )
        .await;

        // A correction is an addendum, opened at once.
        app.click("#minutes-addendum").await;
        app.wait_text("#meeting-title", &format!("Tillæg 1 til møde {number}")).await;

        // The board: the case moved to Screening, with the new action item.
        app.click("a[href=\"#/tavle\"]").await;
        app.wait_card_in(&flagged, "screening").await;
        app.click("a[href=\"#/opgaver\"]").await;
        app.wait_text("main", "Samtale med familien").await;
        let cli: serde_json::Value = serde_json::from_str(&data.cli(&["case", &flagged])).expect("case JSON");
        app.ensure(cli.to_string().contains(&format!("Besluttet på møde {number}")), format!("the history: {cli}"))
            .await;
        app.quit().await;
    });
}

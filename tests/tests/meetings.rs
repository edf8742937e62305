//! The Møder view end to end: a meeting made with the CLI is listed; the participants directory
//! by keyboard — add (a bad e-mail is refused at its field), correct, retire after a confirmation
//! — checked with axe-core, and all of it still there after a restart.

use fantoccini::Client;
use serde_json::json;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, run};

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

async fn focused_id(app: &App) -> String {
    app.js("return document.activeElement?.id ?? '';", vec![]).await.as_str().unwrap_or_default().to_string()
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
        app.ensure(focused_id(&app).await == "directory-email", "focus on the e-mail field").await;
        app.assert_accessible("directory-error").await;
        app.clear("#directory-email").await;
        app.type_into("#directory-email", &format!("ln@aarhus.dk{ENTER}")).await;
        wait_rows(&app, &["Łukasz Nowak | SSP Aarhus | SSP-konsulent | ln@aarhus.dk"]).await;
        app.ensure(focused_id(&app).await == "directory-name", "focus back on Navn for the next person").await;
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
        app.ensure(focused_id(&app).await == "directory-name", "editing starts at Navn").await;
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

//! The user guide's screenshots (docs/brugervejledning.md, shipped in the app): taken anew on every
//! run from the real app — first start, the recovery code, the board of demo cases, a concern
//! being taken, a case recorded at a meeting, the lock screen — so the guide shows the app as it
//! is. Synthetic data only.

use fantoccini::Client;
use serde_json::json;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, run};

#[test]
fn the_user_guide_shows_the_app_as_it_is() {
    run(async {
        use chrono::TimeDelta;
        let data = DataDir::new();
        let app = App::launch("user_guide/1", data.path()).await;
        app.client().set_window_size(1280, 800).await.expect("resize");
        app.wait_heading("Velkommen til Tovholder").await;
        app.type_into("#setup-name", "Mette Sørensen").await;
        app.select("#setup-organisation-kind", "police").await;
        app.type_into("#setup-organisation-name", "Østjyllands Politi").await;
        app.select("#setup-district", "ØJP").await;
        app.guide_shot("opsaetning").await;
        app.click("#setup-submit").await;
        app.wait_heading("Din gendannelseskode").await;
        app.guide_shot("gendannelseskode").await;
        app.click("#recovery-confirmed").await;
        app.wait_enabled("#recovery-continue").await;
        app.click("#recovery-continue").await;
        app.wait_board().await;
        app.quit().await;

        data.cli(&["demo", "--cases", "400"]);
        let today = tovholder_e2e::copenhagen_today();
        let case = data.intake("K.M.", &format!("{}T10:00:00+01:00", today - TimeDelta::days(12)));
        let record = json!({
            "held_at": format!("{}T13:00:00Z", today - TimeDelta::days(1)),
            "place": "Politigården, mødelokale 2",
            "participants": [
                {"name": "Mette Sørensen", "organisation": "Østjyllands Politi", "role": "Tovholder/referent"},
                {"name": "Jonas Berg", "organisation": "SSP Aarhus", "role": "SSP-konsulent"}
            ],
            "items": [{"kind": "case", "reference": case, "reason": "Markeret til møde",
                       "new_information": [{"authority": "school", "text": "Eleven er mere i skole igen."}],
                       "assessment": "Beskyttende: familien samarbejder. Risiko: kontakt til miljøet online.",
                       "recommendation": "Infohuset anbefaler et mentorforløb via SSP.",
                       "actions": [{"what": "Finde en mentor", "agency": "ssp", "person": "Jonas Berg",
                                    "due": (today + TimeDelta::days(14)).to_string()}],
                       "resulting_stage": "intervention"}]
        });
        let file = data.path().join("guide-meeting.json");
        std::fs::write(&file, record.to_string()).expect("the record");
        data.cli(&["meeting", "import", file.to_str().unwrap()]);

        let app = App::launch("user_guide/2", data.path()).await;
        app.client().set_window_size(1280, 800).await.expect("resize");
        app.wait_board().await;
        app.guide_shot("tavle").await;

        app.press(&ctrl('n')).await;
        app.wait_focus("intake-received-at").await;
        app.select("#intake-caller-type", "school").await;
        app.type_into("#intake-pseudonym", "A.H.").await;
        app.type_into("#intake-birth-year", "2010").await;
        app.type_into(
            "#intake-description",
            "Læreren har set eleven dele voldsforherligende billeder i klassens chat.",
        )
        .await;
        app.js("document.getElementById('main').scrollTop = 0; return true;", vec![]).await;
        app.guide_shot("henvendelse").await;
        app.click("#intake-discard").await;
        app.wait_focus("intake-discard-dialog-cancel").await;
        app.click("#intake-discard-dialog-confirm").await;

        app.click("a[href=\"#/moeder\"]").await;
        app.wait_heading("Møder").await;
        app.click("#meetings-table button.link").await;
        app.click("#meeting-tab-recording").await;
        app.wait_text("#recording-item-title", &case).await;
        app.guide_shot("referering").await;

        // The guide in the app, from »?«: its sections, and every screenshot loaded.
        app.click("#shortcuts-open").await;
        app.click("#shortcuts-guide").await;
        app.wait_heading("Brugervejledning").await;
        app.wait_text("#guide-text", "gendannelseskode").await;
        app.poll("the guide's screenshots loaded", Duration::from_secs(15), async |c: &Client| {
            let v = c
                .execute(
                    "return [...document.querySelectorAll('#guide-text img')].map((i) => i.complete && i.naturalWidth > 0);",
                    vec![],
                )
                .await
                .ok()?;
            let loaded: Vec<bool> = serde_json::from_value(v).ok()?;
            (loaded.len() >= 6 && loaded.iter().all(|l| *l)).then_some(())
        })
        .await;
        app.click(".contents a[href=\"#guide-7-hvis-computeren-bliver-væk-eller-skal-udskiftes\"]").await;
        app.wait_focus("guide-7-hvis-computeren-bliver-væk-eller-skal-udskiftes").await;
        app.assert_accessible("user-guide").await;
        app.snapshot("user-guide").await;

        app.press(&ctrl('l')).await;
        app.wait_heading("Tovholder er låst").await;
        app.guide_shot("laast").await;
        app.quit().await;
    });
}

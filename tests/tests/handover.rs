//! The sealed hand-over end to end (#18), two installations in turn: Aarhus adds Fyn's key by
//! pasting it and verifies the safety number, sends a case from the case panel (the file saved
//! through the save dialog's seam); Fyn receives it under Overdragelse (the open dialog's seam),
//! sees it, takes it and saves the receipt; Aarhus reads the receipt and the case shows
//! »Modtagelse bekræftet«. axe-core on the view, the safety number dialog and the preview.

use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, opened_file, run, saved_dir};

const STEP: Duration = Duration::from_secs(30);
const DESCRIPTION: &str = "Familien er flyttet til Odense; drengen deler stadig propaganda.";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("CLI JSON")
}

fn put_to_open(data: &DataDir, file: &std::path::Path) {
    let target = opened_file(data.path());
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("the open folder");
    std::fs::copy(file, target).expect("copy the file to open");
}

#[test]
fn a_case_goes_sealed_from_one_installation_to_another_and_comes_back_confirmed() {
    run(async {
        let aarhus = DataDir::new();
        let fyn = DataDir::new();
        aarhus.cli(&["init", "--name", "Mette Sørensen", "--organisation", "Østjyllands Politi", "--district", "ØJP"]);
        fyn.cli(&["init", "--name", "Jonas Berg", "--organisation", "Fyns Politi", "--district", "FYP"]);
        let aarhus_line = json(&aarhus.cli(&["identity"]))["line"].as_str().unwrap().to_string();
        let fyn_line = json(&fyn.cli(&["identity"]))["line"].as_str().unwrap().to_string();
        // Fyn has Aarhus's key already (verified by phone, through the CLI).
        fyn.cli(&[
            "peers",
            "add",
            &aarhus_line,
            "--name",
            "Mette Sørensen, Østjyllands Politi",
            "--infohus",
            "ØJP",
            "--verified",
        ]);
        // A call to the hotline in Aarhus about a boy in Odense: Fyn's case, to be sent there.
        let received_at = (chrono::Utc::now() - chrono::TimeDelta::hours(2)).to_rfc3339();
        let report = serde_json::json!({
            "received_at": received_at, "channel": "hotline", "caller": {"type": "parent"},
            "subject": {"pseudonym": "K.M.", "birth_year": 2010, "municipality": "Odense"},
            "category": "right_wing", "urgency": "high", "description": DESCRIPTION,
        });
        let intake_file = aarhus.path().join("intake.json");
        std::fs::write(&intake_file, report.to_string()).expect("the intake file");
        let reference =
            json(&aarhus.cli(&["intake", intake_file.to_str().unwrap()]))["reference"].as_str().unwrap().to_string();
        std::fs::remove_file(&intake_file).expect("remove the intake file");

        // Aarhus: Overdragelse (Alt+7), Fyn's key pasted broken over two lines.
        let app = App::launch("handover/1", aarhus.path()).await;
        app.wait_board().await;
        app.js("document.body.focus();", vec![]).await;
        app.press(&format!("{ALT}7{NULL}")).await;
        app.wait_text("#view-title", "Overdragelse").await;
        app.find("#my-key").await;
        let shown = app.js("return document.getElementById('my-key').value;", vec![]).await;
        app.ensure(shown == serde_json::json!(aarhus_line), format!("Min nøgle: {shown}")).await;
        app.assert_accessible("handover-view").await;
        app.snapshot("handover-view").await;

        let (a, b) = fyn_line.split_at(40);
        app.type_into("#peer-line", &format!("{a}\n{b}")).await;
        app.type_into("#peer-name", "Jonas Berg, Fyns Politi").await;
        app.select("#peer-infohus", "FYP").await;
        app.js("document.getElementById('peer-name').focus();", vec![]).await;
        app.press(&ctrl(ENTER)).await;
        // The safety number to read aloud: the same as Fyn's.
        let number = app.wait_text("#safety-number", "").await;
        let on_fyn = json(&fyn.cli(&["peers", "list"]))[0]["safety_number"].as_str().unwrap().to_string();
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        app.ensure(
            digits(&number) == digits(&on_fyn) && digits(&number).len() == 60,
            format!("{number:?} vs {on_fyn:?}"),
        )
        .await;
        app.assert_accessible("handover-safety-number").await;
        app.snapshot("handover-safety-number").await;
        app.click("#safety-confirm").await;
        app.wait_text("#peers", "Bekræftet").await;

        // »Til afsendelse« lists the case with its infohus; »Send …« opens the case panel's
        // »Send forseglet« form with Fyn (the routed infohus) chosen.
        let row = format!("#handover-waiting tr[data-reference=\"{reference}\"]");
        let listed = app.wait_text(&row, "Infohus Fyn").await;
        app.ensure(listed.contains("Høj"), format!("row: {listed}")).await;
        app.click(&format!("{row} button.btn")).await;
        app.wait_text("#case-panel h2", &reference).await;
        app.wait_focus("handover-to").await;
        let to = app.js("return document.getElementById('handover-to').value;", vec![]).await;
        app.ensure(to == serde_json::json!("FYP"), format!("preselected {to}")).await;
        app.snapshot("handover-send").await;
        std::fs::create_dir_all(saved_dir(aarhus.path())).expect("the save folder");
        app.click("#handover-submit").await;
        let sealed = saved_dir(aarhus.path()).join(format!("{reference}.tovholder"));
        app.poll("the sealed file", STEP, async |_c| sealed.exists().then_some(())).await;
        app.wait_text(".toast-region", "forseglet til Infohus Fyn").await;
        app.wait_text("#case-panel", "afventer kvittering").await;
        app.poll("the list without the sent case", STEP, async |c| {
            c.find(fantoccini::Locator::Css(&row)).await.is_err().then_some(())
        })
        .await;
        let bytes = std::fs::read(&sealed).expect("the sealed file");
        app.ensure(
            !bytes.windows(DESCRIPTION.len()).any(|w| w == DESCRIPTION.as_bytes()),
            "the description is not readable in the file",
        )
        .await;
        app.quit().await;

        // Fyn: »Modtag sag …«, the preview, »Modtag sagen«, »Gem kvittering …«.
        put_to_open(&fyn, &sealed);
        let app = App::launch("handover/2", fyn.path()).await;
        app.wait_board().await;
        app.click("a[href=\"#/overdragelse\"]").await;
        app.click("#handover-open").await;
        app.wait_focus("handover-preview-title").await;
        let preview = app.text("#handover-preview").await;
        app.ensure(preview.contains(DESCRIPTION) && preview.contains(&reference), format!("preview: {preview}")).await;
        app.assert_accessible("handover-preview").await;
        app.snapshot("handover-preview").await;
        app.click("#handover-accept").await;
        app.wait_focus("handover-save-receipt").await;
        let received = app.text("#handover-received").await;
        app.ensure(received.contains("FYP-20"), format!("received: {received}")).await;
        std::fs::create_dir_all(saved_dir(fyn.path())).expect("the save folder");
        app.press(&ENTER.to_string()).await;
        let receipt = saved_dir(fyn.path()).join(format!("{reference}.kvittering.tovholder"));
        app.poll("the receipt", STEP, async |_c| receipt.exists().then_some(())).await;
        app.wait_text(".toast-region", "Kvitteringen er gemt").await;
        app.snapshot("handover-received").await;
        // Taking the same file again names the case it became.
        app.click("#handover-open").await;
        let refused = app.wait_text("#handover-receive-error", "allerede modtaget").await;
        app.ensure(refused.contains("FYP-20"), &refused).await;
        app.quit().await;

        // Aarhus: »Indlæs kvittering …«; the case shows the confirmation.
        put_to_open(&aarhus, &receipt);
        let app = App::launch("handover/3", aarhus.path()).await;
        app.wait_board().await;
        app.click("a[href=\"#/overdragelse\"]").await;
        app.click("#handover-receipt").await;
        app.wait_text(".toast-region", "bekræftet af Jonas Berg").await;
        let case = json(&aarhus.cli(&["case", &reference]));
        app.ensure(case["handovers"][0]["confirmed_at"].is_string(), format!("{case}")).await;
        app.quit().await;
    });
}

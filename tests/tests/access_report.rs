//! The access report (indsigt) end to end: a case opened in the panel, »Indsigtsrapport …«
//! reached and pressed by keyboard, the report saved through the save dialog's seam
//! (`TOVHOLDER_SAVE_DIR`), the toast says where it went, and the PDF names the case.

use fantoccini::Client;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, pdf_text, run, saved_dir};

const STEP: Duration = Duration::from_secs(30);

#[test]
fn an_access_report_is_saved_from_the_case_panel_by_keyboard() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("access_report/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let reference = data.intake("K.M.", "2026-11-20T10:15:00+01:00");

        let app = App::launch("access_report/2", data.path()).await;
        app.wait_board().await;
        app.click("a[href=\"#/sager\"]").await;
        let row = format!("#case-list tr[data-reference=\"{reference}\"]");
        app.find(&row).await;
        // Opened by keyboard: the row focused, Enter.
        app.js(&format!("document.querySelector('{}').focus();", row.replace('\'', "\\'")), vec![]).await;
        app.press(&ENTER.to_string()).await;
        let title = app.text("#case-panel h2").await;
        app.ensure(title == reference, format!("panel {title:?}, expected {reference}")).await;

        // By keyboard: Tab from »Send forseglet …« reaches the button; Enter makes the report.
        app.js("document.getElementById('case-handover').focus();", vec![]).await;
        app.press(&TAB.to_string()).await;
        app.wait_focus("case-access-report").await;
        std::fs::create_dir_all(saved_dir(data.path())).expect("the save folder");
        app.press(&ENTER.to_string()).await;
        // A dialog says what the report holds and offers staff names (off: the saved default).
        app.wait_focus("access-report-dialog-confirm").await;
        let names = app.js("return document.getElementById('access-report-staff-names').checked;", vec![]).await;
        app.ensure(names == serde_json::json!(false), format!("staff names off by default: {names}")).await;
        app.assert_accessible("access-report-dialog").await;
        app.snapshot("access-report-dialog").await;
        app.press(&ENTER.to_string()).await;

        let pdf = saved_dir(data.path()).join(format!("Indsigt {reference}.pdf"));
        let json = saved_dir(data.path()).join(format!("Indsigt {reference}.json"));
        app.poll("the saved access report", STEP, async |_c: &Client| (pdf.exists() && json.exists()).then_some(()))
            .await;
        let toast = app.wait_text(".toast-region", "Indsigtsrapporten er gemt").await;
        app.ensure(toast.contains(&format!("Indsigt {reference}.pdf")), format!("toast: {toast:?}")).await;
        app.wait_focus("case-access-report").await;
        app.snapshot("access-report-saved").await;
        let text = pdf_text(&pdf);
        app.ensure(
            text.contains(&format!("Indsigt i oplysninger om sag {reference}")) && text.contains("K.M."),
            format!("PDF text: {text}"),
        )
        .await;
        let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("the JSON")).expect("JSON");
        app.ensure(report["reference"] == reference.as_str(), format!("{report}")).await;
        let opened =
            report["lookups"].as_array().map_or(0, |l| l.iter().filter(|e| e["action"] == "case.read").count());
        app.ensure(opened >= 1, "the panel's read is in the report's log").await;
        app.ensure(report["staff_names"] == false && report["lookups"][0]["by"]["name"].is_null(), format!("{report}"))
            .await;

        // Again with staff names (Space on the checkbox): the setting is saved and the names shown.
        std::fs::remove_file(&json).expect("remove the JSON");
        app.press(&ENTER.to_string()).await;
        app.wait_focus("access-report-dialog-confirm").await;
        app.js("document.getElementById('access-report-staff-names').focus();", vec![]).await;
        app.press(" ").await;
        app.press(&TAB.to_string()).await;
        app.press(&TAB.to_string()).await;
        app.wait_focus("access-report-dialog-confirm").await;
        app.press(&ENTER.to_string()).await;
        app.poll("the access report saved again", STEP, async |_c: &Client| json.exists().then_some(())).await;
        let named: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("the JSON")).expect("JSON");
        app.ensure(named["staff_names"] == true, format!("{named}")).await;
        app.ensure(named["lookups"][0]["by"]["name"].is_string(), format!("{named}")).await;
        app.wait_focus("case-access-report").await;
        app.quit().await;
    });
}

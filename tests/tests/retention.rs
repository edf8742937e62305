//! The Sletning view end to end: a case closed almost five years ago is listed with its deletion
//! date and why; its deletion is postponed by keyboard only (Alt+5, Tab to »Udskyd …«, a Danish
//! date and a reason, Ctrl+Enter), after an empty reason was refused; the CLI then shows the new
//! date, and the audit log the extension without the reason's text.

use chrono::{Months, TimeDelta};
use std::process::Command;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, cli_binary, run, shown_date, typed_date};

/// `tovholder-cli` at a fixed time (debug builds honour `TOVHOLDER_FIXED_NOW`).
fn cli_at(data: &DataDir, now: &str, args: &[&str], stdin_file: Option<&std::path::Path>) -> serde_json::Value {
    let mut c = Command::new(cli_binary());
    c.arg("--data-dir").arg(data.path()).args(args).env_remove("TOVHOLDER_KEYCHAIN").env("TOVHOLDER_FIXED_NOW", now);
    if let Some(f) = stdin_file {
        c.arg(f);
    }
    let out = c.output().expect("run tovholder-cli");
    assert!(out.status.success(), "tovholder-cli {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A case received three days before `closed` and closed (completed) on that day, through the CLI
/// at those times; returns its reference.
fn closed_case(data: &DataDir, closed: chrono::NaiveDate) -> String {
    let closed_at = format!("{}T10:00:00Z", closed.format("%Y-%m-%d"));
    let received = closed - TimeDelta::days(3);
    let report = serde_json::json!({
        "received_at": format!("{}T10:00:00+01:00", received.format("%Y-%m-%d")),
        "channel": "hotline",
        "caller": { "type": "school" },
        "subject": { "pseudonym": "A.B.", "municipality": "Aarhus", "birth_year": 2005 },
        "category": "right_wing",
        "urgency": "normal",
        "description": "Eleven deler propaganda i klassens chatgruppe.",
    });
    let file = data.path().join("intake-e2e.json");
    std::fs::write(&file, report.to_string()).unwrap();
    let receipt = cli_at(data, &closed_at, &["intake"], Some(&file));
    std::fs::remove_file(&file).unwrap();
    let reference = receipt["reference"].as_str().unwrap().to_string();
    cli_at(data, &closed_at, &["move", &reference, "closed", "--outcome", "completed"], None);
    reference
}

#[test]
fn the_sletning_view_lists_a_due_case_with_why_and_postpones_it_by_keyboard() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("retention/1", data.path()).await;
        app.set_up().await;
        app.quit().await;

        // Closed five years before a day ten days from now: due in ten days, whatever day this runs.
        let today = tovholder_e2e::copenhagen_today();
        let due = today + TimeDelta::days(10);
        let closed = due.checked_sub_months(Months::new(60)).unwrap();
        let reference = closed_case(&data, closed);

        let app = App::launch("retention/2", data.path()).await;
        app.wait_board().await;
        // Alt+5: Sletning.
        app.press(&format!("{ALT}5{NULL}")).await;
        app.wait_heading("Sletning").await;
        let row = format!("#retention-list tr[data-case='{reference}']");
        let text = app.wait_text(&row, &format!("Lukket {} · slettes 5 år efter lukning", shown_date(closed))).await;
        app.ensure(text.contains(&shown_date(due)) && text.contains("om 10 dage"), format!("the row: {text}")).await;
        app.snapshot("retention-list").await;

        // Tab from the title: the case's reference, then »Udskyd …«.
        app.wait_focus("view-title").await;
        app.press(&format!("{TAB}{TAB}")).await;
        let open_id = format!("extend-open-{reference}");
        app.wait_focus(&open_id).await;
        app.press(&ENTER.to_string()).await;
        app.wait_focus("extend-until").await;
        let until = due + TimeDelta::days(365);
        app.press(&typed_date(until)).await;
        // Without a reason: refused, and the reason field says why.
        app.press(&ctrl(ENTER)).await;
        let alert = app.wait_alert().await;
        app.ensure(alert.contains("Skriv hvorfor"), format!("the reason is required: {alert}")).await;
        app.wait_focus("extend-reason").await;
        app.press("Ny henvendelse fra skolen ventes").await;
        app.snapshot("retention-extend").await;
        app.press(&ctrl(ENTER)).await;
        app.wait_text(".toast", &format!("udskudt til {}", shown_date(until))).await;
        // Due in a year now: no longer within 30 days, so it leaves the list; focus stays usable.
        app.poll("the row to leave the list", Duration::from_secs(15), async |c: &fantoccini::Client| {
            let n = c.execute(&format!("return document.querySelectorAll(\"{row}\").length;"), vec![]).await.ok()?;
            (n.as_u64()? == 0).then_some(())
        })
        .await;
        // The rules below the list: completed cases kept 4 years, saved at once (the extension still decides).
        app.select("#retention-completed_years", "4").await;
        app.wait_text(".toast", "slettes 4 år efter lukning").await;
        app.quit().await;
        let rules: serde_json::Value = serde_json::from_str(&data.cli(&["retention", "settings"])).unwrap();
        assert_eq!(rules["completed_years"], 4);

        let later = data.cli(&["retention", "due", "--days", "2000"]);
        let list: serde_json::Value = serde_json::from_str(&later).unwrap();
        let d = list.as_array().unwrap().iter().find(|d| d["reference"] == reference.as_str()).expect("listed");
        assert_eq!(d["due"], until.format("%Y-%m-%d").to_string());
        assert_eq!(d["rule"], "extended");
        assert_eq!(d["extension"]["reason"], "Ny henvendelse fra skolen ventes");
        let audit = data.cli(&["audit", "--ref", &reference]);
        assert!(audit.contains("case.retention_extended"), "{audit}");
        assert!(!audit.contains("skolen ventes"), "the reason stays out of the audit log");
    });
}

/// The app's own pass: started with an overdue case (closed five years and two days ago) and one
/// due in ten days, it deletes the first at start-up — the Sletning view lists only the second,
/// and the audit log has the deletion's one line.
#[test]
fn the_app_deletes_what_is_overdue_at_start_up() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("retention_pass/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let today = tovholder_e2e::copenhagen_today();
        let overdue = closed_case(&data, (today - TimeDelta::days(2)).checked_sub_months(Months::new(60)).unwrap());
        let soon = closed_case(&data, (today + TimeDelta::days(10)).checked_sub_months(Months::new(60)).unwrap());

        let app = App::launch_with_retention("retention_pass/2", data.path()).await;
        app.wait_board().await;
        app.press(&format!("{ALT}5{NULL}")).await;
        app.wait_heading("Sletning").await;
        app.find(&format!("#retention-list tr[data-case='{soon}']")).await;
        app.poll("the overdue case to be deleted", Duration::from_secs(30), async |c: &fantoccini::Client| {
            let n = c
                .execute(&format!("return document.querySelectorAll(\"tr[data-case='{overdue}']\").length;"), vec![])
                .await
                .ok()?;
            (n.as_u64()? == 0).then_some(())
        })
        .await;
        app.quit().await;
        let audit = data.cli(&["audit", "--ref", &overdue]);
        assert!(audit.contains("case.deleted"), "{audit}");
        let cases = data.cli(&["cases", "--stage", "closed"]);
        assert!(!cases.contains(&overdue) && cases.contains(&soon), "{cases}");
    });
}

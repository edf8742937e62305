//! Statistik end to end: six concerns registered through the CLI; Alt+8 opens Statistik for this
//! year; the period is changed by keyboard to a typed from–to; the figures, the bar chart with its
//! table and the »kun til internt brug« marking of exact counts; »Gem rapport …« saves the PDF and
//! the CSV files through the save-dialog seam (`TOVHOLDER_SAVE_DIR`), audited; axe-core finds
//! nothing serious on the view.

use chrono::TimeDelta;
use fantoccini::Client;
use std::time::Duration;
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, pdf_text, run, saved_dir, shown_date, typed_date};

const STEP: Duration = Duration::from_secs(30);

#[test]
fn statistik_shows_the_figures_changes_the_period_by_keyboard_and_saves_the_report() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("statistics/1", data.path()).await;
        app.set_up().await;
        app.quit().await;
        let today = tovholder_e2e::copenhagen_today();
        let mut references = Vec::new();
        for k in 1..=6 {
            let day = today - TimeDelta::days(k);
            references.push(data.intake("Pseudonym-Hemmelig", &format!("{}T10:00:00Z", day.format("%Y-%m-%d"))));
        }
        std::fs::create_dir_all(saved_dir(data.path())).expect("the save folder");

        let app = App::launch("statistics/2", data.path()).await;
        app.wait_board().await;
        app.press(&format!("{ALT}8{NULL}")).await;
        app.wait_heading("Statistik").await;
        app.wait_text("#stats-summary", "Infohus Østjylland").await;
        app.find("#stats-table-by_month").await;
        app.find("svg.chart[role='img']").await;
        app.assert_accessible("statistics").await;

        // By keyboard: Fra–til, a typed period of the last 30 days, Enter.
        let from = today - TimeDelta::days(30);
        app.select("#stats-kind", "custom").await;
        app.js("document.getElementById('stats-from').focus();", vec![]).await;
        app.press(&typed_date(from)).await;
        app.js("document.getElementById('stats-to').focus();", vec![]).await;
        app.press(&typed_date(today)).await;
        app.press(&ENTER.to_string()).await;
        let summary = app.wait_text("#stats-summary", &shown_date(from)).await;
        app.ensure(summary.contains(&shown_date(today)), format!("summary: {summary}")).await;
        // Six concerns: published; Aarhus alone, so its municipality row shows 6 too.
        let total = app.text("#stats-table-by_month tfoot").await;
        app.ensure(total.contains('6'), format!("total: {total}")).await;
        // The channels other than the hotline are 0: shown as »< 5« …
        let channels = app.text("#stats-table-by_channel").await;
        app.ensure(channels.contains("< 5"), format!("channels: {channels}")).await;
        // … and exactly only when asked, marked for internal use.
        app.js("document.getElementById('stats-exact').focus();", vec![]).await;
        app.press(" ").await;
        app.wait_text("#stats-internal", "Kun til internt brug").await;
        app.snapshot("statistics").await;
        app.assert_accessible("statistics-exact").await;

        // »Gem rapport …« by keyboard: the save-dialog seam writes into the save folder.
        app.js("document.getElementById('stats-save').focus();", vec![]).await;
        app.press(&ENTER.to_string()).await;
        let stem = format!("Statistik {}–{}", from.format("%Y-%m-%d"), today.format("%Y-%m-%d"));
        let pdf = saved_dir(data.path()).join(format!("{stem}.pdf"));
        let csv = saved_dir(data.path()).join(format!("{stem} CSV")).join("by_month.csv");
        app.poll("the saved report", STEP, async |_c: &Client| (pdf.exists() && csv.exists()).then_some(())).await;
        app.wait_text(".toast-region", "Rapporten er gemt").await;
        app.quit().await;

        let text = pdf_text(&pdf);
        assert!(text.contains("Statistik for Infohus Østjylland"), "{text}");
        let csv_text = std::fs::read_to_string(&csv).unwrap();
        assert!(csv_text.starts_with('\u{feff}') && csv_text.contains("I alt;6"), "{csv_text}");
        for r in &references {
            assert!(!text.contains(r.as_str()) && !csv_text.contains(r.as_str()), "{r} in the report");
        }
        assert!(!text.contains("Hemmelig"));
        let audit = data.cli(&["audit"]);
        assert!(audit.contains("stats.exported"), "{audit}");
    });
}

//! `tovholder-cli stats --from DATE --to DATE [--suppress N]` as a script runs it (the real
//! keychain; the CLI at fixed times through `TOVHOLDER_FIXED_NOW`): the published figures as
//! JSON, small counts hidden, and bad arguments refused with exit 2 naming the argument.

mod common;
use common::{cli, cli_full, new_store, ok, stderr};
use serde_json::{Value, json};

fn report(received: &str, municipality: &str) -> String {
    json!({
        "received_at": received,
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": "Pseudonym-Hemmelig", "birth_year": 2008, "municipality": municipality},
        "category": "right_wing",
        "urgency": "normal",
        "description": "Beskrivelse-Hemmelig"
    })
    .to_string()
}

fn intake(dir: &std::path::Path, received: &str, municipality: &str) {
    ok(cli_full(
        dir,
        &["intake", "-"],
        &[("TOVHOLDER_FIXED_NOW", "2026-11-25T13:00:00Z")],
        Some(&report(received, municipality)),
    ));
}

fn table<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["tables"].as_array().unwrap().iter().find(|t| t["key"] == key).unwrap()
}

#[test]
fn stats_prints_the_published_figures_with_small_counts_hidden() {
    let store = new_store();
    let dir = store.path();
    // Seven concerns from Aarhus and two from Randers in November, one in October.
    for d in 1..=7 {
        intake(dir, &format!("2026-11-{:02}T10:00:00+01:00", d + 10), "Aarhus");
    }
    intake(dir, "2026-11-02T10:00:00+01:00", "Randers");
    intake(dir, "2026-11-03T10:00:00+01:00", "Randers");
    intake(dir, "2026-10-31T23:30:00+01:00", "Aarhus"); // 31 Oct in Copenhagen (22.30 UTC)

    let v = ok(cli(dir, &["stats", "--from", "1.11.2026", "--to", "2026-11-30"]));
    assert_eq!(v["period"], json!({"from": "2026-11-01", "to": "2026-11-30"}));
    assert_eq!(v["threshold"], 5);
    assert_eq!(v["exact"], false);
    assert_eq!(v["infohus"], "Infohus Østjylland");
    let months = table(&v, "by_month");
    assert_eq!(months["rows"], json!(["nov. 2026"]));
    assert_eq!(months["total"], json!({"value": 9, "hidden": null}));
    // Randers (2) is under 5: hidden, and Aarhus (7) with it, or Randers = 9 − 7.
    let m = table(&v, "by_municipality");
    assert_eq!(m["rows"], json!(["Aarhus", "Randers"]));
    assert_eq!(m["cells"], json!([[{"value": null, "hidden": "secondary"}], [{"value": null, "hidden": "small"}]]));
    assert_eq!(m["total"]["value"], 9);

    // With --suppress 3 nothing of the municipalities but Randers' 2 is small … and Aarhus still
    // goes with it.
    let v3 = ok(cli(dir, &["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--suppress", "3"]));
    assert_eq!(v3["threshold"], 3);
    assert_eq!(table(&v3, "by_municipality")["cells"][1][0]["hidden"], "small");

    let text = String::from_utf8(cli(dir, &["stats", "--from", "2026-11-01", "--to", "2026-11-30"]).stdout).unwrap();
    for secret in ["Hemmelig", "ØJP-2026", "Pseudonym"] {
        assert!(!text.contains(secret), "{secret}");
    }
}

#[test]
fn bad_arguments_exit_2_naming_the_argument_without_echoing_it() {
    let store = new_store();
    let dir = store.path();
    for (args, field) in [
        (vec!["--from", "31.02.2026", "--to", "2026-03-31"], "from"),
        (vec!["--from", "2026-03-01", "--to", "i-morgen-x"], "to"),
        (vec!["--from", "2026-03-02", "--to", "2026-03-01"], "from"),
        (vec!["--from", "2026-03-01", "--to", "2026-03-31", "--suppress", "2"], "suppress"),
        (vec!["--from", "2026-03-01", "--to", "2026-03-31", "--suppress", "11"], "suppress"),
        (vec!["--from", "2026-03-01", "--to", "2026-03-31", "--suppress", "fem-x"], "suppress"),
        (vec!["--from", "2026-03-01", "--to", "2026-03-31", "--suppress", "-4"], "suppress"),
    ] {
        let mut all = vec!["stats"];
        all.extend(&args);
        let out = cli(dir, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("`{field}`")), "{args:?}: {err}");
        assert!(!err.contains("i-morgen-x") && !err.contains("fem-x") && !err.contains("31.02"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn stats_writes_the_report_and_the_csv_files_as_new_files_only() {
    let store = new_store();
    let dir = store.path();
    for d in 1..=6 {
        intake(dir, &format!("2026-11-{:02}T10:00:00+01:00", d + 10), "Aarhus");
    }
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("rapport.pdf");
    let csv = out.path().join("tabeller");
    std::fs::create_dir(&csv).unwrap();
    let args = ["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--pdf"];
    let v = ok(cli(dir, &[&args[..], &[pdf.to_str().unwrap(), "--csv", csv.to_str().unwrap()]].concat()));
    assert_eq!(v["files"]["pdf"], "rapport.pdf");
    assert!(v["files"]["csv"].as_array().unwrap().iter().any(|n| n == "by_month.csv"));
    assert_eq!(table(&v, "by_month")["total"]["value"], 6);
    let month = std::fs::read(csv.join("by_month.csv")).unwrap();
    assert_eq!(month, "\u{feff}Måned;Antal\r\nnov. 2026;6\r\nI alt;6\r\n".as_bytes());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let audit = ok(cli(dir, &["audit"]));
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "stats.exported"));

    // Again: the PDF is there, nothing is replaced (exit 2, no path in the message).
    let again = cli(dir, &[&args[..], &[pdf.to_str().unwrap()]].concat());
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(!stderr(&again).contains(out.path().to_str().unwrap()));
    // A folder that is not there: exit 2 naming --csv, not the path.
    let missing = out.path().join("findes-ikke");
    let bad = cli(dir, &["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", missing.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`csv`") && !stderr(&bad).contains("findes-ikke"), "{}", stderr(&bad));
}

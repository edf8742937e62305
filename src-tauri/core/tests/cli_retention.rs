//! `tovholder-cli retention run [--dry-run]`, `retention extend`, `backup`'s earliest deletion
//! date and `restore` running the pass, as an admin or a script runs them (the real keychain; the
//! CLI at fixed times through `TOVHOLDER_FIXED_NOW`).

mod common;
use common::{TempStore, cli, cli_with_env, new_store, ok, stderr};
use serde_json::json;

const CLOSED_AT: &str = "2022-01-12T10:00:00Z";

fn report(received: &str, description: &str) -> String {
    json!({
        "received_at": received,
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": "A.B.", "birth_year": 2008, "municipality": "Aarhus"},
        "category": "right_wing",
        "urgency": "normal",
        "description": description
    })
    .to_string()
}

fn at(dir: &std::path::Path, now: &str, args: &[&str]) -> std::process::Output {
    cli_with_env(dir, args, &[("TOVHOLDER_FIXED_NOW", now)])
}

/// A store with a case closed on 12 Jan 2022 (due 12 Jan 2027) and an open one.
fn store_with_closed_case() -> (TempStore, String, String) {
    let store = new_store();
    let dir = store.path();
    let intake = |d: &str| {
        let out = common::cli_full(
            dir,
            &["intake", "-"],
            &[("TOVHOLDER_FIXED_NOW", "2022-01-10T09:00:00Z")],
            Some(&report("2022-01-10T08:00:00+01:00", d)),
        );
        ok(out)["reference"].as_str().unwrap().to_string()
    };
    let closed = intake("Lukkes og slettes.");
    let open = intake("Forbliver åben.");
    ok(at(dir, CLOSED_AT, &["move", &closed, "closed", "--outcome", "completed"]));
    (store, closed, open)
}

fn audit_len(dir: &std::path::Path) -> usize {
    ok(cli(dir, &["audit"])).as_array().unwrap().len()
}

#[test]
fn retention_run_dry_lists_what_would_go_and_deletes_nothing_then_really_deletes() {
    let (store, closed, open) = store_with_closed_case();
    let dir = store.path();
    // Before its date: nothing.
    let none = ok(at(dir, "2027-01-11T12:00:00Z", &["retention", "run", "--dry-run"]));
    assert_eq!(none["cases"], json!([]));
    let dry = ok(at(dir, "2027-01-12T12:00:00Z", &["retention", "run", "--dry-run"]));
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["today"], "2027-01-12");
    assert_eq!(dry["cases"], json!([{"reference": closed, "rule": "closed.completed+5y", "due": "2027-01-12"}]));
    ok(cli(dir, &["case", &closed]));
    let due = ok(at(dir, "2027-01-01T12:00:00Z", &["retention", "due"]));
    assert_eq!(due[0]["why"], "Lukket 12. jan. 2022 · slettes 5 år efter lukning");

    let run = ok(at(dir, "2027-01-12T12:00:00Z", &["retention", "run"]));
    assert_eq!(run["dry_run"], false);
    assert_eq!(run["cases"][0]["reference"], closed.as_str());
    assert_eq!(run["compacted"], true);
    let gone = cli(dir, &["case", &closed]);
    assert_eq!(gone.status.code(), Some(2), "{}", stderr(&gone));
    ok(cli(dir, &["case", &open]));
    let lines = ok(cli(dir, &["audit", "--ref", &closed]));
    let deleted: Vec<_> = lines.as_array().unwrap().iter().filter(|e| e["action"] == "case.deleted").collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["subject"], format!("{closed} closed.completed+5y 2027-01-12"));
    let v = cli(dir, &["audit", "verify"]);
    assert!(v.status.success(), "{}", stderr(&v));
}

#[test]
fn retention_extend_needs_a_valid_date_and_reason_and_bad_input_exits_2_naming_the_field() {
    let (store, closed, open) = store_with_closed_case();
    let dir = store.path();
    let now = "2026-12-20T12:00:00Z";
    let before = audit_len(dir);
    let secret = "Hemmelig-grund-9431";
    for (args, field) in [
        (vec!["retention", "extend", &closed, "--until", "31.02.2027", "--reason", secret], "until"),
        (vec!["retention", "extend", &closed, "--until", "/tmp/x", "--reason", secret], "until"),
        (vec!["retention", "extend", &closed, "--until", "2027-01-12", "--reason", secret], "until"),
        (vec!["retention", "extend", &closed, "--until", "25.11.2027", "--reason", "   "], "reason"),
        (vec!["retention", "extend", "ØJP-2022-0999", "--until", "25.11.2027", "--reason", secret], "reference"),
        (vec!["retention", "extend", &open, "--until", "25.11.2027", "--reason", secret], "reference"),
    ] {
        let out = at(dir, now, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(field), "{args:?} names {field}: {err}");
        assert!(
            !err.contains(secret) && !err.contains("/tmp/x") && !err.contains("31.02"),
            "never echoes input: {err}"
        );
    }
    assert_eq!(audit_len(dir), before + 1, "nothing written (the one entry is the audit listing read just now)");

    let d = ok(at(dir, now, &["retention", "extend", &closed, "--until", "25.11.2027", "--reason", secret]));
    assert_eq!(d["due"], "2027-11-25");
    assert_eq!(d["rule"], "extended");
    let entries = ok(cli(dir, &["audit", "--ref", &closed]));
    let ext: Vec<_> = entries.as_array().unwrap().iter().filter(|e| e["action"] == "case.retention_extended").collect();
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0]["subject"], format!("{closed} until 2027-11-25"));
    assert!(!entries.to_string().contains(secret), "the reason stays out of the audit log");
    // Its old date passes without deleting it.
    let run = ok(at(dir, "2027-01-12T12:00:00Z", &["retention", "run"]));
    assert_eq!(run["cases"], json!([]));
}

#[test]
fn a_backup_names_its_earliest_deletion_and_restoring_it_later_runs_the_pass_first() {
    let (store, closed, open) = store_with_closed_case();
    let dir = store.path();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("backup.db");
    let b = ok(at(dir, "2026-12-01T12:00:00Z", &["backup", file.to_str().unwrap()]));
    assert_eq!(b["earliest_deletion"], "2027-01-12");
    assert_eq!(b["proposed_name"], "Tovholder sikkerhedskopi 2026-12-01 sletning fra 2027-01-12.db");

    // Restored after the case's date: the pass runs before the store is used.
    let restored = ok(at(dir, "2027-02-01T12:00:00Z", &["restore", file.to_str().unwrap(), "--force"]));
    assert_eq!(restored["counts"]["cases"], 1, "{restored}");
    let gone = cli(dir, &["case", &closed]);
    assert_eq!(gone.status.code(), Some(2));
    ok(cli(dir, &["case", &open]));
    let lines = ok(cli(dir, &["audit", "--ref", &closed]));
    assert!(lines.as_array().unwrap().iter().any(|e| e["action"] == "case.deleted"));
    let v = cli(dir, &["audit", "verify"]);
    assert!(v.status.success(), "{}", stderr(&v));
}

#[test]
fn retention_settings_print_and_save_the_rules_per_outcome() {
    let (store, closed, _open) = store_with_closed_case();
    let dir = store.path();
    let s = ok(cli(dir, &["retention", "settings"]));
    assert_eq!(
        s,
        json!({"unfounded_years": 5, "completed_years": 5, "handed_to_police_years": 5, "forwarded_days": 30})
    );
    let bad = cli(dir, &["retention", "settings", "--completed-years", "11"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("completed_years"), "{}", stderr(&bad));
    let s = ok(cli(dir, &["retention", "settings", "--completed-years", "3"]));
    assert_eq!(s["completed_years"], 3);
    assert_eq!(s["unfounded_years"], 5);
    // Closed 12 Jan 2022, kept 3 years: due 12 Jan 2025, overdue now.
    let dry = ok(at(dir, "2026-12-01T12:00:00Z", &["retention", "run", "--dry-run"]));
    assert_eq!(dry["cases"], json!([{"reference": closed, "rule": "closed.completed+3y", "due": "2025-01-12"}]));
}

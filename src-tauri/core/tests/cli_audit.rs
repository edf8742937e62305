//! `tovholder-cli audit`, `audit checkpoint` and `audit verify` as a data-protection officer or a
//! script runs them: JSON on stdout; verify exits 0 when the chain is intact and 2 naming the
//! first broken position or the lost tail; bad input exits 2 naming the field.

mod common;
use common::{TempStore, cli, cli_with_env, cli_with_stdin, json, ok, pdftotext_layout, require_os_keychain, stderr};
use serde_json::{Value, json as j};
use tovholder_core::{Keychain, Store};

fn report(pseudonym: &str) -> String {
    j!({
        "received_at": "2026-11-20T10:15:00+01:00",
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": "Aarhus"},
        "category": "right_wing",
        "urgency": "normal",
        "description": "Syntetisk testtekst."
    })
    .to_string()
}

/// A new store through the CLI, and the recovery code it printed once.
fn new_store_with_code() -> (TempStore, String) {
    require_os_keychain();
    let store = TempStore { dir: tempfile::tempdir().unwrap() };
    let out = cli(
        store.path(),
        &["init", "--name", "Mette Holm", "--organisation", "Østjyllands Politi", "--district", "ØJP"],
    );
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    let err = stderr(&out);
    let code = err
        .split_whitespace()
        .find(|w| w.len() == 39 && w.split('-').count() == 8)
        .unwrap_or_else(|| panic!("no recovery code on stderr: {err}"))
        .to_string();
    (store, code)
}

#[test]
fn audit_lists_checkpoints_and_verifies_through_the_cli() {
    let (store, code) = new_store_with_code();
    let dir = store.path();
    let r = ok(cli_with_stdin(dir, &["intake", "-"], Some(&report("A.B."))))["reference"].as_str().unwrap().to_string();
    ok(cli(dir, &["case", &r]));
    ok(cli(dir, &["cases"]));

    // The entries about one case, oldest first.
    let about = ok(cli(dir, &["audit", "--ref", &r.to_lowercase()]));
    let actions: Vec<&str> = about.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["case.created", "case.read", "cases.listed"]);
    assert_eq!(about[2]["references"], j!([r.as_str()]), "the list page showed the case");
    let first = &about[0];
    assert_eq!(first["subject"], r.as_str());
    assert_eq!(first["actor"], "Mette Holm");
    assert_eq!(first["at"], "2026-11-25T13:05:00.000Z");
    assert!(first["position"].as_u64().unwrap() >= 2);
    let all = ok(cli(dir, &["audit", "--since", "25.11.2026"]));
    assert!(all.as_array().unwrap().len() >= 4, "{all}");
    // (`init` ran at the real time; the CLI since then at its fixed one.)
    assert_eq!(ok(cli(dir, &["audit", "--since", "2099-01-01T00:00:00Z"])), j!([]));

    // Intact: exit 0, with and without the recovery code (from the flag or the environment).
    let v = ok(cli(dir, &["audit", "verify"]));
    assert_eq!((v["status"].as_str(), v["macs"].as_str()), (Some("intact"), Some("not_checked")));
    let v = ok(cli(dir, &["audit", "verify", "--recovery-code", &code]));
    assert_eq!((v["status"].as_str(), v["macs"].as_str()), (Some("intact"), Some("recovery_code")));
    let v = ok(cli_with_env(dir, &["audit", "verify"], &[("TOVHOLDER_RECOVERY_CODE", &code)]));
    assert_eq!(v["macs"], "recovery_code");

    // A checkpoint, as printed in small type, verifies.
    let taken = ok(cli(dir, &["audit", "checkpoint"]));
    let text = taken["checkpoint"].as_str().unwrap().to_string();
    assert!(text.starts_with(&format!("TVH1-{}-", taken["position"])), "{text}");
    ok(cli(dir, &["cases"]));
    let v = ok(cli(dir, &["audit", "verify", "--checkpoint", &text]));
    assert_eq!((v["status"].as_str(), v["checkpoint"].as_str()), (Some("intact"), Some(text.as_str())));

    // A checkpoint beyond the log's end: the tail was lost (exit 2, told apart from a break).
    let beyond = format!("TVH1-9999-{}", &text[text.len() - 19..]);
    let out = cli(dir, &["audit", "verify", "--checkpoint", &beyond]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["status"], "tail_lost");
    assert!(stderr(&out).contains(&format!("the tail after position {} was lost", v["after"])), "{}", stderr(&out));

    // Bad input: exit 2 naming the field, before the store is touched.
    for (args, field) in [
        (vec!["audit", "verify", "--checkpoint", "TVH1-x"], "`checkpoint`"),
        (vec!["audit", "verify", "--recovery-code", "not-a-code"], "`recovery_code`"),
        (vec!["audit", "--since", "i går"], "`since`"),
    ] {
        let out = cli(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }
    let wrong = cli(dir, &["audit", "verify", "--recovery-code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("wrong_recovery_code"), "{}", stderr(&wrong));

    // Tampered with (an attacker with the database key): exit 2 naming the entry.
    let position = first["position"].as_i64().unwrap();
    {
        let opened = Store::open(dir, &Keychain::Os).unwrap();
        let c = opened.conn_for_tests();
        c.execute_batch("DROP TRIGGER audit_log_no_update;").unwrap();
        c.execute("UPDATE audit_log SET actor = 'Mette Holn' WHERE id = ?1", [position]).unwrap();
    }
    for args in [vec!["audit", "verify"], vec!["audit", "verify", "--checkpoint", &text, "--recovery-code", &code]] {
        let out = cli(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let v: Value = json(&out);
        assert_eq!((v["status"].as_str(), v["position"].as_i64()), (Some("broken"), Some(position)), "{v}");
        assert!(stderr(&out).contains(&format!("broken at position {position}")), "{}", stderr(&out));
    }
}

/// The checkpoint printed on a finalized meeting's last page (issue #16): copied from the PDF as a
/// participant would (pdftotext), it verifies; after an entry before it was changed, it fails
/// naming that entry. Drafts carry none.
#[test]
fn the_checkpoint_on_finalized_minutes_verifies_and_catches_tampering_before_it() {
    let (store, _code) = new_store_with_code();
    let dir = store.path();
    let r = ok(cli_with_stdin(dir, &["intake", "-"], Some(&report("A.B."))))["reference"].as_str().unwrap().to_string();
    let file = dir.join("møde.json");
    let record = j!({
        "held_at": "2026-11-25T13:30:00+01:00",
        "participants": [{"name": "Mette Holm", "organisation": "Østjyllands Politi"}],
        "items": [{"kind": "case", "reference": r, "recommendation": "Mentorforløb."}]
    });
    std::fs::write(&file, record.to_string()).unwrap();
    let id = ok(cli(dir, &["meeting", "import", file.to_str().unwrap()]))["id"].to_string();

    let draft = dir.join("udkast.pdf");
    ok(cli(dir, &["minutes", &id, "--out", draft.to_str().unwrap()]));
    assert!(!pdftotext_layout(&draft).contains("TVH1-"), "a draft carries no checkpoint");

    ok(cli(dir, &["meeting", "finalize", &id]));
    let pdf = dir.join("referat.pdf");
    ok(cli(dir, &["minutes", &id, "--out", pdf.to_str().unwrap()]));
    let text = pdftotext_layout(&pdf);
    let last_page = text.rsplit('\u{c}').find(|p| !p.trim().is_empty()).unwrap();
    let line = last_page.lines().find(|l| l.contains("Revisionslog:")).unwrap_or_else(|| panic!("{last_page}"));
    let checkpoint = line.split_whitespace().find(|w| w.starts_with("TVH1-")).unwrap().to_string();
    assert!(last_page.contains("tovholder-cli audit verify --checkpoint"), "{last_page}");
    assert_eq!(text.matches("TVH1-").count(), 1, "only on the last page");
    let position: i64 = checkpoint.split('-').nth(1).unwrap().parse().unwrap();

    let v = ok(cli(dir, &["audit", "verify", "--checkpoint", &checkpoint]));
    assert_eq!((v["status"].as_str(), v["checkpoint"].as_str()), (Some("intact"), Some(checkpoint.as_str())));
    // The checkpoint is recorded in the log, and kept with the meeting.
    let entries = ok(cli(dir, &["audit"]));
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "audit.checkpoint" && e["subject"] == checkpoint.as_str()),
        "{entries}"
    );

    // An entry before the checkpoint changed, and every later digest and the head recomputed
    // would still be caught by the checkpoint; here the plain edit: exit 2 naming the entry.
    let tampered = position - 1;
    assert!(tampered >= 1);
    {
        let opened = Store::open(dir, &Keychain::Os).unwrap();
        let c = opened.conn_for_tests();
        c.execute_batch("DROP TRIGGER audit_log_no_update;").unwrap();
        c.execute("UPDATE audit_log SET at = '2026-11-25T13:05:00.001Z' WHERE id = ?1", [tampered]).unwrap();
    }
    let out = cli(dir, &["audit", "verify", "--checkpoint", &checkpoint]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!((v["status"].as_str(), v["position"].as_i64()), (Some("broken"), Some(tampered)), "{v}");
    assert!(stderr(&out).contains(&format!("broken at position {tampered}")), "{}", stderr(&out));
}

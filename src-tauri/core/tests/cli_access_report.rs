//! The access report (indsigt, GDPR art. 15) through `tovholder-cli access-report REF --out DIR`:
//! everything held about one case is in the PDF (pdftotext) and the JSON, nothing of another case
//! is (also not of one discussed at the same meeting), staff are shown by organisation and role
//! unless the setting names them, the report's checkpoint verifies, and bad input writes nothing.

mod common;
use common::{FIXED_NOW, TempStore, cli, cli_with_stdin, json, new_store, ok, pdftotext, stderr};
use serde_json::{Value, json as j};
use tovholder_core::{FixedClock, Keychain, Store, cases};

fn report(pseudonym: &str, description: &str) -> String {
    j!({
        "received_at": "2026-11-20T10:15:00+01:00",
        "channel": "hotline",
        "caller": {"type": "school", "name": "Hanne Henvendersen", "phone": "12345678"},
        "subject": {"pseudonym": pseudonym, "birth_year": 2009, "gender": "male", "municipality": "Aarhus"},
        "category": "right_wing",
        "indicators": ["isolation"],
        "urgency": "normal",
        "description": description
    })
    .to_string()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Two cases with unique phrases in every place a case holds text, both discussed at one
/// finalized meeting. Returns (store, reference of A, reference of B).
fn seeded() -> (TempStore, String, String) {
    let store = new_store();
    let dir = store.path();
    let intake = |p: &str, d: &str| -> String {
        ok(cli_with_stdin(dir, &["intake", "-"], Some(&report(p, d))))["reference"].as_str().unwrap().to_string()
    };
    let a = intake("A.Q.", "Alfabeskrivelse QXDESC.");
    let b = intake("B.Z.", "Bravobeskrivelse ZZDESC.");
    {
        let s = Store::open(dir, &Keychain::Os).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339(FIXED_NOW).unwrap().into();
        let s = s.with_clock(std::sync::Arc::new(FixedClock::at(at)));
        cases::add_note(&s, &a, "Alfanotat QXNOTE.").unwrap();
        cases::add_note(&s, &b, "Bravonotat ZZNOTE.").unwrap();
    }
    for (r, what, person) in [(&a, "QXTASK", "Per Personsen"), (&b, "ZZTASK", "Bo Bravosen")] {
        ok(cli(
            dir,
            &["action", "add", r, "--what", what, "--agency", "ssp", "--due", "2026-12-20", "--person", person],
        ));
    }
    ok(cli(dir, &["move", &a, "screening"]));
    ok(cli(dir, &["move", &b, "screening"]));
    let file = dir.join("møde.json");
    let item = |r: &str, tag: &str| {
        j!({"kind": "case", "reference": r, "reason": format!("{tag}REASON"),
            "new_information": [{"authority": "police", "text": format!("{tag}INFO")}],
            "assessment": format!("{tag}ASSESS"), "recommendation": format!("{tag}RECOMMEND"),
            "actions": [{"what": format!("{tag}MEETTASK"), "agency": "school", "due": "2026-12-21"}],
            "resulting_stage": "assessment"})
    };
    let record = j!({
        "held_at": "2026-11-25T13:30:00+01:00",
        "participants": [{"name": "Mette Holm", "organisation": "Østjyllands Politi"},
                         {"name": "Zelda Zulu", "organisation": "SSP Aarhus"}],
        "items": [item(&a, "QX"), {"kind": "free", "title": "ZZFREE", "body": "ZZFREEBODY"}, item(&b, "ZZ")]
    });
    std::fs::write(&file, record.to_string()).unwrap();
    let id = ok(cli(dir, &["meeting", "import", file.to_str().unwrap()]))["id"].to_string();
    ok(cli(dir, &["meeting", "finalize", &id]));
    ok(cli(dir, &["case", &a]));
    ok(cli(dir, &["case", &b]));
    (store, a, b)
}

/// Every phrase of case B (and of the meeting's other items and participants).
const OTHER: &[&str] = &["ZZ", "Bravo", "B.Z.", "Zelda", "Bo Bravosen"];

fn check_nothing_of_b(text: &str, b: &str, what: &str) {
    for p in OTHER.iter().copied().chain([b]) {
        assert!(!text.contains(p), "{what} holds {p:?} of another case");
    }
    assert!(!text.contains("Hanne") && !text.contains("12345678"), "{what}: the caller's identity is left out");
}

#[test]
fn the_access_report_holds_everything_about_the_case_and_nothing_of_another() {
    let (store, a, b) = seeded();
    let dir = store.path();
    let out = tempfile::tempdir().unwrap();
    let printed = ok(cli(dir, &["access-report", &a.to_lowercase(), "--out", out.path().to_str().unwrap()]));
    assert_eq!(printed["pdf"], format!("Indsigt {a}.pdf").as_str());
    assert_eq!(printed["json"], format!("Indsigt {a}.json").as_str());
    let pdf_path = out.path().join(format!("Indsigt {a}.pdf"));
    let json_path = out.path().join(format!("Indsigt {a}.json"));
    #[cfg(unix)]
    for p in [&pdf_path, &json_path] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let json_text = std::fs::read_to_string(&json_path).unwrap();
    let report: Value = serde_json::from_str(&json_text).unwrap();
    let text = pdftotext(&pdf_path);
    let flat = squash(&text);

    // The case's own values, its history, notes, action items and meeting entries.
    assert_eq!(report["format"], "tovholder-access-report/1");
    assert_eq!(report["reference"], a.as_str());
    assert!(text.contains(&format!("Indsigt i oplysninger om sag {a}")), "{text}");
    assert!(text.contains("25. nov. 2026"), "the date it was made, in Danish");
    let case = &report["case"];
    for (k, v) in case.as_object().unwrap() {
        let values: Vec<String> = match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(list) => list.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
            Value::Number(n) => vec![n.to_string()],
            _ => continue,
        };
        for value in values {
            let shown = if k.ends_with("_at") { "25. nov. 2026".to_string() } else { value.clone() };
            if k.ends_with("_at") {
                assert!(value.starts_with("2026-11-2"), "{k}: {value}");
            }
            assert!(flat.contains(&squash(&shown)), "case field {k} = {shown:?} is not in the PDF");
        }
    }
    for phrase in [
        "A.Q.",
        "Alfabeskrivelse QXDESC.",
        "Alfanotat QXNOTE.",
        "QXTASK",
        "QXREASON",
        "QXINFO",
        "QXASSESS",
        "QXRECOMMEND",
        "QXMEETTASK",
        "Aarhus",
        "Skole/lærer",
    ] {
        assert!(json_text.contains(phrase), "{phrase} is not in the JSON");
        assert!(flat.contains(&squash(phrase)), "{phrase} is not in the PDF");
    }
    assert_eq!(report["notes"].as_array().unwrap().len(), 1);
    let history = report["history"].as_array().unwrap();
    assert!(history.len() >= 4, "{history:?}");
    for h in history {
        assert!(flat.contains(&squash(h["field_label"].as_str().unwrap())), "{h}");
        for v in [&h["old_value"], &h["new_value"]] {
            if let Some(v) = v.as_str() {
                assert!(flat.contains(&squash(v)), "history value {v:?} is not in the PDF");
            }
        }
    }
    let items = report["action_items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the item added by hand and the one from the meeting: {items:?}");
    for i in items {
        assert!(flat.contains(&squash(i["what"].as_str().unwrap())));
    }
    let meetings = report["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0]["number"], "1/2026");
    assert_eq!(meetings[0]["status"], "Færdiggjort");
    let minutes_checkpoint = meetings[0]["audit_checkpoint"].as_str().unwrap();
    assert!(flat.contains(minutes_checkpoint), "the minutes' checkpoint is named");

    // The log: every entry about the case, with a Danish purpose, by organisation and role.
    let lookups = report["lookups"].as_array().unwrap();
    let actions: Vec<&str> = lookups.iter().map(|l| l["action"].as_str().unwrap()).collect();
    for action in ["case.created", "case.read", "case.note_added", "action_item.added", "case.stage_changed"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let log = ok(cli(dir, &["audit", "--ref", &a]));
    let about: Vec<u64> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["position"].as_u64().unwrap() < report["lookups"][lookups.len() - 1]["position"].as_u64().unwrap() + 1
        })
        .map(|e| e["position"].as_u64().unwrap())
        .collect();
    let listed: Vec<u64> = lookups.iter().map(|l| l["position"].as_u64().unwrap()).collect();
    assert_eq!(listed, about, "every log entry about the case, in order");
    for l in lookups {
        assert!(flat.contains(&squash(l["purpose"].as_str().unwrap())), "{l}");
        assert_eq!(l["by"]["organisation"], "Østjyllands Politi");
        assert!(l["by"]["name"].is_null());
    }
    assert!(flat.contains(&squash("Sagen åbnet")) && flat.contains(&squash("Østjyllands Politi, koordinator")));

    // Staff names are off by default: organisation and role only.
    for name in ["Mette Holm", "Per Personsen"] {
        assert!(!json_text.contains(name), "{name} in the JSON");
        assert!(!flat.contains(&squash(name)), "{name} in the PDF");
    }
    check_nothing_of_b(&json_text, &b, "the JSON");
    check_nothing_of_b(&text, &b, "the PDF");

    // Making it is recorded, and its checkpoint (last page) verifies.
    let log = ok(cli(dir, &["audit", "--ref", &a]));
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "access_report.exported"), "{log}");
    let last_page = text.rsplit('\u{c}').find(|p| !p.trim().is_empty()).unwrap();
    let checkpoint = last_page
        .split_whitespace()
        .skip_while(|w| *w != "Revisionslog:")
        .nth(1)
        .unwrap_or_else(|| panic!("{last_page}"));
    assert_eq!(checkpoint, report["audit_checkpoint"].as_str().unwrap());
    let v = ok(cli(dir, &["audit", "verify", "--checkpoint", checkpoint]));
    assert_eq!(v["status"], "intact");

    // Never replacing: the same report again into the same folder is refused.
    let again = cli(dir, &["access-report", &a, "--out", out.path().to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&json_path).unwrap(), json_text);

    // With staff names on (the setting, saved): the names are there.
    let named = tempfile::tempdir().unwrap();
    ok(cli(dir, &["access-report", &a, "--out", named.path().to_str().unwrap(), "--staff-names", "on"]));
    let json_named = std::fs::read_to_string(named.path().join(format!("Indsigt {a}.json"))).unwrap();
    let flat_named = squash(&pdftotext(&named.path().join(format!("Indsigt {a}.pdf"))));
    for name in ["Mette Holm", "Per Personsen"] {
        assert!(json_named.contains(name), "{name} not in the JSON");
        assert!(flat_named.contains(&squash(name)), "{name} not in the PDF");
    }
    check_nothing_of_b(&json_named, &b, "the named JSON");
    let v: Value = serde_json::from_str(&json_named).unwrap();
    assert_eq!(v["staff_names"], true);
    assert_eq!(v["lookups"][0]["by"]["name"], "Mette Holm");
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let store = new_store();
    let dir = store.path();
    let a = ok(cli_with_stdin(dir, &["intake", "-"], Some(&report("A.Q.", "Syntetisk."))))["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let before = ok(cli(dir, &["audit"])).as_array().unwrap().len();
    let files = tempfile::tempdir().unwrap();
    let person = files.path().join("Jens Hansen");
    std::fs::create_dir(&person).unwrap();
    let missing = person.join("Jens mappe");
    for (args, field) in [
        (vec!["access-report", "../Jens", "--out", person.to_str().unwrap()], "`reference`"),
        (vec!["access-report", "ØJP-2026-9999", "--out", person.to_str().unwrap()], "not_found"),
        (vec!["access-report", &a, "--out", missing.to_str().unwrap()], "`out`"),
        (vec!["access-report", &a, "--out", person.to_str().unwrap(), "--staff-names", "ja"], "`staff_names`"),
    ] {
        let out = cli(dir, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(field), "{args:?}: {err}");
        assert!(!err.contains("Jens") && !err.contains("9999"), "the value is not repeated: {err}");
        assert!(json_or_empty(&out).is_null());
    }
    assert_eq!(std::fs::read_dir(&person).unwrap().count(), 0, "nothing written");
    // Nothing recorded either (the listing itself is the one new entry).
    assert_eq!(ok(cli(dir, &["audit"])).as_array().unwrap().len(), before + 1);
    assert_eq!(ok(cli(dir, &["case", &a]))["reference"], a.as_str());
}

fn json_or_empty(out: &std::process::Output) -> Value {
    if out.stdout.is_empty() { Value::Null } else { json(out) }
}

//! Infohus meetings on a real encrypted store: numbering per infohus and year, the agenda proposed
//! from the board, importing a whole meeting record (bad input writes nothing), finalizing.

mod common;
use common::{pdf_bytes_text, profile};
use serde_json::json;
use std::sync::Arc;
use tovholder_core::actions::{self, Agency, NewActionItem};
use tovholder_core::cases::{self, Stage};
use tovholder_core::intake::IntakeReport;
use tovholder_core::meetings::{self, MeetingRecord};
use tovholder_core::{Error, FixedClock, Keychain, Store};

fn store() -> (tempfile::TempDir, Store, FixedClock) {
    let clock = FixedClock::at_rfc3339("2026-11-20T09:00:00Z");
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) =
        Store::init_with_clock(tmp.path(), &Keychain::memory(), profile(), Arc::new(clock.clone())).unwrap();
    (tmp, store, clock)
}

fn intake(store: &Store, pseudonym: &str, urgency: &str) -> String {
    let report = IntakeReport::from_json(
        &json!({
            "received_at": "2026-11-02T10:00:00+01:00",
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": "Aarhus"},
            "category": "right_wing",
            "urgency": urgency,
            "description": "Bekymring fra skolen."
        })
        .to_string(),
    )
    .unwrap();
    cases::intake(store, report).unwrap().reference
}

fn record(held_at: &str) -> MeetingRecord {
    serde_json::from_value(json!({ "held_at": held_at })).unwrap()
}

#[test]
fn meetings_are_numbered_per_infohus_and_year() {
    let (_t, store, _) = store();
    let a = meetings::create(&store, &record("2026-11-25T14:00:00+01:00")).unwrap();
    let b = meetings::create(&store, &record("2026-12-09T14:00:00+01:00")).unwrap();
    // 31 Dec 23.30 UTC is 1 Jan in Copenhagen: the first meeting of 2027.
    let c = meetings::create(&store, &record("2026-12-31T23:30:00Z")).unwrap();
    let home = meetings::create(
        &store,
        &serde_json::from_value(json!({"district": "Østjyllands Politi", "held_at": "2026-11-26T10:00:00+01:00"}))
            .unwrap(),
    )
    .unwrap();
    assert_eq!((a.number.as_str(), b.number.as_str(), c.number.as_str()), ("1/2026", "2/2026", "1/2027"));
    assert_eq!((home.number.as_str(), home.district_code.as_str()), ("3/2026", "ØJP"));
    // Meetings are held by the home infohus only: another infohus's meeting (whose number would
    // collide with its own in the history) is refused, by code or by name, and nothing is written.
    for district in ["Fyns Politi", "KBHP"] {
        let other = serde_json::from_value(json!({"district": district, "held_at": "2026-11-27T10:00:00+01:00"}));
        let refused = meetings::create(&store, &other.unwrap()).unwrap_err();
        assert!(matches!(refused, Error::Invalid { field: "district", .. }), "{district}: {refused:?}");
    }
    assert_eq!(meetings::list(&store).unwrap().len(), 4);
}

/// A meeting touches only its own infohus's cases: another district's case is refused when the
/// record is imported or saved (naming the item), and again when the meeting is finalized (a case
/// that became another district's after the save), with nothing applied.
#[test]
fn a_meeting_touches_only_its_own_infohus_cases() {
    let (_t, store, _) = store();
    let own = intake(&store, "Egen", "normal");
    let report = IntakeReport::from_json(
        &json!({
            "received_at": "2026-11-02T10:00:00+01:00",
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": {"pseudonym": "Fynbo", "municipality": "Odense"},
            "category": "right_wing",
            "urgency": "normal",
            "description": "Bekymring om en person på Fyn."
        })
        .to_string(),
    )
    .unwrap();
    let other = cases::intake(&store, report).unwrap().reference;
    let doc = |second: &str| {
        json!({
            "held_at": "2026-11-19T14:00:00+01:00",
            "items": [
                {"kind": "case", "reference": own, "resulting_stage": "screening"},
                {"kind": "case", "reference": second, "resulting_stage": "closed", "outcome": "unfounded",
                 "actions": [{"what": "Samtale", "agency": "ssp", "due": "2026-12-01"}]}
            ]
        })
        .to_string()
    };
    match meetings::import(&store, &doc(&other)) {
        Err(Error::Malformed { path, reason }) => {
            assert_eq!(path, "items[1].reference");
            assert!(reason.contains("andet infohus"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(meetings::list(&store).unwrap().is_empty(), "nothing was written");

    // Saved with a case of its own, which is then moved to another district behind the app's back.
    let second = intake(&store, "Flytter", "normal");
    let m = meetings::import(&store, &doc(&second)).unwrap();
    let saved = meetings::record(&store, m.id).unwrap();
    meetings::save(&store, m.id, &saved).unwrap();
    store.conn_for_tests().execute("UPDATE cases SET district_code = 'FYP' WHERE reference = ?1", [&second]).unwrap();
    assert!(
        matches!(meetings::save(&store, m.id, &saved), Err(Error::Malformed { ref path, .. }) if path == "items[1].reference")
    );
    match meetings::finalize(&store, m.id) {
        Err(Error::Malformed { path, .. }) => assert_eq!(path, "items[1].reference"),
        other => panic!("{other:?}"),
    }
    assert_eq!(meetings::get(&store, m.id).unwrap().status, "draft");
    for (r, stage) in [(&own, Stage::NewConcern), (&second, Stage::NewConcern)] {
        let d = cases::get(&store, r).unwrap();
        assert_eq!((d.summary.stage, d.action_items.len()), (stage, 0), "nothing applied to {r}");
    }
}

#[test]
fn the_agenda_is_proposed_from_the_board_with_reasons() {
    let (_t, store, clock) = store();
    let flagged = intake(&store, "A.A.", "normal");
    let acute = intake(&store, "B.B.", "acute");
    let due = intake(&store, "C.C.", "normal");
    let closed = intake(&store, "D.D.", "normal");
    cases::set_meeting_flag(&store, &flagged, true).unwrap();
    actions::add(
        &store,
        &due,
        &NewActionItem { what: "Samtale".into(), agency: Agency::Ssp, person: None, due: "2026-12-01".into() },
    )
    .unwrap();
    cases::transition(&store, &closed, Stage::Closed, None, Some(cases::Outcome::Unfounded)).unwrap();
    let first = meetings::create(&store, &record("2026-11-21T14:00:00+01:00")).unwrap();
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00Z").unwrap().into());
    let newer = intake(&store, "E.E.", "normal");
    let m = meetings::create(
        &store,
        &serde_json::from_value(
            json!({"held_at": "2026-11-25T14:00:00+01:00", "next_meeting_at": "2026-12-09T14:00:00+01:00"}),
        )
        .unwrap(),
    )
    .unwrap();
    let agenda = meetings::proposed_agenda(&store, m.id).unwrap();
    let why = |r: &str| agenda.cases.iter().find(|c| c.reference == r).map(|c| c.reasons.clone());
    assert_eq!(why(&flagged), Some(vec!["Markeret til møde".to_string()]));
    assert_eq!(why(&acute), Some(vec!["Akut".to_string()]));
    assert_eq!(why(&due), Some(vec!["Opgave med frist 1. dec. 2026 (før næste møde)".to_string()]));
    assert_eq!(why(&newer), Some(vec!["Ny sag siden sidste møde".to_string()]));
    assert_eq!(why(&closed), None, "closed cases are not proposed");
    assert_eq!(agenda.free, vec!["Orientering fra politiet", "Orientering fra SSP", "Eventuelt"]);
    // Acute first, then flagged, then new, then due; only acute and flagged ticked.
    let order: Vec<(&str, bool)> = agenda.cases.iter().map(|c| (c.reference.as_str(), c.preselected)).collect();
    assert_eq!(order, [(&acute as &str, true), (&flagged, true), (&newer, false), (&due, false)]);
    assert!(agenda.cases.iter().all(|c| c.pseudonym.ends_with('.')), "initials only");
    // The first meeting had no earlier one: cases received in the last 30 days (the setting) are
    // new, oldest first within the group.
    let first_agenda = meetings::proposed_agenda(&store, first.id).unwrap();
    assert!(first_agenda.cases.iter().any(|c| c.reasons.contains(&"Ny sag (modtaget inden for 30 dage)".to_string())));
    let s = meetings::settings(&store).unwrap();
    meetings::save_settings(&store, meetings::MeetingSettings { new_case_days: 5, ..s }).unwrap();
    let narrow = meetings::proposed_agenda(&store, first.id).unwrap();
    assert!(narrow.cases.iter().all(|c| c.reasons.iter().all(|r| !r.starts_with("Ny sag"))), "received 19 days before");
    // A deadline that has passed is overdue, not "before the next meeting".
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-12-03T09:00:00Z").unwrap().into());
    let later = meetings::proposed_agenda(&store, m.id).unwrap();
    let due_why = later.cases.iter().find(|c| c.reference == due).map(|c| c.reasons.clone());
    assert_eq!(due_why, Some(vec!["Opgave med frist 1. dec. 2026 (overskredet)".to_string()]));
}

#[test]
fn importing_refuses_bad_input_by_field_and_writes_nothing() {
    let (_t, store, _) = store();
    let r = intake(&store, "Nguyễn", "normal");
    let good = json!({
        "held_at": "2026-11-25T14:00:00+01:00",
        "participants": [{"name": "Łukasz Nowak", "organisation": "SSP Aarhus"}],
        "items": [{"kind": "case", "reference": r, "actions": [{"what": "Samtale", "agency": "ssp", "due": "2026-12-01"}]}]
    });
    let with = |path: &[&str], v: serde_json::Value| {
        let mut doc = good.clone();
        let (last, parents) = path.split_last().unwrap();
        let mut cur = &mut doc;
        for p in parents {
            cur = if let Ok(i) = p.parse::<usize>() { &mut cur[i] } else { &mut cur[*p] };
        }
        if let Ok(i) = last.parse::<usize>() {
            cur[i] = v
        } else {
            cur[*last] = v
        }
        doc.to_string()
    };
    let text = good.to_string();
    let many = |n: usize, one: serde_json::Value| json!(vec![one; n]);
    let cases: Vec<(String, &str)> = vec![
        (with(&["items", "0", "reference"], json!("ØJP-2026-9999")), "items[0].reference"),
        // Inside an item the full path, as the format documents it.
        (with(&["items", "0", "actions", "0", "agency"], json!("naboen")), "items[0].actions[0].agency"),
        (
            with(&["items", "0", "new_information"], json!([{"authority": "naboen", "text": "x"}])),
            "items[0].new_information[0].authority",
        ),
        (with(&["items", "0", "resulting_stage"], json!("udsat")), "items[0].resulting_stage"),
        (with(&["items", "0", "surprise"], json!(1)), "items[0].(ukendt felt)"),
        (with(&["items", "0", "kind"], json!("sag")), "items[0].kind"),
        (with(&["items", "0", "actions", "0", "due"], json!("2026-02-30")), "items[0].actions[0].due"),
        (with(&["items", "0", "actions", "0", "what"], serde_json::Value::Null), "items[0].actions[0].what"),
        (with(&["items", "0", "assessment"], json!("x".repeat(8001))), "items[0].assessment"),
        // CPR numbers however grouped and separated, in every free-text field.
        (with(&["items", "0", "assessment"], json!("Født 01_02_03 12 34.")), "items[0].assessment"),
        (with(&["items", "0", "actions", "0", "what"], json!("Ring om 0102/031234")), "items[0].actions[0].what"),
        (with(&["place"], json!("Lokale 0102 031234")), "place"),
        (with(&["surprise"], json!(1)), "(ukendt felt)"),
        (with(&["held_at"], json!("i går")), "held_at"),
        (with(&["items", "0", "resulting_stage"], json!("closed")), "items[0].outcome"),
        (format!("{good} {good}"), "(dokument)"),
        // A missing field is named, not "(dokument)".
        (json!({"items": []}).to_string(), "held_at"),
        (with(&["participants", "0"], json!({"name": "Łukasz Nowak"})), "participants[0].organisation"),
        // A key twice: the second is named (serde would keep one of them silently).
        (text.replacen("\"held_at\"", "\"held_at\":\"2026-11-26T14:00:00+01:00\",\"held_at\"", 1), "held_at"),
        (text.replacen("\"reference\"", "\"reference\":\"ØJP-2026-0001\",\"reference\"", 1), "items[0].reference"),
        // Strictly as documented: no leap second, due as YYYY-MM-DD only, one address per field.
        (with(&["held_at"], json!("2026-11-25T22:59:60Z")), "held_at"),
        (with(&["next_meeting_at"], json!("2026-12-31T22:59:60Z")), "next_meeting_at"),
        (with(&["items", "0", "actions", "0", "due"], json!("01.12.2026")), "items[0].actions[0].due"),
        (with(&["items", "0", "actions", "0", "due"], json!(" 2026-12-01")), "items[0].actions[0].due"),
        (with(&["participants", "0", "email"], json!("a@aarhus.dk, b@aarhus.dk")), "participants[0].email"),
        (with(&["participants", "0", "email"], json!("a@aarhus.dk;b@aarhus.dk")), "participants[0].email"),
        // Caps (docs/meeting-import.md).
        (with(&["items"], many(meetings::ITEMS_MAX + 1, json!({"kind": "free", "title": "Punkt"}))), "items"),
        (
            with(&["participants"], many(meetings::PARTICIPANTS_MAX + 1, json!({"name": "A", "organisation": "B"}))),
            "participants",
        ),
        (
            with(
                &["items", "0", "actions"],
                many(meetings::ACTIONS_PER_ITEM_MAX + 1, json!({"what": "x", "agency": "ssp", "due": "2026-12-01"})),
            ),
            "items[0].actions",
        ),
        (
            with(
                &["items", "0", "new_information"],
                many(meetings::NOTES_PER_ITEM_MAX + 1, json!({"authority": "ssp", "text": "x"})),
            ),
            "items[0].new_information",
        ),
        (format!("{}{}", " ".repeat(meetings::RECORD_BYTES_MAX), good), "(dokument)"),
    ];
    for (doc, field) in cases {
        let short: String = doc.chars().take(300).collect();
        match meetings::import(&store, &doc) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field, "{short}"),
            Err(e @ Error::Malformed { .. }) => {
                let Error::Malformed { path, .. } = &e else { unreachable!() };
                assert_eq!(path, field, "{short}");
                for secret in ["naboen", "udsat", "sag\"", "surprise", "Nowak", "aarhus.dk"] {
                    assert!(!e.to_string().contains(secret) && !e.message_da().contains(secret), "{e}");
                }
            }
            other => panic!("{short}: {other:?}"),
        }
    }
    assert!(meetings::list(&store).unwrap().is_empty(), "nothing was written");
    let m = meetings::import(&store, &good.to_string()).unwrap();
    assert_eq!(m.number, "1/2026");
}

/// No duplicates: a case twice in one meeting (two resulting stages in the minutes) and a second
/// meeting of the infohus at the same start time (the same file imported twice would apply its
/// action items twice) are refused, naming the field; nothing is written.
#[test]
fn a_case_twice_in_a_meeting_and_a_second_meeting_at_the_same_time_are_refused() {
    let (_t, store, _) = store();
    let a = intake(&store, "A.A.", "normal");
    let b = intake(&store, "B.B.", "normal");
    let twice = json!({
        "held_at": "2026-11-19T14:00:00+01:00",
        "items": [
            {"kind": "case", "reference": a, "resulting_stage": "screening"},
            {"kind": "free", "title": "Eventuelt"},
            {"kind": "case", "reference": b},
            {"kind": "case", "reference": format!(" {a} "), "resulting_stage": "closed", "outcome": "unfounded"}
        ]
    });
    match meetings::import(&store, &twice.to_string()) {
        Err(Error::Malformed { path, reason }) => {
            assert_eq!(path, "items[3].reference");
            assert!(reason.contains("punkt 1"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(meetings::list(&store).unwrap().is_empty());

    let once = json!({
        "held_at": "2026-11-19T14:00:00+01:00",
        "items": [{"kind": "case", "reference": a, "actions": [{"what": "Samtale", "agency": "ssp", "due": "2026-12-01"}]}]
    });
    let first = meetings::import(&store, &once.to_string()).unwrap();
    // The same file again, and the same instant written in UTC: refused on held_at.
    let mut utc = once.clone();
    utc["held_at"] = json!("2026-11-19T13:00:00Z");
    for doc in [once.clone(), utc] {
        match meetings::import(&store, &doc.to_string()) {
            Err(Error::Invalid { field, reason }) => {
                assert_eq!(field, "held_at");
                assert!(reason.contains("allerede et møde"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    // A draft moved onto another meeting's time is refused too; its own time is fine.
    let other = meetings::create(&store, &record("2026-11-19T16:00:00+01:00")).unwrap();
    let moved: MeetingRecord = serde_json::from_value(once.clone()).unwrap();
    assert!(matches!(meetings::save(&store, other.id, &moved), Err(Error::Invalid { field: "held_at", .. })));
    meetings::save(&store, first.id, &moved).unwrap();
    assert_eq!(meetings::list(&store).unwrap().len(), 2);
    meetings::finalize(&store, first.id).unwrap();
    assert_eq!(cases::get(&store, &a).unwrap().action_items.len(), 1, "the action item once");
    // An addendum is created at the store's time, whatever meetings start then.
    meetings::create_addendum(&store, first.id).unwrap();
}

#[test]
fn finalizing_applies_the_meeting_to_the_cases_and_stores_immutable_minutes() {
    let (_t, store, clock) = store();
    let r = intake(&store, "Nguyễn", "normal");
    let other = intake(&store, "Ikke på mødet", "normal");
    cases::set_meeting_flag(&store, &r, true).unwrap();
    let doc = json!({
        "held_at": "2026-11-25T14:00:00+01:00",
        "place": "Politigården, Aarhus",
        "next_meeting_at": "2026-12-09T14:00:00+01:00",
        "participants": [
            {"name": "Mette Holm", "organisation": "Østjyllands Politi", "role": "Tovholder"},
            {"name": "Aylin Çelik", "organisation": "Socialforvaltningen", "present": false}
        ],
        "items": [
            {"kind": "case", "reference": r, "reason": "Markeret til møde",
             "new_information": [{"authority": "school", "text": "Eleven kommer i skole igen."}],
             "assessment": "Beskyttende: familien samarbejder.",
             "recommendation": "Infohuset anbefaler et mentorforløb.",
             "actions": [{"what": "Finde en mentor", "agency": "ssp", "person": "Łukasz", "due": "2026-12-08"}],
             "resulting_stage": "intervention"},
            {"kind": "free", "title": "Eventuelt", "body": "Intet."}
        ]
    });
    let m = meetings::import(&store, &doc.to_string()).unwrap();
    let draft = meetings::minutes_pdf(&store, m.id).unwrap();
    let squashed: String = pdf_bytes_text(&draft).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squashed.contains("UDKAST"), "a draft preview is marked (the watermark is drawn diagonally)");
    // Not before the meeting has begun: nothing is applied, the meeting stays a draft.
    let early = meetings::finalize(&store, m.id).unwrap_err();
    assert!(matches!(early, Error::Invalid { field: "held_at", .. }), "{early:?}");
    assert_eq!(
        tovholder_core::CommandError::from(early).message,
        "Mødet kan først færdiggøres, når det er begyndt; vent til mødets starttidspunkt, eller ret tidspunktet."
    );
    assert_eq!(meetings::get(&store, m.id).unwrap().status, "draft");
    assert_eq!(cases::get(&store, &r).unwrap().summary.stage, Stage::NewConcern, "nothing applied");
    // 14.00 in Copenhagen is 13.00 UTC: at the start time it can be finalized.
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-25T13:00:00Z").unwrap().into());
    let done = meetings::finalize(&store, m.id).unwrap();
    assert_eq!(done.meeting.status, "final");

    let d = cases::get(&store, &r).unwrap();
    assert_eq!((d.summary.stage, d.meeting), (Stage::Intervention, false), "moved, and no longer 'til møde'");
    let stage = d.history.iter().find(|h| h.field == "stage").unwrap();
    assert_eq!(stage.reason.as_deref(), Some("Besluttet på møde 1/2026"));
    assert!(d.history.iter().any(|h| h.field == "meeting" && h.new_value.as_deref() == Some("Drøftet på møde 1/2026")));
    assert_eq!(d.action_items.len(), 1);
    assert_eq!(
        (d.action_items[0].what.as_str(), d.action_items[0].due.as_text()),
        ("Finde en mentor", "2026-12-08".to_string())
    );

    let pdf = meetings::minutes_pdf(&store, m.id).unwrap();
    assert_eq!(hex(&pdf), done.minutes_sha256, "the stored bytes are the hashed ones");
    assert_eq!(meetings::minutes_pdf(&store, m.id).unwrap(), pdf, "re-export is byte-identical");
    let text = pdf_bytes_text(&pdf);
    for expected in [
        &r as &str,
        "· N. ·",
        "Aarhus",
        "Eleven kommer i skole igen.",
        "Infohuset anbefaler et mentorforløb.",
        "Finde en mentor",
        "Łukasz",
        "Aylin Çelik",
        "Infohus Østjylland",
        "1/2026",
        "FORTROLIGT",
    ] {
        assert!(text.contains(expected), "{expected} missing from the minutes:\n{text}");
    }
    assert!(!text.chars().filter(|c| !c.is_whitespace()).collect::<String>().contains("UDKAST"));
    assert!(!text.contains("Ikke på mødet") && !text.contains(&other), "nothing the meeting did not record");
    assert!(!text.contains("Bekymring fra skolen"), "the case's description is not in the minutes");
    assert!(!text.contains("Nguyễn"), "the pseudonym is printed as initials only");

    assert!(matches!(meetings::finalize(&store, m.id), Err(Error::Refused(_))));
    assert!(matches!(
        meetings::save(&store, m.id, &serde_json::from_value(doc.clone()).unwrap()),
        Err(Error::Refused(_))
    ));
    let raw = store.conn_for_tests().execute("UPDATE meetings SET place = 'x' WHERE id = ?1", [m.id]);
    assert!(raw.is_err(), "the schema refuses changes to a finalized meeting");

    let addendum = meetings::create_addendum(&store, m.id).unwrap();
    assert_eq!(addendum.number, "Tillæg 1 til 1/2026");
    let a_text = pdf_bytes_text(&meetings::minutes_pdf(&store, addendum.id).unwrap());
    // In groups of 8, so a line never breaks off a single character.
    let sha = &done.minutes_sha256;
    let grouped = format!("{} {} {}", &sha[..8], &sha[8..16], &sha[16..24]);
    assert!(a_text.contains(&grouped), "the addendum references the original's hash:\n{a_text}");
}

/// What a finalized meeting decided is not undone: the board's undo is refused for a stage a
/// meeting decided, and for a move the case was discussed at a meeting after; a new move (with a
/// reason) changes it, and that move can be undone once.
#[test]
fn a_stage_decided_at_a_meeting_is_not_undone() {
    let (_t, store, _) = store();
    let r = intake(&store, "Nguyễn", "normal");
    let decided = json!({
        "held_at": "2026-11-19T14:00:00+01:00",
        "items": [{"kind": "case", "reference": r, "resulting_stage": "intervention"}]
    });
    let m = meetings::import(&store, &decided.to_string()).unwrap();
    meetings::finalize(&store, m.id).unwrap();
    let refused = cases::undo_move(&store, &r).unwrap_err();
    assert!(matches!(&refused, Error::Invalid { field: "stage", reason } if reason.contains("møde")), "{refused:?}");
    assert_eq!(cases::get(&store, &r).unwrap().summary.stage, Stage::Intervention, "as the minutes say");

    cases::transition(&store, &r, Stage::FollowUp, Some("Forløbet er i gang"), None).unwrap();
    assert_eq!(cases::undo_move(&store, &r).unwrap().summary.stage, Stage::Intervention, "one step back");
    assert!(cases::undo_move(&store, &r).is_err(), "and no further: the meeting's stage stays");

    // Moved, then discussed at a meeting that kept the stage: the minutes say follow-up.
    cases::transition(&store, &r, Stage::FollowUp, None, None).unwrap();
    let discussed = json!({
        "held_at": "2026-11-20T08:00:00+01:00",
        "items": [{"kind": "case", "reference": r, "recommendation": "Fortsat opfølgning."}]
    });
    let m = meetings::import(&store, &discussed.to_string()).unwrap();
    meetings::finalize(&store, m.id).unwrap();
    assert!(matches!(cases::undo_move(&store, &r), Err(Error::Invalid { field: "stage", .. })));
    assert_eq!(cases::get(&store, &r).unwrap().summary.stage, Stage::FollowUp);
}

fn hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_directory_adds_edits_and_retires_people_and_refuses_bad_input() {
    let (_t, store, _clock) = store();
    let person = |name: &str, org: &str, email: Option<&str>| meetings::DirectoryPerson {
        name: name.into(),
        organisation: org.into(),
        role: Some("SSP-konsulent".into()),
        email: email.map(Into::into),
    };
    let a = meetings::add_to_directory(&store, &person(" Lone Ærø ", "SSP Aarhus", Some("lone@aarhus.dk"))).unwrap();
    assert_eq!((a.name.as_str(), a.retired), ("Lone Ærø", false), "trimmed, active");
    let b = meetings::add_to_directory(&store, &person("Anders Bo", "Østjyllands Politi", None)).unwrap();

    // Bad input: a clear field, nothing written.
    let bad = [
        (person("", "SSP Aarhus", None), "name"),
        (person("Kim", " ", None), "organisation"),
        (person("Kim", "SSP Aarhus", Some("ikke en adresse")), "email"),
        (person(&"x".repeat(101), "SSP Aarhus", None), "name"),
        (person("Lone Ærø", "SSP Aarhus", None), "name"), // already in the list for that organisation
    ];
    for (p, field) in bad {
        match meetings::add_to_directory(&store, &p) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(meetings::directory(&store, true).unwrap().len(), 2, "nothing half-written");

    // Edit, then retire: no longer offered, still listed when asked for.
    let edited = meetings::edit_directory(&store, a.id, &person("Lone Ærø", "SSP Aarhus", None)).unwrap();
    assert_eq!(edited.email, None);
    assert!(matches!(
        meetings::edit_directory(&store, a.id, &person("Anders Bo", "Østjyllands Politi", None)),
        Err(Error::Invalid { field: "name", .. })
    ));
    let retired = meetings::retire_from_directory(&store, b.id).unwrap();
    assert!(retired.retired);
    assert!(matches!(meetings::retire_from_directory(&store, b.id), Err(Error::Invalid { field: "id", .. })));
    assert!(matches!(meetings::retire_from_directory(&store, 999), Err(Error::NotFound(_))));
    let active: Vec<String> = meetings::directory(&store, false).unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(active, vec!["Lone Ærø"]);
    let all: Vec<String> = meetings::directory(&store, true).unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(all, vec!["Lone Ærø", "Anders Bo"], "by organisation: SSP Aarhus, Østjyllands Politi");
    // A retired person's place can be taken by a new entry of the same name.
    meetings::add_to_directory(&store, &person("Anders Bo", "Østjyllands Politi", None)).unwrap();
}

#[test]
fn a_meeting_reads_back_as_its_record_and_saving_that_changes_nothing() {
    let (_t, store, _) = store();
    let r = intake(&store, "Çelik", "high");
    let doc = json!({
        "held_at": "2026-11-25T14:00:00+01:00",
        "place": "Politigården, mødelokale 2",
        "next_meeting_at": "2026-12-16T14:00:00+01:00",
        "participants": [
            {"name": "Łukasz Nowak", "organisation": "SSP Aarhus", "role": "SSP-konsulent", "email": "ln@aarhus.dk"},
            {"name": "Mette Sørensen", "organisation": "Østjyllands Politi", "present": false}
        ],
        "items": [
            {"kind": "free", "title": "Orientering fra SSP", "body": "Ny medarbejder."},
            {"kind": "case", "reference": r, "reason": "Markeret til møde",
             "new_information": [{"authority": "school", "text": "Fravær steget."}],
             "assessment": "Risiko: isolation. Beskyttende: familien.",
             "recommendation": "Infohuset anbefaler en mentor.",
             "actions": [{"what": "Finde en mentor", "agency": "ssp", "person": "Łukasz Nowak", "due": "2026-12-10"}],
             "resulting_stage": "intervention"},
            {"kind": "free", "title": "Eventuelt"}
        ]
    });
    let created = meetings::import(&store, &doc.to_string()).unwrap();
    let back = meetings::record(&store, created.id).unwrap();
    assert_eq!(back.district.as_deref(), Some("ØJP"));
    assert_eq!(back.held_at, "2026-11-25T14:00:00+01:00", "Copenhagen time, as entered");
    assert_eq!(back.next_meeting_at.as_deref(), Some("2026-12-16T14:00:00+01:00"));
    assert_eq!(back.place.as_deref(), Some("Politigården, mødelokale 2"));
    let expected: MeetingRecord =
        serde_json::from_value(json!({"district": "ØJP", "held_at": back.held_at, "place": back.place,
            "next_meeting_at": back.next_meeting_at, "participants": doc["participants"], "items": doc["items"]}))
        .unwrap();
    assert_eq!(back, expected, "every recorded field comes back");
    meetings::save(&store, created.id, &back).unwrap();
    assert_eq!(meetings::record(&store, created.id).unwrap(), back, "saving the record again changes nothing");
    assert!(matches!(meetings::record(&store, 999), Err(Error::NotFound(_))));
}

/// A finalized meeting (held the day before the store's clock) with two participants with an
/// e-mail address (one absent), one without, and one case; returns the meeting's id and the
/// case's reference.
fn finalized_meeting(store: &Store) -> (i64, String) {
    let r = intake(store, "Nguyễn", "normal");
    let doc = json!({
        "held_at": "2026-11-19T14:00:00+01:00",
        "place": "Politigården, Aarhus",
        "participants": [
            {"name": "Mette Holm", "organisation": "Østjyllands Politi", "email": "mh@politi.dk"},
            {"name": "Aylin Çelik", "organisation": "Socialforvaltningen", "email": "ac@aarhus.dk", "present": false},
            {"name": "Jens Berg", "organisation": "SSP Aarhus"}
        ],
        "items": [{"kind": "case", "reference": r, "recommendation": "Infohuset anbefaler et mentorforløb."}]
    });
    let m = meetings::import(store, &doc.to_string()).unwrap();
    meetings::finalize(store, m.id).unwrap();
    (m.id, r)
}

#[test]
fn the_minutes_have_neutral_file_names() {
    let (_t, store, _) = store();
    let draft = meetings::create(&store, &record("2026-11-25T14:00:00+01:00")).unwrap();
    assert_eq!(meetings::minutes_file_name(&draft, "pdf"), "Referat møde 1-2026 UDKAST.pdf");
    let (id, _) = finalized_meeting(&store);
    let m = meetings::get(&store, id).unwrap();
    assert_eq!(m.number, "2/2026");
    assert_eq!(meetings::minutes_file_name(&m, "pdf"), "Referat møde 2-2026.pdf");
    assert_eq!(meetings::minutes_file_name(&m, "eml"), "Referat møde 2-2026.eml");
    let addendum = meetings::create_addendum(&store, id).unwrap();
    assert_eq!(meetings::minutes_file_name(&addendum, "pdf"), "Tillæg 1 til møde 2-2026 UDKAST.pdf");
    let addendum = meetings::finalize(&store, addendum.id).unwrap().meeting;
    assert_eq!(meetings::minutes_file_name(&addendum, "pdf"), "Tillæg 1 til møde 2-2026.pdf");
    let file = meetings::minutes_file(&store, id, meetings::MinutesFormat::Pdf).unwrap();
    assert_eq!(file.name, "Referat møde 2-2026.pdf");
    assert_eq!(file.bytes, meetings::minutes_pdf(&store, id).unwrap());
}

#[test]
fn saving_the_minutes_replaces_the_chosen_file_owner_only_and_is_audited() {
    let (t, store, _) = store();
    let (id, _) = finalized_meeting(&store);
    let path = t.path().join("valgt.pdf");
    std::fs::write(&path, b"an older file the dialog asked to replace").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let before = exported(&store);
    meetings::save_minutes(&store, id, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), meetings::minutes_pdf(&store, id).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");
    assert_eq!(exported(&store), before + 2, "the save and the read-back are audited as exports");
    assert!(matches!(meetings::save_minutes(&store, 999, &path), Err(Error::NotFound(_))));
}

/// How many times minutes were exported, by the audit log.
fn exported(store: &Store) -> i64 {
    store
        .conn_for_tests()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'minutes.exported'", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_email_draft_is_unsent_addressed_to_the_participants_with_the_stored_pdf_and_no_personal_data_in_headers() {
    use mail_parser::{MessageParser, MimeHeaders};
    let (_t, store, _) = store();
    let draft = meetings::create(&store, &record("2026-11-20T14:00:00+01:00")).unwrap();
    let refused = meetings::minutes_email(&store, draft.id).unwrap_err();
    assert!(matches!(refused, Error::Invalid { field: "meeting", .. }), "{refused:?}");
    assert_eq!(
        tovholder_core::CommandError::from(refused).message,
        "Kun et færdiggjort referat kan gøres klar til e-mail; færdiggør mødet først."
    );

    let (id, reference) = finalized_meeting(&store);
    let pdf = meetings::minutes_pdf(&store, id).unwrap();
    let eml = meetings::minutes_email(&store, id).unwrap();
    let message = MessageParser::default().parse(&eml).expect("an RFC 5322 message");
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    let to: Vec<&str> = message.to().expect("To").iter().filter_map(|a| a.address()).collect();
    assert_eq!(to, ["mh@politi.dk", "ac@aarhus.dk"], "the participants with an address, present first");
    assert!(message.to().unwrap().iter().all(|a| a.name().is_none()), "addresses only, no names");
    assert!(message.from().is_none(), "the mail program sends from the coordinator's account");
    assert_eq!(message.subject(), Some("Referat af infohusmøde 2/2026, Infohus Østjylland"));
    assert_eq!(message.date().map(|d| d.to_rfc3339()), Some("2026-11-20T09:00:00Z".to_string()), "the store's clock");
    let body = message.body_text(0).expect("a text body");
    assert!(body.contains("fortroligt") && body.contains("sikre e-mail"), "{body}");
    let attachments: Vec<_> = message.attachments().collect();
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].attachment_name(), Some("Referat møde 2-2026.pdf"));
    assert_eq!(attachments[0].content_type().map(|c| c.ctype()), Some("application"));
    assert!(attachments[0].contents() == pdf.as_slice(), "the stored PDF, byte for byte");

    // No participant's name or organisation, no case text in any header.
    let headers_end = eml.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let headers = String::from_utf8_lossy(&eml[..headers_end]).to_string();
    let decoded: String = message.headers().iter().map(|h| format!("{:?}\n", h.value())).collect();
    for private in ["Mette", "Holm", "Aylin", "Çelik", "Jens", "Socialforvaltningen", "Nguyễn", "Aarhus", &reference]
    {
        assert!(!headers.contains(private) && !decoded.contains(private), "{private} in the headers:\n{headers}");
    }
    assert!(!body.contains("Nguyễn") && !body.contains(&reference));
    // Signed as a secretary would: the coordinator's name, organisation and infohus.
    assert!(
        body.replace("\r\n", "\n")
            .trim_end()
            .ends_with("Med venlig hilsen\n\nMette Holm\nØstjyllands Politi\nInfohus Østjylland"),
        "{body}"
    );

    let audited: i64 = store
        .conn_for_tests()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'minutes.email_drafted' AND subject = 'møde 2/2026'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);

    // An addendum's draft names it as such.
    let addendum = meetings::create_addendum(&store, id).unwrap();
    meetings::finalize(&store, addendum.id).unwrap();
    let eml = meetings::minutes_email(&store, addendum.id).unwrap();
    let message = MessageParser::default().parse(&eml).unwrap();
    assert_eq!(message.subject(), Some("Tillæg 1 til referat af infohusmøde 2/2026, Infohus Østjylland"));
    assert_eq!(message.attachments().next().unwrap().attachment_name(), Some("Tillæg 1 til møde 2-2026.pdf"));
}

/// The addresses a meeting's `.eml` draft goes to.
fn email_to(store: &Store, id: i64) -> Vec<String> {
    let eml = meetings::minutes_email(store, id).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).expect("an RFC 5322 message");
    message.to().map(|to| to.iter().filter_map(|a| a.address()).map(str::to_string).collect()).unwrap_or_default()
}

/// The distribution list is part of the finalized meeting: a later draft naming the same people
/// with new addresses, or an absent participant with an address, and a corrected directory
/// change nothing about whom the finalized minutes are sent to.
#[test]
fn the_email_of_finalized_minutes_goes_to_the_list_stored_when_it_was_finalized() {
    let (_t, store, _) = store();
    let (id, reference) = finalized_meeting(&store);
    assert_eq!(email_to(&store, id), ["mh@politi.dk", "ac@aarhus.dk"]);

    let later = json!({
        "held_at": "2026-12-09T14:00:00+01:00",
        "participants": [
            {"name": "Mette Holm", "organisation": "Østjyllands Politi", "email": "ny.adresse@politi.dk"},
            {"name": "Jens Berg", "organisation": "SSP Aarhus", "email": "jb@aarhus.dk", "present": false}
        ],
        "items": [{"kind": "case", "reference": reference}]
    });
    meetings::import(&store, &later.to_string()).unwrap();
    let aylin = meetings::directory(&store, false).unwrap().into_iter().find(|p| p.name == "Aylin Çelik").unwrap();
    let corrected = meetings::DirectoryPerson {
        name: aylin.name.clone(),
        organisation: aylin.organisation.clone(),
        role: None,
        email: Some("ny@aarhus.dk".into()),
    };
    meetings::edit_directory(&store, aylin.id, &corrected).unwrap();
    meetings::retire_from_directory(&store, aylin.id).unwrap();

    assert_eq!(email_to(&store, id), ["mh@politi.dk", "ac@aarhus.dk"], "the list stored at finalizing");
    let raw =
        store.conn_for_tests().execute("UPDATE meeting_distribution SET email = 'x@y.dk' WHERE meeting_id = ?1", [id]);
    assert!(raw.is_err(), "the schema refuses changes to a finalized meeting's list");
}

#[test]
fn private_copies_of_the_minutes_go_to_the_export_folder() {
    let (t, store, _) = store();
    let folder = tovholder_core::export::PrivateFolder::open_emptied(t.path().join("export")).unwrap();
    let draft = meetings::create(&store, &record("2026-11-20T14:00:00+01:00")).unwrap();
    let preview = meetings::write_private_copy(&store, draft.id, meetings::MinutesFormat::Pdf, &folder).unwrap();
    assert_eq!(preview, folder.dir().join("Referat møde 1-2026 UDKAST.pdf"));
    assert!(std::fs::read(&preview).unwrap().starts_with(b"%PDF"));
    assert!(meetings::write_private_copy(&store, draft.id, meetings::MinutesFormat::Email, &folder).is_err());
    let (id, _) = finalized_meeting(&store);
    let eml = meetings::write_private_copy(&store, id, meetings::MinutesFormat::Email, &folder).unwrap();
    assert_eq!(eml, folder.dir().join("Referat møde 2-2026.eml"));
    assert!(std::fs::read(&eml).unwrap().windows(11).any(|w| w == b"X-Unsent: 1"));
}

#[test]
fn how_long_minutes_are_kept_is_a_setting_for_meetings_planned_from_then_on() {
    let (_t, store, _) = store();
    let squashed = |id: i64| -> String {
        pdf_bytes_text(&meetings::minutes_pdf(&store, id).unwrap()).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(meetings::settings(&store).unwrap().keep_years, 5, "the default");
    let before = meetings::create(&store, &record("2026-11-25T14:00:00+01:00")).unwrap();
    assert!(squashed(before.id).contains("Slettes senest 25. nov. 2031"), "five years by default");

    for bad in [0, 11, -1] {
        match meetings::save_settings(&store, meetings::MeetingSettings { keep_years: bad, new_case_days: 30 }) {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "keep_years"),
            other => panic!("{bad} years: {other:?}"),
        }
    }
    assert_eq!(meetings::settings(&store).unwrap().keep_years, 5, "a refused value changes nothing");

    meetings::save_settings(&store, meetings::MeetingSettings { keep_years: 3, new_case_days: 30 }).unwrap();
    assert_eq!(meetings::settings(&store).unwrap().keep_years, 3);
    // A leap day kept for three years: 1 March (there is no 29 February 2031).
    let leap = meetings::create(&store, &record("2028-02-29T10:00:00+01:00")).unwrap();
    assert!(squashed(leap.id).contains("Slettes senest 1. mar. 2031"), "{}", squashed(leap.id));
    assert!(squashed(before.id).contains("Slettes senest 25. nov. 2031"), "a planned meeting keeps its date");
}

/// Finalizing never locks in what was not saved or is not valid: a draft may be saved with a case
/// to be closed but no outcome yet (the autosave keeps what was typed), the check before finalizing
/// names the item's field, and finalize refuses it at that path with nothing applied; the check's
/// counts come from what is saved. A saved item that became invalid (here: edited in the database
/// to a stage a meeting cannot set) is refused the same way.
#[test]
fn finalizing_refuses_an_incomplete_or_invalid_saved_item_and_says_where() {
    let (_t, store, clock) = store();
    let keep = intake(&store, "A.B.", "normal");
    let close = intake(&store, "C.D.", "normal");
    let m = meetings::create(&store, &record("2026-11-20T10:00:00+01:00")).unwrap();
    let mut draft: MeetingRecord = serde_json::from_value(json!({
        "held_at": "2026-11-20T10:00:00+01:00",
        "participants": [{"name": "Aylin Çelik", "organisation": "SSP", "present": true}],
        "items": [
            {"kind": "case", "reference": keep, "recommendation": "Fortsæt.", "resulting_stage": "intervention",
             "actions": [{"what": "Samtale", "agency": "ssp", "due": "2026-12-01"}]},
            {"kind": "case", "reference": close, "resulting_stage": "closed"}
        ]
    }))
    .unwrap();
    meetings::save(&store, m.id, &draft).expect("a draft keeps an undecided outcome");
    let check = meetings::finalize_check(&store, m.id).unwrap();
    let problems: Vec<(&str, &str)> = check.problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(problems, [("items[1].outcome", meetings::OUTCOME_MISSING)]);
    assert_eq!(
        (check.present, check.cases, check.with_recommendation, check.new_actions, check.stage_changes),
        (1, 2, 1, 1, 2),
        "from what is saved"
    );
    match meetings::finalize(&store, m.id) {
        Err(Error::Malformed { path, .. }) => assert_eq!(path, "items[1].outcome"),
        other => panic!("{other:?}"),
    }
    assert_eq!(meetings::get(&store, m.id).unwrap().status, "draft");
    for r in [&keep, &close] {
        let d = cases::get(&store, r).unwrap();
        assert_eq!((d.summary.stage, d.action_items.len()), (Stage::NewConcern, 0), "nothing applied to {r}");
    }
    // An import is read strictly: the same record is refused there.
    let refused = meetings::import(&store, &serde_json::to_string(&draft).unwrap().replace("10:00:00", "11:00:00"));
    assert!(matches!(refused, Err(Error::Malformed { ref path, .. }) if path == "items[1].outcome"), "{refused:?}");

    // A saved item edited into something invalid (an outcome for a case not closed) is refused at
    // its path too.
    store
        .conn_for_tests()
        .execute("UPDATE meeting_items SET outcome = 'completed' WHERE meeting_id = ?1 AND position = 0", [m.id])
        .unwrap();
    match meetings::finalize(&store, m.id) {
        Err(Error::Malformed { path, .. }) => assert_eq!(path, "items[1].outcome", "incomplete items first"),
        other => panic!("{other:?}"),
    }
    if let meetings::ItemRecord::Case { outcome, .. } = &mut draft.items[1] {
        *outcome = Some(cases::Outcome::Unfounded);
    }
    meetings::save(&store, m.id, &draft).unwrap();
    store
        .conn_for_tests()
        .execute("UPDATE meeting_items SET outcome = 'completed' WHERE meeting_id = ?1 AND position = 0", [m.id])
        .unwrap();
    let check = meetings::finalize_check(&store, m.id).unwrap();
    assert_eq!(check.problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["items[0].outcome"]);
    assert!(
        matches!(meetings::finalize(&store, m.id), Err(Error::Malformed { ref path, .. }) if path == "items[0].outcome")
    );

    // Complete and valid: finalized as saved.
    meetings::save(&store, m.id, &draft).unwrap();
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z").unwrap().into());
    assert!(meetings::finalize_check(&store, m.id).unwrap().problems.is_empty());
    meetings::finalize(&store, m.id).unwrap();
    let closed = cases::get(&store, &close).unwrap();
    assert_eq!((closed.summary.stage, closed.outcome), (Stage::Closed, Some(cases::Outcome::Unfounded)));
}

/// Minutes a secretary sends unedited: the coordinator among the participants without being added,
/// the action items still open listed per case and in the closing table (also one put on the case
/// between meetings), a case with nothing recorded in one line without empty headings, initials
/// only.
#[test]
fn the_minutes_name_the_coordinator_list_open_action_items_and_print_initials_only() {
    let (_t, store, clock) = store();
    let discussed = intake(&store, "Lars Ole", "normal");
    let idle = intake(&store, "Ida", "normal");
    actions::add(
        &store,
        &idle,
        &NewActionItem {
            what: "Ringe til skolen".into(),
            agency: Agency::Police,
            person: None,
            due: "2026-11-24".into(),
        },
    )
    .unwrap();
    let m = meetings::import(
        &store,
        &json!({
            "held_at": "2026-11-25T14:00:00+01:00",
            "participants": [{"name": "Aylin Çelik", "organisation": "Aarhus Kommune, SSP", "role": "Deltager"}],
            "items": [
                {"kind": "case", "reference": discussed, "recommendation": "Mentorforløb.",
                 "actions": [{"what": "Finde en mentor", "agency": "ssp", "due": "2026-12-08"}]},
                {"kind": "case", "reference": idle},
                {"kind": "free", "title": "Eventuelt"}
            ]
        })
        .to_string(),
    )
    .unwrap();
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-25T15:00:00Z").unwrap().into());
    meetings::finalize(&store, m.id).unwrap();
    let text = pdf_bytes_text(&meetings::minutes_pdf(&store, m.id).unwrap());
    let flat = text.replace('\n', " ");
    assert!(flat.contains("Mette Holm Østjyllands Politi Tovholder/referent"), "{text}");
    assert!(flat.contains("Aylin Çelik"), "{text}");
    assert!(!text.contains("Ikke angivet"), "{text}");
    assert_eq!(text.matches("Ikke behandlet på mødet.").count(), 1, "{text}");
    assert!(text.contains("L.O.") && text.contains("· I. ·"), "{text}");
    assert!(!text.contains("Lars") && !text.contains("Ida "), "{text}");
    // The earlier open item: under its case and in the closing table; the new one in neither.
    assert_eq!(text.matches("Ringe til skolen").count(), 2, "{text}");
    assert!(flat.contains("Ringe til skolen Politi 24. nov. 2026 Overskredet"), "{text}");
    assert_eq!(text.matches("Finde en mentor").count(), 1, "{text}");
    // The undiscussed case has no empty headings.
    let idle_part = &text[text.find("2. Sag").unwrap()..text.find("3. Eventuelt").unwrap()];
    for empty in ["Samlet vurdering", "Anbefaling", "Nye opgaver", "Nye oplysninger"] {
        assert!(!idle_part.contains(empty), "{empty} in {idle_part}");
    }
    assert!(text.contains("3. Eventuelt\nIntet."), "{text}");
}

/// An addendum starts from its meeting's agenda and proposes nothing else, nothing ticked.
#[test]
fn an_addendum_is_proposed_its_meetings_agenda_only() {
    let (_t, store, clock) = store();
    let on = intake(&store, "A.B.", "acute");
    let off = intake(&store, "C.D.", "acute");
    let m = meetings::import(
        &store,
        &json!({"held_at": "2026-11-19T14:00:00+01:00",
                "items": [{"kind": "case", "reference": on}, {"kind": "free", "title": "Eventuelt"}]})
        .to_string(),
    )
    .unwrap();
    meetings::finalize(&store, m.id).unwrap();
    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-21T09:00:00Z").unwrap().into());
    let addendum = meetings::create_addendum(&store, m.id).unwrap();
    let proposal = meetings::proposed_agenda(&store, addendum.id).unwrap();
    let cases: Vec<(&str, bool)> = proposal.cases.iter().map(|c| (c.reference.as_str(), c.preselected)).collect();
    assert_eq!(cases, [(on.as_str(), false)], "not the other acute case {off}");
    assert_eq!(proposal.free, ["Eventuelt"]);
}

/// The demo's pseudonyms are initials, as the intake asks for.
#[test]
fn demo_pseudonyms_are_initials() {
    let (_t, store, _) = store();
    tovholder_core::demo::fill(&store, 60, 2026).unwrap();
    let page = cases::list(&store, &cases::CaseFilter { limit: 100, ..Default::default() }).unwrap();
    assert!(page.cases.len() >= 30);
    for c in &page.cases {
        assert!(tovholder_core::screen::shows_as_initials(&c.pseudonym), "{:?}", c.pseudonym);
    }
}

/// A meeting decides that a case goes to another infohus (the person has moved): the draft keeps
/// »Videresendt« without its infohus (incomplete, said where), the target follows the panel's
/// rule, and finalizing forwards the case, names the meeting in its history and prints
/// »Videresendt til Infohus Fyn« in the minutes.
#[test]
fn a_meeting_forwards_a_case_to_another_infohus() {
    let (_t, store, clock) = store();
    let moved = intake(&store, "E.F.", "normal");
    let m = meetings::create(&store, &record("2026-11-20T10:00:00+01:00")).unwrap();
    let item = |extra: serde_json::Value| -> MeetingRecord {
        let mut item = json!({"kind": "case", "reference": moved, "resulting_stage": "forwarded"});
        item.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        serde_json::from_value(json!({"held_at": "2026-11-20T10:00:00+01:00", "items": [item]})).unwrap()
    };
    meetings::save(&store, m.id, &item(json!({}))).expect("a draft keeps an undecided infohus");
    let problems = meetings::finalize_check(&store, m.id).unwrap().problems;
    assert_eq!(
        problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect::<Vec<_>>(),
        [("items[0].forward_to", meetings::FORWARD_TO_MISSING)]
    );
    for (bad, why) in [
        (json!({"forward_to": "ØJP"}), "sagen er allerede i dette infohus"),
        (json!({"forward_to": "Atlantis"}), "ukendt politikreds"),
    ] {
        match meetings::save(&store, m.id, &item(bad)) {
            Err(Error::Malformed { path, reason }) => {
                assert_eq!((path.as_str(), reason.as_str()), ("items[0].forward_to", why))
            }
            other => panic!("{other:?}"),
        }
    }
    let kept: MeetingRecord = serde_json::from_value(json!({"held_at": "2026-11-20T10:00:00+01:00", "items": [
        {"kind": "case", "reference": moved, "resulting_stage": "intervention", "forward_to": "FYP"}
    ]}))
    .unwrap();
    assert!(
        matches!(meetings::save(&store, m.id, &kept), Err(Error::Malformed { ref path, .. }) if path == "items[0].forward_to"),
        "an infohus only with »Videresendt«"
    );

    meetings::save(&store, m.id, &item(json!({"forward_to": "Fyns Politi"}))).unwrap();
    assert_eq!(
        meetings::record(&store, m.id).unwrap().items[0],
        meetings::ItemRecord::Case {
            reference: moved.clone(),
            reason: None,
            new_information: vec![],
            assessment: None,
            recommendation: None,
            actions: vec![],
            resulting_stage: Some(Stage::Forwarded),
            outcome: None,
            forward_to: Some("FYP".into()),
        },
        "stored by its code"
    );
    let check = meetings::finalize_check(&store, m.id).unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert_eq!(check.stage_changes, 1);
    assert_eq!(cases::get(&store, &moved).unwrap().summary.stage, Stage::NewConcern, "nothing before finalizing");

    clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z").unwrap().into());
    meetings::finalize(&store, m.id).unwrap();
    let d = cases::get(&store, &moved).unwrap();
    assert_eq!((d.summary.stage, d.forwarded_to.as_deref()), (Stage::Forwarded, Some("FYP")));
    let forwarded = d.history.iter().find(|h| h.field == "forwarded_to").unwrap();
    assert_eq!(forwarded.reason.as_deref(), Some("Besluttet på møde 1/2026"));
    let text = pdf_bytes_text(&meetings::minutes_pdf(&store, m.id).unwrap());
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("Videresendt til Infohus Fyn"), "{text}");
    assert!(
        store
            .conn_for_tests()
            .execute("UPDATE meeting_items SET forward_to = 'BHP' WHERE meeting_id = ?1", [m.id])
            .is_err(),
        "the schema keeps a finalized meeting's forwarding"
    );
}

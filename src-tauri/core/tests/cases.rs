//! The case register on a real encrypted store: intake, references, list, detail with history,
//! edits, forwarding, Danish-aware search, and the audit trail of reads.

mod common;
use common::profile;
use serde_json::json;
use tovholder_core::board;
use tovholder_core::cases::{self, CaseEdit, CaseFilter, CaseSort, MatchedIn, Outcome, SnippetField, Stage};
use tovholder_core::intake::{Category, IntakeReport, Urgency};
use tovholder_core::{Error, Keychain, Store};

/// A store whose clock stands at 25 Nov 2026: ages and dates in these tests never depend on today.
fn store() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(tovholder_core::FixedClock::at_rfc3339("2026-11-25T13:05:00Z"));
    let (store, _) = Store::init_with_clock(tmp.path(), &Keychain::memory(), profile(), clock).unwrap();
    (tmp, store)
}

fn report(pseudonym: &str, municipality: &str, description: &str) -> IntakeReport {
    IntakeReport::from_json(
        &json!({
            "received_at": "2026-11-20T10:15:00+01:00",
            "channel": "hotline",
            "caller": {"type": "school", "name": "Lærer Hansen"},
            "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": municipality},
            "category": "right_wing",
            "indicators": ["shares_propaganda"],
            "urgency": "normal",
            "description": description
        })
        .to_string(),
    )
    .unwrap()
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn_for_tests().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn intake_creates_a_case_with_a_readable_reference_routed_to_its_district() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Århus", "Deler propaganda.")).unwrap();
    assert_eq!(a.reference, "ØJP-2026-0001");
    assert_eq!(a.police_district, "Østjyllands Politi");
    assert_eq!(a.stage, "Ny henvendelse");
    assert_eq!((a.district_code.as_str(), a.district_name.as_str(), a.home), ("ØJP", "Infohus Østjylland", true));
    let b = cases::intake(&store, report("M.L.", "Randers", "x")).unwrap();
    assert_eq!(b.reference, "ØJP-2026-0002");
    let c = cases::intake(&store, report("A.B.", "Kbh", "x")).unwrap();
    assert_eq!(c.reference, "KBHP-2026-0001");
    // Another district's case: the receipt says so (it is not on this infohus' board).
    assert_eq!((c.district_code.as_str(), c.district_name.as_str(), c.home), ("KBHP", "Infohus København", false));
    let on_board = |r: &str| {
        board::load(&store)
            .unwrap()
            .columns
            .iter()
            .flat_map(|col| col.cards.iter())
            .any(|card| card.summary.reference == r)
    };
    assert!(on_board(&a.reference));
    assert!(!on_board(&c.reference));

    let detail = cases::get(&store, &a.reference).unwrap();
    assert_eq!(detail.summary.municipality, "Aarhus");
    assert_eq!(detail.summary.stage, Stage::NewConcern);
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].field, "created");
    assert_eq!(detail.history[0].actor, "Mette Holm");
}

#[test]
fn a_reference_is_never_reused_even_after_deletion() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    store.conn_for_tests().execute("DELETE FROM cases WHERE reference = ?1", [&a.reference]).unwrap();
    let b = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    assert_eq!(b.reference, "ØJP-2026-0002");
}

#[test]
fn invalid_intake_stores_nothing() {
    let (_t, store) = store();
    let before = (count(&store, "cases"), count(&store, "case_history"), count(&store, "case_search"));
    let r = cases::intake(&store, report("J.K.", "Gotham", "x"));
    assert!(matches!(r, Err(Error::Invalid { field: "subject.municipality", .. })), "{r:?}");
    let r = cases::intake(&store, report("J.K.", "Aarhus", "CPR 010203-1234"));
    assert!(matches!(r, Err(Error::Invalid { field: "description", .. })), "{r:?}");
    assert_eq!((count(&store, "cases"), count(&store, "case_history"), count(&store, "case_search")), before);
}

#[test]
fn the_schema_refuses_what_validation_would() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    let conn = store.conn_for_tests();
    // Each statement is refused by the constraint that mirrors its rule (not by a typo: a
    // renamed column would fail with another message).
    for (sql, refused_by) in [
        ("UPDATE cases SET stage = 'archived'", "CHECK constraint failed: stage IN"),
        (
            "UPDATE cases SET urgency = 'acute', police_flag = 0",
            "CHECK constraint failed: urgency <> 'acute' OR police_flag = 1",
        ),
        ("UPDATE cases SET stage = 'closed'", "CHECK constraint failed: (stage = 'closed') = (outcome IS NOT NULL)"),
        ("UPDATE cases SET pseudonym = ''", "CHECK constraint failed: length(trim(pseudonym)) BETWEEN 1 AND 40"),
        ("UPDATE cases SET indicators = 'nope'", "CHECK constraint failed: json_valid(indicators)"),
        ("UPDATE case_history SET actor = 'someone else'", "case_history is immutable"),
        (
            "INSERT INTO case_notes (case_id, at, author, body) VALUES (999, 'x', 'y', 'z')",
            "FOREIGN KEY constraint failed",
        ),
    ] {
        let refused = conn.execute(sql, []).expect_err(&format!("the schema accepted: {sql}")).to_string();
        assert!(refused.contains(refused_by), "{sql} was refused by something else: {refused}");
    }
    assert_eq!(cases::get(&store, &a.reference).unwrap().summary.pseudonym, "J.K.");
}

#[test]
fn edits_are_validated_and_every_change_is_in_the_history() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "Første beskrivelse")).unwrap();
    let r = cases::update(&store, &a.reference, CaseEdit { stage: Some(Stage::Closed), ..Default::default() });
    assert!(matches!(r, Err(Error::Invalid { field: "outcome", .. })), "{r:?}");
    let r = cases::update(&store, &a.reference, CaseEdit { birth_year: Some(1850), ..Default::default() });
    assert!(matches!(r, Err(Error::Invalid { field: "subject.birth_year", .. })), "{r:?}");
    let r = cases::update(&store, &a.reference, CaseEdit { municipality: Some("Odense".into()), ..Default::default() });
    assert!(matches!(r, Err(Error::Invalid { field: "subject.municipality", .. })), "{r:?}");

    let d = cases::update(
        &store,
        &a.reference,
        CaseEdit {
            stage: Some(Stage::Screening),
            urgency: Some(Urgency::Acute),
            municipality: Some("randers kommune".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(d.summary.stage, Stage::Screening);
    assert!(d.summary.police_flag, "acute flags the case for police");
    assert_eq!(d.summary.municipality, "Randers");
    let fields: Vec<_> = d.history.iter().map(|h| h.field.as_str()).collect();
    assert_eq!(fields, vec!["created", "stage", "municipality", "urgency", "police_flag"]);
    let stage = &d.history[1];
    assert_eq!((stage.old_value.as_deref(), stage.new_value.as_deref()), (Some("new_concern"), Some("screening")));

    let closed = cases::update(
        &store,
        &a.reference,
        CaseEdit { stage: Some(Stage::Closed), outcome: Some(Outcome::Unfounded), ..Default::default() },
    )
    .unwrap();
    assert_eq!(closed.outcome, Some(Outcome::Unfounded));
    let no_change =
        cases::update(&store, &a.reference, CaseEdit { category: Some(Category::RightWing), ..Default::default() })
            .unwrap();
    assert_eq!(no_change.history.len(), closed.history.len(), "an edit that changes nothing writes no history");
}

#[test]
fn forwarding_moves_the_case_with_who_when_and_why() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    assert!(matches!(
        cases::forward(&store, &a.reference, "ØJP", "x"),
        Err(Error::Invalid { field: "to_district", .. })
    ));
    assert!(matches!(cases::forward(&store, &a.reference, "FYP", " "), Err(Error::Invalid { field: "reason", .. })));
    cases::update(
        &store,
        &a.reference,
        CaseEdit { stage: Some(Stage::Closed), outcome: Some(Outcome::Completed), ..Default::default() },
    )
    .unwrap();
    let d = cases::forward(&store, &a.reference, "Fyns Politi", "Personen er flyttet til Odense").unwrap();
    assert_eq!(d.outcome, None);
    assert!(
        d.history
            .iter()
            .any(|h| h.field == "outcome" && h.old_value.as_deref() == Some("completed") && h.new_value.is_none()),
        "clearing the outcome is in the history"
    );
    assert_eq!(d.summary.stage, Stage::Forwarded);
    assert_eq!(d.forwarded_to.as_deref(), Some("FYP"));
    let last = d.history.last().unwrap();
    assert_eq!(last.field, "forwarded_to");
    assert_eq!(last.new_value.as_deref(), Some("FYP"));
    assert_eq!(last.reason.as_deref(), Some("Personen er flyttet til Odense"));
    assert_eq!(last.actor, "Mette Holm");
}

/// The audit actions written for a case, oldest first.
fn audit_actions(store: &Store, reference: &str) -> Vec<String> {
    let conn = store.conn_for_tests();
    let mut stmt = conn.prepare("SELECT action FROM audit_log WHERE subject = ?1 ORDER BY id").unwrap();
    stmt.query_map([reference], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn another_districts_case_can_be_forwarded_to_its_own_infohus_but_nothing_to_ours() {
    let (_t, store) = store();
    // A concern about a person in Aalborg, taken by Infohus Østjylland.
    let c = cases::intake(&store, report("J.K.", "Aalborg", "x")).unwrap();
    assert_eq!((c.district_code.as_str(), c.home), ("NJP", false));
    let d = cases::forward(&store, &c.reference, "NJP", "Bopælskommunen hører under Infohus Nordjylland").unwrap();
    assert_eq!((d.summary.stage, d.forwarded_to.as_deref()), (Stage::Forwarded, Some("NJP")));
    // Again to the same infohus: refused; to our own: refused.
    let again = cases::forward(&store, &c.reference, "NJP", "x");
    assert!(matches!(again, Err(Error::Invalid { field: "to_district", .. })), "{again:?}");
    let ours = cases::forward(&store, &c.reference, "ØJP", "x");
    assert!(matches!(ours, Err(Error::Invalid { field: "to_district", .. })), "{ours:?}");
}

#[test]
fn a_forwarding_can_be_undone_and_both_are_in_the_history() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    let nothing = cases::undo_forward(&store, &a.reference);
    assert!(matches!(nothing, Err(Error::Invalid { field: "stage", .. })), "{nothing:?}");
    cases::transition(&store, &a.reference, Stage::Screening, None, None).unwrap();
    cases::forward(&store, &a.reference, "FYP", "Personen er flyttet til Odense").unwrap();

    let d = cases::undo_forward(&store, &a.reference).unwrap();
    assert_eq!(d.summary.stage, Stage::Screening);
    assert_eq!(d.forwarded_to, None);
    let tail: Vec<_> = d
        .history
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|h| (h.field.as_str(), h.old_value.as_deref(), h.new_value.as_deref(), h.reason.as_deref()))
        .collect();
    assert_eq!(
        tail,
        vec![
            ("stage", Some("screening"), Some("forwarded"), None),
            ("forwarded_to", None, Some("FYP"), Some("Personen er flyttet til Odense")),
            ("stage", Some("forwarded"), Some("screening"), Some(cases::UNDO_FORWARD_REASON)),
            ("forwarded_to", Some("FYP"), None, None),
        ]
    );
    assert!(d.history.iter().all(|h| h.actor == "Mette Holm"));
    let actions = audit_actions(&store, &a.reference);
    assert_eq!(actions.last().map(String::as_str), Some("case.forward_undone"), "{actions:?}");
    assert!(actions.contains(&"case.forwarded".to_string()), "{actions:?}");

    // Undone once: nothing left to undo; the case is on the board again.
    let twice = cases::undo_forward(&store, &a.reference);
    assert!(matches!(twice, Err(Error::Invalid { field: "stage", .. })), "{twice:?}");
    let board = board::load(&store).unwrap();
    let screening = board.columns.iter().find(|c| c.stage == Stage::Screening).unwrap();
    assert!(screening.cards.iter().any(|card| card.summary.reference == a.reference));
}

#[test]
fn undoing_the_forwarding_of_a_closed_case_restores_its_outcome() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    cases::transition(&store, &a.reference, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    cases::forward(&store, &a.reference, "FYP", "Flyttet").unwrap();
    let d = cases::undo_forward(&store, &a.reference).unwrap();
    assert_eq!((d.summary.stage, d.outcome), (Stage::Closed, Some(Outcome::Completed)));
}

#[test]
fn a_forwarding_is_not_undone_after_the_case_moved_on_or_when_it_was_forwarded_before() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    cases::forward(&store, &a.reference, "FYP", "Flyttet").unwrap();
    cases::transition(&store, &a.reference, Stage::Screening, Some("Kom tilbage"), None).unwrap();
    let moved = cases::undo_forward(&store, &a.reference);
    assert!(matches!(moved, Err(Error::Invalid { field: "stage", .. })), "{moved:?}");

    cases::forward(&store, &a.reference, "FYP", "Flyttet igen").unwrap();
    cases::forward(&store, &a.reference, "KBHP", "Flyttet videre").unwrap();
    let before = cases::get(&store, &a.reference).unwrap();
    let refused = cases::undo_forward(&store, &a.reference);
    assert!(matches!(refused, Err(Error::Invalid { field: "stage", .. })), "{refused:?}");
    let after = cases::get(&store, &a.reference).unwrap();
    assert_eq!((&after.forwarded_to, after.history.len()), (&before.forwarded_to, before.history.len()));
}

#[test]
fn notes_are_timestamped_authored_and_searchable() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "Bekymring fra skolen.")).unwrap();
    assert!(matches!(cases::add_note(&store, &a.reference, "  "), Err(Error::Invalid { field: "body", .. })));
    assert!(matches!(cases::add_note(&store, "ØJP-2026-9999", "x"), Err(Error::NotFound(_))));
    let n = cases::add_note(&store, &a.reference, "Samtale med forældre på Århus Rådhus.").unwrap();
    assert_eq!(n.author, "Mette Holm");
    let d = cases::get(&store, &a.reference).unwrap();
    assert_eq!(d.notes, vec![n]);
    let hits = cases::search(&store, "raadhus", 50).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].matched_in, MatchedIn::Note);
}

#[test]
fn search_is_danish_aware() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("Søren", "Århus", "Mødes med en gruppe i Ålborg; taler om våben.")).unwrap();
    let b = cases::intake(&store, report("Bø", "Brøndby", "Ændret adfærd, isolerer sig.")).unwrap();
    let refs = |q: &str| -> Vec<String> {
        cases::search(&store, q, 50).unwrap().into_iter().map(|h| h.case.reference).collect()
    };
    assert_eq!(refs("aalborg"), vec![a.reference.clone()], "aa finds å");
    assert_eq!(refs("vaaben"), vec![a.reference.clone()]);
    assert_eq!(refs("Søren"), vec![a.reference.clone()]);
    assert_eq!(refs("soeren"), vec![a.reference.clone()], "oe finds ø");
    assert_eq!(refs("aendret"), vec![b.reference.clone()], "ae finds æ");
    assert_eq!(refs("brondby"), vec![b.reference.clone()]);
    assert_eq!(refs("isoler"), vec![b.reference.clone()], "prefix match");
    assert_eq!(refs(&b.reference), vec![b.reference.clone()], "references are searchable");
    assert_eq!(refs("ÅRHUS gruppe"), vec![a.reference.clone()], "all words must match");
    assert!(refs("\"* OR ( NEAR").is_empty(), "FTS syntax in the query is plain text");
    assert!(refs("").is_empty());
    // An edited description is re-indexed.
    cases::update(
        &store,
        &b.reference,
        CaseEdit { description: Some("Ny tekst om knallert".into()), ..Default::default() },
    )
    .unwrap();
    assert!(refs("aendret").is_empty());
    assert_eq!(refs("knallert"), vec![b.reference.clone()]);
}

/// A hit's snippet as text, the matching words in [brackets]: "Beskrivelse: … om [våben] …".
fn shown(hit: &cases::SearchHit) -> String {
    let s = hit.snippet.as_ref().expect("a snippet");
    let text: String = s.parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect();
    format!("{}: {text}", s.label)
}

#[test]
fn search_hits_say_where_and_why_they_matched() {
    let (_t, store) = store();
    let long = format!(
        "{} Eleven viser klassekammerater billeder fra et knallertværksted med våben.\nHan siger,\tat {}",
        "Indledende tekst om skolens trivselsarbejde og elevrådets møder i efteråret. ".repeat(3),
        "det er for sjov, men lærerne er bekymrede. ".repeat(4)
    );
    let a = cases::intake(&store, report("Lucas", "Århus", &long)).unwrap();
    let b = cases::intake(&store, report("M.L.", "Randers", "Kort tekst.")).unwrap();
    cases::add_note(&store, &b.reference, "Samtale med forældre på Århus Rådhus om knallerten.").unwrap();

    let hits = cases::search(&store, "vaaben knallertvaerksted", 50).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].matched_in, MatchedIn::Case);
    let s = hits[0].snippet.as_ref().unwrap();
    assert_eq!(s.field, SnippetField::Description);
    let text = shown(&hits[0]);
    assert!(
        text.starts_with("Beskrivelse: …") && text.ends_with('…'),
        "a long description is cut at both ends: {text:?}"
    );
    assert!(text.contains("[knallertværksted] med [våben]"), "the folded matches are marked as written: {text:?}");
    let excerpt: String = s.parts.iter().map(|p| p.text.as_str()).collect();
    assert!(excerpt.chars().count() <= cases::search::SNIPPET_MAX + 2, "short: {excerpt:?}");
    assert!(!excerpt.contains('\n') && !excerpt.contains('\t') && !excerpt.contains("  "), "{excerpt:?}");
    for cut in excerpt.trim_matches('…').split(' ') {
        assert!(long.split_whitespace().any(|w| w == cut), "{cut:?} is a whole word of the text");
    }

    // The field that holds the words: the pseudonym, the municipality, a note.
    let hits = cases::search(&store, "lucas", 50).unwrap();
    assert_eq!(shown(&hits[0]), "Pseudonym: [Lucas]");
    let hits = cases::search(&store, "aarhus", 50).unwrap();
    assert_eq!(hits.iter().map(|h| h.case.reference.as_str()).collect::<Vec<_>>(), [&a.reference, &b.reference]);
    assert_eq!(shown(&hits[0]), "Kommune: [Aarhus]");
    assert_eq!(hits[1].matched_in, MatchedIn::Note);
    assert_eq!(shown(&hits[1]), "Note: Samtale med forældre på [Århus] Rådhus om knallerten.");
    assert_eq!(
        shown(&cases::search(&store, "raadhus knallert", 50).unwrap()[0]),
        "Note: Samtale med forældre på Århus [Rådhus] om [knallerten]."
    );
    // A reference: its parts are marked.
    let hits = cases::search(&store, &b.reference, 50).unwrap();
    assert_eq!(shown(&hits[0]), format!("Reference: [ØJP]-[2026]-[0002]"));
}

#[test]
fn search_puts_the_own_districts_cases_first() {
    let (_t, store) = store();
    // FTS5 alone ranks the other districts' cases first here (made last: the index keeps no term
    // frequencies, so equal matches come newest first); the raw order is checked below.
    let own = cases::intake(&store, report("C.D.", "Aarhus", "Taler om en knallert i skolegården.")).unwrap();
    let own2 = cases::intake(&store, report("G.H.", "Randers", "Har købt en knallert.")).unwrap();
    let kbh = cases::intake(&store, report("A.B.", "København", "Knallert.")).unwrap();
    let fyn = cases::intake(&store, report("E.F.", "Odense", "Knallert og scooter.")).unwrap();
    let fts = cases::fts_query("knallert").unwrap();
    let raw: Vec<String> = store
        .conn_for_tests()
        .prepare(
            "SELECT c.reference FROM case_search s JOIN cases c ON c.id = -s.rowid
             WHERE case_search MATCH ?1 ORDER BY s.rank",
        )
        .unwrap()
        .query_map([&fts], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(raw.len(), 4);
    assert!(raw[0] != own.reference && raw[0] != own2.reference, "FTS5 alone ranks another district first: {raw:?}");
    // Own district first, the rank kept within each group.
    let expected: Vec<String> = raw
        .iter()
        .filter(|r| r.starts_with("ØJP"))
        .chain(raw.iter().filter(|r| !r.starts_with("ØJP")))
        .cloned()
        .collect();
    assert_eq!(expected[..2].iter().filter(|r| [&own.reference, &own2.reference].contains(r)).count(), 2);
    assert!([&kbh.reference, &fyn.reference].iter().all(|r| expected[2..].contains(r)));
    let refs = |limit: u32| -> Vec<String> {
        cases::search(&store, "knallert", limit).unwrap().into_iter().map(|h| h.case.reference).collect()
    };
    assert_eq!(refs(50), expected);
    assert_eq!(refs(2), expected[..2], "the limit keeps the own district's");
}

#[test]
fn search_folds_marks_in_every_script() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Århus", "Skriver كَتَبَ og שָׁלוֹם på væggen; kalder sig naïve.")).unwrap();
    let b = cases::intake(&store, report("M.L.", "Aarhus", "Mødtes på cafe\u{301} Ｎｏｒｄ med Nguyễn.")).unwrap();
    let refs = |q: &str| -> Vec<String> {
        cases::search(&store, q, 50).unwrap().into_iter().map(|h| h.case.reference).collect()
    };
    for q in ["كتب", "كَتَبَ", "שלום", "שָׁלוֹם", "naive", "nai\u{308}ve", "naïve"] {
        assert_eq!(refs(q), vec![a.reference.clone()], "{q:?}");
    }
    for q in ["café", "cafe", "cafe\u{301}", "cafe\u{301} nord", "Ｎｏｒｄ", "NORD", "nguyen", "Nguyễn"] {
        assert_eq!(refs(q), vec![b.reference.clone()], "{q:?}");
    }
    for q in ["\u{301}", "\u{64e}\u{5b8}", "😀", "\u{202e}", "\u{200b}", "🅐", "Ⓐ\u{20dd}"] {
        assert!(cases::search(&store, q, 50).is_ok(), "{q:?}");
    }
}

mod search_never_fails {
    use super::*;
    use proptest::prelude::*;

    /// Characters with a meaning to FTS5, marks, invisible and direction characters, emoji and
    /// letters of several scripts, beside any character at all.
    fn query() -> impl Strategy<Value = String> {
        let special: Vec<char> = "\"*^:()+-,.{}[]ORNDTA NEAR_\u{0}\u{301}\u{64e}\u{5b8}\u{20dd}\u{200b}\u{200d}\u{202e}\u{2066}\u{feff}\u{1f600}\u{1f468}\u{fe0f}كתøåæéÅⒶ🅐\u{19b0}\u{1cf2}ﬁ²１"
            .chars()
            .collect();
        proptest::collection::vec(prop_oneof![any::<char>(), proptest::sample::select(special)], 0..=200)
            .prop_map(|v| v.into_iter().collect())
    }

    #[test]
    fn for_any_query_of_at_most_200_characters() {
        let (_t, store) = store();
        cases::intake(&store, report("J.K.", "Århus", "Skriver كَتَبَ og שָׁלוֹם; café ☕ ✊🏽.")).unwrap();
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 400, ..Default::default() });
        runner
            .run(&query(), |q| {
                prop_assert!(cases::search(&store, &q, 20).is_ok(), "{:?}", q);
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn the_list_filters_sorts_and_pages() {
    let (_t, store) = store();
    for (i, m) in ["Aarhus", "Odense", "Aarhus", "Randers", "Aarhus"].iter().enumerate() {
        cases::intake(&store, report(&format!("P{i}"), m, "x")).unwrap();
    }
    let all = cases::list(&store, &CaseFilter::default()).unwrap();
    assert_eq!(all.total, 5);
    let oejp = cases::list(&store, &CaseFilter { district_code: Some("ØJP".into()), ..Default::default() }).unwrap();
    assert_eq!(oejp.total, 4);
    let page = cases::list(
        &store,
        &CaseFilter {
            district_code: Some("ØJP".into()),
            sort: CaseSort::Reference,
            offset: 1,
            limit: 2,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.cases.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), ["ØJP-2026-0002", "ØJP-2026-0003"]);
    let none = cases::list(&store, &CaseFilter { stage: Some(Stage::Closed), ..Default::default() }).unwrap();
    assert_eq!(none.total, 0);
    let teens =
        cases::list(&store, &CaseFilter { age_min: Some(10), age_max: Some(19), ..Default::default() }).unwrap();
    assert_eq!(teens.total, 5);
    let adults = cases::list(&store, &CaseFilter { age_min: Some(30), ..Default::default() }).unwrap();
    assert_eq!(adults.total, 0);
    assert!(matches!(
        cases::list(&store, &CaseFilter { limit: 501, ..Default::default() }),
        Err(Error::Invalid { field: "limit", .. })
    ));
}

#[test]
fn the_board_shows_the_home_districts_cases_by_stage() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    cases::intake(&store, report("O.D.", "Odense", "x")).unwrap();
    cases::update(&store, &a.reference, CaseEdit { stage: Some(Stage::Assessment), ..Default::default() }).unwrap();
    let b = board::load(&store).unwrap();
    assert_eq!(b.district_code, "ØJP");
    let count = |s: Stage| b.columns.iter().find(|c| c.stage == s).unwrap().cards.len();
    assert_eq!(count(Stage::Assessment), 1);
    assert_eq!(count(Stage::NewConcern), 0, "the Odense case belongs to Fyn");
    for c in &b.columns {
        assert_eq!(c.total, c.cards.len() as u64, "{:?}", c.stage);
    }
}

#[test]
fn reading_a_case_is_logged_without_personal_data() {
    let (_t, store) = store();
    let a = cases::intake(&store, report("J.K.", "Aarhus", "x")).unwrap();
    cases::get(&store, &a.reference).unwrap();
    cases::search(&store, "J.K.", 10).unwrap();
    cases::list(&store, &CaseFilter::default()).unwrap();
    board::load(&store).unwrap();
    let log: Vec<(String, Option<String>, Option<String>)> = store
        .conn_for_tests()
        .prepare(
            "SELECT action, subject, refs FROM audit_log WHERE action LIKE 'case%' OR action LIKE 'board%' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // The lists record which cases they showed, by reference: never the query or the pseudonym.
    let r = Some(a.reference.clone());
    let one = Some("1 sag".to_string());
    assert_eq!(
        log,
        vec![
            ("case.created".into(), r.clone(), None),
            ("case.read".into(), r.clone(), None),
            ("case.search".into(), one.clone(), r.clone()),
            ("cases.listed".into(), one.clone(), r.clone()),
            ("board.viewed".into(), one, r),
        ]
    );
}

#[test]
fn the_board_shows_the_30_latest_closed_cases_and_counts_them_all() {
    let (_t, store) = store();
    for i in 0..33 {
        let r = cases::intake(&store, report(&format!("P{i}"), "Aarhus", "x")).unwrap();
        cases::update(
            &store,
            &r.reference,
            CaseEdit { stage: Some(Stage::Closed), outcome: Some(Outcome::Completed), ..Default::default() },
        )
        .unwrap();
    }
    let b = board::load(&store).unwrap();
    let closed = b.columns.iter().find(|c| c.stage == Stage::Closed).unwrap();
    assert_eq!((closed.cards.len(), closed.total), (30, 33));
    assert_eq!(closed.cards[0].summary.reference, "ØJP-2026-0033", "most recently closed first");
}

//! The coordination board on a real encrypted store, at fixed clocks: days in stage across edits,
//! moves and daylight saving; overdue action items across DST and New Year; undo; WIP limits,
//! lanes and filters; action-item validation.

mod common;
use common::{at, profile};
use serde_json::json;
use std::sync::Arc;
use tovholder_core::actions::{self, ActionFilter, ActionStatus, Agency, NewActionItem};
use tovholder_core::board::{self, BoardFilter, BoardSettings, Lane};
use tovholder_core::cases::{self, CaseEdit, Outcome, Stage};
use tovholder_core::intake::{IntakeReport, Urgency};
use tovholder_core::{Error, FixedClock, Keychain, Store};

fn store(clock: &FixedClock) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let profile = profile();
    let (store, _) = Store::init_with_clock(tmp.path(), &Keychain::memory(), profile, Arc::new(clock.clone())).unwrap();
    (tmp, store)
}

fn intake(store: &Store, pseudonym: &str, municipality: &str, urgency: &str) -> String {
    let report = IntakeReport::from_json(
        &json!({
            "received_at": "2026-03-01T10:00:00+01:00",
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": municipality},
            "category": "right_wing",
            "urgency": urgency,
            "description": "Bekymring fra skolen."
        })
        .to_string(),
    )
    .unwrap();
    cases::intake(store, report).unwrap().reference
}

fn item(what: &str, agency: Agency, due: &str) -> NewActionItem {
    NewActionItem { what: what.into(), agency, person: None, due: due.into() }
}

fn card(store: &Store, reference: &str) -> board::BoardCard {
    board::load(store)
        .unwrap()
        .columns
        .into_iter()
        .flat_map(|c| c.cards)
        .find(|c| c.summary.reference == reference)
        .expect("the card is on the board")
}

#[test]
fn days_in_stage_count_copenhagen_days_and_ignore_edits_and_notes() {
    // Just before midnight in Copenhagen on the day daylight saving starts (29 Mar 2026).
    let clock = FixedClock::at(at("2026-03-28T22:30:00Z")); // 23.30 in Copenhagen, 28 March
    let (_t, store) = store(&clock);
    let r = intake(&store, "A.A.", "Aarhus", "normal");
    assert_eq!(card(&store, &r).days_in_stage, 0);
    clock.set(at("2026-03-28T23:10:00Z")); // 00.10 on 29 March: a new civil day, 40 minutes later
    assert_eq!(card(&store, &r).days_in_stage, 1);
    clock.set(at("2026-04-05T10:00:00Z"));
    assert_eq!(card(&store, &r).days_in_stage, 8);
    cases::add_note(&store, &r, "Ny oplysning fra skolen").unwrap();
    cases::update(&store, &r, CaseEdit { urgency: Some(Urgency::High), ..Default::default() }).unwrap();
    assert_eq!(card(&store, &r).days_in_stage, 8, "edits and notes do not reset the stage's age");
    cases::transition(&store, &r, Stage::Screening, None, None).unwrap();
    assert_eq!(card(&store, &r).days_in_stage, 0, "a move does");
    // Across the autumn change (25 Oct 2026): 24 October 12.00 → 26 October 00.30 is two days.
    clock.set(at("2026-10-24T10:00:00Z"));
    cases::transition(&store, &r, Stage::Assessment, None, None).unwrap();
    clock.set(at("2026-10-25T23:30:00Z"));
    assert_eq!(card(&store, &r).days_in_stage, 2);
}

#[test]
fn a_card_idle_past_the_limit_is_stale_and_the_limit_is_a_setting() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "B.B.", "Aarhus", "normal");
    clock.set(at("2026-12-25T10:00:00Z"));
    assert!(!card(&store, &r).stale, "30 days is the limit, not past it");
    clock.set(at("2026-12-26T10:00:00Z"));
    assert!(card(&store, &r).stale);
    board::save_settings(&store, BoardSettings { stale_days: 60, ..BoardSettings::default() }).unwrap();
    assert!(!card(&store, &r).stale);
    let e = board::save_settings(&store, BoardSettings { stale_days: 0, ..BoardSettings::default() }).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "stale_days", .. }), "{e:?}");
}

#[test]
fn an_action_item_is_overdue_from_the_start_of_the_day_after_its_due_date() {
    let clock = FixedClock::at(at("2026-03-28T12:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "C.C.", "Aarhus", "normal");
    let a = actions::add(&store, &r, &item("Samtale med forældrene", Agency::Ssp, "28.03.2026")).unwrap();
    let overdue = || actions::list(&store, &ActionFilter { overdue: true, ..Default::default() }).unwrap().len();
    clock.set(at("2026-03-28T22:59:59Z")); // 23.59.59 in Copenhagen (winter time), still the due date
    assert_eq!(overdue(), 0);
    clock.set(at("2026-03-28T23:00:00Z")); // 00.00 on 29 March, Copenhagen
    assert_eq!(overdue(), 1);
    let c = card(&store, &r);
    assert_eq!((c.overdue_actions, c.next_action.as_ref().unwrap().overdue), (1, true));
    // Summer time: due 25 Oct, overdue from 00.00 CEST on 26 Oct?? — no: from 00.00 CET, 23.00 UTC.
    actions::set_status(&store, a.id, ActionStatus::Done).unwrap();
    actions::add(&store, &r, &item("Opfølgning", Agency::Police, "2026-10-25")).unwrap();
    clock.set(at("2026-10-25T22:59:00Z"));
    assert_eq!(overdue(), 0);
    clock.set(at("2026-10-25T23:00:00Z"));
    assert_eq!(overdue(), 1);
    // New Year: due 31 Dec 2026, overdue from 00.00 on 1 Jan 2027 Copenhagen time (23.00 UTC).
    let b = intake(&store, "D.D.", "Aarhus", "normal");
    actions::add(&store, &b, &item("Møde i januar planlægges", Agency::School, "2026-12-31")).unwrap();
    clock.set(at("2026-12-31T22:59:00Z"));
    assert_eq!(overdue(), 1, "only the October item");
    clock.set(at("2026-12-31T23:00:00Z"));
    assert_eq!(overdue(), 2);
}

#[test]
fn action_items_are_validated_and_every_change_is_in_the_history() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "E.E.", "Aarhus", "normal");
    for (bad, field) in [
        (item("", Agency::Ssp, "2026-12-01"), "what"),
        (item("x".repeat(301).as_str(), Agency::Ssp, "2026-12-01"), "what"),
        (item("Ring til 010203-1234", Agency::Ssp, "2026-12-01"), "what"),
        (item("Samtale", Agency::Ssp, "30.02.2026"), "due"),
        (item("Samtale", Agency::Ssp, "i morgen"), "due"),
        (item("Samtale", Agency::Ssp, "2999-01-01"), "due"),
        (NewActionItem { person: Some("A\u{7}B".into()), ..item("Samtale", Agency::Ssp, "2026-12-01") }, "person"),
    ] {
        match actions::add(&store, &r, &bad) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    let a = actions::add(
        &store,
        &r,
        &NewActionItem { person: Some("Jonas, SSP".into()), ..item("Bekymringssamtale", Agency::Ssp, "01.12.2026") },
    )
    .unwrap();
    assert_eq!((a.due.as_text(), a.status, a.overdue), ("2026-12-01".into(), ActionStatus::Open, false));
    let done = actions::set_status(&store, a.id, ActionStatus::Done).unwrap();
    assert_eq!((done.status, done.status_by.as_deref()), (ActionStatus::Done, Some("Mette Holm")));
    let again = actions::set_status(&store, a.id, ActionStatus::Cancelled).unwrap_err();
    assert!(matches!(again, Error::Invalid { field: "status", .. }), "{again:?}");
    assert!(matches!(actions::set_status(&store, 9999, ActionStatus::Done), Err(Error::NotFound(_))));
    let d = cases::get(&store, &r).unwrap();
    let entries: Vec<_> = d.history.iter().filter(|h| h.field == "action_item").collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].new_value.as_deref(), Some("Bekymringssamtale · SSP · frist 1. dec. 2026"));
    assert_eq!(entries[1].new_value.as_deref(), Some("Udført"));
    assert_eq!(d.action_items.len(), 1);
}

#[test]
fn undo_moves_the_case_back_once_with_its_outcome_and_is_itself_in_the_history() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "F.F.", "Aarhus", "normal");
    assert!(matches!(cases::undo_move(&store, &r), Err(Error::Invalid { field: "stage", .. })), "nothing to undo");
    cases::transition(&store, &r, Stage::Intervention, None, None).unwrap();
    cases::transition(&store, &r, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    let back = cases::undo_move(&store, &r).unwrap();
    assert_eq!((back.summary.stage, back.outcome), (Stage::Intervention, None));
    let undos = back.history.iter().filter(|h| h.reason.as_deref() == Some(cases::UNDO_REASON)).count();
    assert_eq!(undos, 2, "the undo's stage and outcome entries carry the undo reason");
    // One step back only: a second undo is refused (it would re-apply the move), nothing changes.
    let again = cases::undo_move(&store, &r).unwrap_err();
    assert!(
        matches!(&again, Error::Invalid { field: "stage", reason } if reason.contains("allerede fortrudt")),
        "{again:?}"
    );
    let d = cases::get(&store, &r).unwrap();
    assert_eq!((d.summary.stage, d.history.len()), (Stage::Intervention, back.history.len()));
    // A new move can be undone again, back to where it came from (the earlier undo stays).
    cases::transition(&store, &r, Stage::FollowUp, None, None).unwrap();
    assert_eq!(cases::undo_move(&store, &r).unwrap().summary.stage, Stage::Intervention);
    cases::forward(&store, &r, "FYP", "Flyttet til Odense").unwrap();
    assert!(matches!(cases::undo_move(&store, &r), Err(Error::Invalid { field: "stage", .. })));
}

/// »D« in Opgaver closes an item at once; the toast's »Fortryd« opens it again — the coordinator's
/// own closing, within minutes — and the undo is in the case's history.
#[test]
fn closing_an_action_item_is_undone_by_its_closer_within_minutes() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "F.J.", "Aarhus", "normal");
    let a = actions::add(&store, &r, &item("Samtale med skolen", Agency::School, "2026-12-01")).unwrap();
    assert!(matches!(actions::undo_status(&store, a.id), Err(Error::Invalid { field: "status", .. })), "open");
    actions::set_status(&store, a.id, ActionStatus::Done).unwrap();
    clock.advance(chrono::TimeDelta::minutes(2));
    let back = actions::undo_status(&store, a.id).unwrap();
    assert_eq!((back.status, back.status_at, back.status_by), (ActionStatus::Open, None, None));
    let d = cases::get(&store, &r).unwrap();
    let last = d.history.last().unwrap();
    assert_eq!((last.new_value.as_deref(), last.reason.as_deref()), (Some("Åben"), Some(actions::UNDO_STATUS_REASON)));
    // Too late: closed again, then 11 minutes pass.
    actions::set_status(&store, a.id, ActionStatus::Cancelled).unwrap();
    clock.advance(chrono::TimeDelta::minutes(actions::UNDO_MINUTES + 1));
    assert!(matches!(actions::undo_status(&store, a.id), Err(Error::Invalid { field: "status", .. })));
}

/// Undo restores the card exactly as it was: a case closed after 146 days in Indsats and the close
/// undone is back in Indsats for 146 days (and stale as before), not »I fasen fra i dag«.
#[test]
fn undo_restores_the_days_in_the_stage() {
    let clock = FixedClock::at(at("2026-06-01T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "F.H.", "Aarhus", "normal");
    cases::transition(&store, &r, Stage::Intervention, None, None).unwrap();
    let before = card(&store, &r);
    clock.advance(chrono::TimeDelta::days(146));
    let idle = card(&store, &r);
    assert_eq!(idle.days_in_stage, 146);
    assert!(idle.stale);
    cases::transition(&store, &r, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    clock.advance(chrono::TimeDelta::minutes(1));
    cases::undo_move(&store, &r).unwrap();
    let back = card(&store, &r);
    assert_eq!((back.stage_entered_at, back.days_in_stage, back.stale), (before.stage_entered_at, 146, true));
    // Undoing a move out of Ny henvendelse restores the time of the intake.
    let n = intake(&store, "F.I.", "Aarhus", "normal");
    let fresh = card(&store, &n);
    clock.advance(chrono::TimeDelta::days(3));
    cases::transition(&store, &n, Stage::Screening, None, None).unwrap();
    cases::undo_move(&store, &n).unwrap();
    assert_eq!(card(&store, &n).stage_entered_at, fresh.stage_entered_at);
}

/// Undo is the coordinator's own: a move recorded by someone else (here the demo's author) is
/// changed by a new move, not undone.
#[test]
fn only_the_coordinators_own_move_is_undone() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let r = intake(&store, "F.G.", "Aarhus", "normal");
    cases::transition(&store, &r, Stage::Screening, None, None).unwrap();
    store.conn_for_tests().execute("UPDATE cases SET stage = 'assessment' WHERE reference = ?1", [&r]).unwrap();
    store
        .conn_for_tests()
        .execute(
            "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
             SELECT id, '2026-11-25T10:00:00.000Z', 'Demo', 'stage', 'screening', 'assessment', NULL
             FROM cases WHERE reference = ?1",
            [&r],
        )
        .unwrap();
    let refused = cases::undo_move(&store, &r).unwrap_err();
    assert!(matches!(&refused, Error::Invalid { field: "stage", reason } if reason.contains("egen")), "{refused:?}");
    assert_eq!(cases::get(&store, &r).unwrap().summary.stage, Stage::Assessment);
}

/// The board, the case panel and the CLI change stage, flag and action items only on the home
/// infohus's cases: another district's case can be read, noted, forwarded (and the forwarding
/// undone) — nothing else.
#[test]
fn another_districts_case_is_read_and_forwarded_but_not_moved_flagged_or_given_action_items() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let own = intake(&store, "H.A.", "Aarhus", "normal");
    let other = intake(&store, "H.B.", "Odense", "normal"); // Fyns Politi
    let home_item = actions::add(&store, &own, &item("Samtale", Agency::Ssp, "2026-12-01")).unwrap();
    let not_own =
        |e: Error| matches!(&e, Error::Invalid { field: "reference", reason } if reason.contains("andet infohus"));
    assert!(not_own(cases::transition(&store, &other, Stage::Screening, None, None).unwrap_err()));
    let edit = CaseEdit { stage: Some(Stage::Screening), ..Default::default() };
    assert!(not_own(cases::update(&store, &other, edit).unwrap_err()));
    assert!(not_own(cases::set_meeting_flag(&store, &other, true).unwrap_err()));
    assert!(not_own(actions::add(&store, &other, &item("Samtale", Agency::Ssp, "2026-12-01")).unwrap_err()));
    // An item that belongs to a case that became another district's is not closed here either.
    store.conn_for_tests().execute("UPDATE cases SET district_code = 'FYP' WHERE reference = ?1", [&own]).unwrap();
    assert!(not_own(actions::set_status(&store, home_item.id, ActionStatus::Done).unwrap_err()));
    store.conn_for_tests().execute("UPDATE cases SET district_code = 'ØJP' WHERE reference = ?1", [&own]).unwrap();
    let d = cases::get(&store, &other).unwrap();
    assert_eq!((d.summary.stage, d.meeting, d.action_items.len()), (Stage::NewConcern, false, 0), "nothing changed");
    // Read, noted, forwarded, the forwarding undone, forwarded again.
    cases::add_note(&store, &other, "Ringet til Fyn.").unwrap();
    assert_eq!(cases::forward(&store, &other, "FYP", "Bor i Odense").unwrap().summary.stage, Stage::Forwarded);
    assert_eq!(cases::undo_forward(&store, &other).unwrap().summary.stage, Stage::NewConcern);
    cases::forward(&store, &other, "FYP", "Bor i Odense").unwrap();
    // Taking it back would make it a case of this board: refused like any move.
    assert!(not_own(cases::transition(&store, &other, Stage::Screening, Some("Fejl"), None).unwrap_err()));
}

#[test]
fn wip_limits_warn_and_lanes_and_filters_order_the_cards() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let a = intake(&store, "G.A.", "Randers", "normal");
    let b = intake(&store, "G.B.", "Aarhus", "acute");
    let c = intake(&store, "G.C.", "Aarhus", "high");
    intake(&store, "Anden kreds", "Odense", "normal"); // Fyns Politi: never on this board
    actions::add(&store, &a, &item("Mentor", Agency::Ssp, "2026-11-20")).unwrap();
    actions::add(&store, &c, &item("Registertjek", Agency::Police, "2026-12-01")).unwrap();
    cases::set_meeting_flag(&store, &c, true).unwrap();

    let b0 = board::load(&store).unwrap();
    let new = &b0.columns[0];
    assert_eq!((new.stage, new.total, new.matching, new.over_limit), (Stage::NewConcern, 3, 3, false));
    assert_eq!(b0.active_total, 3, "the home district's cases only");
    let refs = |col: &board::BoardColumn| col.cards.iter().map(|c| c.summary.reference.clone()).collect::<Vec<_>>();
    assert_eq!(refs(new), vec![a.clone(), b.clone(), c.clone()], "oldest concern first (then by reference)");

    let mut s = BoardSettings { lane: Lane::Urgency, ..BoardSettings::default() };
    s.wip_limits.insert(Stage::NewConcern, 2);
    board::save_settings(&store, s.clone()).unwrap();
    let b1 = board::load(&store).unwrap();
    assert_eq!(b1.settings, s, "settings persist in the store");
    assert_eq!(refs(&b1.columns[0]), vec![b.clone(), c.clone(), a.clone()], "acute, high, normal");
    assert!(b1.columns[0].over_limit && b1.columns[0].wip_limit == Some(2));
    assert_eq!(b1.lanes.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(), vec!["acute", "high", "normal"]);
    let mut bad = s.clone();
    bad.wip_limits.insert(Stage::Closed, 5);
    assert!(matches!(board::save_settings(&store, bad), Err(Error::Invalid { field: "wip_limits", .. })));

    let lanes = board::load_with(&store, Some(Lane::Agency), None).unwrap();
    let lane_of = |r: &str| lanes.columns[0].cards.iter().find(|c| c.summary.reference == r).unwrap().lane.clone();
    assert_eq!((lane_of(&a), lane_of(&b), lane_of(&c)), ("ssp".into(), "none".into(), "police".into()));
    assert_eq!(refs(&lanes.columns[0]), vec![c.clone(), a.clone(), b.clone()], "in the order of the agency lanes");

    let only = |f: BoardFilter| refs(&board::load_with(&store, Some(Lane::None), Some(f)).unwrap().columns[0]);
    assert_eq!(only(BoardFilter { overdue: true, ..Default::default() }), vec![a.clone()]);
    assert_eq!(only(BoardFilter { meeting: true, ..Default::default() }), vec![c.clone()]);
    assert_eq!(only(BoardFilter { agency: Some(Agency::Police), ..Default::default() }), vec![c.clone()]);
    assert_eq!(only(BoardFilter { municipality: Some("Randers".into()), ..Default::default() }), vec![a.clone()]);
    assert_eq!(only(BoardFilter { text: Some("g.b".into()), ..Default::default() }), vec![b.clone()]);
    assert_eq!(only(BoardFilter { urgency: Some(Urgency::High), ..Default::default() }), vec![c.clone()]);
}

#[test]
fn the_archive_shows_the_latest_closed_and_forwarded_cases() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let a = intake(&store, "H.A.", "Aarhus", "normal");
    let b = intake(&store, "H.B.", "Aarhus", "normal");
    cases::transition(&store, &a, Stage::Closed, None, Some(Outcome::Unfounded)).unwrap();
    cases::forward(&store, &b, "FYP", "Flyttet").unwrap();
    let b0 = board::load(&store).unwrap();
    let col = |s: Stage| b0.columns.iter().find(|c| c.stage == s).unwrap();
    assert!(col(Stage::Closed).archive && col(Stage::Forwarded).archive && !col(Stage::FollowUp).archive);
    assert_eq!(col(Stage::Closed).cards[0].outcome, Some(Outcome::Unfounded));
    assert_eq!(col(Stage::Forwarded).cards[0].forwarded_to.as_deref(), Some("FYP"));
    assert_eq!(b0.active_total, 0);
}

#[test]
fn a_long_column_sends_its_first_cards_in_lane_order_and_more_when_asked() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    let urgency = |i: usize| ["normal", "high", "acute"][i % 3];
    let municipality = |i: usize| ["Randers", "Aarhus", "Favrskov", "Syddjurs"][i % 4];
    let refs: Vec<String> = (0..(board::CARDS_SHOWN as usize + 12))
        .map(|i| intake(&store, &format!("L.{i}"), municipality(i), urgency(i)))
        .collect();
    let shown = board::CARDS_SHOWN as usize;
    let column = |b: &board::Board| b.columns[0].cards.iter().map(|c| c.summary.reference.clone()).collect::<Vec<_>>();

    // The first cards, oldest concern first; the count covers them all.
    let b0 = board::load(&store).unwrap();
    assert_eq!((b0.columns[0].total, b0.columns[0].matching), (refs.len() as u64, refs.len() as u64));
    assert_eq!(column(&b0), refs[..shown].to_vec());

    // With lanes, the first cards in lane order: all acute, then high, then the rest.
    let by_urgency =
        board::view(&store, &board::BoardView { lane: Some(Lane::Urgency), ..Default::default() }).unwrap();
    let mut expected: Vec<(usize, String)> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| (["normal", "high", "acute"].iter().rposition(|u| *u == urgency(i)).unwrap(), r.clone()))
        .collect();
    expected.sort_by_key(|(rank, _)| std::cmp::Reverse(*rank));
    let expected: Vec<String> = expected.into_iter().map(|(_, r)| r).take(shown).collect();
    assert_eq!(column(&by_urgency), expected);
    let by_place =
        board::view(&store, &board::BoardView { lane: Some(Lane::Municipality), ..Default::default() }).unwrap();
    let places: Vec<&str> = by_place.lanes.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(places, vec!["Aarhus", "Favrskov", "Randers", "Syddjurs"], "every municipality, by name");
    let lanes_of: Vec<&str> = by_place.columns[0].cards.iter().map(|c| c.lane.as_str()).collect();
    assert!(lanes_of.is_sorted(), "cards grouped by lane in lane order: {lanes_of:?}");
    assert_eq!(lanes_of.len(), shown);

    // More when asked ("Vis flere"), and a card further down when it must be shown (just moved).
    let more = board::view(
        &store,
        &board::BoardView { shown: [(Stage::NewConcern, shown as u32 + 5)].into(), ..Default::default() },
    )
    .unwrap();
    assert_eq!(column(&more), refs[..shown + 5].to_vec());
    let last = refs.last().unwrap().clone();
    let with = board::view(&store, &board::BoardView { include: Some(last.clone()), ..Default::default() }).unwrap();
    assert_eq!(column(&with), refs, "every card up to the included one");
    let filtered = board::view(
        &store,
        &board::BoardView {
            filter: Some(BoardFilter { urgency: Some(Urgency::Acute), ..Default::default() }),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(filtered.columns[0].matching, (0..refs.len()).filter(|i| urgency(*i) == "acute").count() as u64);
    assert!(filtered.columns[0].cards.iter().all(|c| c.summary.urgency == Urgency::Acute));
}

#[test]
fn every_card_sent_matches_the_first_cards_and_the_counts() {
    let clock = FixedClock::at(at("2026-11-25T10:00:00Z"));
    let (_t, store) = store(&clock);
    tovholder_core::demo::fill_with(&store, 1_000, 0, 7).unwrap();
    // Every case active in the home district: enough cards that sending all reads them in one pass.
    store
        .conn_for_tests()
        .execute_batch(
            "UPDATE cases SET district_code = 'ØJP', outcome = NULL, closed_at = NULL, forwarded_to = NULL,
                 stage = CASE id % 5 WHEN 0 THEN 'new_concern' WHEN 1 THEN 'screening' WHEN 2 THEN 'assessment'
                 WHEN 3 THEN 'intervention' ELSE 'follow_up' END",
        )
        .unwrap();
    let all = board::BoardView {
        shown: Stage::ALL.into_iter().map(|s| (s, board::CARDS_SHOWN_MAX)).collect(),
        ..Default::default()
    };
    for lane in [Lane::None, Lane::Urgency, Lane::Municipality] {
        let every = board::view(&store, &board::BoardView { lane: Some(lane), ..all.clone() }).unwrap();
        let first = board::view(&store, &board::BoardView { lane: Some(lane), ..Default::default() }).unwrap();
        assert_eq!(every.active_total, 1_000);
        for (e, f) in every.columns.iter().zip(&first.columns).filter(|(e, _)| !e.archive) {
            assert_eq!((e.cards.len() as u64, e.matching, e.total), (e.total, e.total, 200), "{:?}", e.stage);
            assert_eq!(f.cards, e.cards[..board::CARDS_SHOWN as usize], "{lane:?} {:?}: the same first cards", e.stage);
            assert!(e.cards.iter().all(|c| c.summary.stage == e.stage));
        }
    }
}

//! Statistik (#20) on a real encrypted store built at known times (the injected clock): the
//! figures of a period whose cases crossed its edges, moved back, were forwarded and taken back,
//! across the change to summer time; and small-cell protection, checked by an attacker that
//! tries to solve each hidden cell from the published cells and the sums.

mod common;
use common::{at, pdftotext, store_at as store};
use proptest::prelude::*;
use serde_json::json;
use tovholder_core::cases::{self, Outcome, Stage};
use tovholder_core::dates::Day;
use tovholder_core::intake::IntakeReport;
use tovholder_core::stats::suppress::{self, Hidden, Known, Sum};
use tovholder_core::stats::{self, Period, Statistics, Table};
use tovholder_core::{Error, FixedClock, Store, actions, meetings};

/// A case received at `received` (the clock set there), about a person in `municipality`.
fn intake(store: &Store, clock: &FixedClock, received: &str, municipality: &str, birth_year: Option<i32>) -> String {
    clock.set(at(received));
    let mut subject = json!({"pseudonym": "Pseudonym-Hemmelig", "municipality": municipality});
    if let Some(y) = birth_year {
        subject["birth_year"] = json!(y);
    }
    let report = IntakeReport::from_json(
        &json!({
            "received_at": received,
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": subject,
            "category": "right_wing",
            "urgency": "normal",
            "description": "Beskrivelse-Hemmelig"
        })
        .to_string(),
    )
    .unwrap();
    cases::intake(store, report).unwrap().reference
}

fn move_to(store: &Store, clock: &FixedClock, when: &str, r: &str, to: Stage, outcome: Option<Outcome>) {
    clock.set(at(when));
    cases::transition(store, r, to, Some("Begrundelse-Hemmelig"), outcome).unwrap();
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn table<'a>(s: &'a Statistics, key: &str) -> &'a Table {
    s.tables.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no table {key}"))
}

/// The exact count in a one-column table's row.
fn count(s: &Statistics, key: &str, row: &str) -> u64 {
    let t = table(s, key);
    let i = t.rows.iter().position(|r| r == row).unwrap_or_else(|| panic!("no row {row} in {key}: {:?}", t.rows));
    t.cells[i][0].value.unwrap()
}

fn total(s: &Statistics, key: &str) -> u64 {
    table(s, key).total.unwrap().value.unwrap()
}

/// The store of the counting test: March 2026 (summer time starts on 29 March) and its edges.
fn march_store() -> (tempfile::TempDir, Store, FixedClock) {
    let (tmp, store, clock) = store("2026-02-01T09:00:00Z");
    // A: received before the period, closed in it (crossed the start).
    let a = intake(&store, &clock, "2026-02-10T10:00:00+01:00", "Aarhus", Some(2008));
    move_to(&store, &clock, "2026-02-15T10:00:00+01:00", &a, Stage::Screening, None);
    // E: received on the last evening of February (22.50 UTC) and closed before the period.
    let e = intake(&store, &clock, "2026-02-28T23:50:00+01:00", "Aarhus", Some(2008));
    move_to(&store, &clock, "2026-02-28T23:55:00+01:00", &e, Stage::Closed, Some(Outcome::Unfounded));
    // B: ten minutes into 1 March in Copenhagen (still 28 February in UTC); moved forth and back.
    let b = intake(&store, &clock, "2026-03-01T00:10:00+01:00", "Aarhus", Some(2012));
    // F, G: another district's concerns (København): F forwarded and taken back, G forwarded.
    let f = intake(&store, &clock, "2026-03-03T10:00:00+01:00", "København", Some(2008));
    let g = intake(&store, &clock, "2026-03-03T12:00:00+01:00", "København", Some(2008));
    clock.set(at("2026-03-04T10:00:00+01:00"));
    cases::forward(&store, &f, "KBHP", "Bor i København").unwrap();
    clock.set(at("2026-03-04T10:05:00+01:00"));
    cases::undo_forward(&store, &f).unwrap();
    clock.set(at("2026-03-05T12:00:00+01:00"));
    cases::forward(&store, &g, "KBHP", "Bor i København").unwrap();
    move_to(&store, &clock, "2026-03-05T13:00:00+01:00", &b, Stage::Screening, None);
    move_to(&store, &clock, "2026-03-06T09:00:00+01:00", &b, Stage::Assessment, None);
    clock.set(at("2026-03-06T10:00:00+01:00"));
    let late = actions::add(
        &store,
        &b,
        &actions::NewActionItem {
            what: "Opgave-Hemmelig".into(),
            agency: actions::Agency::Ssp,
            person: None,
            due: "2026-03-10".into(),
        },
    )
    .unwrap();
    move_to(&store, &clock, "2026-03-06T11:00:00+01:00", &b, Stage::Screening, None); // moved back
    move_to(&store, &clock, "2026-03-10T10:00:00+01:00", &a, Stage::Closed, Some(Outcome::Completed));
    let h = intake(&store, &clock, "2026-03-10T14:00:00+01:00", "Aarhus", None);
    clock.set(at("2026-03-11T09:00:00+01:00"));
    actions::add(
        &store,
        &h,
        &actions::NewActionItem {
            what: "Opgave-Hemmelig".into(),
            agency: actions::Agency::Police,
            person: None,
            due: "2026-04-30".into(),
        },
    )
    .unwrap();
    clock.set(at("2026-03-12T09:00:00+01:00"));
    actions::set_status(&store, late.id, actions::ActionStatus::Done).unwrap();
    // A meeting on 20 March discusses B and H and gives H an action item (due 25 March).
    clock.set(at("2026-03-19T09:00:00+01:00"));
    let m = meetings::import(
        &store,
        &json!({"held_at": "2026-03-20T14:00:00+01:00", "items": [
            {"kind": "case", "reference": b, "assessment": "Vurdering-Hemmelig"},
            {"kind": "case", "reference": h, "assessment": "Vurdering-Hemmelig",
             "actions": [{"what": "Opgave-Hemmelig", "agency": "ssp", "due": "2026-03-25"}]}]})
        .to_string(),
    )
    .unwrap();
    clock.set(at("2026-03-20T15:00:00+01:00"));
    meetings::finalize(&store, m.id).unwrap();
    clock.set(at("2026-03-24T09:00:00+01:00"));
    let item = cases::get(&store, &h).unwrap().action_items.into_iter().find(|i| i.due == day("2026-03-25")).unwrap();
    actions::set_status(&store, item.id, actions::ActionStatus::Done).unwrap();
    // C: half an hour before midnight on 31 March, summer time (21.30 UTC): in the period.
    intake(&store, &clock, "2026-03-31T23:30:00+02:00", "Aarhus", Some(2010));
    // D: half an hour after it (22.30 UTC, still 31 March in UTC): April in Copenhagen.
    intake(&store, &clock, "2026-04-01T00:30:00+02:00", "Aarhus", Some(2008));
    // G's forwarding is undone in April: at the end of March it was forwarded.
    clock.set(at("2026-04-02T09:00:00+02:00"));
    cases::undo_forward(&store, &g).unwrap();
    clock.set(at("2026-04-10T09:00:00+02:00"));
    (tmp, store, clock)
}

#[test]
fn a_known_store_gives_exactly_the_expected_figures_across_edges_and_summer_time() {
    let (_t, store, _clock) = march_store();
    let period = Period::new(day("1.3.2026"), day("2026-03-31")).unwrap();
    assert_eq!(period.start().as_text(), "2026-02-28T23:00:00.000Z");
    assert_eq!(period.end().as_text(), "2026-03-31T22:00:00.000Z", "the period ends at midnight summer time");
    let s = stats::figures(&store, period, 3).unwrap();
    assert!(s.exact);
    assert_eq!(s.infohus, "Infohus Østjylland");

    // Received: B, F, G, H, C (not A or E before, not D after).
    assert_eq!(total(&s, "by_month"), 5);
    assert_eq!(table(&s, "by_month").rows, ["mar. 2026"]);
    assert_eq!(count(&s, "by_channel", "Hotline"), 5);
    assert_eq!(count(&s, "by_channel", "E-mail"), 0);
    assert_eq!(count(&s, "by_caller", "Skole/lærer"), 5);
    assert_eq!(count(&s, "by_category", "Højreekstremisme"), 5);
    assert_eq!(count(&s, "by_urgency", "Normal"), 5);
    assert_eq!(count(&s, "by_age", "Under 15 år"), 1); // B, born 2012
    assert_eq!(count(&s, "by_age", "15–17 år"), 1); // C, born 2010
    assert_eq!(count(&s, "by_age", "18–24 år"), 2); // F, G
    assert_eq!(count(&s, "by_age", "Ukendt alder"), 1); // H
    assert_eq!(count(&s, "by_municipality", "Aarhus"), 3);
    assert_eq!(count(&s, "by_municipality", "København"), 2);
    assert_eq!(count(&s, "by_infohus", "Infohus Østjylland"), 3);
    assert_eq!(count(&s, "by_infohus", "Infohus København"), 2);

    // Stages at the end of March: A closed, B screening, C F H new, G forwarded (taken back in
    // April); E was closed before the period and D came after it.
    assert_eq!(count(&s, "stage_at_end", "Ny henvendelse"), 3);
    assert_eq!(count(&s, "stage_at_end", "Screening"), 1);
    assert_eq!(count(&s, "stage_at_end", "Afsluttet"), 1);
    assert_eq!(count(&s, "stage_at_end", "Videresendt"), 1);
    assert_eq!(total(&s, "stage_at_end"), 6);

    // Moves in March, by (from, to).
    let moves = table(&s, "moves");
    let cell = |from: Stage, to: Stage| {
        let i = Stage::ALL.iter().position(|s| *s == from).unwrap();
        let j = Stage::ALL.iter().position(|s| *s == to).unwrap();
        moves.cells[i][j].value.unwrap()
    };
    assert_eq!(cell(Stage::NewConcern, Stage::Screening), 1);
    assert_eq!(cell(Stage::Screening, Stage::Assessment), 1);
    assert_eq!(cell(Stage::Assessment, Stage::Screening), 1, "moved back");
    assert_eq!(cell(Stage::Screening, Stage::Closed), 1);
    assert_eq!(cell(Stage::NewConcern, Stage::Forwarded), 2, "F and G");
    assert_eq!(cell(Stage::Forwarded, Stage::NewConcern), 1, "F taken back (G only in April)");
    assert_eq!(moves.total.unwrap().value, Some(7));
    assert_eq!(moves.row_totals[0].value, Some(3));
    assert_eq!(moves.column_totals[Stage::ALL.len() - 1].value, Some(2));

    assert_eq!(count(&s, "outcomes", "Afsluttet efter indsats"), 1);
    assert_eq!(total(&s, "outcomes"), 1, "E was closed in February");

    // Forwarded and still forwarded at the end: G only, 48 hours after it came in.
    let fwd = &s.durations[0];
    assert_eq!(fwd.key, "to_forwarded");
    assert_eq!(fwd.count.value, Some(1));
    assert_eq!((fwd.median_minutes, fwd.longest_minutes), (Some(48 * 60), Some(48 * 60)));
    // First meeting on 20 March at 14.00: B after 19 days 13 h 50 min, H after 10 days.
    let first = &s.durations[1];
    assert_eq!(first.count.value, Some(2));
    let (b, h) = (19 * 1440 + 13 * 60 + 50, 10 * 1440);
    assert_eq!((first.median_minutes, first.longest_minutes), (Some((b + h) / 2), Some(b)));

    assert_eq!(count(&s, "meetings", "Møder holdt"), 1);
    assert_eq!(count(&s, "meetings", "Sager drøftet"), 2);
    assert_eq!(count(&s, "action_items", "Udført inden fristen"), 1);
    assert_eq!(count(&s, "action_items", "Udført efter fristen"), 1);
    assert_eq!(count(&s, "action_items", "Åben"), 1);
    assert_eq!(total(&s, "action_items"), 3);

    // April: D came in (its local day), G was taken back; the March cases are not received.
    let april = stats::figures(&store, Period::new(day("1.4.2026"), day("30.4.2026")).unwrap(), 3).unwrap();
    assert_eq!(total(&april, "by_month"), 1);
    assert_eq!(count(&april, "stage_at_end", "Videresendt"), 0);
    assert_eq!(april.durations[0].count.value, Some(0));
}

#[test]
fn published_figures_hide_small_counts_and_carry_no_value_for_them() {
    let (_t, store, _clock) = march_store();
    let period = Period::new(day("2026-03-01"), day("2026-03-31")).unwrap();
    let s = stats::published(&store, period, 5).unwrap();
    assert!(!s.exact);
    for t in &s.tables {
        let all = t.cells.iter().flatten().chain(&t.row_totals).chain(&t.column_totals).chain(t.total.iter());
        for c in all {
            match c.hidden {
                Some(_) => assert_eq!(c.value, None, "{}", t.key),
                None => assert!(c.value.unwrap() >= 5, "{}: {:?}", t.key, c),
            }
        }
    }
    assert_eq!(table(&s, "by_month").total.unwrap().value, Some(5), "the received total is at the threshold");
    for d in &s.durations {
        assert_eq!((d.count.value, d.median_minutes, d.longest_minutes), (None, None, None), "{}", d.key);
    }
    let json = serde_json::to_string(&s).unwrap();
    for secret in ["Hemmelig", "ØJP-2026", "Pseudonym"] {
        assert!(!json.contains(secret), "{secret}");
    }
}

#[test]
fn bad_periods_and_thresholds_are_refused_naming_the_field() {
    let (_t, store, _clock) = store("2026-02-01T09:00:00Z");
    match Period::new(day("2026-03-02"), day("2026-03-01")) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "from"),
        other => panic!("{other:?}"),
    }
    assert!(Period::new(day("2016-01-01"), day("2026-12-31")).is_err());
    let p = Period::new(day("2026-03-01"), day("2026-03-01")).unwrap();
    for n in [0, 2, 11] {
        match stats::figures(&store, p, n) {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "suppress"),
            other => panic!("{other:?}"),
        }
    }
    let empty = stats::figures(&store, p, 10).unwrap();
    assert_eq!(total(&empty, "by_month"), 0);
}

#[test]
fn the_report_and_the_csv_hold_no_reference_pseudonym_or_text_of_the_store_and_saving_is_audited() {
    let (_t, store, clock) = march_store();
    let refs: Vec<String> =
        cases::list(&store, &Default::default()).unwrap().cases.into_iter().map(|c| c.reference).collect();
    assert_eq!(refs.len(), 8);
    clock.set(at("2026-04-10T10:00:00+02:00"));
    cases::add_note(&store, &refs[0], "Notat-Hemmelig om familien").unwrap();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("statistik.pdf");
    let csv = out.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    let period = Period::new(day("2026-03-01"), day("2026-03-31")).unwrap();
    let before = tovholder_core::audit::entries(&store, &Default::default()).unwrap().len();
    let saved = stats::export(&store, period, 3, Some(&pdf), Some(&csv)).unwrap();
    assert_eq!(saved.csv.len(), saved.statistics.tables.len() + 1);

    let text = pdftotext(&pdf);
    assert!(text.contains("Statistik for Infohus Østjylland"), "{text}");
    assert!(text.contains("1. mar. 2026 – 31. mar. 2026"));
    assert!(text.contains("Tal under 3 vises som »< 3«"), "the rule is printed");
    assert!(text.contains("Henvendelser pr. måned") && text.contains("Fra modtaget til første møde"));
    let mut files: Vec<(String, String)> = vec![("pdf".into(), text)];
    for p in &saved.csv {
        let bytes = std::fs::read(p).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM: {p:?}");
        let body = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(body.lines().next().unwrap().contains(';'), "semicolons: {body}");
        files.push((p.file_name().unwrap().to_string_lossy().into_owned(), body));
    }
    let month = files.iter().find(|(n, _)| n == "by_month.csv").unwrap();
    assert_eq!(month.1, "Måned;Antal\r\nmar. 2026;5\r\nI alt;5\r\n");
    let municipalities = &files.iter().find(|(n, _)| n == "by_municipality.csv").unwrap().1;
    // København's 2 is under 3, and Aarhus' 3 goes with it (or 5 − 3 gives it away).
    assert_eq!(municipalities, "Kommune;Antal\r\nAarhus;x\r\nKøbenhavn;< 3\r\nI alt;5\r\n");
    for (name, body) in &files {
        for r in &refs {
            assert!(!body.contains(r.as_str()), "{name} holds {r}");
        }
        for secret in ["Hemmelig", "Pseudonym", "Notat", "Bor i København", "fortrudt", "ØJP-", "KBHP-"] {
            assert!(!body.contains(secret), "{name} holds {secret}");
        }
    }
    // The bars are vector shapes: no image in the PDF.
    let doc = lopdf::Document::load(&pdf).unwrap();
    for (_, object) in doc.objects.iter() {
        if let Ok(stream) = object.as_stream() {
            assert!(stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Image".as_slice()));
        }
    }
    let entries = tovholder_core::audit::entries(&store, &Default::default()).unwrap();
    let exported: Vec<_> = entries[before..].iter().filter(|e| e.action == "stats.exported").collect();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].subject.as_deref(), Some("2026-03-01–2026-03-31 < 3"));

    // Never replacing: a second export into the same places is refused and writes nothing.
    let again = stats::export(&store, period, 3, Some(&pdf), None);
    assert!(matches!(again, Err(Error::Refused(_))), "{again:?}");
}

// ---- The attacker: solves hidden cells from the published cells and the sums. ----

/// Tightens each hidden position's range from the sums until nothing changes (what a reader does
/// with a pencil: a sum whose other terms are known, or bounded, bounds the rest). Returns the
/// ranges (`hi` None: unbounded).
fn propagate(known: &[Known], sums: &[Sum]) -> Vec<(u64, Option<u64>)> {
    let mut r: Vec<(u64, Option<u64>)> = known
        .iter()
        .map(|k| match *k {
            Known::Value(v) => (v, Some(v)),
            Known::Range { lo, hi } => (lo, hi),
        })
        .collect();
    loop {
        let mut changed = false;
        for s in sums {
            // total = Σ parts: bound each term by the others.
            let parts_lo: u64 = s.parts.iter().map(|&p| r[p].0).sum();
            let parts_hi: Option<u64> = s.parts.iter().map(|&p| r[p].1).sum();
            let t = s.total;
            let new_lo = r[t].0.max(parts_lo);
            let new_hi = match (r[t].1, parts_hi) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if (new_lo, new_hi) != r[t] {
                r[t] = (new_lo, new_hi);
                changed = true;
            }
            for &p in &s.parts {
                let others_lo: u64 = s.parts.iter().filter(|&&q| q != p).map(|&q| r[q].0).sum();
                let others_hi: Option<u64> = s.parts.iter().filter(|&&q| q != p).map(|&q| r[q].1).sum();
                let lo = match others_hi {
                    Some(h) => r[t].0.saturating_sub(h),
                    None => 0,
                };
                let hi = r[t].1.map(|h| h.saturating_sub(others_lo));
                let new = (
                    r[p].0.max(lo),
                    match (r[p].1, hi) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    },
                );
                if new != r[p] {
                    r[p] = new;
                    changed = true;
                }
            }
        }
        if !changed {
            return r;
        }
    }
}

/// Every hidden position of a protected layout keeps at least two possible values, by the
/// propagating attacker and by the linear programmes; published counts are at least `n`.
fn assert_protected(layout: &suppress::Layout, hidden: &[Option<Hidden>], n: u64) {
    let known: Vec<Known> = layout.values.iter().zip(hidden).map(|(v, h)| suppress::known(*v, *h, n)).collect();
    let ranges = propagate(&known, &layout.sums);
    for (i, h) in hidden.iter().enumerate() {
        match h {
            None => assert!(layout.values[i] >= n, "published {} at {i}", layout.values[i]),
            Some(_) => {
                let (lo, hi) = ranges[i];
                assert!(hi != Some(lo), "position {i} (value {}) solved to {lo}: {hidden:?}", layout.values[i]);
                let (lo, hi) = suppress::range_of(&known, &layout.sums, i);
                assert!(hi.is_none_or(|hi| hi - lo >= 0.5), "position {i}: LP range {lo}..{hi:?}");
                // The true value lies in the ranges (the attacker's model is the truth's).
                assert!(ranges[i].0 <= layout.values[i] && ranges[i].1.is_none_or(|h| layout.values[i] <= h));
            }
        }
    }
}

/// Every integer solution of a one-column table (cells then the total), by enumeration: each
/// hidden cell must take at least two values over them.
fn assert_no_unique_solution_1d(layout: &suppress::Layout, hidden: &[Option<Hidden>], n: u64) {
    let cap = layout.values.iter().sum::<u64>() + 2 * n;
    let idx: Vec<usize> = (0..layout.values.len()).filter(|&i| hidden[i].is_some()).collect();
    let bound = |i: usize| match hidden[i] {
        Some(Hidden::Small) => (0, n - 1),
        Some(Hidden::Secondary) => (n, cap),
        None => (layout.values[i], layout.values[i]),
    };
    let mut seen: Vec<std::collections::BTreeSet<u64>> = vec![Default::default(); idx.len()];
    let mut vals = layout.values.clone();
    fn walk(
        k: usize,
        idx: &[usize],
        vals: &mut Vec<u64>,
        bound: &dyn Fn(usize) -> (u64, u64),
        sums: &[Sum],
        seen: &mut [std::collections::BTreeSet<u64>],
    ) {
        if k == idx.len() {
            if sums.iter().all(|s| s.parts.iter().map(|&p| vals[p]).sum::<u64>() == vals[s.total]) {
                for (j, &i) in idx.iter().enumerate() {
                    seen[j].insert(vals[i]);
                }
            }
            return;
        }
        let (lo, hi) = bound(idx[k]);
        for v in lo..=hi {
            vals[idx[k]] = v;
            walk(k + 1, idx, vals, bound, sums, seen);
        }
    }
    walk(0, &idx, &mut vals, &bound, &layout.sums, &mut seen);
    for (j, &i) in idx.iter().enumerate() {
        assert!(seen[j].len() >= 2, "cell {i} ({}) has one solution {:?}: {hidden:?}", layout.values[i], seen[j]);
    }
}

#[test]
fn the_classic_cases_are_protected() {
    // One small cell in a column: a second goes with it.
    for (cells, n) in [
        (vec![vec![12], vec![3], vec![20], vec![7]], 5),
        (vec![vec![0], vec![5], vec![9]], 5),
        (vec![vec![1], vec![40]], 5),
        (vec![vec![2], vec![3]], 3),
        (vec![vec![6], vec![6], vec![6], vec![1]], 10),
    ] {
        let layout = suppress::grid_layout(&cells, true);
        let hidden = suppress::protect(&layout, n);
        assert_protected(&layout, &hidden, n);
        assert_no_unique_solution_1d(&layout, &hidden, n);
    }
    // A 2 × 3 table with one small cell: a rectangle of four is hidden, the margins stay.
    let cells = vec![vec![10, 2, 8], vec![9, 11, 7]];
    let layout = suppress::grid_layout(&cells, true);
    let hidden = suppress::protect(&layout, 5);
    assert_protected(&layout, &hidden, 5);
    assert_eq!(hidden.iter().filter(|h| h.is_some()).count(), 4, "{hidden:?}");
    assert!(hidden[6..].iter().all(Option::is_none), "margins published: {hidden:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_hidden_cell_of_a_column_can_be_recovered(
        cells in prop::collection::vec(0u64..14, 1..5),
        n in 3u64..=6,
    ) {
        let cells: Vec<Vec<u64>> = cells.into_iter().map(|v| vec![v]).collect();
        let layout = suppress::grid_layout(&cells, true);
        let hidden = suppress::protect(&layout, n);
        assert_protected(&layout, &hidden, n);
        assert_no_unique_solution_1d(&layout, &hidden, n);
    }

    #[test]
    fn no_hidden_cell_of_a_table_can_be_solved_from_its_rows_and_columns(
        rows in 1usize..5,
        cols in 2usize..5,
        values in prop::collection::vec(prop_oneof![0u64..5, 5u64..30], 16),
        n in 3u64..=10,
    ) {
        let cells: Vec<Vec<u64>> = (0..rows).map(|r| (0..cols).map(|c| values[r * 4 + c]).collect()).collect();
        let layout = suppress::grid_layout(&cells, true);
        let hidden = suppress::protect(&layout, n);
        assert_protected(&layout, &hidden, n);
    }
}

#[test]
fn the_threshold_is_a_setting_of_3_to_10_saved_with_an_audit_entry() {
    let (_t, store, _clock) = store("2026-02-01T09:00:00Z");
    assert_eq!(stats::settings(&store).unwrap().threshold, 5);
    match stats::save_settings(&store, stats::StatsSettings { threshold: 11 }) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "suppress"),
        other => panic!("{other:?}"),
    }
    assert_eq!(stats::save_settings(&store, stats::StatsSettings { threshold: 7 }).unwrap().threshold, 7);
    assert_eq!(stats::settings(&store).unwrap().threshold, 7);
    let entries = tovholder_core::audit::entries(&store, &Default::default()).unwrap();
    let e = entries.iter().find(|e| e.action == "stats.settings_changed").expect("audited");
    assert_eq!(e.subject.as_deref(), Some("< 7"));
}

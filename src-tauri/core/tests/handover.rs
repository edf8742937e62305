//! The sealed hand-over between two installations (#18): two real SQLCipher stores in two data
//! directories, each with its own keychain, passing a case as a file and a receipt back.

use proptest::prelude::*;
use std::sync::Arc;
use tovholder_core::handover::{self, Refusal, bundle};
use tovholder_core::identity::PublicIdentity;
use tovholder_core::intake::IntakeReport;
use tovholder_core::profile::{OrganisationKind, Profile};
use tovholder_core::{Error, FixedClock, Keychain, Store, cases, identity, peers, retention};

const NOW: &str = "2026-11-25T13:05:00Z";
const DESCRIPTION: &str = "Moren fortæller om radikaliserende videoer på telefonen og nye venner fra Odense.";
const NOTE: &str = "Skolen har også set ændret adfærd i frikvartererne.";

struct Site {
    _dir: tempfile::TempDir,
    store: Store,
    clock: FixedClock,
}

fn site(name: &str, organisation: &str, district: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let clock = FixedClock::at(NOW.parse().unwrap());
    let profile = Profile {
        name: name.into(),
        organisation_kind: OrganisationKind::Police,
        organisation_name: organisation.into(),
        district_code: district.into(),
    };
    let (store, _) = Store::init_with_clock(dir.path(), &Keychain::memory(), profile, Arc::new(clock.clone())).unwrap();
    Site { _dir: dir, store, clock }
}

fn hotline() -> Site {
    site("Sara Nielsen", "Københavns Politi", "KBHP")
}

fn fyn() -> Site {
    site("Jonas Berg", "Fyns Politi", "FYP")
}

fn line(s: &Site) -> String {
    identity::info(&s.store).unwrap().line
}

/// `a` knows `b` under `name` in `b`'s infohus, verified or not.
fn know(a: &Site, b: &Site, name: &str, infohus: &str, verified: bool) -> i64 {
    peers::add(&a.store, &line(b), name, infohus, verified).unwrap().0.id
}

fn intake(s: &Site) -> String {
    intake_in(s, "Odense")
}

fn intake_in(s: &Site, municipality: &str) -> String {
    let report = IntakeReport::from_json(
        &serde_json::json!({
            "received_at": "2026-11-25T10:00:00+01:00",
            "channel": "hotline",
            "caller": {"type": "parent", "name": "Hanne Kragh", "phone": "+45 20 30 40 50"},
            "subject": {"pseudonym": "K.M.", "birth_year": 2010, "gender": "male", "municipality": municipality},
            "category": "right_wing",
            "indicators": ["shares_propaganda"],
            "urgency": "high",
            "description": DESCRIPTION
        })
        .to_string(),
    )
    .unwrap();
    let reference = cases::intake(&s.store, report).unwrap().reference;
    cases::add_note(&s.store, &reference, NOTE).unwrap();
    reference
}

fn send(s: &Site, reference: &str, to: &str, with_contact: bool) -> handover::SealedFile {
    handover::send(&s.store, reference, to, with_contact, None, |_| Ok(())).unwrap()
}

/// Everything a refused file must leave unchanged: the counts of cases, notes, history, audit
/// entries, peers and hand-overs.
fn counts(s: &Site) -> Vec<i64> {
    ["cases", "case_notes", "case_history", "audit_log", "peers", "handovers_sent", "handovers_received"]
        .iter()
        .map(|t| s.store.conn_for_tests().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
        .collect()
}

fn refused(r: Result<impl std::fmt::Debug, Error>) -> Refusal {
    match r {
        Err(Error::Sealed(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn paired() -> (Site, Site) {
    let (h, f) = (hotline(), fyn());
    know(&h, &f, "Jonas Berg, Fyns Politi", "FYP", true);
    know(&f, &h, "Sara Nielsen, Den nationale hotline", "KBHP", true);
    (h, f)
}

#[test]
fn a_case_travels_sealed_and_the_receipt_confirms_it() {
    let (h, f) = paired();
    let reference = intake(&h);
    assert!(reference.starts_with("FYP-2026-"), "routed to Fyn: {reference}");

    let options = handover::send_options(&h.store, &reference).unwrap();
    assert_eq!(options.routed.as_deref(), Some("FYP"));
    assert!(options.has_contact);

    let sealed = send(&h, &reference, "FYP", false);
    assert_eq!(sealed.file_name, format!("{reference}.tovholder"));
    // Nothing of the case in clear: not its text, pseudonym, municipality, the caller or a note.
    for secret in [DESCRIPTION, NOTE, "K.M.", "Odense", "Hanne", "Sara Nielsen", "right_wing"] {
        assert!(
            !sealed.bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret:?} is readable in the sealed file"
        );
    }
    let sent = cases::get(&h.store, &reference).unwrap();
    assert_eq!(sent.summary.stage, cases::Stage::Forwarded);
    assert_eq!(sent.forwarded_to.as_deref(), Some("FYP"));
    let entry = sent.history.iter().find(|e| e.field == "handover_sent").expect("the hand-over in the history");
    assert_eq!(entry.new_value.as_deref(), Some(sealed.sha256.as_str()));
    assert!(entry.reason.as_deref().unwrap().contains("Jonas Berg"));
    assert_eq!(sent.handovers.len(), 1);
    assert!(sent.handovers[0].confirmed_at.is_none());

    // The receiver sees it first, then takes it.
    let preview = handover::preview(&f.store, &sealed.bytes).unwrap();
    assert_eq!(preview.case.origin_reference, reference);
    assert_eq!(preview.case.report.description, DESCRIPTION);
    assert_eq!(preview.case.report.caller.name, None, "contact details only when ticked");
    assert_eq!(preview.district_code, "FYP");
    assert_eq!(counts(&f)[0], 0, "a preview stores nothing");

    let received = handover::import(&f.store, &sealed.bytes).unwrap();
    assert!(received.reference.starts_with("FYP-2026-"));
    let case = cases::get(&f.store, &received.reference).unwrap();
    assert_eq!(case.description, DESCRIPTION);
    assert_eq!(case.summary.stage, cases::Stage::NewConcern);
    assert_eq!(case.caller.phone, None);
    assert_eq!(case.notes.len(), 1);
    assert_eq!((case.notes[0].author.as_str(), case.notes[0].body.as_str()), ("Sara Nielsen", NOTE));
    let from = case.history.iter().find(|e| e.field == "received_from").expect("received in the history");
    assert_eq!(from.new_value.as_deref(), Some(reference.as_str()));
    assert!(from.reason.as_deref().unwrap().starts_with("Modtaget fra Infohus København"), "{from:?}");
    // The receiver's own coordinator sees the case on the board and finds it by its note.
    let hits = cases::search(&f.store, "frikvartererne", 10).unwrap();
    assert_eq!(hits.len(), 1);

    // The same file again: no second case, the existing one named.
    let before = counts(&f);
    match handover::import(&f.store, &sealed.bytes) {
        Err(Error::AlreadyReceived { reference: Some(r) }) => assert_eq!(r, received.reference),
        other => panic!("expected already received, got {other:?}"),
    }
    assert_eq!(counts(&f), before);

    // The receipt goes back; the sender's case shows the confirmation and its shorter retention.
    h.clock.advance(chrono::TimeDelta::days(2));
    let confirmed = handover::confirm(&h.store, &received.receipt.bytes).unwrap();
    assert!(!confirmed.already);
    assert_eq!(confirmed.receiver_reference, received.reference);
    assert!(confirmed.received_by.starts_with("Jonas Berg, Fyns Politi, Infohus Fyn"), "{}", confirmed.received_by);
    let after = cases::get(&h.store, &reference).unwrap();
    let confirmation = &after.handovers[0];
    assert_eq!(confirmation.receiver_reference.as_deref(), Some(received.reference.as_str()));
    assert!(confirmation.confirmed_at.is_some());
    assert!(after.history.iter().any(|e| e.field == "handover_confirmed"));
    let due = retention::due_within(&h.store, Some(400)).unwrap();
    let rule = due.iter().find(|d| d.reference == reference).expect("the forwarded case is due");
    assert_eq!(rule.rule, "forwarded.confirmed");
    assert_eq!(rule.due.as_text(), "2026-11-27");
    // A receipt imported twice changes nothing.
    let before = counts(&h);
    assert!(handover::confirm(&h.store, &received.receipt.bytes).unwrap().already);
    assert_eq!(counts(&h)[..3], before[..3]);
}

#[test]
fn a_case_sent_to_an_infohus_belongs_to_it_there_also_for_a_person_who_moved() {
    let (aarhus, f) = (site("Peter Lund", "Østjyllands Politi", "ØJP"), fyn());
    know(&aarhus, &f, "Jonas Berg", "FYP", true);
    know(&f, &aarhus, "Peter Lund", "ØJP", true);
    // Registered in Aarhus as an Aarhus case; the family has moved to Fyn.
    let reference = intake_in(&aarhus, "Aarhus");
    assert!(reference.starts_with("ØJP-"));
    let sealed = send(&aarhus, &reference, "FYP", false);
    assert_eq!(handover::preview(&f.store, &sealed.bytes).unwrap().district_code, "FYP");
    let received = handover::import(&f.store, &sealed.bytes).unwrap();
    assert!(received.reference.starts_with("FYP-2026-"), "{}", received.reference);
    // Fyn's own case: it can work it (a stage change needs the case to be its own).
    cases::transition(&f.store, &received.reference, cases::Stage::Screening, None, None).unwrap();
}

#[test]
fn cases_for_other_infohuse_wait_to_be_sent_until_they_are() {
    let (h, f) = paired();
    let fyn_case = intake(&h);
    let bornholm_case = intake_in(&h, "Rønne");
    let home_case = intake_in(&h, "København");
    let waiting = handover::waiting(&h.store).unwrap();
    let refs: Vec<(&str, bool)> = waiting.iter().map(|w| (w.case.reference.as_str(), w.can_send)).collect();
    assert_eq!(refs, [(fyn_case.as_str(), true), (bornholm_case.as_str(), false)], "not {home_case}");
    assert_eq!(waiting[0].district_name, "Infohus Fyn");
    send(&h, &fyn_case, "FYP", false);
    let waiting = handover::waiting(&h.store).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].case.reference, bornholm_case);
    drop(f);
}

#[test]
fn the_hotline_sends_every_concern_on_and_its_two_sites_pass_cases_to_each_other() {
    let copenhagen = site("Sara Nielsen", "Københavns Politi", "NH");
    let aarhus = site("Peter Lund", "Østjyllands Politi", "NH");
    know(&copenhagen, &aarhus, "Peter Lund, hotline Aarhus", "hotline", true);
    know(&aarhus, &copenhagen, "Sara Nielsen, hotline København", "NH", true);
    // Every concern the hotline takes belongs to an infohus, also one about Copenhagen.
    let odense = intake(&copenhagen);
    let city = intake_in(&copenhagen, "København");
    let waiting: Vec<String> =
        handover::waiting(&copenhagen.store).unwrap().into_iter().map(|w| w.case.reference).collect();
    assert_eq!(waiting, [odense.clone(), city.clone()]);
    assert!(city.starts_with("KBHP-"));
    // The Copenhagen site hands a concern to the Aarhus site: it stays Fyn's, to be sent on.
    let options = handover::send_options(&copenhagen.store, &odense).unwrap();
    assert_eq!(options.infohuse.iter().map(|t| t.district_code.as_str()).collect::<Vec<_>>(), ["NH"]);
    let sealed = send(&copenhagen, &odense, "NH", false);
    let received = handover::import(&aarhus.store, &sealed.bytes).unwrap();
    assert!(received.reference.starts_with("FYP-"), "{}", received.reference);
    let waiting = handover::waiting(&aarhus.store).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].district_name, "Infohus Fyn");
}

#[test]
fn the_callers_contact_details_go_only_when_ticked() {
    let (h, f) = paired();
    let reference = intake(&h);
    let sealed = send(&h, &reference, "FYP", true);
    let case = handover::preview(&f.store, &sealed.bytes).unwrap().case;
    assert_eq!(case.report.caller.name.as_deref(), Some("Hanne Kragh"));
    assert_eq!(case.report.caller.phone.as_deref(), Some("+45 20 30 40 50"));
}

#[test]
fn sending_needs_a_verified_key_of_that_infohus() {
    let (h, f) = (hotline(), fyn());
    let reference = intake(&h);
    let id = know(&h, &f, "Jonas Berg", "FYP", false);
    let before = counts(&h);
    let e = handover::send(&h.store, &reference, "FYP", false, None, |_| Ok(())).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "to", .. }), "{e:?}");
    assert_eq!(counts(&h), before);
    assert!(handover::send_options(&h.store, &reference).unwrap().infohuse.is_empty());
    peers::verify(&h.store, id).unwrap();
    send(&h, &reference, "FYP", false);
}

#[test]
fn a_file_that_cannot_be_delivered_leaves_the_case_as_it_was() {
    let (h, _f) = paired();
    let reference = intake(&h);
    let before = counts(&h);
    let e = handover::send(&h.store, &reference, "FYP", false, None, |_| Err(Error::DiskFull)).unwrap_err();
    assert!(matches!(e, Error::DiskFull));
    assert_eq!(counts(&h), before);
    assert_eq!(cases::get(&h.store, &reference).unwrap().summary.stage, cases::Stage::NewConcern);
}

/// The byte regions of a sealed file: magic, format, sender, length, manifest, signature,
/// payload (age header, body, end).
fn regions(bytes: &[u8]) -> Vec<(&'static str, usize)> {
    let len = u32::from_be_bytes(bytes[34..38].try_into().unwrap()) as usize;
    let sig = 38 + len;
    let payload = sig + 64;
    vec![
        ("magic", 3),
        ("format", 17),
        ("sender", 20),
        ("length", 36),
        ("manifest", 38 + len / 2),
        ("signature", sig + 10),
        ("payload header", payload + 20),
        ("payload body", (payload + bytes.len()) / 2),
        ("payload end", bytes.len() - 1),
    ]
}

#[test]
fn every_changed_region_and_every_truncation_is_refused_and_nothing_is_written() {
    let (h, f) = paired();
    let reference = intake(&h);
    let sealed = send(&h, &reference, "FYP", false);
    let before = counts(&f);
    for (region, at) in regions(&sealed.bytes) {
        let mut changed = sealed.bytes.clone();
        changed[at] ^= 0x20;
        let r = refused(handover::import(&f.store, &changed));
        let expected = match region {
            "magic" => Refusal::NotSealed,
            "format" => Refusal::NewerFormat,
            "sender" => Refusal::UnknownSender,
            _ => Refusal::Damaged,
        };
        assert_eq!(r, expected, "{region}");
        assert_eq!(counts(&f), before, "{region}: nothing written");
    }
    for cut in [10, 40, 200, sealed.bytes.len() - 1] {
        let r = refused(handover::import(&f.store, &sealed.bytes[..cut]));
        assert!(matches!(r, Refusal::Damaged | Refusal::NotSealed), "cut at {cut}: {r:?}");
    }
    // One byte appended: the payload's hash no longer holds.
    let mut longer = sealed.bytes.clone();
    longer.push(0);
    assert_eq!(refused(handover::import(&f.store, &longer)), Refusal::Damaged);
    assert_eq!(counts(&f), before);
    // The untouched file still imports.
    handover::import(&f.store, &sealed.bytes).unwrap();
}

#[test]
fn a_file_for_someone_else_from_a_stranger_or_an_unverified_sender_is_refused() {
    let (h, f) = paired();
    // Another coordinator of Fyn whose key the hotline has verified, and a third party.
    let f2 = site("Line Dahl", "SSP Odense Kommune", "FYP");
    know(&h, &f2, "Line Dahl, SSP Odense", "FYP", true);
    know(&f2, &h, "Sara Nielsen", "KBHP", true);
    let reference = intake(&h);
    let sealed = send(&h, &reference, "FYP", false);
    // Sealed to both Fyn keys: each can open it.
    handover::preview(&f.store, &sealed.bytes).unwrap();
    handover::preview(&f2.store, &sealed.bytes).unwrap();

    // A case sent to Bornholm is not for Fyn.
    let bornholm = site("Ole Kofoed", "Bornholms Politi", "BHP");
    know(&h, &bornholm, "Ole Kofoed", "BHP", true);
    let other = intake(&h);
    let to_bornholm = send(&h, &other, "BHP", false);
    let before = counts(&f);
    assert_eq!(refused(handover::import(&f.store, &to_bornholm.bytes)), Refusal::NotForUs);
    assert_eq!(counts(&f), before);

    // Bornholm does not know the hotline; then knows it, unverified.
    assert_eq!(refused(handover::import(&bornholm.store, &to_bornholm.bytes)), Refusal::UnknownSender);
    let id = know(&bornholm, &h, "Sara Nielsen", "KBHP", false);
    assert_eq!(refused(handover::import(&bornholm.store, &to_bornholm.bytes)), Refusal::UnverifiedSender);
    peers::verify(&bornholm.store, id).unwrap();
    handover::import(&bornholm.store, &to_bornholm.bytes).unwrap();
}

#[test]
fn a_receipt_must_match_a_bundle_sent_from_here_to_its_signer() {
    let (h, f) = paired();
    let reference = intake(&h);
    let sealed = send(&h, &reference, "FYP", false);
    let received = handover::import(&f.store, &sealed.bytes).unwrap();
    // A receipt is not a case, and a case is not a receipt.
    assert_eq!(refused(handover::import(&h.store, &received.receipt.bytes)), Refusal::ReceiptNotCase);
    assert_eq!(refused(handover::confirm(&f.store, &sealed.bytes)), Refusal::CaseNotReceipt);
    // A second hotline site that never sent this case gets the same receipt: it matches nothing.
    let aarhus = site("Peter Lund", "Østjyllands Politi", "ØJP");
    know(&aarhus, &f, "Jonas Berg", "FYP", true);
    know(&f, &aarhus, "Peter Lund", "ØJP", true);
    let other = intake(&aarhus);
    let sealed_other = send(&aarhus, &other, "FYP", false);
    let received_other = handover::import(&f.store, &sealed_other.bytes).unwrap();
    let before = counts(&h);
    // Sealed to Aarhus only: the hotline in Copenhagen cannot even open it.
    assert_eq!(refused(handover::confirm(&h.store, &received_other.receipt.bytes)), Refusal::NotForUs);
    assert_eq!(counts(&h), before);
    handover::confirm(&aarhus.store, &received_other.receipt.bytes).unwrap();
}

#[test]
fn a_new_key_for_a_known_installation_must_be_verified_again() {
    let (h, f) = paired();
    let mut public = PublicIdentity::parse_line(&line(&f)).unwrap();
    public.age_key[0] ^= 1;
    let (peer, added) = peers::add(&h.store, &public.line(), "Jonas Berg, Fyns Politi", "FYP", false).unwrap();
    assert_eq!(added, peers::PeerAdded::KeyChanged);
    assert!(!peer.verified);
    assert!(peer.key_changed_at.is_some());
    // The same key again keeps what it was.
    let (_, again) = peers::add(&h.store, &public.line(), "Jonas Berg", "FYP", false).unwrap();
    assert_eq!(again, peers::PeerAdded::Unchanged);
    // Its own key is not a peer.
    let e = peers::add(&h.store, &line(&h), "Mig selv", "KBHP", true).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "line", .. }));
}

#[test]
fn both_sides_see_the_same_safety_number() {
    let (h, f) = paired();
    let on_h = peers::list(&h.store).unwrap().pop().unwrap();
    let on_f = peers::list(&f.store).unwrap().pop().unwrap();
    assert_eq!(on_h.safety_number, on_f.safety_number);
    assert_eq!(on_h.safety_number.split(' ').count(), 12);
}

#[test]
fn a_deleted_received_case_keeps_only_the_hash_and_its_file_is_not_taken_again() {
    let (h, f) = paired();
    let reference = intake(&h);
    let sealed = send(&h, &reference, "FYP", false);
    let received = handover::import(&f.store, &sealed.bytes).unwrap();
    cases::purge(&f.store, &received.reference).unwrap();
    let row: (Option<i64>, Option<String>) = f
        .store
        .conn_for_tests()
        .query_row("SELECT case_id, origin_reference FROM handovers_received", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(row, (None, None));
    assert!(matches!(handover::import(&f.store, &sealed.bytes), Err(Error::AlreadyReceived { reference: None })));
    // The sender's rows go with its case; then its receipt matches nothing sent from here.
    cases::purge(&h.store, &reference).unwrap();
    assert_eq!(counts(&h)[5], 0);
    let before = counts(&h);
    assert_eq!(refused(handover::confirm(&h.store, &received.receipt.bytes)), Refusal::UnknownReceipt);
    assert_eq!(counts(&h), before);
}

#[test]
fn a_store_without_an_identity_gets_one_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let profile = Profile {
        name: "Mette Holm".into(),
        organisation_kind: OrganisationKind::Police,
        organisation_name: "Østjyllands Politi".into(),
        district_code: "ØJP".into(),
    };
    let (store, _) = Store::init(dir.path(), &keychain, profile).unwrap();
    let first = identity::info(&store).unwrap().line;
    store.conn_for_tests().execute("DELETE FROM identity", []).unwrap();
    drop(store);
    let store = Store::open(dir.path(), &keychain).unwrap();
    let second = identity::info(&store).unwrap().line;
    assert_ne!(first, second);
    PublicIdentity::parse_line(&second).unwrap();
}

thread_local! {
    /// One pair of sites and a sealed file, made once per test thread for the property test.
    static FIXTURE: (Site, Site, Vec<u8>) = {
        let (h, f) = paired();
        let reference = intake(&h);
        let sealed = send(&h, &reference, "FYP", false).bytes;
        (h, f, sealed)
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// No input makes opening panic: random bytes, random bytes behind a valid frame, and a
    /// valid file cut anywhere and continued with random bytes.
    #[test]
    fn opening_never_panics(noise in proptest::collection::vec(any::<u8>(), 0..600), cut in 0usize..2000) {
        FIXTURE.with(|(_h, f, sealed)| {
            let _ = handover::preview(&f.store, &noise);
            let mut framed = bundle::MAGIC.to_vec();
            framed.push(bundle::FORMAT);
            framed.extend_from_slice(&noise);
            let _ = handover::preview(&f.store, &framed);
            let mut mixed = sealed[..cut.min(sealed.len())].to_vec();
            mixed.extend_from_slice(&noise);
            prop_assert!(handover::preview(&f.store, &mixed).is_err() || mixed == *sealed);
            Ok(())
        })?;
    }
}

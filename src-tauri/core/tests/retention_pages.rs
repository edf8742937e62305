//! Real deletion, proved on the files: a case with unique phrases in its description, a note, an
//! action item and a draft meeting's recording is deleted by the retention pass; then every page
//! of the store file and of its WAL is decrypted here (SQLCipher 4's page format, with the key
//! from the OS keychain as the store reads it) and searched for the phrases in any letter case and
//! Danish-folded form — free pages and old WAL frames included, where deleted text survives when
//! deletion is not real. A phrase of a case that was NOT deleted must be found: that is how this
//! test can fail when decryption does not work.
//!
//! Needs the real OS keychain: run inside scripts/keyring-session.sh.

mod common;
use aes::Aes256;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use common::{TempStore, at, profile, require_os_keychain, store_id};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::json;
use sha2::Sha512;
use std::path::Path;
use std::sync::Arc;
use tovholder_core::cases::{self, Outcome, Stage};
use tovholder_core::export::PrivateFolder;
use tovholder_core::intake::IntakeReport;
use tovholder_core::text::fold;
use tovholder_core::{FixedClock, Keychain, Store, actions, audit, meetings, retention};

/// SQLCipher 4's defaults: 4096-byte pages, 16 bytes of IV and 64 of HMAC-SHA512 reserved at
/// the end of each page, the HMAC key from PBKDF2-HMAC-SHA512 (2 iterations) over the key with
/// the file's salt XOR 0x3a. A raw key (`x'…'`, as the store applies it) is the AES key itself.
const PAGE: usize = 4096;
const RESERVE: usize = 80;
const IV: usize = 16;
const HMAC_LEN: usize = 64;

struct Cipher {
    key: [u8; 32],
    hmac_key: [u8; 32],
}

impl Cipher {
    fn new(key: &[u8], salt: &[u8]) -> Cipher {
        let hmac_salt: Vec<u8> = salt.iter().map(|b| b ^ 0x3a).collect();
        let mut hmac_key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha512>(key, &hmac_salt, 2, &mut hmac_key);
        Cipher { key: key.try_into().expect("a 32-byte key"), hmac_key }
    }

    /// One page's plaintext (page 1 without its 16-byte salt); panics when its HMAC is wrong, so a
    /// wrong key or format never passes as "nothing found".
    fn decrypt(&self, page_no: u32, page: &[u8]) -> Vec<u8> {
        assert_eq!(page.len(), PAGE);
        let start = if page_no == 1 { 16 } else { 0 };
        let end = PAGE - RESERVE;
        let iv = &page[end..end + IV];
        let tag = &page[end + IV..end + IV + HMAC_LEN];
        let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(&self.hmac_key).unwrap();
        mac.update(&page[start..end + IV]);
        mac.update(&page_no.to_le_bytes());
        mac.verify_slice(tag).unwrap_or_else(|_| panic!("page {page_no}: HMAC check failed"));
        let mut buf = page[start..end].to_vec();
        cbc::Decryptor::<Aes256>::new_from_slices(&self.key, iv)
            .unwrap()
            .decrypt_padded::<NoPadding>(&mut buf)
            .expect("whole blocks");
        buf
    }
}

/// Every page of the database file and every frame of its WAL, decrypted: (where, plaintext).
fn decrypt_all(dir: &Path, key: &[u8]) -> Vec<(String, Vec<u8>)> {
    let db = std::fs::read(dir.join("tovholder.db")).unwrap();
    assert!(db.len() >= PAGE && db.len().is_multiple_of(PAGE), "whole pages");
    let cipher = Cipher::new(key, &db[..16]);
    let mut out = Vec::new();
    for (i, page) in db.chunks(PAGE).enumerate() {
        let no = i as u32 + 1;
        out.push((format!("db page {no}"), cipher.decrypt(no, page)));
    }
    // Page 1 decrypted is SQLite's header after the salt: page size 4096, 80 reserved bytes, and
    // a table b-tree page at offset 100 (of the page; 84 here, without the salt).
    let p1 = &out[0].1;
    assert_eq!(u16::from_be_bytes([p1[0], p1[1]]) as usize, PAGE, "page size in the header");
    assert_eq!(p1[4] as usize, RESERVE, "reserved bytes in the header");
    assert!(matches!(p1[100 - 16], 0x0d | 0x05), "page 1 is a table b-tree page");
    if let Ok(wal) = std::fs::read(dir.join("tovholder.db-wal")) {
        let frame = 24 + PAGE;
        if wal.len() >= 32 {
            for (i, f) in wal[32..].chunks(frame).enumerate().filter(|(_, f)| f.len() == frame) {
                let no = u32::from_be_bytes(f[0..4].try_into().unwrap());
                out.push((format!("wal frame {i} (page {no})"), cipher.decrypt(no, &f[24..])));
            }
        }
    }
    out
}

/// The forms a phrase could be stored in: as typed, lower and upper case, Danish-folded (what
/// the search index holds), and each folded word on its own.
fn forms(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string(), phrase.to_lowercase(), phrase.to_uppercase(), fold(phrase)];
    // The index stores terms prefix-compressed (a term sharing its first letters with the one
    // before it keeps only the rest): each folded word without its first two letters as well.
    for word in fold(phrase).split_whitespace() {
        out.push(word.to_string());
        out.push(word.chars().skip(2).collect());
    }
    out.sort();
    out.dedup();
    out
}

fn find(pages: &[(String, Vec<u8>)], phrase: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for form in forms(phrase) {
        let needle = form.as_bytes();
        for (where_, text) in pages {
            if let Some(i) = text.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)) {
                let ctx = String::from_utf8_lossy(&text[i.saturating_sub(60)..(i + 80).min(text.len())]).into_owned();
                hits.push(format!("{form:?} in {where_}: {ctx:?}"));
            }
        }
    }
    hits
}

fn intake(store: &Store, description: &str) -> String {
    let report = IntakeReport::from_json(
        &json!({
            "received_at": "2022-01-10T08:00:00+01:00",
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": {"pseudonym": "J.K.", "birth_year": 2008, "municipality": "Aarhus"},
            "category": "right_wing",
            "urgency": "normal",
            "description": description
        })
        .to_string(),
    )
    .unwrap();
    cases::intake(store, report).unwrap().reference
}

// Unique phrases: words that occur nowhere else (Danish letters included, so folding matters).
const IN_DESCRIPTION: &str = "Zebrafinkens Ølbryggeri";
const IN_NOTE: &str = "Kvækkende Æblegrødsfad";
const IN_ACTION: &str = "Hvislende Vindmøllevinge";
const IN_RECORDING: &str = "Snorkende Fyrtårnsvogter";
const IN_KEPT_CASE: &str = "Brummende Havørneunge";

#[test]
fn a_deleted_case_leaves_no_text_in_any_page_of_the_store_or_its_wal() {
    require_os_keychain();
    let tmp = TempStore { dir: tempfile::tempdir().unwrap() };
    let dir = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    // The private export folder lives under the cache directory.
    // SAFETY: this test binary has one test, which sets it before any thread reads the environment.
    unsafe { std::env::set_var("XDG_CACHE_HOME", &cache) };
    let clock = FixedClock::at_rfc3339("2022-01-10T09:00:00Z");
    let (store, _) = Store::init_with_clock(&dir, &Keychain::Os, profile(), Arc::new(clock.clone())).unwrap();
    let _cleanup = common::KeychainCleanup(vec![dir.clone()]);

    let gone = intake(&store, &format!("Bekymring: {IN_DESCRIPTION} nævnt af skolen."));
    let kept = intake(&store, &format!("Anden sag: {IN_KEPT_CASE}."));
    cases::add_note(&store, &gone, &format!("Opringning om {IN_NOTE}.")).unwrap();
    actions::add(
        &store,
        &gone,
        &actions::NewActionItem {
            what: IN_ACTION.into(),
            agency: actions::Agency::Ssp,
            person: None,
            due: "2022-01-11".into(),
        },
    )
    .unwrap();
    clock.set(at("2022-01-12T10:00:00Z"));
    cases::transition(&store, &gone, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    // The search index holds the case's words (folded) too.
    assert_eq!(cases::search(&store, "zebrafinkens", 10).unwrap().len(), 1);

    // A draft meeting recording the case, and a copy of its draft minutes opened from the app.
    clock.set(at("2026-12-01T10:00:00Z"));
    let m = meetings::import(
        &store,
        &json!({"held_at": "2027-01-20T14:00:00+01:00", "items": [
            {"kind": "case", "reference": gone, "assessment": IN_RECORDING,
             "new_information": [{"authority": "school", "text": IN_RECORDING}]},
            {"kind": "case", "reference": kept, "assessment": "Bliver."}]})
        .to_string(),
    )
    .unwrap();
    let exports = PrivateFolder::open_emptied(PrivateFolder::default_dir().unwrap()).unwrap();
    meetings::write_private_copy(&store, m.id, meetings::MinutesFormat::Pdf, &exports).unwrap();

    // Before: every phrase is in the pages (the search works on this very decryption).
    let key = Keychain::Os.get(&store_id(&dir)).unwrap();
    store.conn_for_tests().query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())).unwrap();
    let pages = decrypt_all(&dir, &key);
    for p in [IN_DESCRIPTION, IN_NOTE, IN_ACTION, IN_RECORDING, IN_KEPT_CASE] {
        assert!(!find(&pages, p).is_empty(), "{p} is stored before the deletion");
    }

    // Its date passes (5 years after closing): the pass deletes it.
    clock.set(at("2027-01-12T07:00:00Z"));
    let run = retention::run(&store, false).unwrap();
    assert_eq!(run.cases.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), [gone.as_str()]);
    assert!(run.compacted, "the WAL was emptied and the file compacted");
    // What the app does after a pass that deleted something: the private copies go.
    let exports = PrivateFolder::open_emptied(PrivateFolder::default_dir().unwrap()).unwrap();
    drop(exports);

    let check = |when: &str| {
        let pages = decrypt_all(&dir, &key);
        assert!(!find(&pages, IN_KEPT_CASE).is_empty(), "{when}: the case not deleted is found (decryption works)");
        for p in [IN_DESCRIPTION, IN_NOTE, IN_ACTION, IN_RECORDING] {
            assert_eq!(find(&pages, p), Vec::<String>::new(), "{when}: {p} survived the deletion");
        }
    };
    check("store open");
    // The export folder holds nothing of it either.
    let mut exported = Vec::new();
    for entry in walk(&cache) {
        let bytes = std::fs::read(&entry).unwrap();
        for p in [IN_DESCRIPTION, IN_NOTE, IN_ACTION, IN_RECORDING] {
            for form in forms(p) {
                if bytes.windows(form.len()).any(|w| w.eq_ignore_ascii_case(form.as_bytes())) {
                    exported.push(format!("{form} in {}", entry.display()));
                }
            }
        }
    }
    assert_eq!(exported, Vec::<String>::new());

    // The reference is left in the audit log only.
    let conn = store.conn_for_tests();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for c in cols {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{t}\" WHERE instr(CAST(\"{c}\" AS BLOB), CAST(?1 AS BLOB)) > 0"),
                    [&gone],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 0, "{t}.{c} holds the deleted case's reference");
        }
    }
    let lines: Vec<_> = audit::entries(&store, &Default::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "case.deleted")
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].subject.as_deref().unwrap().starts_with(&gone));
    assert!(audit::verify(&store, None, None).unwrap().is_intact());

    // Closed: SQLite checkpoints and removes the WAL; the file alone holds nothing either.
    drop(store);
    check("store closed");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

//! `tovholder-cli` as a user runs it: separate processes sharing the real OS keychain.
//!
//! The keychain must outlive each process, so these tests use the OS keychain (Secret Service on
//! Linux). scripts/test.sh runs them inside a D-Bus session with an unlocked gnome-keyring; without
//! a keychain they fail rather than pass silently.

mod common;
use common::{KeychainCleanup, cli, cli_with_env, cli_with_stdin, json, require_os_keychain, stderr, store_id};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use tovholder_core::schema::LATEST_VERSION;
use tovholder_core::{Error, Keychain};

fn init(dir: &Path) -> (Output, String) {
    let out = cli(dir, &["init", "--name", "Mette Holm", "--organisation", "Østjyllands Politi", "--district", "ØJP"]);
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    let err = stderr(&out);
    let code = err
        .split_whitespace()
        .find(|w| w.len() == 39 && w.split('-').count() == 8)
        .unwrap_or_else(|| panic!("no recovery code on stderr: {err}"))
        .to_string();
    (out, code)
}

#[test]
fn init_status_and_a_refused_second_init() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let (out, code) = init(tmp.path());
    let created = json(&out);
    assert_eq!(created["profile"]["district_code"], "ØJP");
    assert_eq!(created["profile"]["organisation_kind"], "police");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&code), "the recovery code must not go to stdout");

    let status = cli(tmp.path(), &["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let s = json(&status);
    assert_eq!(s["encrypted"], true);
    assert_eq!(s["schema_version"], LATEST_VERSION);
    assert_eq!(s["counts"]["profile"], 1);

    let again = cli(tmp.path(), &["init", "--name", "X", "--organisation", "Y", "--district", "KBHP"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already_initialized"));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = cli(tmp.path(), &["init", "--organisation", "SSP Aarhus", "--district", "ØJP"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("`name`"), "{}", stderr(&missing));
    let bad_district = cli(tmp.path(), &["init", "--name", "A", "--organisation", "B", "--district", "Narnia"]);
    assert_eq!(bad_district.status.code(), Some(2));
    assert!(stderr(&bad_district).contains("`district`"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing may be written");
    let status = cli(tmp.path(), &["status"]);
    assert_eq!(status.status.code(), Some(2));
    assert!(stderr(&status).contains("not_initialized"));
}

#[test]
fn unlock_reseeds_the_keychain_from_the_recovery_code() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let (_, code) = init(tmp.path());
    // A new laptop: the keychain has no entry for this store.
    Keychain::Os.delete(&store_id(tmp.path())).unwrap();
    let locked = cli(tmp.path(), &["status"]);
    assert_eq!(locked.status.code(), Some(2));
    assert!(stderr(&locked).contains("key_missing"));

    let wrong = cli(tmp.path(), &["unlock", "--recovery-code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("wrong_recovery_code"));
    assert!(!stderr(&wrong).contains("AAAA"), "the code must not be echoed");

    let ok = cli(tmp.path(), &["unlock", "--recovery-code", &code]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(cli(tmp.path(), &["status"]).status.success());
}

#[test]
fn backup_and_restore_through_the_cli() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into(), target.path().into()]);
    let (_, code) = init(tmp.path());
    let file = tmp.path().join("backup.db");
    let file_s = file.to_str().unwrap();
    let b = cli(tmp.path(), &["backup", file_s]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(file.exists() && tmp.path().join("backup.db.key").exists());
    assert_eq!(cli(tmp.path(), &["backup", file_s]).status.code(), Some(2), "no overwrite of a backup");

    // Restore over the existing store is refused without --force.
    let refused = cli(tmp.path(), &["restore", file_s]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("refused"));

    // Restore into an empty data dir on a "new machine" with the recovery code.
    Keychain::Os.delete(&store_id(tmp.path())).unwrap();
    let r = cli(target.path(), &["restore", file_s, "--recovery-code", &code]);
    assert!(r.status.success(), "{}", stderr(&r));
    let s = json(&r);
    assert_eq!(s["counts"]["profile"], 1);
    assert!(cli(target.path(), &["status"]).status.success());
}

#[test]
fn route_prints_the_district_or_suggestions() {
    let tmp = tempfile::tempdir().unwrap();
    let ok = cli(tmp.path(), &["route", "Høje Taastrup"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(
        json(&ok),
        serde_json::json!({"municipality": "Høje-Taastrup", "police_district": "Københavns Vestegns Politi"})
    );
    let bad = cli(tmp.path(), &["route", "Silkebor"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("suggestions: Silkeborg"), "{}", stderr(&bad));
    assert!(bad.stdout.is_empty());
}

const INIT_ARGS: &[&str] =
    &["init", "--name", "Mette Holm", "--organisation", "Østjyllands Politi", "--district", "ØJP"];

fn recovery_codes(err: &str) -> usize {
    err.split_whitespace().filter(|w| w.len() == 39 && w.split('-').count() == 8).count()
}

#[test]
fn two_init_processes_at_once_give_one_store_and_one_recovery_code() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let children: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_tovholder-cli"))
                .arg("--data-dir")
                .arg(tmp.path())
                .args(INIT_ARGS)
                .env_remove("TOVHOLDER_KEYCHAIN")
                .env("TOVHOLDER_FIXED_NOW", common::FIXED_NOW)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let ok: Vec<_> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(ok.len(), 1, "{:?}", outs.iter().map(stderr).collect::<Vec<_>>());
    let codes: usize = outs.iter().map(|o| recovery_codes(&stderr(o))).sum();
    assert_eq!(codes, 1, "exactly one recovery code is printed");
    for o in outs.iter().filter(|o| !o.status.success()) {
        let e = stderr(o);
        assert!(e.contains("already_initialized") || e.contains("[busy]"), "{e}");
    }
    assert!(cli(tmp.path(), &["status"]).status.success());
}

#[test]
fn an_init_process_killed_at_any_step_leaves_a_store_the_next_run_repairs() {
    require_os_keychain();
    for step in ["init.db_staged", "init.keychain_set", "init.committed", "finish.db_in_place"] {
        let tmp = tempfile::tempdir().unwrap();
        let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
        let crashed = cli_with_env(tmp.path(), INIT_ARGS, &[("TOVHOLDER_CRASH_AT", step)]);
        assert!(!crashed.status.success(), "{step}: the crash point was not reached");
        assert_eq!(recovery_codes(&stderr(&crashed)), 0, "{step}: no code before the store exists");
        let status = cli(tmp.path(), &["status"]);
        if matches!(step, "init.db_staged" | "init.keychain_set") {
            assert_eq!(status.status.code(), Some(2), "{step}: {}", stderr(&status));
            assert!(stderr(&status).contains("not_initialized"), "{step}: {}", stderr(&status));
            init(tmp.path());
        } else {
            // Committed, but the code was never shown: the store opens; its key is in the keychain.
            assert!(status.status.success(), "{step}: {}", stderr(&status));
        }
        assert!(cli(tmp.path(), &["status"]).status.success(), "{step}");
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("pending") || n.contains("tmp"))
            .collect();
        assert!(left.is_empty(), "{step}: {left:?}");
    }
}

#[test]
fn a_damaged_edited_or_incomplete_backup_is_bad_input() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let (_, code) = init(tmp.path());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.db");
    let file_s = file.to_str().unwrap();
    assert!(cli(tmp.path(), &["backup", file_s]).status.success());
    let target = tempfile::tempdir().unwrap();
    let restore = |extra: &[&str]| {
        let mut args = vec!["restore", file_s];
        args.extend_from_slice(extra);
        cli(target.path(), &args)
    };
    let key_file = out.path().join("b.db.key");
    let good_key = std::fs::read(&key_file).unwrap();
    let good_db = std::fs::read(&file).unwrap();

    // Damaged database.
    let mut bad = good_db.clone();
    let n = bad.len();
    bad[n - 600..n - 500].iter_mut().for_each(|b| *b ^= 0xff);
    std::fs::write(&file, &bad).unwrap();
    let r = restore(&[]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    std::fs::write(&file, &good_db[..good_db.len() / 2 + 7]).unwrap();
    assert_eq!(restore(&[]).status.code(), Some(2), "truncated");
    std::fs::write(&file, &good_db).unwrap();

    // Edited or unreadable key file.
    let mut env: Value = serde_json::from_slice(&good_key).unwrap();
    env["kdf"]["m_cost_kib"] = serde_json::json!(4_000_000_000u32);
    std::fs::write(&key_file, serde_json::to_vec(&env).unwrap()).unwrap();
    let started = std::time::Instant::now();
    let r = restore(&["--recovery-code", &code]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let mut env: Value = serde_json::from_slice(&good_key).unwrap();
    env["store_id"] = serde_json::json!(uuid::Uuid::new_v4().to_string());
    std::fs::write(&key_file, serde_json::to_vec(&env).unwrap()).unwrap();
    let r = restore(&["--recovery-code", &code]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    std::fs::write(&key_file, b"{ not json").unwrap();
    assert_eq!(restore(&[]).status.code(), Some(2));
    std::fs::remove_file(&key_file).unwrap();
    assert_eq!(restore(&[]).status.code(), Some(2), "missing key file");
    std::fs::write(&key_file, &good_key).unwrap();
    std::fs::remove_file(&file).unwrap();
    assert_eq!(restore(&[]).status.code(), Some(2), "missing backup");
    assert_eq!(
        std::fs::read_dir(target.path())
            .unwrap()
            .filter(|e| { e.as_ref().unwrap().file_name().to_string_lossy().starts_with("tovholder.db") })
            .count(),
        0,
        "nothing was restored"
    );
    // A backup directory that does not exist is bad input too.
    let nowhere = out.path().join("missing").join("b.db");
    assert_eq!(cli(tmp.path(), &["backup", nowhere.to_str().unwrap()]).status.code(), Some(2));
}

#[test]
fn demo_refuses_a_store_with_real_cases_unless_forced() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    init(tmp.path());
    let demo = cli(tmp.path(), &["demo", "--cases", "3"]);
    assert!(demo.status.success(), "an empty store takes demo data: {}", stderr(&demo));
    assert!(cli(tmp.path(), &["demo", "--cases", "3"]).status.success(), "a demo-only store too");
    {
        let store = tovholder_core::Store::open(tmp.path(), &Keychain::Os).unwrap();
        let report = tovholder_core::intake::IntakeReport::from_json(
            &serde_json::json!({
                "received_at": "2026-11-20T10:15:00+01:00", "channel": "hotline", "caller": {"type": "anonymous"},
                "subject": {"pseudonym": "R", "municipality": "Aarhus"}, "category": "other",
                "urgency": "normal", "description": "Bekymring."
            })
            .to_string(),
        )
        .unwrap();
        tovholder_core::cases::intake(&store, report).unwrap();
    }
    let refused = cli(tmp.path(), &["demo", "--cases", "3"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("refused"), "{}", stderr(&refused));
    assert_eq!(json(&cli(tmp.path(), &["status"]))["counts"]["cases"], 7);
    assert!(cli(tmp.path(), &["demo", "--cases", "3", "--force"]).status.success());
    assert_eq!(json(&cli(tmp.path(), &["status"]))["counts"]["cases"], 10);
}

#[test]
fn the_keychain_setting_is_never_silently_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let odd = cli_with_env(tmp.path(), INIT_ARGS, &[("TOVHOLDER_KEYCHAIN", "memroy")]);
    assert_eq!(odd.status.code(), Some(1));
    assert!(stderr(&odd).contains("keychain_unavailable") && stderr(&odd).contains("TOVHOLDER_KEYCHAIN"));
    assert!(!tmp.path().join("tovholder.key").exists());
    // A debug/test build honours `memory` (a release build refuses it the same way as above).
    let mem = cli_with_env(tmp.path(), INIT_ARGS, &[("TOVHOLDER_KEYCHAIN", "memory")]);
    assert!(mem.status.success(), "{}", stderr(&mem));
}

fn intake(dir: &Path, report: &str) -> Output {
    cli_with_stdin(dir, &["intake", "-"], Some(report))
}

#[test]
fn intake_cases_case_and_search_through_the_cli() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    init(tmp.path());
    let report = serde_json::json!({
        "received_at": "2026-11-24T09:30:00+01:00",
        "channel": "referral",
        "caller": {"type": "school"},
        "subject": {"pseudonym": "K.M.", "birth_year": 2010, "municipality": "fåborg-midtfyn"},
        "category": "militant_islamism",
        "indicators": ["travel_plans"],
        "urgency": "acute",
        "description": "Eleven taler om at rejse til en konfliktzone."
    });
    let out = intake(tmp.path(), &report.to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out),
        serde_json::json!({
            "reference": "FYP-2026-0001",
            "police_district": "Fyns Politi",
            "stage": "Ny henvendelse",
            "district_code": "FYP",
            "district_name": "Infohus Fyn",
            "home": false
        })
    );

    // Bad input: exit 2, the field named, the store unchanged.
    let mut bad = report.clone();
    bad["subject"]["birth_year"] = serde_json::json!(2999);
    let out = intake(tmp.path(), &bad.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("subject.birth_year"), "{}", stderr(&out));
    let mut unknown = report.clone();
    unknown["subject"]["cpr"] = serde_json::json!("0102031234");
    let out = intake(tmp.path(), &unknown.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("subject.cpr"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("0102031234"), "input values are not echoed");
    let out = intake(tmp.path(), "{not json");
    assert_eq!(out.status.code(), Some(2));

    let list = cli(tmp.path(), &["cases", "--district", "FYP"]);
    let cases = json(&list);
    assert_eq!(cases.as_array().unwrap().len(), 1, "only the valid report was stored");
    assert_eq!(cases[0]["police_flag"], true, "acute is flagged for police");
    assert_eq!(json(&cli(tmp.path(), &["cases", "--stage", "closed"])).as_array().unwrap().len(), 0);

    let case = json(&cli(tmp.path(), &["case", "FYP-2026-0001"]));
    assert_eq!(case["municipality"], "Faaborg-Midtfyn");
    assert_eq!(case["history"][0]["field"], "created");
    let missing = cli(tmp.path(), &["case", "FYP-2026-0099"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("not_found"));

    let hits = json(&cli(tmp.path(), &["search", "konfliktzone"]));
    assert_eq!(hits[0]["reference"], "FYP-2026-0001");

    let demo = cli(tmp.path(), &["demo", "--cases", "200", "--force"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let status = json(&cli(tmp.path(), &["status"]));
    assert_eq!(status["counts"]["cases"], 201);
}

/// Unreadable or damaged intake input is bad input (exit 2) whatever the cause, names neither the
/// path nor the content, and stores nothing; two reports in one input are refused, not half stored.
#[test]
fn unreadable_or_damaged_intake_input_is_bad_input() {
    use std::io::Write;
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    init(tmp.path());
    let report = serde_json::json!({
        "received_at": "2026-11-24T09:30:00+01:00",
        "channel": "hotline",
        "caller": {"type": "anonymous"},
        "subject": {"pseudonym": "K.M.", "municipality": "Odense"},
        "category": "other",
        "urgency": "normal",
        "description": "Bekymring."
    })
    .to_string();
    let files = tempfile::tempdir().unwrap();
    let path = |name: &str| files.path().join(name);
    std::fs::create_dir(path("Jens Hansen mappe")).unwrap();
    std::fs::write(path("Jens Hansen latin1.json"), b"{\"description\": \"S\xf8ren\"}").unwrap();
    std::fs::write(path("Jens Hansen to.json"), format!("{report}\n{report}\n")).unwrap();
    std::fs::write(path("Jens Hansen tom.json"), "").unwrap();
    let locked = path("Jens Hansen låst.json");
    std::fs::write(&locked, &report).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let mut bad = vec![
        "Jens Hansen mappe",
        "Jens Hansen latin1.json",
        "Jens Hansen to.json",
        "Jens Hansen tom.json",
        "Jens Hansen findes ikke.json",
    ];
    // Root reads a file whatever its permissions.
    if std::fs::read(&locked).is_err() {
        bad.push("Jens Hansen låst.json");
    }
    for name in bad {
        let out = cli(tmp.path(), &["intake", path(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("invalid_input"), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("Jens") && !stderr(&out).contains("S\u{f8}ren"), "{}", stderr(&out));
    }

    // The same on standard input: bytes that are not UTF-8, and two reports.
    for input in [b"{\"description\": \"\xff\xfe\"}".to_vec(), format!("{report}{report}").into_bytes()] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tovholder-cli"))
            .arg("--data-dir")
            .arg(tmp.path())
            .args(["intake", "-"])
            .env_remove("TOVHOLDER_KEYCHAIN")
            .env("TOVHOLDER_FIXED_NOW", common::FIXED_NOW)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }
    assert_eq!(json(&cli(tmp.path(), &["cases"])).as_array().unwrap().len(), 0, "nothing was stored");

    // A byte order mark before the report is fine.
    std::fs::write(path("bom.json"), format!("\u{feff}{report}")).unwrap();
    let out = cli(tmp.path(), &["intake", path("bom.json").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&cli(tmp.path(), &["cases"])).as_array().unwrap().len(), 1);
}

/// A key file whose store id was edited is not a missing key (which the recovery code would
/// mend): `status` says the key file does not match the store; the unedited file opens again.
#[test]
fn an_edited_store_id_in_the_key_file_is_reported_as_a_key_file_that_does_not_match() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    init(tmp.path());
    let key_file = tmp.path().join("tovholder.key");
    let original = std::fs::read(&key_file).unwrap();
    let mut edited: serde_json::Value = serde_json::from_slice(&original).unwrap();
    edited["store_id"] = uuid::Uuid::new_v4().to_string().into();
    std::fs::write(&key_file, serde_json::to_vec_pretty(&edited).unwrap()).unwrap();

    let status = cli(tmp.path(), &["status"]);
    assert!(!status.status.success());
    let err = stderr(&status);
    assert!(!err.contains("key_missing"), "{err}");
    assert!(err.contains("[corrupt]") && err.contains("key file does not match this store"), "{err}");
    let e = tovholder_core::CommandError::from(Error::Corrupt(tovholder_core::store::KEY_FILE_MISMATCH.into()));
    assert!(e.message.starts_with("Nøglefilen"), "{}", e.message);

    std::fs::write(&key_file, &original).unwrap();
    assert!(cli(tmp.path(), &["status"]).status.success(), "the unedited key file opens the store");
}

/// A backup is an export too: killed after writing a temporary file beside the target, it leaves
/// it under a neutral name (not the backup's), which the next start removes.
#[test]
fn a_killed_backup_leaves_no_temporary_file_after_the_next_start() {
    require_os_keychain();
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    init(tmp.path());
    let cache = tempfile::tempdir().unwrap();
    let cache_home = cache.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("Jens Hansen backup.db");
    let killed = cli_with_env(
        tmp.path(),
        &["backup", file.to_str().unwrap()],
        &[("TOVHOLDER_CRASH_AT", "export.temp_written"), ("XDG_CACHE_HOME", cache_home)],
    );
    assert!(!killed.status.success());
    let left: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(left.len() == 1 && left[0].starts_with(".tovholder-export-") && !left[0].contains("Jens"), "{left:?}");
    let status = cli_with_env(tmp.path(), &["status"], &[("XDG_CACHE_HOME", cache_home)]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "removed by the next start");
    let again = cli_with_env(tmp.path(), &["backup", file.to_str().unwrap()], &[("XDG_CACHE_HOME", cache_home)]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn version_prints_the_version_and_the_commit_built() {
    let out = Command::new(env!("CARGO_BIN_EXE_tovholder-cli")).arg("--version").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output().unwrap();
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert_eq!(head.len(), 12, "the tests run in a git checkout");
    let expected = format!("tovholder-cli {} (commit {head}, bygget ", env!("CARGO_PKG_VERSION"));
    assert!(printed.starts_with(&expected), "{printed:?} should start with {expected:?}");
    let date = printed.strip_prefix(&expected).and_then(|rest| rest.strip_suffix(')')).unwrap_or_default();
    assert!(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(), "a build date: {printed:?}");
}

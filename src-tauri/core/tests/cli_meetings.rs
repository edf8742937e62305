//! The meetings' command-line interface as scripts use it: create, agenda, import, finalize,
//! list, and the minutes written to a file (PDF or an unsent e-mail) that is never overwritten.

mod common;
use common::{cli, cli_with_env, cli_with_stdin, new_store, ok, stderr};
use serde_json::json;

#[test]
fn a_meeting_is_scripted_end_to_end_through_the_cli() {
    let store = new_store();
    let dir = store.path();
    let report = json!({
        "received_at": "2026-11-20T10:15:00+01:00",
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": "Çelik", "birth_year": 2009, "municipality": "Aarhus"},
        "category": "right_wing",
        "urgency": "normal",
        "description": "Deler propaganda."
    });
    let r =
        ok(cli_with_stdin(dir, &["intake", "-"], Some(&report.to_string())))["reference"].as_str().unwrap().to_string();
    ok(cli(dir, &["flag", &r, "--meeting", "on"]));

    let planned = ok(cli(dir, &["meeting", "create", "--at", "2026-11-25T14:00:00+01:00", "--place", "Politigården"]));
    assert!(planned["id"].as_i64().is_some());
    assert_eq!(planned["number"], "1/2026");
    let agenda = ok(cli(dir, &["meeting", "agenda", &planned["id"].to_string()]));
    let item = &agenda["cases"][0];
    assert_eq!(item["reference"], r.as_str());
    assert!(item["reasons"].as_array().unwrap().iter().any(|w| w == "Markeret til møde"));

    let file = dir.join("møde.json");
    let record = json!({
        "held_at": "2026-12-09T14:00:00+01:00",
        "participants": [{"name": "Mette Holm", "organisation": "Østjyllands Politi"}],
        "items": [{"kind": "case", "reference": r, "recommendation": "Mentorforløb.",
                   "actions": [{"what": "Finde en mentor", "agency": "ssp", "due": "2026-12-20"}],
                   "resulting_stage": "intervention"}]
    });
    std::fs::write(&file, record.to_string()).unwrap();
    let bad = dir.join("forkert.json");
    std::fs::write(
        &bad,
        json!({"held_at": "2026-12-09T14:00:00+01:00", "items": [{"kind": "case", "reference": "ØJP-2026-9999"}]})
            .to_string(),
    )
    .unwrap();
    let refused = cli(dir, &["meeting", "import", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("items[0].reference"), "{}", stderr(&refused));
    assert!(!stderr(&refused).contains("9999"), "the value is not repeated");

    // A meeting that has not begun yet (the CLI runs at 25 Nov 2026 14.05 Copenhagen time) cannot
    // be finalized: exit 2 naming held_at, and nothing is applied.
    let later = ok(cli(dir, &["meeting", "import", file.to_str().unwrap()]));
    assert_eq!(later["number"], "2/2026");
    let early = cli(dir, &["meeting", "finalize", &later["id"].to_string()]);
    assert_eq!(early.status.code(), Some(2), "{}", stderr(&early));
    assert!(stderr(&early).contains("held_at") && stderr(&early).contains("begyndt"), "{}", stderr(&early));
    assert_eq!(ok(cli(dir, &["case", &r]))["stage"], "new_concern", "nothing applied");

    let held = dir.join("holdt.json");
    let mut past = record.clone();
    past["held_at"] = json!("2026-11-25T13:30:00+01:00");
    std::fs::write(&held, past.to_string()).unwrap();
    let imported = ok(cli(dir, &["meeting", "import", held.to_str().unwrap()]));
    assert_eq!(imported["number"], "3/2026");
    // The same file again: refused (exit 2 naming held_at), not a second meeting.
    let again = cli(dir, &["meeting", "import", held.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("held_at"), "{}", stderr(&again));
    // The same case twice in one record: refused naming the second item.
    let twice = dir.join("to-gange.json");
    let mut doubled = past.clone();
    doubled["held_at"] = json!("2026-11-25T12:00:00+01:00");
    doubled["items"] = json!([past["items"][0], {"kind": "free", "title": "Eventuelt"}, past["items"][0]]);
    std::fs::write(&twice, doubled.to_string()).unwrap();
    let refused = cli(dir, &["meeting", "import", twice.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("items[2].reference"), "{}", stderr(&refused));
    let id = imported["id"].to_string();
    let done = ok(cli(dir, &["meeting", "finalize", &id]));
    assert_eq!(done["meeting"]["status"], "final");
    assert_eq!(cli(dir, &["meeting", "finalize", &id]).status.code(), Some(2), "already final");

    let pdf = dir.join("referat.pdf");
    let written = ok(cli(dir, &["minutes", &id, "--out", pdf.to_str().unwrap()]));
    assert!(written["bytes"].as_u64().unwrap() > 1000);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let again = cli(dir, &["minutes", &id, "--out", pdf.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "an existing file is not overwritten: {}", stderr(&again));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777, 0o600);
    }

    // "Klar til e-mail": an unsent .eml with the stored PDF, never overwriting; a draft is refused.
    let eml = dir.join("referat.eml");
    let written = ok(cli(dir, &["minutes", &id, "--eml", eml.to_str().unwrap()]));
    assert_eq!(written["bytes"].as_u64(), Some(std::fs::metadata(&eml).unwrap().len()));
    let text = std::fs::read_to_string(&eml).unwrap();
    assert!(text.starts_with("X-Unsent: 1\r\n"), "{}", &text[..200]);
    assert!(text.contains("Referat%20m%C3%B8de%203-2026.pdf"), "the PDF attached under its neutral name");
    let again = cli(dir, &["minutes", &id, "--eml", eml.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "an existing file is not overwritten: {}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&eml).unwrap(), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&eml).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let first = planned["id"].to_string();
    let draft = cli(dir, &["minutes", &first, "--eml", dir.join("kladde.eml").to_str().unwrap()]);
    assert_eq!(draft.status.code(), Some(2), "a draft cannot be e-mailed: {}", stderr(&draft));
    assert!(stderr(&draft).contains("færdiggjort"), "{}", stderr(&draft));
    assert!(!dir.join("kladde.eml").exists());
    let both = cli(dir, &["minutes", &id, "--out", "a.pdf", "--eml", "a.eml"]);
    assert_eq!(both.status.code(), Some(2), "--out and --eml exclude each other");

    let case = ok(cli(dir, &["case", &r]));
    assert_eq!(case["stage"], "intervention");
    assert_eq!(case["action_items"][0]["what"], "Finde en mentor");
    let list = ok(cli(dir, &["meeting", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 3);
}

/// Meetings are the home infohus's: another infohus's meeting and another district's case are
/// refused with exit 2 naming the field, and nothing is written.
#[test]
fn a_meeting_of_another_infohus_or_with_another_districts_case_is_refused() {
    let store = new_store();
    let dir = store.path();
    let report = json!({
        "received_at": "2026-11-20T10:15:00+01:00",
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": "Fynbo", "municipality": "Odense"},
        "category": "other",
        "urgency": "normal",
        "description": "Bekymring om en person på Fyn."
    });
    let r =
        ok(cli_with_stdin(dir, &["intake", "-"], Some(&report.to_string())))["reference"].as_str().unwrap().to_string();
    let other = cli(dir, &["meeting", "create", "--district", "KBHP", "--at", "2026-11-24T14:00:00+01:00"]);
    assert_eq!(other.status.code(), Some(2), "{}", stderr(&other));
    assert!(stderr(&other).contains("district"), "{}", stderr(&other));
    let file = dir.join("møde.json");
    let record = json!({"held_at": "2026-11-24T14:00:00+01:00",
                        "items": [{"kind": "free", "title": "Eventuelt"}, {"kind": "case", "reference": r}]});
    std::fs::write(&file, record.to_string()).unwrap();
    let refused = cli(dir, &["meeting", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("items[1].reference"), "{}", stderr(&refused));
    assert!(!stderr(&refused).contains(&r), "the value is not repeated");
    assert_eq!(ok(cli(dir, &["meeting", "list"])).as_array().unwrap().len(), 0);
}

/// `minutes --out` follows `backup`'s rules: a missing, unwritable or non-folder target folder and
/// an existing file are bad input (exit 2), and no message names the path or the file.
#[test]
fn minutes_out_errors_name_the_folder_by_role_never_the_path() {
    let store = new_store();
    let dir = store.path();
    let id = ok(cli(dir, &["meeting", "create", "--at", "2026-11-24T14:00:00+01:00"]))["id"].to_string();
    let files = tempfile::tempdir().unwrap();
    let person = files.path().join("Jens Hansen");
    std::fs::create_dir(&person).unwrap();
    let existing = person.join("Referat Jens Hansen.pdf");
    std::fs::write(&existing, b"keep").unwrap();
    let not_a_folder = person.join("Jens Hansen.txt");
    std::fs::write(&not_a_folder, b"x").unwrap();
    let mut cases = vec![
        (person.join("Jens mappe").join("referat.pdf"), "mappen til referatet findes ikke"),
        (not_a_folder.join("referat.pdf"), "mappen til referatet"),
        (existing.clone(), "already exists"),
    ];
    // A folder that cannot be written in (root ignores permissions: then a system folder).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = person.join("Jens låst");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        if std::fs::write(locked.join("probe"), b"x").is_err() {
            cases.push((locked.join("referat.pdf"), "mappen til referatet kan ikke skrives i"));
        } else if std::fs::write("/sys/tovholder-probe", b"x").is_err() {
            cases.push(("/sys/referat.pdf".into(), "mappen til referatet kan ikke skrives i"));
        }
    }
    for (target, says) in cases {
        let out = cli(dir, &["minutes", &id, "--out", target.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{target:?}: {err}");
        assert!(err.contains(says), "{target:?}: {err}");
        assert!(!err.contains("Jens") && !err.contains("referat.pdf") && !err.contains("/sys"), "{err}");
    }
    let eml = cli(dir, &["minutes", &id, "--eml", person.join("ingen").join("x.eml").to_str().unwrap()]);
    assert_eq!(eml.status.code(), Some(2), "{}", stderr(&eml));
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep");
    let names: Vec<String> =
        std::fs::read_dir(&person).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temporary file is left: {names:?}");
}

/// An export killed after its temporary file was written leaves it under a neutral, findable
/// name (never the target's, which may name a person); the next start removes it.
#[test]
fn a_killed_export_leaves_no_temporary_file_after_the_next_start() {
    let store = new_store();
    let dir = store.path();
    let id = ok(cli(dir, &["meeting", "create", "--at", "2026-11-24T14:00:00+01:00"]))["id"].to_string();
    let cache = tempfile::tempdir().unwrap();
    let cache_home = cache.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("Referat Jens Hansen.pdf");
    let killed = cli_with_env(
        dir,
        &["minutes", &id, "--out", target.to_str().unwrap()],
        &[("TOVHOLDER_CRASH_AT", "export.temp_written"), ("XDG_CACHE_HOME", cache_home)],
    );
    assert!(!killed.status.success(), "the export was killed");
    assert!(!target.exists());
    let left: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".tovholder-export-") && left[0].ends_with(".tmp"), "{left:?}");
    assert!(!left[0].contains("Jens"), "the temporary name does not repeat the target's");
    assert!(std::fs::read(out.path().join(&left[0])).unwrap().starts_with(b"%PDF"), "the plaintext minutes");

    // The next start (any command) removes it.
    ok(cli_with_env(dir, &["meeting", "list"], &[("XDG_CACHE_HOME", cache_home)]));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "removed");
    ok(cli_with_env(dir, &["minutes", &id, "--out", target.to_str().unwrap()], &[("XDG_CACHE_HOME", cache_home)]));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1, "only the minutes");
}

/// Runs the CLI with a standard output whose reader is already gone (like `… | true`).
#[cfg(unix)]
fn cli_into_closed_pipe(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0i32; 2];
    // SAFETY: pipe() fills two new descriptors; the read end is closed at once, the write end
    // is owned by the child's Stdio from here on.
    let write_end = unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        libc::close(fds[0]);
        OwnedFd::from_raw_fd(fds[1])
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_tovholder-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("TOVHOLDER_KEYCHAIN")
        .env("TOVHOLDER_FIXED_NOW", common::FIXED_NOW)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::from(write_end))
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run tovholder-cli")
}

/// A closed standard output (`tovholder-cli meeting finalize 1 | true`) is a quiet, successful
/// exit after the work is done, in every command: no panic, no backtrace.
#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_a_quiet_exit() {
    let store = new_store();
    let dir = store.path();
    let id = ok(cli(dir, &["meeting", "create", "--at", "2026-11-24T14:00:00+01:00"]))["id"].to_string();
    for args in [
        vec!["meeting", "finalize", &id],
        vec!["meeting", "list"],
        vec!["status"],
        vec!["board"],
        vec!["cases"],
        vec!["route", "Aarhus"],
    ] {
        let out = cli_into_closed_pipe(dir, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}: quiet");
    }
    assert_eq!(ok(cli(dir, &["meeting", "list"]))[0]["status"], "final", "the finalize was done");
    // An error still says what went wrong (on stderr) with its exit code.
    let refused = cli_into_closed_pipe(dir, &["meeting", "finalize", &id]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("refused"), "{}", stderr(&refused));
}

/// Import errors name the full path (docs/meeting-import.md), and the limits are refused with
/// exit 2: a file over the size limit is not read.
#[test]
fn import_errors_name_the_full_path_and_the_limits_hold() {
    let store = new_store();
    let dir = store.path();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let agency = json!({"held_at": "2026-11-24T14:00:00+01:00", "items": [
        {"kind": "free", "title": "Eventuelt"},
        {"kind": "free", "title": "Orientering"},
        {"kind": "case", "reference": "ØJP-2026-0001", "actions": [{"what": "x", "agency": "naboen", "due": "2026-12-01"}]}]});
    let too_many = json!({"held_at": "2026-11-24T14:00:00+01:00",
        "participants": vec![json!({"name": "A", "organisation": "B"}); 61]});
    for (file, says) in [
        (write("agency.json", &agency.to_string()), "items[2].actions[0].agency"),
        (write("uden-tid.json", r#"{"place": "Politigården"}"#), "`held_at`"),
        (
            write(
                "to-gange.json",
                r#"{"held_at": "2026-11-24T14:00:00+01:00", "held_at": "2026-11-24T15:00:00+01:00"}"#,
            ),
            "`held_at`",
        ),
        (write("skudsekund.json", r#"{"held_at": "2026-12-31T22:59:60Z"}"#), "`held_at`"),
        (write("mange.json", &too_many.to_string()), "højst 60 deltagere"),
        (write("stor.json", &" ".repeat(4 * 1024 * 1024 + 1)), "for stor"),
    ] {
        let out = cli(dir, &["meeting", "import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{file:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{file:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("naboen") && !stderr(&out).contains("Politigården"), "{}", stderr(&out));
    }
    assert_eq!(ok(cli(dir, &["meeting", "list"])).as_array().unwrap().len(), 0, "nothing was written");
}

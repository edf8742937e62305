//! `tovholder-cli identity`, `peers add|list|verify` and `handover send|import|receipt` as two
//! coordinators run them on two machines: two data directories, two entries in the real OS
//! keychain, the sealed file and the receipt passed between them as files.

mod common;
use common::{TempStore, cli, cli_with_stdin, new_store, ok, require_os_keychain, stderr};
use serde_json::json;
use std::path::Path;

const SECRET_TEXT: &str = "Drengen deler videoer fra en voldelig gruppe og taler om en rejse.";

fn fyn_store() -> TempStore {
    require_os_keychain();
    let store = TempStore { dir: tempfile::tempdir().unwrap() };
    let out =
        cli(store.path(), &["init", "--name", "Jonas Berg", "--organisation", "Fyns Politi", "--district", "FYP"]);
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    store
}

fn line(dir: &Path) -> String {
    ok(cli(dir, &["identity"]))["line"].as_str().unwrap().to_string()
}

fn exit2(out: std::process::Output, field_or_text: &str) -> String {
    assert_eq!(out.status.code(), Some(2), "stdout {} stderr {}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    let e = stderr(&out);
    assert!(e.contains(field_or_text), "{e}");
    e
}

#[test]
fn a_case_is_sent_received_and_confirmed_between_two_installations() {
    let (aarhus, fyn) = (new_store(), fyn_store());
    let (a, f) = (aarhus.path(), fyn.path());
    let files = tempfile::tempdir().unwrap();

    // Aarhus adds Fyn's key as given on the command line, verified by phone.
    let added =
        ok(cli(a, &["peers", "add", &line(f), "--name", "Jonas Berg, Fyns Politi", "--infohus", "FYP", "--verified"]));
    assert_eq!(added["added"], "new");
    assert_eq!(added["peer"]["verified"], true);
    // Fyn pastes Aarhus's key as it came through a mail client: broken over lines and quoted.
    let l = line(a);
    let pasted = format!("> {}\n> {}\n", &l[..50], &l[50..]);
    let added =
        ok(cli_with_stdin(f, &["peers", "add", "-", "--name", "Mette Holm", "--infohus", "ØJP"], Some(&pasted)));
    assert_eq!(added["peer"]["verified"], false);
    let id = added["peer"]["id"].as_i64().unwrap().to_string();
    // Both see the same safety number; Fyn verifies after comparing it.
    let on_a = ok(cli(a, &["peers", "list"]))[0]["safety_number"].clone();
    let on_f = ok(cli(f, &["peers", "verify", &id]))["safety_number"].clone();
    assert_eq!(on_a, on_f);

    let report = json!({
        "received_at": "2026-11-25T10:00:00+01:00",
        "channel": "hotline",
        "caller": {"type": "school", "name": "Lærer Birgit", "phone": "+45 11 22 33 44"},
        "subject": {"pseudonym": "T.R.", "birth_year": 2011, "municipality": "Svendborg"},
        "category": "militant_islamism",
        "urgency": "normal",
        "description": SECRET_TEXT
    });
    let reference =
        ok(cli_with_stdin(a, &["intake", "-"], Some(&report.to_string())))["reference"].as_str().unwrap().to_string();

    let bundle = files.path().join(format!("{reference}.tovholder"));
    let sent = ok(cli(a, &["handover", "send", &reference, "--to", "FYP", "--out", bundle.to_str().unwrap()]));
    let bytes = std::fs::read(&bundle).unwrap();
    assert_eq!(sent["sha256"].as_str().unwrap().len(), 64);
    for secret in [SECRET_TEXT, "T.R.", "Svendborg", "Birgit"] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} readable in the file");
    }
    assert_eq!(ok(cli(a, &["case", &reference]))["stage"], "forwarded");
    // The file is never replaced.
    exit2(
        cli(a, &["handover", "send", &reference, "--to", "FYP", "--out", bundle.to_str().unwrap()]),
        "already exists",
    );

    let imported = ok(cli(f, &["handover", "import", bundle.to_str().unwrap()]));
    let new_reference = imported["reference"].as_str().unwrap();
    assert!(new_reference.starts_with("FYP-2026-"), "{new_reference}");
    assert_eq!(imported["origin_reference"], reference.as_str());
    let receipt = imported["receipt"].as_str().unwrap().to_string();
    assert!(receipt.ends_with(".kvittering.tovholder"));
    let case = ok(cli(f, &["case", new_reference]));
    assert_eq!(case["description"], SECRET_TEXT);
    assert!(case["caller"].get("phone").is_none_or(|p| p.is_null()), "no contact details unless asked for");

    // The same file again: refused, naming the existing case.
    let e = exit2(
        cli(
            f,
            &["handover", "import", bundle.to_str().unwrap(), "--receipt", files.path().join("x").to_str().unwrap()],
        ),
        "already received",
    );
    assert!(!e.contains(files.path().to_str().unwrap()), "no path in errors: {e}");

    let confirmed = ok(cli(a, &["handover", "receipt", &receipt]));
    assert_eq!(confirmed["receiver_reference"], new_reference);
    assert_eq!(confirmed["already"], false);
    let case = ok(cli(a, &["case", &reference]));
    assert!(case["handovers"][0]["confirmed_at"].is_string());
}

#[test]
fn bad_input_and_refused_files_exit_2_naming_the_field_without_paths() {
    let (aarhus, fyn) = (new_store(), fyn_store());
    let (a, f) = (aarhus.path(), fyn.path());
    let files = tempfile::tempdir().unwrap();
    let secret_dir = files.path().join("Sag om Karim");
    std::fs::create_dir(&secret_dir).unwrap();

    // A line that is not a key; an unknown infohus.
    let e = exit2(cli(a, &["peers", "add", "TOVHOLDER1ABCDEFG", "--name", "X", "--infohus", "FYP"]), "`line`");
    assert!(!e.contains("ABCDEFG"), "the line is not repeated: {e}");
    exit2(cli(a, &["peers", "add", &line(f), "--name", "X", "--infohus", "Atlantis"]), "`infohus`");

    // No verified key for Fyn yet.
    let report = json!({"received_at": "2026-11-25T10:00:00+01:00", "channel": "email", "caller": {"type": "anonymous"},
        "subject": {"pseudonym": "Q.", "municipality": "Odense"}, "category": "other", "urgency": "normal",
        "description": "Kort."});
    let reference =
        ok(cli_with_stdin(a, &["intake", "-"], Some(&report.to_string())))["reference"].as_str().unwrap().to_string();
    let out = secret_dir.join("sag.tovholder");
    exit2(cli(a, &["handover", "send", &reference, "--to", "FYP", "--out", out.to_str().unwrap()]), "`to`");
    assert!(!out.exists());

    // A file that is not sealed, a missing file, a tampered one.
    let junk = secret_dir.join("junk.tovholder");
    std::fs::write(&junk, b"hello").unwrap();
    let e = exit2(cli(f, &["handover", "import", junk.to_str().unwrap()]), "refused");
    assert!(!e.contains("Karim"), "{e}");
    let e = exit2(cli(f, &["handover", "import", secret_dir.join("none").to_str().unwrap()]), "`file`");
    assert!(!e.contains("Karim"), "{e}");

    ok(cli(a, &["peers", "add", &line(f), "--name", "Jonas Berg", "--infohus", "FYP", "--verified"]));
    ok(cli(f, &["peers", "add", &line(a), "--name", "Mette Holm", "--infohus", "ØJP", "--verified"]));
    ok(cli(a, &["handover", "send", &reference, "--to", "FYP", "--out", out.to_str().unwrap()]));
    let mut bytes = std::fs::read(&out).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 1;
    let tampered = secret_dir.join("ændret.tovholder");
    std::fs::write(&tampered, &bytes).unwrap();
    let before = ok(cli(f, &["cases"]));
    exit2(cli(f, &["handover", "import", tampered.to_str().unwrap()]), "Damaged");
    assert_eq!(ok(cli(f, &["cases"])), before, "nothing written");
    assert!(!secret_dir.join("ændret.kvittering.tovholder").exists());
    // A receipt given as a case, and a case given as a receipt.
    exit2(cli(a, &["handover", "receipt", out.to_str().unwrap()]), "refused");
}

//! The board's command-line interface as scripts use it: board, move, undo-move, action, actions,
//! flag — JSON on stdout, exit 2 with the reason on stderr for what the rules refuse.

mod common;
use common::{cli, cli_with_stdin, new_store, ok, stderr};
use serde_json::{Value, json as j};

fn report(pseudonym: &str) -> String {
    report_in(pseudonym, "Aarhus")
}

fn report_in(pseudonym: &str, municipality: &str) -> String {
    j!({
        "received_at": "2026-11-20T10:15:00+01:00",
        "channel": "hotline",
        "caller": {"type": "parent"},
        "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": municipality},
        "category": "right_wing",
        "urgency": "normal",
        "description": "Deler propaganda."
    })
    .to_string()
}

fn column<'a>(board: &'a Value, stage: &str) -> &'a Value {
    board["columns"].as_array().unwrap().iter().find(|c| c["stage"] == stage).unwrap()
}

#[test]
fn move_undo_flag_and_action_items_through_the_cli() {
    let store = new_store();
    let dir = store.path();
    let r = ok(cli_with_stdin(dir, &["intake", "-"], Some(&report("J.K."))))["reference"].as_str().unwrap().to_string();

    let moved = ok(cli(dir, &["move", &r, "Vurdering", "--reason", "Skolen bekræfter"]));
    assert_eq!(moved["stage"], "assessment");
    // Refused moves: exit 2, the reason on stderr, nothing changed.
    for (args, says) in [
        (vec!["move", &r, "afsluttet"], "outcome"),
        (vec!["move", &r, "forwarded"], "Videresend"),
        (vec!["move", &r, "done"], "ukendt fase"),
        (vec!["move", &r, "screening", "--outcome", "completed"], "outcome"),
        (vec!["move", "ØJP-2026-9999", "screening"], "findes ikke"),
    ] {
        let out = cli(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let closed = ok(cli(dir, &["move", &r, "closed", "--outcome", "handed_to_police"]));
    assert_eq!((closed["stage"].as_str(), closed["outcome"].as_str()), (Some("closed"), Some("handed_to_police")));
    let undone = ok(cli(dir, &["undo-move", &r]));
    assert_eq!((undone["stage"].as_str(), undone["outcome"].is_null()), (Some("assessment"), true));
    // One step back: a second undo does not re-apply the move.
    let twice = cli(dir, &["undo-move", &r]);
    assert_eq!(twice.status.code(), Some(2), "{}", stderr(&twice));
    assert!(stderr(&twice).contains("allerede fortrudt"), "{}", stderr(&twice));
    assert_eq!(ok(cli(dir, &["case", &r]))["stage"], "assessment");

    let added =
        ok(cli(dir, &["action", "add", &r, "--what", "Bekymringssamtale", "--agency", "ssp", "--due", "2026-12-01"]));
    let id = added["id"].as_i64().unwrap();
    assert_eq!(
        (added["agency"].as_str(), added["due"].as_str(), added["status"].as_str()),
        (Some("ssp"), Some("2026-12-01"), Some("open"))
    );
    for bad in [
        vec!["action", "add", &r, "--what", "x", "--agency", "ssp", "--due", "2026-02-30"],
        vec!["action", "add", &r, "--what", "x", "--agency", "naboen", "--due", "2026-12-01"],
        vec!["action", "add", &r, "--what", " ", "--agency", "ssp", "--due", "2026-12-01"],
    ] {
        let out = cli(dir, &bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
    let listed = ok(cli(dir, &["actions", "--agency", "SSP"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "the refused items were not written");
    let row = &listed[0];
    for key in ["id", "reference", "what", "agency", "person", "due", "status"] {
        assert!(row.get(key).is_some(), "actions rows carry {key}");
    }
    assert_eq!(ok(cli(dir, &["actions", "--agency", "police"])).as_array().unwrap().len(), 0);
    assert_eq!(ok(cli(dir, &["action", "done", &id.to_string()]))["status"], "done");
    assert_eq!(cli(dir, &["action", "cancel", &id.to_string()]).status.code(), Some(2), "already done");
    assert_eq!(ok(cli(dir, &["actions"])).as_array().unwrap().len(), 0, "open items only");

    assert_eq!(ok(cli(dir, &["flag", &r, "--meeting", "on"]))["meeting"], true);
    assert_eq!(cli(dir, &["flag", &r, "--meeting", "maybe"]).status.code(), Some(2));

    let board = ok(cli(dir, &["board", "--lane", "urgency"]));
    let col = column(&board, "assessment");
    assert_eq!((col["label"].as_str(), col["total"].as_u64()), (Some("Vurdering"), Some(1)));
    assert!(col.get("wip_limit").is_some());
    let card = &col["cards"][0];
    assert_eq!((card["reference"].as_str(), card["meeting"].as_bool()), (Some(r.as_str()), Some(true)));
    assert_eq!(cli(dir, &["board", "--lane", "colour"]).status.code(), Some(2));

    let history = ok(cli(dir, &["case", &r]))["history"].clone();
    let fields: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        vec!["created", "stage", "stage", "outcome", "stage", "outcome", "action_item", "action_item", "meeting_flag"]
    );
}

/// Another district's case (a concern about someone in Odense, taken by this Østjylland store) is
/// read and forwarded, never moved, flagged or given action items: exit 2 naming the case.
#[test]
fn another_districts_case_is_not_moved_flagged_or_given_action_items_through_the_cli() {
    let store = new_store();
    let dir = store.path();
    let r = ok(cli_with_stdin(dir, &["intake", "-"], Some(&report_in("O.D.", "Odense"))))["reference"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(r.starts_with("FYP-"), "{r}");
    for args in [
        vec!["move", &r, "screening"],
        vec!["flag", &r, "--meeting", "on"],
        vec!["action", "add", &r, "--what", "Samtale", "--agency", "ssp", "--due", "2026-12-01"],
    ] {
        let out = cli(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("reference") && stderr(&out).contains("andet infohus"), "{}", stderr(&out));
    }
    let case = ok(cli(dir, &["case", &r]));
    assert_eq!((case["stage"].as_str(), case["meeting"].as_bool()), (Some("new_concern"), Some(false)));
    assert_eq!(case["action_items"].as_array().unwrap().len(), 0);
}

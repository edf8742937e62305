//! Nothing left behind (#17 §3): unique names and phrases are typed into the app, every view is
//! visited, the minutes are opened (a copy in the private export folder), a second start of the
//! app hands over to the first and ends (one instance per user), the app is locked and unlocked
//! and quit; then every file the app wrote outside its encrypted store — the data
//! directory's logs and web view data, the XDG data, config, state and cache folders, the
//! temporary folder and the export folder — is read: none holds any of them, in any letter case.
//! The store itself is checked to hold them (so the search can find what is there).

use std::path::{Path, PathBuf};
use tovholder_e2e::key::*;
use tovholder_e2e::{App, DataDir, ENTER, app_binary, cache_dir, home_dir, run};

const PSEUDONYM: &str = "Q.Z.";
const CALLER: &str = "Walburga Quistgaard";
const DESCRIPTION: &str = "Zephyrholm-bekymring om knallertværkstedet";
const NOTE: &str = "Quixotisk notat 9917";

/// Every regular file under `dir` (links not followed).
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            files_under(&e.path(), out);
        } else if kind.is_file() {
            out.push(e.path());
        }
    }
}

/// The store's own files: encrypted (and its key envelope), the one place the data may be.
fn is_store_file(data_dir: &Path, file: &Path) -> bool {
    file.parent() == Some(data_dir)
        && file
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("tovholder.db") || n == "tovholder.key")
}

/// The secrets found in `bytes`: as UTF-8 and UTF-16 (web engines store text either way), any case.
fn found_in(bytes: &[u8], secrets: &[&str]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    let wide: String = bytes
        .chunks_exact(2)
        .map(|c| char::from_u32(u32::from(u16::from_le_bytes([c[0], c[1]]))).unwrap_or('\u{FFFD}'))
        .collect::<String>()
        .to_lowercase();
    secrets
        .iter()
        .filter(|s| {
            let s = s.to_lowercase();
            text.contains(&s) || wide.contains(&s)
        })
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn no_file_outside_the_encrypted_store_holds_what_was_typed() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("nothing_left_behind/1", data.path()).await;
        app.set_up().await;

        // A concern typed through the form.
        app.press(&ctrl('n')).await;
        app.find("#intake-received-at").await;
        app.select("#intake-caller-type", "school").await;
        app.type_into("#intake-caller-name", CALLER).await;
        app.type_into("#intake-pseudonym", PSEUDONYM).await;
        app.type_into("#intake-birth-year", "2010").await;
        app.type_into("#intake-municipality", "Aarhus").await;
        app.wait_text("#intake-route", "Infohus Østjylland").await;
        app.type_into("#intake-municipality", &ESCAPE.to_string()).await;
        app.type_into("input[name=\"category\"][value=\"right_wing\"]", " ").await;
        app.type_into("#intake-description", DESCRIPTION).await;
        app.type_into("#intake-description", &ctrl(ENTER)).await;
        let receipt = app.text("#intake-receipt").await;
        let reference = receipt
            .split_whitespace()
            .find(|w| w.starts_with("ØJP-"))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .unwrap_or_else(|| panic!("no reference in the receipt: {receipt:?}"));

        // Its panel, a note, a search.
        app.click("#search").await;
        app.type_into("#search", "zephyrholm").await;
        app.find(&format!("#search-results [data-reference=\"{reference}\"]")).await;
        app.type_into("#search", &ENTER.to_string()).await;
        app.wait_text("#case-panel-title", &reference).await;
        app.type_into("#note-body", NOTE).await;
        app.type_into("#note-body", &ctrl(ENTER)).await;
        app.wait_text("#case-notes", NOTE).await;
        app.click("#case-log-toggle").await;
        app.find("#case-log-list li").await;
        app.press(&ESCAPE.to_string()).await;
        app.quit().await;

        // A finalized meeting about the case (through the CLI), its minutes opened in the app.
        let record = serde_json::json!({
            "held_at": "2026-11-25T14:00:00+01:00",
            "items": [{"kind": "case", "reference": reference, "assessment": DESCRIPTION}]
        });
        let file = data.path().join("meeting-e2e.json");
        std::fs::write(&file, record.to_string()).unwrap();
        let made: serde_json::Value =
            serde_json::from_str(&data.cli(&["meeting", "import", file.to_str().unwrap()])).unwrap();
        std::fs::remove_file(&file).unwrap();
        let id = made["id"].as_i64().unwrap().to_string();
        data.cli(&["meeting", "finalize", &id]);

        let app = App::launch("nothing_left_behind/2", data.path()).await;
        app.wait_board().await;
        for (view, title) in
            [("sager", "Sager"), ("opgaver", "Opgaver"), ("sletning", "Sletning"), ("log", "Revisionslog")]
        {
            app.click(&format!("a[href=\"#/{view}\"]")).await;
            app.wait_heading(title).await;
        }
        app.click("a[href=\"#/moeder\"]").await;
        app.wait_heading("Møder").await;
        app.click(&format!("#meeting-open-{id}")).await;
        app.click("#meeting-tab-minutes").await;
        app.click("#minutes-open").await;
        let export = cache_dir(data.path()).join("tovholder").join("export");
        let mut copies = Vec::new();
        for _ in 0..50 {
            copies.clear();
            files_under(&export, &mut copies);
            if !copies.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        app.ensure(!copies.is_empty(), "the minutes were not opened into the export folder").await;

        // A second start (same user, same session): it hands over to the first and ends.
        let mut second = std::process::Command::new(app_binary())
            .env("TOVHOLDER_DATA_DIR", data.path())
            .env("XDG_CACHE_HOME", cache_dir(data.path()))
            .env("TMPDIR", home_dir(data.path()).join("tmp"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a second instance");
        let mut ended = None;
        for _ in 0..100 {
            if let Ok(Some(status)) = second.try_wait() {
                ended = Some(status);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if ended.is_none() {
            let _ = second.kill();
        }
        app.ensure(ended.is_some_and(|s| s.success()), format!("the second instance did not end: {ended:?}")).await;
        app.wait_heading("Møder").await;

        // Lock, unlock, quit.
        app.press(&ctrl('l')).await;
        app.wait_heading("Tovholder er låst").await;
        app.press(&ENTER.to_string()).await;
        app.wait_heading("Møder").await;
        app.quit().await;

        // Every file outside the store.
        let secrets = [PSEUDONYM, CALLER, DESCRIPTION, NOTE, "Quistgaard", "Zephyrholm"];
        let mut files = Vec::new();
        for dir in [data.path().to_path_buf(), cache_dir(data.path()), home_dir(data.path())] {
            files_under(&dir, &mut files);
        }
        let outside: Vec<&PathBuf> = files.iter().filter(|f| !is_store_file(data.path(), f)).collect();
        assert!(
            outside.iter().any(|f| f.starts_with(data.path().join("logs"))),
            "the app wrote no log file: {outside:?}"
        );
        let mut leaks = Vec::new();
        for f in &outside {
            let bytes = std::fs::read(f).unwrap_or_default();
            let found = found_in(&bytes, &secrets);
            if !found.is_empty() {
                leaks.push(format!("{}: {found:?}", f.display()));
            }
        }
        assert!(leaks.is_empty(), "case data outside the encrypted store:\n{}", leaks.join("\n"));
        // The export folder was emptied when the app quit.
        let mut left = Vec::new();
        files_under(&export, &mut left);
        assert!(left.is_empty(), "copies left in the export folder: {left:?}");

        // And the check can fail: the store's search still finds what was typed.
        let hits: serde_json::Value = serde_json::from_str(&data.cli(&["search", "Quixotisk"])).unwrap();
        assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
        assert!(!found_in(CALLER.as_bytes(), &secrets).is_empty());
    });
}

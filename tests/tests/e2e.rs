//! End-to-end scenarios against the real app. Run with `bash scripts/test.sh`, or by hand (after
//! `cargo build -p tovholder -p tovholder-core`), inside a private D-Bus session with an unlocked
//! gnome-keyring and under Xvfb:
//! `bash scripts/keyring-session.sh xvfb-run -a cargo test -p tovholder-e2e -- --test-threads=1`

use std::fs;
use std::io::Read;
use tovholder_e2e::{App, DataDir, ENTER, keychain_forget, keychain_has, run};

/// First run: set up by keyboard, note the recovery code, see the board; a restart opens the
/// board directly, and the store on disk is encrypted.
#[test]
fn first_run_setup_then_restart_opens_board() {
    run(async {
        let data = DataDir::new();

        let app = App::launch("first_run_setup_then_restart_opens_board/1", data.path()).await;
        app.set_up().await;
        app.quit().await;

        let app = App::launch("first_run_setup_then_restart_opens_board/2", data.path()).await;
        app.wait_board().await;
        let setup_shown = app.exists("#setup-name").await || app.exists("#recovery-code").await;
        app.ensure(!setup_shown, "the second start showed setup again").await;
        app.quit().await;

        // The CLI opens the same store with the key from the OS keychain.
        let status = data.cli(&["status"]);
        let status: serde_json::Value =
            serde_json::from_str(&status).unwrap_or_else(|e| panic!("status is not JSON ({e}): {status}"));
        assert_eq!(status["encrypted"], serde_json::json!(true), "status: {status}");
        assert_eq!(status["counts"]["profile"], serde_json::json!(1), "status: {status}");

        // SQLCipher: the file has no plain SQLite header.
        let mut header = [0u8; 16];
        fs::File::open(data.db_file()).expect("tovholder.db exists").read_exact(&mut header).expect("read header");
        assert!(!header.starts_with(b"SQLite format 3"), "tovholder.db is a plain SQLite file");
    });
}

/// Submitting (by keyboard) without a name shows a Danish error and creates no store.
#[test]
fn setup_form_shows_danish_validation() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("setup_form_shows_danish_validation", data.path()).await;
        app.wait_heading("Velkommen til Tovholder").await;
        app.select("#setup-organisation-kind", "municipality").await;
        app.select("#setup-district", "ØJP").await;
        // Everything but the name, then Enter in the last text field submits the form.
        app.type_into("#setup-organisation-name", &format!("SSP Aarhus Kommune{ENTER}")).await;

        let alert = app.wait_alert().await;
        app.snapshot("name-missing").await;
        app.ensure(alert.to_lowercase().contains("navn"), format!("the error does not mention the name: {alert:?}"))
            .await;
        app.ensure(app.exists("#setup-name").await, "the setup form is gone after a rejected submit").await;
        let files: Vec<_> = fs::read_dir(data.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        app.ensure(files.is_empty(), format!("a rejected setup left files behind: {files:?}")).await;
        app.quit().await;
    });
}

/// A laptop whose keychain lacks the key (a copied data folder): the app asks for the recovery
/// code, rejects a wrong one and opens with the right one, which puts the key back.
#[test]
fn recovery_code_unlocks_on_a_new_machine() {
    run(async {
        let data = DataDir::new();
        let app = App::launch("recovery_code_unlocks_on_a_new_machine/1", data.path()).await;
        let code = app.set_up().await;
        app.quit().await;

        let account = data.keychain_account();
        assert!(keychain_has(&account), "setup stored no key in the OS keychain under {account}");
        keychain_forget(&account);

        let app = App::launch("recovery_code_unlocks_on_a_new_machine/2", data.path()).await;
        app.wait_heading("Lås sagsdatabasen op").await;
        app.type_into("#unlock-code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH").await;
        app.click("#unlock-submit").await;
        let alert = app.wait_alert().await;
        app.snapshot("wrong-code").await;
        app.ensure(!app.exists("h1#view-title").await, format!("a wrong code opened the store (alert: {alert:?})"))
            .await;

        // The right code, submitted with Enter.
        app.clear("#unlock-code").await;
        app.type_into("#unlock-code", &format!("{code}{ENTER}")).await;
        app.wait_board().await;
        app.quit().await;
        assert!(keychain_has(&account), "unlocking did not put the key back in the keychain");

        // From now on this laptop opens the store directly.
        let app = App::launch("recovery_code_unlocks_on_a_new_machine/3", data.path()).await;
        app.wait_board().await;
        app.quit().await;
    });
}

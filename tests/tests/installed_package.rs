//! The Linux package (#19): the `.deb` that `scripts/test.sh` builds and installs with apt-get is
//! started from its installed path and driven to the setup screen and through one intake — proof
//! that the package carries everything the app needs (the UI is inside the binary, the libraries
//! come from its dependencies).
//!
//! The package's polkit action (the unlock's check of the user) is then read by the real polkitd,
//! and the installed app, started again with that polkitd on its system bus, asks it and opens.
//!
//! `TOVHOLDER_INSTALLED_APP` names the installed binary (`/usr/bin/tovholder`); the test command
//! always sets it after installing. Run by hand without it, the test says so and does nothing.

use std::path::PathBuf;
use tovholder_e2e::key::*;
use tovholder_e2e::polkit::Polkitd;
use tovholder_e2e::{App, DataDir, ENTER, run};

#[test]
fn the_installed_package_sets_up_saves_an_intake_and_unlocks_after_polkit() {
    let Some(installed) = std::env::var_os("TOVHOLDER_INSTALLED_APP").map(PathBuf::from) else {
        eprintln!("skipped: TOVHOLDER_INSTALLED_APP is not set (scripts/test.sh installs the .deb and sets it)");
        return;
    };
    assert!(installed.is_file(), "the installed app is missing: {}", installed.display());
    assert!(installed.starts_with("/usr"), "not an installed path: {}", installed.display());
    run(async {
        let data = DataDir::new();
        let app = App::launch_binary("installed_package/1", data.path(), &installed).await;
        app.wait_heading("Velkommen til Tovholder").await;
        app.set_up().await;
        app.press(&ctrl('n')).await;
        app.find("#intake-received-at").await;
        app.select("#intake-caller-type", "parent").await;
        app.type_into("#intake-pseudonym", "P.K.").await;
        app.type_into("#intake-municipality", "Aarhus").await;
        app.wait_text("#intake-route", "Infohus Østjylland").await;
        app.type_into("#intake-municipality", &ESCAPE.to_string()).await;
        app.type_into("input[name=\"category\"][value=\"other\"]", " ").await;
        app.type_into("#intake-description", "Bekymring fra en forælder (pakketest).").await;
        app.type_into("#intake-description", &ctrl(ENTER)).await;
        let receipt = app.text("#intake-receipt").await;
        app.ensure(receipt.contains("ØJP-"), format!("no receipt: {receipt:?}")).await;
        app.snapshot("installed-receipt").await;
        app.quit().await;
        let cases: serde_json::Value = serde_json::from_str(&data.cli(&["cases"])).unwrap();
        assert_eq!(cases.as_array().map(Vec::len), Some(1), "{cases}");
        assert_eq!(cases[0]["pseudonym"], "P.K.");

        // polkitd knows the package's action: the user's own password, only in an active session.
        let polkitd = Polkitd::start().expect("polkitd (the Debian package polkitd; scripts/setup.sh installs it)");
        let action = polkitd.describe("dk.tovholder.desktop.unlock");
        let implicit = |kind: &str| {
            action
                .lines()
                .find_map(|l| l.trim().strip_prefix(&format!("implicit {kind}:")).map(|v| v.trim().to_string()))
        };
        assert_eq!(implicit("active").as_deref(), Some("auth_self"), "{action}");
        assert_eq!(implicit("inactive").as_deref(), Some("no"), "{action}");
        assert_eq!(implicit("any").as_deref(), Some("no"), "{action}");
        // The installed app asks it at start; polkitd authorizes root without a prompt.
        let app = App::launch_binary_on_bus("installed_package/2", data.path(), &installed, polkitd.address()).await;
        app.wait_board().await;
        app.quit().await;
        drop(polkitd);
        let log: serde_json::Value = serde_json::from_str(&data.cli(&["audit"])).unwrap();
        let last_unlock = log.as_array().unwrap().iter().rev().find(|e| e["action"] == "store.unlocked").cloned();
        assert_eq!(
            last_unlock.as_ref().and_then(|e| e["subject"].as_str()),
            Some("Efter computerens bekræftelse af brugeren"),
            "{last_unlock:?}"
        );
    });
}

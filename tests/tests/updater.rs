//! Signed updates end to end (#19 §4), through the real app: a tiny HTTP server on 127.0.0.1
//! serves an update manifest and a package signed with a key this test makes (the tauri CLI's
//! `signer generate` and `signer sign`, the same minisign signatures a release carries). The app
//! is pointed at it and at the test key through its debug-only seams (`TOVHOLDER_UPDATE_ENDPOINT`,
//! `TOVHOLDER_UPDATE_PUBKEY`; see src-tauri/src/commands/update.rs).
//!
//! - »Om Tovholder« says what »Søg efter opdatering« will do before it does it: the address it
//!   asks, the signing key's id, that the cases are not touched;
//! - a correctly signed update is offered (its version shown, with »Installer …« to confirm);
//! - a tampered one (its bytes changed after signing) is refused with a Danish message when
//!   installing is asked for, after it was downloaded: the app's binary is unchanged.
//!
//! Only the refusal is driven to the end: installing the good package would replace the test's
//! own build of the app (on Linux the updater replaces the running executable or AppImage).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tovholder_e2e::{App, DataDir, app_binary, run};

const VERSION: &str = "99.0.0";

fn tauri_cli() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/.bin/tauri")
}

/// `tauri signer …`, failing the test with its output when it fails.
fn signer(args: &[&str]) {
    let out = Command::new(tauri_cli())
        .arg("signer")
        .args(args)
        .env_remove("TAURI_SIGNING_PRIVATE_KEY")
        .output()
        .expect("the tauri CLI");
    assert!(out.status.success(), "tauri signer {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// What the server serves and what it was asked for.
struct Server {
    base: String,
    tampered: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// The paths asked for so far, in order.
    fn requested(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Serves `/latest.json` (pointing at `/good.bin` or, once `tampered` is set, `/tampered.bin`,
/// both with the good package's signature) and the two packages, over plain HTTP on 127.0.0.1.
fn serve(good: Vec<u8>, tampered_bytes: Vec<u8>, signature: String) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let tampered = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (flag, log, root) = (tampered.clone(), requests.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // The rest of the request's head.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("").to_string();
            log.lock().unwrap().push(path.clone());
            let package = if flag.load(Ordering::SeqCst) { "tampered.bin" } else { "good.bin" };
            let (status, kind, body) = match path.as_str() {
                "/latest.json" => (
                    "200 OK",
                    "application/json",
                    serde_json::json!({
                        "version": VERSION,
                        "notes": "Testopdatering",
                        "pub_date": "2026-12-01T12:00:00Z",
                        "platforms": {
                            "linux-x86_64": { "signature": signature, "url": format!("{root}/{package}") }
                        }
                    })
                    .to_string()
                    .into_bytes(),
                ),
                "/good.bin" => ("200 OK", "application/octet-stream", good.clone()),
                "/tampered.bin" => ("200 OK", "application/octet-stream", tampered_bytes.clone()),
                _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
        }
    });
    Server { base, tampered, requests }
}

#[test]
fn a_signed_update_is_offered_and_a_tampered_one_refused() {
    // The test's own key and package, signed; then a copy with one byte changed after signing.
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("test.key");
    signer(&["generate", "--ci", "-w", key.to_str().unwrap()]);
    let pubkey = std::fs::read_to_string(keys.path().join("test.key.pub")).unwrap();
    let package = keys.path().join("update.bin");
    let good: Vec<u8> = b"Tovholder 99.0.0, a test package. ".iter().copied().cycle().take(64 * 1024).collect();
    std::fs::write(&package, &good).unwrap();
    signer(&["sign", "-f", key.to_str().unwrap(), "-p", "", package.to_str().unwrap()]);
    let signature = std::fs::read_to_string(keys.path().join("update.bin.sig")).unwrap();
    let mut tampered = good.clone();
    tampered[1000] ^= 0x01;
    let server = serve(good, tampered, signature);

    // The app (started by tauri-driver, which passes its environment on) asks this server and
    // trusts this key. Set before the runtime starts: no other thread reads the environment yet.
    // SAFETY: single-threaded at this point (the test binary runs this one test).
    unsafe {
        std::env::set_var("TOVHOLDER_UPDATE_ENDPOINT", format!("{}/latest.json", server.base));
        std::env::set_var("TOVHOLDER_UPDATE_PUBKEY", pubkey.trim());
    }
    let binary = app_binary();
    let before = std::fs::read(&binary).unwrap();
    let key_id = {
        let sig = std::fs::read_to_string(key.with_extension("key.pub")).unwrap();
        use base64::Engine as _;
        let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(sig.trim()).unwrap()).unwrap();
        text.lines().next().unwrap().rsplit(' ').next().unwrap().to_string()
    };

    run(async {
        let data = DataDir::new();
        let app = App::launch("updater/1", data.path()).await;
        app.set_up().await;
        app.wait_board().await;
        app.click("#rail-about").await;

        // What it will do, before it does anything.
        let explained = app.wait_text("#updates-explained", &server.base).await;
        app.ensure(explained.contains(&key_id), format!("the key id {key_id} is named: {explained}")).await;
        app.ensure(explained.contains("røres ikke"), "the cases are not touched").await;
        app.ensure(server.requested().is_empty(), "nothing asked before »Søg efter opdatering«").await;
        app.assert_accessible("updates explained").await;

        // A correctly signed update is offered, and installing waits for a yes.
        app.click("#updates-check").await;
        app.wait_text("#updates-found", VERSION).await;
        app.wait_text("#updates-install", &format!("Installer version {VERSION}")).await;
        app.snapshot("update-offered").await;
        app.assert_accessible("update offered").await;
        app.ensure(
            server.requested() == ["/latest.json"],
            "the check asks for the manifest only, nothing is downloaded yet",
        )
        .await;

        // A tampered package: offered as before, refused when installing is asked for.
        server.tampered.store(true, Ordering::SeqCst);
        app.click("#updates-later").await;
        app.click("#updates-check").await;
        app.wait_text("#updates-found", VERSION).await;
        app.click("#updates-install").await;
        let refused = app.wait_text("#updates-error", "afvist").await;
        app.ensure(refused.contains("Intet er installeret"), format!("a Danish refusal: {refused}")).await;
        app.ensure(
            server.requested().iter().any(|p| p == "/tampered.bin"),
            "the tampered package was downloaded and checked",
        )
        .await;
        app.snapshot("update-refused").await;
        app.assert_accessible("update refused").await;
        app.quit().await;
    });

    assert!(std::fs::read(&binary).unwrap() == before, "the app's binary must not be replaced");
}

//! What build this is, for `tovholder-cli --version` and »Om Tovholder« (`tovholder_core::build_info`):
//!
//! - `TOVHOLDER_COMMIT`: the commit built, from `git rev-parse --short=12 HEAD`; when there is no
//!   git checkout (a source archive), the environment variable of the same name, else »ukendt«;
//! - `TOVHOLDER_BUILD_DATE`: the day of the build (UTC, YYYY-MM-DD), or the day of
//!   `SOURCE_DATE_EPOCH` when that is set (reproducible builds).
//!
//! The script reruns when HEAD moves (a commit, a checkout), not on every build: the date is the
//! day this build script last ran for the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).current_dir(dir).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|s| !s.is_empty())
}

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-env-changed=TOVHOLDER_COMMIT");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");

    let commit = match git(&dir, &["rev-parse", "--short=12", "HEAD"]) {
        Some(commit) => {
            // HEAD itself (a checkout), the branch it points to (a commit) and packed refs.
            let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
            watched.extend(git(&dir, &["symbolic-ref", "-q", "HEAD"]));
            for name in watched {
                // Only files that exist: cargo reruns the script on every build for a missing one
                // (packed-refs often is).
                if let Some(path) = git(&dir, &["rev-parse", "--git-path", &name]).map(|p| dir.join(p))
                    && path.exists()
                {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
            commit
        }
        None => std::env::var("TOVHOLDER_COMMIT").unwrap_or_else(|_| "ukendt".to_string()),
    };

    let date = match std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(epoch) => chrono::DateTime::from_timestamp(epoch, 0).expect("SOURCE_DATE_EPOCH in range").date_naive(),
        None => chrono::Utc::now().date_naive(),
    };

    println!("cargo:rustc-env=TOVHOLDER_COMMIT={commit}");
    println!("cargo:rustc-env=TOVHOLDER_BUILD_DATE={}", date.format("%Y-%m-%d"));
}

//! What build this is: the version, the commit and the day it was built (set by `build.rs`).
//! `tovholder-cli --version` prints [`LONG_VERSION`]; »Om Tovholder« shows each.

/// The version, from the workspace's Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The commit built (12 hex digits), or »ukendt« when built outside a git checkout.
pub const COMMIT: &str = env!("TOVHOLDER_COMMIT");
/// The day of the build, YYYY-MM-DD (UTC; `SOURCE_DATE_EPOCH` when set).
pub const BUILD_DATE: &str = env!("TOVHOLDER_BUILD_DATE");
/// »0.1.0 (commit 0123456789ab, bygget 2026-12-07)«.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("TOVHOLDER_COMMIT"),
    ", bygget ",
    env!("TOVHOLDER_BUILD_DATE"),
    ")"
);
/// Tovholder's own licence.
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");

//! Tovholder's core: domain, encrypted storage, board, audit. See docs/architecture.md.
//!
//! No Tauri dependency: the desktop shell (`src-tauri`) and the `tovholder-cli` binary are thin
//! layers over this crate.

pub mod access_report;
pub mod actions;
pub mod audit;
pub mod board;
pub mod build_info;
pub mod cases;
pub mod clock;
pub mod dates;
pub mod demo;
pub mod district;
pub mod drafts;
pub mod error;
pub mod export;
pub mod faults;
mod files;
#[cfg(any(test, feature = "test-support"))]
pub mod generated;
pub mod handover;
pub mod identity;
pub mod intake;
pub mod keychain;
mod keys;
pub mod lock;
pub mod meetings;
mod migrate;
pub mod minutes;
pub mod op;
pub mod peers;
pub mod pin;
pub mod profile;
pub mod retention;
pub mod routing;
pub mod rules;
pub mod schema;
pub mod screen;
pub mod secrets;
pub mod stats;
pub mod store;
pub mod text;
#[cfg(feature = "test-support")]
pub mod write_paths;

pub use clock::{Clock, FixedClock, SystemClock};
pub use district::PoliceDistrict;
pub use error::{CommandError, Error, Result};
pub use files::ensure_private_dir;
pub use keychain::Keychain;
#[cfg(feature = "test-support")]
pub use migrate::testing as migrate_testing;
pub use store::{Store, StoreState, StoreStatus};

//! Tovholder's core: domain, encrypted storage, board, audit. See docs/architecture.md.
//!
//! No Tauri dependency: the desktop shell (`src-tauri`) and the `tovholder-cli` binary are thin
//! layers over this crate.

pub mod audit;
pub mod board;
pub mod cases;
pub mod clock;
pub mod dates;
pub mod demo;
pub mod district;
pub mod error;
pub mod intake;
pub mod keychain;
pub mod profile;
pub mod routing;
pub mod rules;
mod schema;
pub mod secrets;
pub mod store;
pub mod text;

pub use clock::{Clock, FixedClock, SystemClock};
pub use district::PoliceDistrict;
pub use error::{CommandError, Error, Result};
pub use keychain::Keychain;
pub use store::{Store, StoreState, StoreStatus};

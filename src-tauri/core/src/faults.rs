//! Crash points for the fault tests. With the `test-support` feature (tests only; the app and the
//! CLI as released never enable it) a step can be made to "crash": in-process by a panic
//! ([`crash_at`], this thread only; nothing after the point runs, only destructors), or in a CLI
//! process by `abort()` when `TOVHOLDER_CRASH_AT` names the step. Without the feature every point
//! is an empty inline function.

/// Every crash point, in the order an operation passes them.
pub const STEPS: &[&str] = &[
    "init.db_staged",
    "init.keychain_set",
    "init.committed",
    "finish.db_in_place",
    "init.done",
    "restore.db_staged",
    "restore.keychain_set",
    "restore.committed",
    "restore.done",
    "backup.key_written",
    "backup.db_staged",
    "backup.done",
    "unlock.key_rewritten",
    "export.temp_written",
];

#[cfg(feature = "test-support")]
mod imp {
    use std::cell::RefCell;

    thread_local! {
        static CRASH_AT: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// The panic payload of an injected crash.
    #[derive(Debug)]
    pub struct Crash(pub &'static str);

    /// Makes the next pass through `step` on this thread panic with [`Crash`] (once).
    pub fn crash_at(step: Option<&str>) {
        CRASH_AT.with(|c| *c.borrow_mut() = step.map(str::to_string));
    }

    pub(crate) fn point(step: &'static str) {
        debug_assert!(super::STEPS.contains(&step), "unlisted crash point {step}");
        if CRASH_AT.with(|c| c.borrow().as_deref() == Some(step)) {
            crash_at(None);
            std::panic::panic_any(Crash(step));
        }
        if std::env::var("TOVHOLDER_CRASH_AT").is_ok_and(|v| v == step) {
            std::process::abort();
        }
    }
}

#[cfg(feature = "test-support")]
pub(crate) use imp::point;
#[cfg(feature = "test-support")]
pub use imp::{Crash, crash_at};

#[cfg(not(feature = "test-support"))]
#[inline(always)]
pub(crate) fn point(_step: &'static str) {}

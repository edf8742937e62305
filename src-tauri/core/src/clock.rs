//! The time of the app, injected: the system clock in the app and the CLI, a fixed (settable)
//! clock in tests, so deadlines, ages, retention and locking can be tested at any date.

use chrono::{DateTime, TimeDelta, Utc};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until it is set or advanced (tests).
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<Mutex<DateTime<Utc>>>);

impl FixedClock {
    pub fn at(t: DateTime<Utc>) -> FixedClock {
        FixedClock(Arc::new(Mutex::new(t)))
    }

    /// From an RFC 3339 text; panics on a bad constant (tests only).
    pub fn at_rfc3339(t: &str) -> FixedClock {
        FixedClock::at(DateTime::parse_from_rfc3339(t).expect("an RFC 3339 time").with_timezone(&Utc))
    }

    pub fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = t;
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The clock a store uses unless told otherwise.
pub fn system() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let c = FixedClock::at_rfc3339("2026-11-25T13:05:00Z");
        assert_eq!(c.now(), c.now());
        c.advance(TimeDelta::days(1));
        assert_eq!(c.now().to_rfc3339(), "2026-11-26T13:05:00+00:00");
    }
}

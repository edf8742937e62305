//! Time in Denmark. Everything is stored as UTC (RFC 3339); dates people see are Europe/Copenhagen.

use jiff::tz::TimeZone;
use std::sync::LazyLock;

static COPENHAGEN: LazyLock<TimeZone> =
    LazyLock::new(|| TimeZone::get("Europe/Copenhagen").expect("the tz database has Europe/Copenhagen"));

pub fn copenhagen() -> TimeZone {
    COPENHAGEN.clone()
}

/// The one format timestamps are stored in: UTC, RFC 3339, always milliseconds
/// ("2026-11-25T13:05:00.000Z"). Fixed width, so text order is time order in SQL.
pub fn stamp(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The current time in the stored format.
pub fn now_stamp() -> String {
    stamp(jiff::Timestamp::now())
}

const MONTHS: [&str; 12] =
    ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];

/// "25. nov. 2026" (Danish style, Copenhagen time).
pub fn format_date(ts: jiff::Timestamp) -> String {
    let z = ts.to_zoned_datetime(copenhagen());
    format!("{}. {} {}", z.day(), MONTHS[z.month() as usize - 1], z.year())
}

/// "14.05" (Danish style, Copenhagen time).
pub fn format_time(ts: jiff::Timestamp) -> String {
    let z = ts.to_zoned_datetime(copenhagen());
    format!("{:02}.{:02}", z.hour(), z.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_timestamps_are_fixed_width_so_text_order_is_time_order() {
        let a: jiff::Timestamp = "2026-11-25T13:05:00.9Z".parse().unwrap();
        let b: jiff::Timestamp = "2026-11-25T13:05:00.123Z".parse().unwrap();
        let c: jiff::Timestamp = "2026-11-25T13:05:00Z".parse().unwrap();
        assert_eq!(stamp(a), "2026-11-25T13:05:00.900Z");
        assert_eq!(stamp(c), "2026-11-25T13:05:00.000Z");
        assert!(stamp(c) < stamp(b) && stamp(b) < stamp(a));
        assert_eq!(stamp(a).parse::<jiff::Timestamp>().unwrap(), a);
    }

    #[test]
    fn danish_dates_in_copenhagen_time() {
        let winter: jiff::Timestamp = "2026-11-25T13:05:00Z".parse().unwrap();
        assert_eq!(format_date(winter), "25. nov. 2026");
        assert_eq!(format_time(winter), "14.05");
        let summer: jiff::Timestamp = "2026-05-31T22:30:00Z".parse().unwrap();
        assert_eq!(format_date(summer), "1. jun. 2026");
        assert_eq!(format_time(summer), "00.30");
    }
}

//! The rules the UI needs before it asks the core — limits, Danish labels, stage moves — as one
//! value generated from the Rust definitions (`ui/src/lib/generated/rules.ts`, written by this
//! module's test and checked for staleness by the test command). The core still checks
//! everything again; the UI only uses these to help the coordinator early.

use crate::actions::{ActionStatus, Agency};
use crate::board::Lane;
use crate::cases::{MoveRule, Outcome, Stage, move_rule};
use crate::intake::{CallerType, Category, Channel, Gender, Indicator, Urgency};
use crate::profile::OrganisationKind;
use std::fmt::Write;

/// (name, value) pairs of every limit, in the order they are written.
pub fn limits() -> Vec<(&'static str, i64)> {
    use crate::intake as i;
    vec![
        ("pseudonym_max", i::PSEUDONYM_MAX as i64),
        ("caller_name_max", i::NAME_MAX as i64),
        ("phone_max", i::PHONE_MAX as i64),
        ("email_max", i::EMAIL_MAX as i64),
        ("description_max", i::DESCRIPTION_MAX as i64),
        ("note_max", i::NOTE_MAX as i64),
        ("reason_max", crate::cases::REASON_MAX as i64),
        ("birth_year_min", i64::from(i::BIRTH_YEAR_MIN)),
        ("future_slack_minutes", i::FUTURE_SLACK_MINUTES),
        ("earliest_year", i64::from(i::EARLIEST_YEAR)),
        ("profile_name_max", crate::profile::NAME_MAX as i64),
        ("organisation_max", crate::profile::ORGANISATION_MAX as i64),
        ("recovery_code_length", crate::secrets::RECOVERY_CODE_LENGTH as i64),
        ("search_query_max", crate::cases::SEARCH_QUERY_MAX as i64),
        ("list_page_max", crate::cases::LIST_PAGE_MAX as i64),
        ("board_closed_shown", i64::from(crate::board::CLOSED_SHOWN)),
        ("board_cards_shown", i64::from(crate::board::CARDS_SHOWN)),
        ("board_cards_shown_max", i64::from(crate::board::CARDS_SHOWN_MAX)),
        ("action_what_max", crate::actions::WHAT_MAX as i64),
        ("action_person_max", crate::actions::PERSON_MAX as i64),
        ("directory_name_max", crate::meetings::DIRECTORY_NAME_MAX as i64),
        ("directory_organisation_max", crate::meetings::DIRECTORY_ORGANISATION_MAX as i64),
        ("directory_role_max", crate::meetings::DIRECTORY_ROLE_MAX as i64),
        ("directory_email_max", crate::meetings::DIRECTORY_EMAIL_MAX as i64),
        ("meeting_place_max", crate::meetings::PLACE_MAX as i64),
        ("meeting_title_max", crate::meetings::TITLE_MAX as i64),
        ("meeting_text_max", crate::meetings::TEXT_MAX as i64),
        ("minutes_keep_years_min", i64::from(crate::meetings::KEEP_YEARS_MIN)),
        ("minutes_keep_years_max", i64::from(crate::meetings::KEEP_YEARS_MAX)),
        ("minutes_keep_years_default", i64::from(crate::meetings::KEEP_YEARS)),
        ("agenda_new_case_days_min", i64::from(crate::meetings::NEW_CASE_DAYS_MIN)),
        ("agenda_new_case_days_max", i64::from(crate::meetings::NEW_CASE_DAYS_MAX)),
        ("agenda_new_case_days_default", i64::from(crate::meetings::NEW_CASE_DAYS)),
        ("idle_minutes_min", i64::from(crate::lock::IDLE_MINUTES_MIN)),
        ("idle_minutes_max", i64::from(crate::lock::IDLE_MINUTES_MAX)),
        ("idle_minutes_default", i64::from(crate::lock::IDLE_MINUTES)),
        ("retention_years_min", i64::from(crate::retention::YEARS_MIN)),
        ("retention_years_max", i64::from(crate::retention::YEARS_MAX)),
        ("retention_years_default", i64::from(crate::retention::CLOSED_YEARS)),
        ("retention_forwarded_days_min", i64::from(crate::retention::DAYS_MIN)),
        ("retention_forwarded_days_max", i64::from(crate::retention::DAYS_MAX)),
        ("retention_forwarded_days_default", i64::from(crate::retention::FORWARDED_DAYS)),
        ("retention_due_within_days", i64::from(crate::retention::DUE_WITHIN_DAYS)),
    ]
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn labels<T: Copy>(
    name: &str,
    all: &[T],
    key: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> String {
    let mut out = format!("  {name}: {{\n");
    for &v in all {
        let _ = writeln!(out, "    {}: {},", key(v), quoted(label(v)));
    }
    out.push_str("  },\n");
    out
}

fn rule_ts(rule: MoveRule) -> String {
    match rule {
        MoveRule::Allowed { reason_required, outcome_required } => {
            format!("{{ kind: 'allowed', reason_required: {reason_required}, outcome_required: {outcome_required} }}")
        }
        MoveRule::ForwardingOnly => "{ kind: 'forwarding_only' }".into(),
        MoveRule::Same => "{ kind: 'same' }".into(),
    }
}

/// The TypeScript module the UI imports.
pub fn typescript() -> String {
    let mut ts = String::from(
        "// Generated from the Rust rules by `cargo test -p tovholder-core` (src-tauri/core/src/rules.rs).\n\
         // Do not edit: change the Rust definitions and run the tests.\n\n",
    );
    ts.push_str("export const LIMITS = {\n");
    for (name, v) in limits() {
        let _ = writeln!(ts, "  {name}: {v},");
    }
    ts.push_str(
        "} as const;\n\n/** Danish labels, in the order forms and filters show them. */\nexport const LABELS = {\n",
    );
    ts.push_str(&labels("stage", &Stage::ALL, Stage::as_str, Stage::label_da));
    ts.push_str(&labels("outcome", &Outcome::ALL, Outcome::as_str, Outcome::label_da));
    ts.push_str(&labels("category", Category::ALL, Category::as_str, Category::label_da));
    ts.push_str(&labels("urgency", Urgency::ALL, Urgency::as_str, Urgency::label_da));
    ts.push_str(&labels("channel", Channel::ALL, Channel::as_str, Channel::label_da));
    ts.push_str(&labels("caller_type", CallerType::ALL, CallerType::as_str, CallerType::label_da));
    ts.push_str(&labels("gender", Gender::ALL, Gender::as_str, Gender::label_da));
    ts.push_str(&labels("indicator", Indicator::ALL, Indicator::as_str, Indicator::label_da));
    ts.push_str(&labels("agency", Agency::ALL, Agency::as_str, Agency::label_da));
    ts.push_str(&labels("action_status", ActionStatus::ALL, ActionStatus::as_str, ActionStatus::label_da));
    ts.push_str(&labels("lane", &Lane::ALL, Lane::as_str, Lane::label_da));
    ts.push_str(&labels(
        "organisation_kind",
        &[OrganisationKind::Police, OrganisationKind::Municipality],
        OrganisationKind::as_str,
        OrganisationKind::label_da,
    ));
    ts.push_str("} as const;\n\n");
    ts.push_str("/** What moving a case from one stage (outer key) to another (inner key) requires. */\n");
    ts.push_str("export const STAGE_MOVES = {\n");
    for from in Stage::ALL {
        let _ = writeln!(ts, "  {}: {{", from.as_str());
        for to in Stage::ALL {
            let _ = writeln!(ts, "    {}: {},", to.as_str(), rule_ts(move_rule(from, to)));
        }
        ts.push_str("  },\n");
    }
    ts.push_str("} as const;\n\n/** The board's columns, in flow order. */\nexport const BOARD_COLUMNS = [");
    ts.push_str(&crate::board::COLUMNS.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", "));
    ts.push_str("] as const;\n\n");
    ts.push_str(
        "/** Each police district as the screens name it (its infohus), by code. */\nexport const DISTRICT_NAMES = {\n",
    );
    for d in crate::district::homes() {
        let _ = writeln!(ts, "  {}: {},", quoted(d.code), quoted(crate::district::display_name(d.code)));
    }
    ts.push_str("} as const;\n\n");
    let _ = writeln!(
        ts,
        "/** Den nationale hotline's code: a home without a police district (src-tauri/core/src/district.rs). */\nexport const HOTLINE = {};\n",
        quoted(crate::district::HOTLINE.code)
    );
    ts.push_str("/** What each history entry's field is called in the case panel, by its stored key. */\n");
    ts.push_str("export const HISTORY_FIELD_LABELS: Record<string, string> = {\n");
    for f in crate::cases::history::HistoryField::ALL {
        let _ = writeln!(ts, "  {}: {},", quoted(f.as_str()), quoted(f.label_da()));
    }
    ts.push_str("};\n\n");
    ts.push_str("/** What each audit action is called in the log views, by its stored key. */\n");
    ts.push_str("export const AUDIT_ACTION_LABELS = {\n");
    for a in crate::audit::AuditAction::ALL {
        let _ = writeln!(ts, "  {}: {},", quoted(a.as_str()), quoted(a.label_da()));
    }
    ts.push_str("} as const;\n\n");
    ts.push_str(&text_classes());
    ts.push_str(
        "\n/** Safe screen mode: when a pseudonym is initials and may be shown (src-tauri/core/src/screen.rs). */\n\
         export const INITIALS = {\n",
    );
    let _ = writeln!(ts, "  letters_max: {},", crate::screen::INITIALS_LETTERS_MAX);
    let _ = writeln!(ts, "  letters_alone_max: {},", crate::screen::INITIALS_LETTERS_ALONE_MAX);
    let seps: String = crate::screen::INITIALS_SEPARATORS.iter().collect();
    let _ = writeln!(ts, "  separators: {},", quoted(&seps));
    ts.push_str("} as const;\n");
    ts
}

/// Code point ranges (inclusive) as a TypeScript array.
fn ranges_ts(ranges: impl IntoIterator<Item = (u32, u32)>) -> String {
    let items: Vec<String> = ranges.into_iter().map(|(a, b)| format!("[0x{a:X}, 0x{b:X}]")).collect();
    format!("[{}]", items.join(", "))
}

fn char_ranges(ranges: &[(char, char)]) -> impl Iterator<Item = (u32, u32)> + '_ {
    ranges.iter().map(|&(a, b)| (u32::from(a), u32::from(b)))
}

/// Every character `char::is_whitespace` (Unicode White_Space) calls a space, as ranges: the
/// UI trims and separates by exactly these (JavaScript's `\s` and `trim()` also take U+FEFF).
fn whitespace_ranges() -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
        let c = u32::from(c);
        match out.last_mut() {
            Some((_, b)) if *b + 1 == c => *b = c,
            _ => out.push((c, c)),
        }
    }
    out
}

/// The character classes of the text rules (`text::clean_text`, `text::contains_cpr_number`).
fn text_classes() -> String {
    use crate::text as i;
    let mut ts = String::from(
        "/** Character classes of the text rules, as inclusive code point ranges (src-tauri/core/src/text.rs). */\n\
         export const TEXT_CLASSES = {\n",
    );
    for (name, ranges) in [
        ("bidi_controls", ranges_ts(char_ranges(i::BIDI_CONTROLS))),
        ("invisible", ranges_ts(char_ranges(i::INVISIBLE))),
        ("line_separators", ranges_ts(char_ranges(i::LINE_SEPARATORS))),
        ("dashes", ranges_ts(char_ranges(i::DASHES))),
        ("dots", ranges_ts(char_ranges(i::DOTS))),
        ("underscores", ranges_ts(char_ranges(i::UNDERSCORES))),
        ("slashes", ranges_ts(char_ranges(i::SLASHES))),
        ("number_joiners", ranges_ts(char_ranges(i::NUMBER_JOINERS))),
        ("whitespace", ranges_ts(whitespace_ranges())),
    ] {
        let _ = writeln!(ts, "  {name}: {ranges},");
    }
    let zeros: Vec<String> = i::DIGIT_ZEROS.iter().map(|z| format!("0x{z:X}")).collect();
    let _ = writeln!(ts, "  /** The zero of each run of ten decimal digits (general category Nd). */");
    let _ = writeln!(ts, "  digit_zeros: [{}],", zeros.join(", "));
    ts.push_str("} as const;\n");
    ts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{clean_text, contains_cpr_number, is_email_address, is_phone_number};

    const UI_RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/lib/generated/rules.ts");

    /// The UI's copy is current: fails when the committed file differs (and rewrites it only
    /// when asked to).
    #[test]
    fn export_ui_rules() {
        crate::generated::check_file(UI_RULES, &typescript(), "cargo test -p tovholder-core export_ui_rules");
    }

    #[test]
    fn every_move_and_every_label_is_in_the_ui_rules() {
        let ts = typescript();
        assert!(ts.contains("new_concern: \"Ny henvendelse\","));
        assert!(ts.contains("closed: { kind: 'allowed', reason_required: true, outcome_required: true }"));
        assert_eq!(ts.matches("kind: '").count(), Stage::ALL.len() * Stage::ALL.len());
        assert!(ts.contains("\"NJP\": \"Infohus Nordjylland\","));
    }

    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../test-vectors/text.json")).expect("valid JSON")
    }

    fn strings<'a>(v: &'a serde_json::Value, path: &[&str]) -> Vec<&'a str> {
        let mut cur = v;
        for p in path {
            cur = &cur[*p];
        }
        cur.as_array().expect("an array of strings").iter().map(|s| s.as_str().expect("a string")).collect()
    }

    #[test]
    fn the_shared_text_vectors_hold_in_rust() {
        let v = vectors();
        for s in strings(&v, &["cpr", "contains"]) {
            assert!(contains_cpr_number(s), "{s:?}");
        }
        for s in strings(&v, &["cpr", "clean"]) {
            assert!(!contains_cpr_number(s), "{s:?}");
        }
        for s in strings(&v, &["cpr", "accepted_false_positives"]) {
            assert!(contains_cpr_number(s), "{s:?}: a false positive written down as accepted");
        }
        for s in strings(&v, &["phone", "valid"]) {
            assert!(is_phone_number(s), "{s:?}");
        }
        for s in strings(&v, &["phone", "invalid"]) {
            assert!(!is_phone_number(s), "{s:?}");
        }
        for s in strings(&v, &["email", "valid"]) {
            assert!(is_email_address(s), "{s:?}");
        }
        for s in strings(&v, &["email", "invalid"]) {
            assert!(!is_email_address(s), "{s:?}");
        }
        for (group, multiline) in [("single_line", false), ("multi_line", true)] {
            for s in strings(&v, &[group, "valid"]) {
                assert!(clean_text("f", s, 100, multiline).is_ok(), "{group} {s:?}");
            }
            for s in strings(&v, &[group, "invalid"]) {
                assert!(clean_text("f", s, 100, multiline).is_err(), "{group} {s:?}");
            }
        }
        for s in strings(&v, &["initials", "shown"]) {
            assert!(crate::screen::shows_as_initials(s), "initials {s:?}");
        }
        for s in strings(&v, &["initials", "hidden"]) {
            assert!(!crate::screen::shows_as_initials(s), "not initials {s:?}");
        }
        for s in v["empty"].as_array().expect("an array").iter().map(|s| s.as_str().expect("a string")) {
            for multiline in [false, true] {
                assert_eq!(clean_text("f", s, 100, multiline).ok().as_deref(), Some(""), "empty {s:?}");
            }
        }
    }
}

//! A module runs SQL only on its own tables: every SQL string in each module's source names
//! (after FROM, JOIN, INTO, UPDATE or TABLE) only tables that module owns. Other modules' data
//! comes through their functions. The tables are read from the migrations, so a new table must
//! be given an owner here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const MIGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");

/// Which source files (paths under src/, a folder for all its files) own which tables.
const OWNERS: &[(&str, &[&str])] = &[
    ("audit.rs", &["audit_log", "audit_chain"]),
    ("access_report/settings.rs", &["access_report_settings"]),
    ("profile.rs", &["profile"]),
    ("cases/register.rs", &["cases"]),
    ("cases/reference.rs", &["case_sequence"]),
    ("cases/notes.rs", &["case_notes"]),
    ("cases/history.rs", &["case_history"]),
    ("cases/search.rs", &["case_search"]),
    ("actions.rs", &["action_items"]),
    ("board.rs", &["board_settings"]),
    ("demo.rs", &["demo_cases"]),
    (
        "meetings/stored.rs",
        &["meetings", "meeting_participants", "meeting_items", "meeting_actions", "meeting_distribution"],
    ),
    ("meetings/directory.rs", &["directory"]),
    ("meetings/settings.rs", &["meeting_settings"]),
    ("lock.rs", &["lock_settings"]),
    ("screen.rs", &["screen_settings"]),
    ("stats/settings.rs", &["stats_settings"]),
    ("drafts.rs", &["drafts"]),
    ("retention.rs", &["retention_settings", "retention_extensions"]),
    ("identity.rs", &["identity"]),
    ("peers.rs", &["peers"]),
    ("handover/stored.rs", &["handovers_sent", "handovers_received"]),
];

/// Files that may name any table: the schema and its migrations.
const SCHEMA_FILES: &[&str] = &["migrate.rs", "schema.rs"];

/// Every table the migrations create (a table built under a staging name and renamed into place,
/// `ALTER TABLE staging RENAME TO cases`, counts by its final name).
fn tables() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut renamed = BTreeSet::new();
    for entry in std::fs::read_dir(MIGRATIONS).unwrap() {
        let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let words = words(&sql);
        for w in words.windows(6) {
            if w[0].eq_ignore_ascii_case("alter")
                && w[1].eq_ignore_ascii_case("table")
                && w[3].eq_ignore_ascii_case("rename")
                && w[4].eq_ignore_ascii_case("to")
            {
                renamed.insert(w[2].to_lowercase());
            }
        }
        for w in words.windows(3) {
            if w[0].eq_ignore_ascii_case("create") && w[1].eq_ignore_ascii_case("table") {
                out.insert(w[2].to_lowercase());
            }
            if w[0].eq_ignore_ascii_case("virtual") && w[1].eq_ignore_ascii_case("table") {
                out.insert(w[2].to_lowercase());
            }
        }
    }
    assert!(out.len() >= 16, "the migrations create the tables: {out:?}");
    out.retain(|t| !renamed.contains(t));
    out
}

/// Words and single punctuation characters, in order.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The contents of the string literals in Rust source (plain and raw strings).
fn string_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Line comments are not code (they may say "reads cases FROM …").
        if chars[i] == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        // A char literal such as '"' is not the start of a string.
        if chars[i] == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            continue;
        }
        if chars[i] == 'r' && matches!(chars.get(i + 1), Some('"' | '#')) && (i == 0 || !chars[i - 1].is_alphanumeric())
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let rest: String = chars[j + 1..].iter().collect();
                let end = rest.find(&close).expect("a raw string ends");
                out.push(rest[..end].to_string());
                i = j + 1 + rest[..end].chars().count() + close.chars().count();
                continue;
            }
        }
        if chars[i] == '"' {
            let mut s = String::new();
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                }
                s.push(chars[j]);
                j += 1;
            }
            out.push(s);
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// The tables named in SQL strings of `source` (after FROM, JOIN, INTO, UPDATE, TABLE).
fn tables_named(source: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for literal in string_literals(source) {
        let words = words(&literal);
        for w in words.windows(2) {
            let keyword = w[0].to_uppercase();
            if ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"].contains(&keyword.as_str()) {
                let name = w[1].to_lowercase();
                if known.contains(&name) {
                    out.insert(name);
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn owned_by(relative: &str) -> BTreeSet<String> {
    OWNERS
        .iter()
        .filter(|(owner, _)| {
            relative == *owner || relative == format!("{owner}.rs") || relative.starts_with(&format!("{owner}/"))
        })
        .flat_map(|(_, tables)| tables.iter().map(|t| t.to_string()))
        .collect()
}

#[test]
fn every_table_has_one_owner() {
    let tables = tables();
    let mut owners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (owner, owned) in OWNERS {
        for t in *owned {
            owners.entry(t).or_default().push(owner);
        }
    }
    for t in &tables {
        assert_eq!(owners.get(t.as_str()).map(Vec::len), Some(1), "table {t} needs exactly one owner in OWNERS");
    }
}

#[test]
fn no_module_runs_sql_on_another_modules_tables() {
    let known = tables();
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    assert!(files.len() > 20, "the core's sources are found");
    let mut trespasses = Vec::new();
    let mut checked = 0;
    for path in files {
        let relative = path.strip_prefix(SRC).unwrap().to_string_lossy().replace('\\', "/");
        if SCHEMA_FILES.contains(&relative.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        // Unit tests inside a module may set up other tables' rows.
        let code = source.split("#[cfg(test)]").next().unwrap_or(&source);
        let own = owned_by(&relative);
        for table in tables_named(code, &known) {
            checked += 1;
            if !own.contains(&table) {
                trespasses.push(format!("{relative} names table {table}"));
            }
        }
    }
    assert!(checked >= 16, "the scan finds the modules' own SQL ({checked} table names)");
    assert!(trespasses.is_empty(), "SQL on another module's tables:\n{}", trespasses.join("\n"));
}

/// The scanner itself: it finds a table after each keyword, in plain and raw strings, and
/// ignores comments and words that are not tables.
#[test]
fn the_scanner_finds_tables_in_sql_strings() {
    let known: BTreeSet<String> = ["cases", "action_items", "meetings"].iter().map(|s| s.to_string()).collect();
    let source = r###"
        // SELECT * FROM meetings (a comment)
        let a = "SELECT a.id FROM action_items a JOIN cases c ON c.id = a.case_id";
        let b = r#"UPDATE cases SET x = "y""#;
        let c = "the key comes from the keychain";
    "###;
    let found = tables_named(source, &known);
    assert_eq!(found, ["action_items", "cases"].iter().map(|s| s.to_string()).collect());
}

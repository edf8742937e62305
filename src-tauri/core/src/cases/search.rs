//! Full-text search over Danish-folded text (table `case_search`, FTS5, contentless). Row ids:
//! `-case_id` for a case's own text (reference, pseudonym, municipality, description), the note id
//! for a note.

use crate::error::Result;
use crate::store::Op;
use crate::text::fold;
use rusqlite::{Connection, params};
use serde::Serialize;

/// Where a case matched: its own text or one of its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    Case,
    Note,
}

/// (Re)indexes a case's own text.
pub(crate) fn index_case(
    conn: &Connection,
    case_id: i64,
    reference: &str,
    pseudonym: &str,
    municipality: &str,
    description: &str,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([-case_id])?;
    conn.prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?.execute(params![
        -case_id,
        terms(&format!("{reference} {pseudonym} {municipality} {description}")).join(" ")
    ])?;
    Ok(())
}

pub(crate) fn index_note(conn: &Connection, note_id: i64, body: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![note_id, terms(body).join(" ")])?;
    Ok(())
}

/// Characters FTS5's `unicode61` tokenizer (as bundled) treats as separators although Rust calls
/// them alphanumeric (after folding): New Tai Lue vowel signs and Vedic signs (marks in its
/// Unicode tables), and enclosed letters without a decomposition (symbols). The test
/// `every_term_character_is_a_token_character_for_fts5` checks every code point against the
/// bundled SQLite, so a change of either Unicode version is caught.
const FTS5_SEPARATORS: &[(char, char)] = &[
    ('\u{19B0}', '\u{19C0}'),
    ('\u{19C8}', '\u{19C9}'),
    ('\u{1CF2}', '\u{1CF3}'),
    ('\u{24B6}', '\u{24E9}'),
    ('\u{1F130}', '\u{1F189}'),
];

/// A character that belongs to a search term (in folded text).
fn is_term_char(c: char) -> bool {
    c.is_alphanumeric() && !FTS5_SEPARATORS.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// The search terms of a text, folded: what the index stores (joined by spaces) and what a query
/// asks for. Index and query are split here, the same way, and only at characters FTS5 also
/// splits at: so each term is exactly one FTS5 token (a quoted term that FTS5 split in two would
/// be a phrase query, which this `detail = none` index refuses with an error).
pub(crate) fn terms(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !is_term_char(c)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Builds an FTS5 query from what a person typed: every word must match (as a prefix), folded
/// and split the same way as the index. Returns None when nothing searchable was typed. A term
/// holds letters and digits only, so quoting it leaves no FTS5 syntax (quotes, `*`, `^`, `:`,
/// `NEAR`, parentheses) in the user's hands. Public for the benchmark, which times the bare FTS5
/// query beside `search`.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = terms(input).into_iter().take(12).map(|w| format!("\"{w}\"*")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Index row ids matching an FTS5 query, best first.
pub(crate) fn ranked(conn: &Connection, fts: &str, limit: u32) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let rows = stmt.query_map(params![fts, i64::from(limit)], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Removes a case's entries from the index: its own text and its notes' (by their ids).
pub(crate) fn purge(op: &Op<'_>, case_id: i64, note_ids: &[i64]) -> Result<()> {
    let mut delete = op.conn().prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?;
    delete.execute([-case_id])?;
    for id in note_ids {
        delete.execute([id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character a term may hold is one FTS5 token on its own and inside a word: checked
    /// against the bundled SQLite for every code point.
    #[test]
    fn every_term_character_is_a_token_character_for_fts5() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance');
             BEGIN;",
        )
        .unwrap();
        let mut candidates = 0;
        {
            let mut insert = c.prepare("INSERT INTO t (rowid, x) VALUES (?1, ?2)").unwrap();
            for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
                if is_term_char(ch) && fold(&ch.to_string()) == ch.to_string() {
                    candidates += 1;
                    insert.execute(params![u32::from(ch), format!("q{ch}q")]).unwrap();
                }
            }
        }
        let split: Vec<String> = c
            .prepare("SELECT doc FROM v GROUP BY doc HAVING count(*) <> 1")
            .unwrap()
            .query_map([], |r| r.get::<_, u32>(0))
            .unwrap()
            .map(|r| format!("U+{:04X}", r.unwrap()))
            .collect();
        assert!(candidates > 100_000);
        assert!(split.is_empty(), "FTS5 splits at {split:?}: add them to FTS5_SEPARATORS");
    }

    #[test]
    fn queries_are_quoted_terms_only() {
        assert_eq!(fts_query("Århus"), Some("\"arhus\"*".into()));
        assert_eq!(fts_query("\"NEAR(a* ^b:c)\""), Some("\"near\"* \"a\"* \"b\"* \"c\"*".into()));
        assert_eq!(fts_query("كَتَبَ"), Some("\"كتب\"*".into()));
        for nothing in ["", "   ", "\"", "*", "^", "(", ")", "\u{301}", "😀", "\u{200b}", "🅐", "-- ;"] {
            assert_eq!(fts_query(nothing), None, "{nothing:?}");
        }
    }
}

//! Full-text search over Danish-folded text (table `case_search`, FTS5, contentless). Row ids:
//! `-case_id` for a case's own text (reference, pseudonym, municipality, description), the note id
//! for a note.
//!
//! The index is contentless (FTS5's `snippet()` has nothing to cut from), so a hit's snippet is
//! made here from the case's own text, with the same folding and splitting as the index: the
//! field that matched most of the query's words, and a short excerpt with the matching words
//! marked.

use crate::error::Result;
use crate::keys::key_enum;
use crate::op::{Op, Reader};
use crate::text::fold;
use rusqlite::params;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

/// Where a case matched: its own text or one of its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    Case,
    Note,
}

key_enum! {
    /// The text a snippet comes from.
    SnippetField {
        Reference = "reference": "Reference",
        Pseudonym = "pseudonym": "Pseudonym",
        Municipality = "municipality": "Kommune",
        Description = "description": "Beskrivelse",
        Note = "note": "Note",
    }
}

/// Why a case matched: which text, and a short excerpt of it with the matching words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Snippet {
    pub field: SnippetField,
    /// The field's Danish label, e.g. "Beskrivelse".
    pub label: String,
    /// The excerpt in order; `hit` parts are matching words. A cut is marked "…".
    pub parts: Vec<SnippetPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// How many characters of context an excerpt shows before its first match, at most.
pub const SNIPPET_BEFORE: usize = 30;
/// The longest excerpt, in characters (before the "…" marks).
pub const SNIPPET_MAX: usize = 110;

/// A character of a word in unfolded text: letters and digits, and the marks written on them
/// (so "cafe\u{301}" is one word, as it is one term once folded).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The byte ranges of the words of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Which of the query's terms (bit i for term i) a word matches, as the index does: one of the
/// word's terms begins with the query term.
fn word_matches(word: &str, query: &[String]) -> u16 {
    let mut mask = 0;
    for t in terms(word) {
        for (i, q) in query.iter().enumerate() {
            if t.starts_with(q.as_str()) {
                mask |= 1 << i;
            }
        }
    }
    mask
}

/// The terms of a query as [`fts_query`] asks for them (at most 12).
pub(crate) fn query_terms(input: &str) -> Vec<String> {
    terms(input).into_iter().take(12).collect()
}

/// A field's snippet for the query's terms, with how many of the terms it holds; None when it
/// holds none. Whitespace (line breaks too) is shown as single spaces.
pub(crate) fn snippet(field: SnippetField, text: &str, query: &[String]) -> Option<(u32, Snippet)> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<(usize, usize, u16)> =
        word_spans(&text).into_iter().map(|(a, b)| (a, b, word_matches(&text[a..b], query))).collect();
    let all = words.iter().fold(0u16, |m, w| m | w.2);
    let &(first_start, first_end, _) = words.iter().find(|w| w.2 != 0)?;
    // Byte offset `n` characters before/after a position (clamped to the text).
    let back = |from: usize, n: usize| text[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    let ahead = |from: usize, n: usize| text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i);
    // Start at a word at most SNIPPET_BEFORE characters before the first match (or at it).
    let mut start =
        if text[..first_start].chars().count() <= SNIPPET_BEFORE { 0 } else { back(first_start, SNIPPET_BEFORE) };
    if start > 0 {
        start = words.iter().map(|w| w.0).find(|&s| s >= start).unwrap_or(first_start).min(first_start);
    }
    // End after the last whole word within SNIPPET_MAX characters (the first match always shows).
    let mut end = ahead(start, SNIPPET_MAX);
    if end < text.len() {
        end = words.iter().map(|w| w.1).rev().find(|&e| e <= end).unwrap_or(first_end).max(first_end);
    }
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |s: &str, hit: bool| {
        if s.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(s),
            _ => parts.push(SnippetPart { text: s.to_string(), hit }),
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut at = start;
    for &(a, b, _) in words.iter().filter(|w| w.2 != 0 && w.0 >= start && w.1 <= end) {
        push(&text[at..a], false);
        push(&text[a..b], true);
        at = b;
    }
    push(&text[at..end], false);
    if end < text.len() {
        push("…", false);
    }
    Some((all.count_ones(), Snippet { field, label: field.label_da().to_string(), parts }))
}

/// The best snippet among a case's fields (in order): the one holding most of the query's
/// terms, the first of equals.
pub(crate) fn best_snippet(fields: &[(SnippetField, &str)], query: &[String]) -> Option<Snippet> {
    let mut best: Option<(u32, Snippet)> = None;
    for &(field, text) in fields {
        if let Some((n, s)) = snippet(field, text, query)
            && best.as_ref().is_none_or(|(m, _)| n > *m)
        {
            best = Some((n, s));
        }
    }
    best.map(|(_, s)| s)
}

/// (Re)indexes a case's own text.
pub fn index_case(
    op: &Op<'_>,
    case_id: i64,
    reference: &str,
    pseudonym: &str,
    municipality: &str,
    description: &str,
) -> Result<()> {
    op.conn().prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([-case_id])?;
    op.conn().prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?.execute(params![
        -case_id,
        terms(&format!("{reference} {pseudonym} {municipality} {description}")).join(" ")
    ])?;
    Ok(())
}

pub fn index_note(op: &Op<'_>, note_id: i64, body: &str) -> Result<()> {
    op.conn()
        .prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?
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
    let words: Vec<String> = query_terms(input).into_iter().map(|w| format!("\"{w}\"*")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Index row ids matching an FTS5 query, best first.
pub(crate) fn ranked(db: &Reader<'_>, fts: &str, limit: u32) -> Result<Vec<i64>> {
    let mut stmt =
        db.conn().prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let rows = stmt.query_map(params![fts, i64::from(limit)], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Removes a case's entries from the index: its own text and its notes' (by their ids).
pub fn purge(op: &Op<'_>, case_id: i64, note_ids: &[i64]) -> Result<()> {
    let mut delete = op.conn().prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?;
    delete.execute([-case_id])?;
    for id in note_ids {
        delete.execute([id])?;
    }
    Ok(())
}

/// Merges the index's segments into one (FTS5's `optimize`), so no deleted row's terms remain
/// in an older segment's pages; the pages freed are overwritten (`secure_delete`). Retention calls
/// it after deleting cases.
pub fn optimize(op: &Op<'_>) -> Result<()> {
    op.conn().execute("INSERT INTO case_search (case_search) VALUES ('optimize')", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character a term may hold is one FTS5 token on its own and inside a word: checked
    /// against the bundled SQLite for every code point.
    #[test]
    fn every_term_character_is_a_token_character_for_fts5() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
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

    fn marked(field: SnippetField, text: &str, query: &str) -> Option<String> {
        let (_, s) = snippet(field, text, &query_terms(query))?;
        Some(s.parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect())
    }

    #[test]
    fn snippets_mark_whole_words_as_written() {
        let d = SnippetField::Description;
        assert_eq!(marked(d, "Mødtes på cafe\u{301} Nord.", "cafe"), Some("Mødtes på [cafe\u{301}] Nord.".into()));
        assert_eq!(marked(d, "Ålborg  og\n\nÅrhus", "aa"), Some("[Ålborg] og [Århus]".into()));
        assert_eq!(marked(d, "Bo i Brøndby", "broendby bo"), Some("[Bo] i [Brøndby]".into()));
        assert_eq!(marked(d, "ØJP-2026-0042", "ØJP-2026-0042"), Some("[ØJP]-[2026]-[0042]".into()));
        assert_eq!(marked(d, "Ingen match her", "knallert"), None);
        assert_eq!(marked(d, "", "knallert"), None);
    }

    #[test]
    fn snippets_are_short_and_cut_between_words() {
        let text = format!("{}knallert{}", "ord ".repeat(100), " mere".repeat(100));
        let s = marked(SnippetField::Description, &text, "knallert").unwrap();
        assert!(s.starts_with("… ord") || s.starts_with("…ord"), "{s:?}");
        assert!(s.ends_with("mere…"), "{s:?}");
        assert!(s.contains("[knallert]"));
        let plain = s.replace(['[', ']'], "");
        assert!(plain.chars().count() <= SNIPPET_MAX + 2, "{}", plain.chars().count());
        // Near the start: no cut before.
        let s = marked(SnippetField::Description, &format!("Knallert{}", " mere".repeat(100)), "knallert").unwrap();
        assert!(s.starts_with("[Knallert] mere"), "{s:?}");
        // One very long word is shown whole rather than not at all.
        let long = "x".repeat(300);
        let s = marked(SnippetField::Note, &format!("a {long} b"), "xx").unwrap();
        assert!(s.contains(&format!("[{long}]")));
    }

    #[test]
    fn the_best_snippet_is_the_field_with_most_words() {
        let q = query_terms("lucas aarhus");
        let fields = [
            (SnippetField::Pseudonym, "Lucas"),
            (SnippetField::Municipality, "Aarhus"),
            (SnippetField::Description, "Lucas flyttede fra Århus i sommer."),
        ];
        assert_eq!(best_snippet(&fields, &q).unwrap().field, SnippetField::Description);
        let q = query_terms("lucas");
        assert_eq!(best_snippet(&fields, &q).unwrap().field, SnippetField::Pseudonym, "the first of equals");
        assert_eq!(best_snippet(&fields, &query_terms("zz")), None);
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

//! Saving Statistik: the report's PDF (`minutes::render_statistics`) and one CSV per table
//! (UTF-8 with a byte-order mark and semicolons, so Danish Excel opens it right), made from the
//! published figures in one write with its audit event (`stats.exported`), and written through
//! the `export` module's file helpers.

use super::{Period, Statistics, figures_in};
use crate::audit::AuditEvent;
use crate::dates::{format_date, format_time};
use crate::error::{Error, Result};
use crate::export::{self, CHOSEN_FILE, STATS_CSV, STATS_PDF};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// A saved report's files.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportFiles {
    pub statistics: Statistics,
    pub pdf: Vec<u8>,
    /// (file name, bytes) per table, and `varigheder.csv` for the durations.
    pub csv: Vec<(String, Vec<u8>)>,
}

/// Where a report was saved, and the figures it holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SavedReport {
    pub pdf: Option<PathBuf>,
    pub csv: Vec<PathBuf>,
    pub statistics: Statistics,
}

/// "Statistik 2026-03-01–2026-03-31": the report's neutral file name without extension.
pub fn file_stem(period: Period) -> String {
    format!("Statistik {}–{}", period.from.as_text(), period.to.as_text())
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_file(rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    for row in rows {
        w.write_record(row).map_err(|_| Error::Internal("a CSV row"))?;
    }
    w.into_inner().map_err(|_| Error::Internal("a CSV file"))
}

/// One CSV per table (`<key>.csv`) and the durations (`varigheder.csv`), with the marks the
/// report shows (»< 5«, »x«).
pub(crate) fn csv_tables(s: &Statistics) -> Result<Vec<(String, Vec<u8>)>> {
    let n = s.threshold;
    let mut out = Vec::new();
    for t in &s.tables {
        let several = t.columns.len() > 1;
        let mut head = vec![t.row_heading.clone()];
        head.extend(t.columns.iter().cloned());
        if several {
            head.push("I alt".into());
        }
        let mut rows = vec![head];
        for (i, label) in t.rows.iter().enumerate() {
            let mut row = vec![label.clone()];
            row.extend(t.cells[i].iter().map(|c| c.text(n)));
            if several {
                row.push(t.row_totals[i].text(n));
            }
            rows.push(row);
        }
        if let Some(total) = t.total {
            let mut row = vec!["I alt".to_string()];
            if several {
                row.extend(t.column_totals.iter().map(|c| c.text(n)));
            }
            row.push(total.text(n));
            rows.push(row);
        }
        out.push((format!("{}.csv", t.key), csv_file(&rows)?));
    }
    let mut rows =
        vec![vec!["Varighed".into(), "Sager".into(), "Median (minutter)".into(), "Længste (minutter)".into()]];
    for d in &s.durations {
        let m = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
        rows.push(vec![d.title.clone(), d.count.text(n), m(d.median_minutes), m(d.longest_minutes)]);
    }
    out.push(("varigheder.csv".into(), csv_file(&rows)?));
    Ok(out)
}

/// The report's files for a period, made from the published figures in one write that records
/// `stats.exported` (the period and the threshold, no figures).
pub fn report_files(store: &Store, period: Period, threshold: u64) -> Result<ReportFiles> {
    let threshold = super::check_threshold(threshold)?;
    store.write(|op| {
        let statistics = figures_in(op, period, threshold)?.published();
        let now = op.now();
        let made = format!("{} kl. {}", format_date(now), format_time(now));
        let pdf = crate::minutes::render_statistics(&statistics, &made)?;
        let csv = csv_tables(&statistics)?;
        op.audit(AuditEvent::StatsExported {
            period: format!("{}–{} < {threshold}", period.from.as_text(), period.to.as_text()),
        });
        Ok(ReportFiles { statistics, pdf, csv })
    })
}

/// Writes the report as new files (`tovholder-cli stats --pdf FILE --csv DIR`), never replacing
/// one: the folders and names are checked before anything is made; when a file cannot be
/// written, the ones already written are removed.
pub fn export(
    store: &Store,
    period: Period,
    threshold: u64,
    pdf: Option<&Path>,
    csv_dir: Option<&Path>,
) -> Result<SavedReport> {
    let taken = |p: &Path| p.symlink_metadata().is_ok();
    if let Some(p) = pdf {
        export::check_folder(p, STATS_PDF)?;
        if taken(p) {
            return Err(Error::Refused("the file already exists and is not replaced".into()));
        }
    }
    if let Some(dir) = csv_dir {
        export::check_folder(&dir.join("x.csv"), STATS_CSV)?;
    }
    let files = report_files(store, period, threshold)?;
    if let Some(dir) = csv_dir
        && files.csv.iter().any(|(name, _)| taken(&dir.join(name)))
    {
        return Err(Error::Refused("the file already exists and is not replaced".into()));
    }
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<SavedReport> {
        let mut saved = SavedReport { pdf: None, csv: Vec::new(), statistics: files.statistics.clone() };
        if let Some(p) = pdf {
            export::write_export(p, &files.pdf, STATS_PDF)?;
            written.push(p.to_path_buf());
            saved.pdf = Some(p.to_path_buf());
        }
        if let Some(dir) = csv_dir {
            for (name, bytes) in &files.csv {
                let path = dir.join(name);
                export::write_export(&path, bytes, STATS_CSV)?;
                written.push(path.clone());
                saved.csv.push(path);
            }
        }
        Ok(saved)
    })();
    if result.is_err() {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

/// Saves the report where the user chose in the save dialog (which has asked about replacing):
/// the PDF at `path`, the CSV files in the folder beside it named like the PDF with » CSV«
/// ("Statistik 2026-03-01–2026-03-31 CSV"), created when missing.
pub fn save(store: &Store, period: Period, threshold: u64, path: &Path) -> Result<SavedReport> {
    export::check_folder(path, CHOSEN_FILE)?;
    let files = report_files(store, period, threshold)?;
    export::write_export_replacing(path, &files.pdf, CHOSEN_FILE)?;
    let stem = path.file_stem().map_or_else(|| file_stem(period), |s| s.to_string_lossy().into_owned());
    let dir = path.with_file_name(format!("{stem} CSV"));
    // A new folder is owner-only; one that is there (an earlier save) is kept as it is.
    if crate::files::create_private_dir(&dir).is_err() || !dir.is_dir() {
        return Err(Error::invalid(CHOSEN_FILE.field, "mappen til CSV-filerne kan ikke oprettes"));
    }
    let mut csv = Vec::new();
    for (name, bytes) in &files.csv {
        let p = dir.join(name);
        export::write_export_replacing(&p, bytes, CHOSEN_FILE)?;
        csv.push(p);
    }
    Ok(SavedReport { pdf: Some(path.to_path_buf()), csv, statistics: files.statistics })
}

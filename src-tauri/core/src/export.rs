//! Exported files, and the app's private export folder.
//!
//! **Exports** (the minutes' PDF and `.eml` through the CLI, a file chosen in the save dialog) are
//! written completely and durably under a temporary name in the target folder, then linked or
//! renamed into place. The temporary name is `.tovholder-export-<random>.tmp` — no part of the
//! target's name, which may name a person — and, while it exists, it is registered in the
//! `unfinished` folder beside the private export folder (one small file per export, holding its
//! path and locked by the exporting process). An export killed half-way therefore leaves nothing
//! that stays: the next start of the app or the CLI removes every registered temporary file whose
//! exporter is gone ([`remove_unfinished`]). Errors name the target folder by its role ("mappen
//! til referatet findes ikke"), never its path or the file's name; a missing or unwritable folder
//! is bad input (`invalid_input`), like a backup's.
//!
//! **The private export folder**: where the app writes the copies it hands to other programs
//! (the minutes' PDF for the default PDF viewer, the `.eml` draft for the mail program).
//!
//! The folder is owner-only where the OS supports it and is emptied every time the app starts,
//! so confidential copies do not linger. It lies in the OS cache directory (on Linux
//! `$XDG_CACHE_HOME/tovholder/export`, else `~/.cache/tovholder/export`), never in the data
//! directory with the encrypted store and never in a folder other users can read.

use crate::error::{Error, Result};
use crate::files;
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

/// The folder's name inside the app's cache directory.
const FOLDER: &str = "export";

/// The private export folder, created owner-only and emptied when opened.
#[derive(Debug, Clone)]
pub struct PrivateFolder {
    dir: PathBuf,
}

impl PrivateFolder {
    /// The default location: `export` in the OS cache directory of Tovholder.
    pub fn default_dir() -> Result<PathBuf> {
        directories::ProjectDirs::from("dk", "Tovholder", "Tovholder")
            .map(|p| p.cache_dir().join(FOLDER))
            .ok_or(Error::Internal("no home directory for the export folder"))
    }

    /// Creates the folder (owner-only) if needed and removes everything in it: the copies of an
    /// earlier run. A link where the folder should be is replaced by a real folder. The temporary
    /// files of exports an earlier run did not finish are removed too ([`remove_unfinished`]).
    pub fn open_emptied(dir: PathBuf) -> Result<PrivateFolder> {
        if let Some(parent) = dir.parent() {
            remove_unfinished(&parent.join(UNFINISHED));
        }
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {
                for entry in fs::read_dir(&dir)? {
                    let entry = entry?;
                    // `file_type` does not follow links: a link is removed, never its target.
                    if entry.file_type()?.is_dir() {
                        fs::remove_dir_all(entry.path())?;
                    } else {
                        fs::remove_file(entry.path())?;
                    }
                }
            }
            Ok(_) => fs::remove_file(&dir)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        fs::create_dir_all(&dir)?;
        crate::files::make_private(&dir, true)?;
        Ok(PrivateFolder { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` as the file `name` in the folder (owner-only), replacing an earlier copy of
    /// the same name, and returns its path. `name` is a plain file name made by the app.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let plain = Path::new(name).file_name().is_some_and(|n| n == name) && !name.starts_with('.');
        if !plain {
            return Err(Error::Internal("an export file name is a plain file name"));
        }
        let path = self.dir.join(name);
        write_export_replacing(&path, bytes, CHOSEN_FILE)?;
        Ok(path)
    }
}

/// The folder beside the private export folder where unfinished exports are registered.
const UNFINISHED: &str = "unfinished";

/// How the temporary file of an export begins (then a random part and `.tmp`).
pub const EXPORT_TEMP_PREFIX: &str = ".tovholder-export-";

/// Where unfinished exports are registered by default: `unfinished` in the app's cache directory.
pub fn unfinished_dir() -> Result<PathBuf> {
    let export = PrivateFolder::default_dir()?;
    Ok(export.parent().unwrap_or(&export).join(UNFINISHED))
}

/// Removes the temporary files of exports that never finished (the exporting process was killed
/// or the machine stopped) and their registrations in `dir`; an export still running elsewhere
/// (its registration is locked) is left alone. Only files named like an export's temporary file
/// are removed, whatever a registration says. Best effort: returns how many files were removed.
pub fn remove_unfinished(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let mut o = fs::OpenOptions::new();
        o.read(true).write(true);
        files::no_follow(&mut o);
        let Ok(file) = o.open(&path) else {
            let _ = fs::remove_file(&path);
            continue;
        };
        if file.try_lock().is_err() {
            continue; // still being written by a running export
        }
        let mut text = String::new();
        let read = (&file).take(4096).read_to_string(&mut text);
        drop(file);
        if read.is_ok() {
            let temp = PathBuf::from(text.trim_end_matches('\n'));
            let name = temp.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if temp.is_absolute()
                && name.starts_with(EXPORT_TEMP_PREFIX)
                && name.ends_with(".tmp")
                && files::present(&temp).unwrap_or(false)
                && fs::remove_file(&temp).is_ok()
            {
                removed += 1;
            }
        }
        let _ = fs::remove_file(&path);
    }
    removed
}

/// An export's temporary file, registered as unfinished until it is dropped (after it was put in
/// place, or removed). The registration is locked while it lives.
pub(crate) struct Unfinished {
    entry: Option<(PathBuf, fs::File)>,
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some((path, file)) = self.entry.take() {
            drop(file);
            let _ = fs::remove_file(path);
        }
    }
}

/// Registers `temp` (absolute) as an unfinished export in `dir`; best effort (without a cache
/// directory the export goes on unregistered).
fn register(dir: &Path, id: &str, temp: &Path) -> Unfinished {
    let entry = (|| -> std::io::Result<(PathBuf, fs::File)> {
        if !dir.exists() {
            fs::create_dir_all(dir)?;
            files::make_private(dir, true)?;
        }
        let path = dir.join(id);
        let mut o = fs::OpenOptions::new();
        o.read(true).write(true).create_new(true);
        files::no_follow(&mut o);
        let mut file = o.open(&path)?;
        file.try_lock().map_err(|_| std::io::Error::other("the registration is locked"))?;
        file.write_all(temp.as_os_str().to_string_lossy().as_bytes())?;
        file.sync_all()?;
        Ok((path, file))
    })();
    Unfinished { entry: entry.ok() }
}

/// A new temporary file for an export into `folder` (a backup's files too), registered as
/// unfinished until the returned guard is dropped.
pub(crate) fn export_temp(folder: &Path) -> Result<(tempfile::NamedTempFile, Unfinished)> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let name = format!("{EXPORT_TEMP_PREFIX}{id}");
    let unfinished = match (unfinished_dir(), fs::canonicalize(folder)) {
        (Ok(dir), Ok(abs)) => register(&dir, &id, &abs.join(format!("{name}.tmp"))),
        _ => Unfinished { entry: None },
    };
    let tmp = files::temp_named(folder, &name)?;
    Ok((tmp, unfinished))
}

/// What an exported file is, for errors that name its folder by role (never by path).
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The field (the CLI's option, the command's argument) the error is about.
    pub field: &'static str,
    /// The folder by its role, in Danish: "mappen til referatet".
    pub folder: &'static str,
}

/// The minutes' PDF written by `tovholder-cli minutes --out`.
pub const MINUTES_PDF: Target = Target { field: "out", folder: "mappen til referatet" };
/// The minutes' e-mail draft written by `tovholder-cli minutes --eml`.
pub const MINUTES_EML: Target = Target { field: "eml", folder: "mappen til e-mailen" };
/// The access report's files written by `tovholder-cli access-report --out`.
pub const ACCESS_REPORT: Target = Target { field: "out", folder: "mappen til indsigtsrapporten" };
/// A sealed case written by `tovholder-cli handover send --out`.
pub const SEALED_CASE: Target = Target { field: "out", folder: "mappen til den forseglede sag" };
/// A receipt written by `tovholder-cli handover import` (beside the case, or `--receipt`).
pub const RECEIPT: Target = Target { field: "receipt", folder: "mappen til kvitteringen" };
/// Statistik's PDF written by `tovholder-cli stats --pdf`.
pub const STATS_PDF: Target = Target { field: "pdf", folder: "mappen til rapporten" };
/// Statistik's CSV files written by `tovholder-cli stats --csv`.
pub const STATS_CSV: Target = Target { field: "csv", folder: "mappen til CSV-filerne" };
/// A file chosen in the save dialog.
pub const CHOSEN_FILE: Target = Target { field: "path", folder: "den valgte mappe" };

/// A target that cannot be written because of the folder the user gave is bad input, named by
/// its role; a full disk stays `DiskFull`.
fn target_error(e: Error, t: Target) -> Error {
    match e {
        Error::ReadOnly => Error::invalid(t.field, format!("{} kan ikke skrives i", t.folder)),
        Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
            Error::invalid(t.field, format!("{} findes ikke", t.folder))
        }
        other => other,
    }
}

/// The folder an export goes into, checked first: missing or not a folder is bad input.
fn target_folder(path: &Path, t: Target) -> Result<&Path> {
    let dir = files::parent_dir(path);
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(dir),
        Ok(_) => Err(Error::invalid(t.field, format!("{} er ikke en mappe", t.folder))),
        Err(e) => Err(target_error(e.into(), t)),
    }
}

/// Checks the folder an export will go into before anything is made (missing, not a folder: bad
/// input naming the field, never the path).
pub(crate) fn check_folder(path: &Path, t: Target) -> Result<()> {
    target_folder(path, t).map(|_| ())
}

/// Writes an exported file (the minutes) as a new file: complete and durable, owner-only where
/// the OS supports it, never replacing an existing file or writing through a link (`Refused`).
pub(crate) fn write_export(path: &Path, bytes: &[u8], t: Target) -> Result<()> {
    target_folder(path, t)?;
    write_new(path, bytes).map_err(|e| target_error(e, t))
}

/// [`write_export`] without naming the folder (a backup's key file): a new file, complete and
/// durable, linked into place without replacing anything (`Refused`, without its name).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = files::parent_dir(path);
    let (mut tmp, _unfinished) = export_temp(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    crate::faults::point("export.temp_written");
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Refused("the file already exists and is not replaced".into()));
        }
        Err(e) => return Err(e.error.into()),
    }
    files::sync_dir(dir)?;
    Ok(())
}

/// Saves an exported file where the user chose in a save dialog that has already asked about
/// replacing: written completely and durably under a temporary name beside it (owner-only where
/// the OS supports it), then renamed over it (a rename replaces a link at `path`; it never writes
/// through it).
pub(crate) fn write_export_replacing(path: &Path, bytes: &[u8], t: Target) -> Result<()> {
    let dir = target_folder(path, t)?;
    (|| -> Result<()> {
        let (mut tmp, _unfinished) = export_temp(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        crate::faults::point("export.temp_written");
        tmp.persist(path).map_err(|e| Error::from(e.error))?;
        files::sync_dir(dir)?;
        Ok(())
    })()
    .map_err(|e| target_error(e, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_removes_the_temporary_files_of_unfinished_exports_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        let journal = tmp.path().join("cache").join(UNFINISHED);
        fs::create_dir_all(&journal).unwrap();
        let left = out.join(format!("{EXPORT_TEMP_PREFIX}a.tmp"));
        let running = out.join(format!("{EXPORT_TEMP_PREFIX}b.tmp"));
        let other = out.join("keep.txt");
        for f in [&left, &running, &other] {
            fs::write(f, b"x").unwrap();
        }
        fs::write(journal.join("a"), left.to_string_lossy().as_bytes()).unwrap();
        fs::write(journal.join("c"), other.to_string_lossy().as_bytes()).unwrap();
        // An export still running in another process holds its registration locked.
        let busy = register(&journal, "b", &running);
        PrivateFolder::open_emptied(tmp.path().join("cache").join("export")).unwrap();
        assert!(!left.exists(), "the killed export's temporary file is removed");
        assert!(running.exists() && other.exists(), "a running export and other files are left alone");
        let entries: Vec<String> =
            fs::read_dir(&journal).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(entries, ["b"]);
        drop(busy);
        assert_eq!(fs::read_dir(&journal).unwrap().count(), 0, "a finished export unregisters itself");
    }

    #[test]
    fn the_folder_is_private_emptied_at_start_and_replaces_its_copies() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cache").join("export");
        let folder = PrivateFolder::open_emptied(dir.clone()).unwrap();
        let a = folder.write("Referat møde 1-2026.pdf", b"first").unwrap();
        assert_eq!(a, dir.join("Referat møde 1-2026.pdf"));
        folder.write("Referat møde 1-2026.pdf", b"second").unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
            assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(folder.write("../x.pdf", b"x").is_err());
        assert!(folder.write(".hidden", b"x").is_err());
        // Only the file itself is there (no temporary file left behind).
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);

        // A new start empties the folder, and a link in it is removed, not followed.
        let outside = tmp.path().join("outside.txt");
        fs::write(&outside, b"keep").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dir.join("link")).unwrap();
        fs::create_dir(dir.join("sub")).unwrap();
        let again = PrivateFolder::open_emptied(dir.clone()).unwrap();
        assert_eq!(fs::read_dir(again.dir()).unwrap().count(), 0);
        assert_eq!(fs::read(&outside).unwrap(), b"keep");
    }
}

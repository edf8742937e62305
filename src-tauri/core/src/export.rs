//! The app's private export folder: where the app writes the copies it hands to other programs
//! (the minutes' PDF for the default PDF viewer, the `.eml` draft for the mail program).
//!
//! The folder is owner-only where the OS supports it and is emptied every time the app starts,
//! so confidential copies do not linger. It lies in the OS cache directory (on Linux
//! `$XDG_CACHE_HOME/tovholder/export`, else `~/.cache/tovholder/export`), never in the data
//! directory with the encrypted store and never in a folder other users can read.

use crate::error::{Error, Result};
use crate::files;
use std::fs;
use std::io::Write;
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
    /// earlier run. A link where the folder should be is replaced by a real folder.
    pub fn open_emptied(dir: PathBuf) -> Result<PrivateFolder> {
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
        write_export_replacing(&path, bytes)?;
        Ok(path)
    }
}

/// Writes an exported file (the minutes) as a new file: complete and durable, owner-only where
/// the OS supports it, never replacing an existing file or writing through a link (`Refused`).
pub(crate) fn write_export(path: &Path, bytes: &[u8]) -> Result<()> {
    files::write_new_file(path, bytes, &files::temp_prefix_for(path))
}

/// Saves an exported file where the user chose in a save dialog that has already asked about
/// replacing: written completely and durably under a temporary name beside it (owner-only where
/// the OS supports it), then renamed over it (a rename replaces a link at `path`; it never writes
/// through it).
pub(crate) fn write_export_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = files::parent_dir(path);
    let mut tmp = files::temp_in(dir, &files::temp_prefix_for(path))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Error::from(e.error))?;
    files::sync_dir(dir)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Crash-safe file helpers: new files written completely and durably under random temporary
//! names and linked or renamed into place, never through a link; owner-only permissions; the
//! advisory lock file. Used by the store's life cycle (`store`) and by exports (`export`).

use crate::error::{Error, Result};
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub(crate) fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Only the owner may read the data directory and its files (Unix; on Windows the per-user
/// app-data directory is already private).
pub(crate) fn make_private(path: &Path, dir: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(if dir { 0o700 } else { 0o600 }))?;
    }
    #[cfg(not(unix))]
    let _ = (path, dir);
    Ok(())
}

/// A folder only the owner may enter (created with its parents when missing; made private when it
/// exists): the app's log folder.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    make_private(dir, true)?;
    Ok(())
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        fs::create_dir_all(dir)?;
        make_private(dir, true)?;
    }
    Ok(())
}

/// True when something (a file, a directory or a link) has this name; links are not followed.
pub(crate) fn present(path: &Path) -> std::io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

pub(crate) fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a rename durable (Unix; NTFS journals its metadata).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A new, empty, owner-only file with a random name starting with `prefix` in `dir`, created
/// exclusively (`O_EXCL`: an existing name, a planted link included, is never opened).
pub(crate) fn temp_in(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    b.tempfile_in(dir)
}

/// A new, empty, owner-only file named exactly `name` + ".tmp" in `dir`, created exclusively (an
/// existing name, a planted link included, is never opened). The caller makes `name` unique.
/// Errors keep their kind but never name the path.
pub(crate) fn temp_named(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(name).suffix(".tmp").rand_bytes(0);
    #[cfg(unix)]
    b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    b.tempfile_in(dir).map_err(|e| std::io::Error::new(e.kind(), "a temporary file cannot be created there"))
}

pub(crate) fn already_exists(path: &Path) -> Error {
    Error::Refused(format!(
        "{} already exists and is not replaced",
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ))
}

/// Writes a new file completely and durably under a temporary name, then links it into place
/// without replacing anything: an existing file or link at `path` is `Refused`.
pub(crate) fn write_new_file(path: &Path, bytes: &[u8], prefix: &str) -> Result<()> {
    let dir = parent_dir(path);
    let mut tmp = temp_in(dir, prefix)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Err(already_exists(path)),
        Err(e) => return Err(e.error.into()),
    }
    sync_dir(dir)?;
    Ok(())
}

/// Replaces a file in the data directory completely and durably: written under a temporary name,
/// then renamed over it (a rename replaces a link at `path`; it never writes through it).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], prefix: &str) -> Result<()> {
    let dir = parent_dir(path);
    let mut tmp = temp_in(dir, prefix)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Error::from(e.error))?;
    sync_dir(dir)?;
    Ok(())
}

/// An open-options value that never follows a link at the last path component (Unix).
pub(crate) fn no_follow(o: &mut fs::OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = o;
}

pub(crate) fn is_link_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return e.kind() == std::io::ErrorKind::FilesystemLoop;
}

/// The data directory's advisory lock; released when dropped (or when the process dies).
pub(crate) struct DirLock(#[allow(dead_code)] fs::File);

/// Takes the advisory lock file `path` (exclusive, or shared), waiting up to `wait` (`Busy`).
/// A link at `path` is refused: the folder was tampered with.
pub(crate) fn lock_file(path: &Path, exclusive: bool, wait: Duration) -> Result<DirLock> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut o = fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    no_follow(&mut o);
    let file = match o.open(path) {
        Ok(f) => f,
        Err(e) if is_link_error(&e) => {
            return Err(Error::Refused(format!("{name} is a link; the data directory was tampered with")));
        }
        // A read-only data directory: a lock taken through a read-only handle works as well.
        Err(e) if matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem) => {
            let mut r = fs::OpenOptions::new();
            r.read(true);
            no_follow(&mut r);
            r.open(path).map_err(|_| Error::from(e))?
        }
        Err(e) => return Err(e.into()),
    };
    let deadline = Instant::now() + wait;
    loop {
        let r = if exclusive { file.try_lock() } else { file.try_lock_shared() };
        match r {
            Ok(()) => return Ok(DirLock(file)),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => return Err(Error::Busy),
            Err(fs::TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}

/// Reads a small file (a key file), refusing anything larger than a key file can be.
pub(crate) fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    fs::File::open(path)?.take(crate::secrets::MAX_KEY_FILE_BYTES + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

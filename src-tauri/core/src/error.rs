//! One error type for the core. Every variant has a stable machine code (for the UI and scripts),
//! an English `Display` (for the CLI and developers) and a Danish text for the coordinator.
//! No variant ever carries a key, a recovery code or case data.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input in field `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("malformed input at `{path}`: {reason}")]
    Malformed { path: String, reason: String },
    /// What was not found, in Danish ("Sagen"); never the key that was looked up.
    #[error("not found: {0} findes ikke")]
    NotFound(&'static str),
    #[error("no case store exists in this data directory yet")]
    NotInitialized,
    #[error("a case store already exists in this data directory")]
    AlreadyInitialized,
    #[error("the OS keychain is not available: {0}")]
    KeychainUnavailable(String),
    #[error("the database key is not in the OS keychain; unlock with the recovery code")]
    KeyMissing,
    #[error("the key in the OS keychain does not fit this case store")]
    WrongKey,
    #[error("the recovery code does not fit the key file (a wrong code, or the key file's parameters were changed)")]
    WrongRecoveryCode,
    /// A wrong PIN; how many tries are left before the waiting starts.
    #[error("wrong PIN ({tries_left} tries left before a wait)")]
    WrongPin { tries_left: u32 },
    /// Too many wrong PINs: the next try must wait.
    #[error("too many wrong PINs: try again in {seconds} s")]
    PinWait { seconds: u64 },
    /// The user closed the OS's prompt (Windows Hello, Touch ID, the desktop's password prompt).
    #[error("the OS authentication was cancelled")]
    OsAuthCancelled,
    /// The OS could not confirm the user.
    #[error("the OS authentication failed")]
    OsAuthFailed,
    /// The OS offers no authentication here and a PIN is set: the PIN must be typed.
    #[error("the PIN is required")]
    PinRequired,
    #[error("the case store is damaged or not a Tovholder store: {0}")]
    Corrupt(String),
    #[error("the case store was written by a newer Tovholder (schema {found}, this version knows {supported})")]
    NewerSchema { found: u32, supported: u32 },
    #[error("the schema upgrade was refused and rolled back: {0}")]
    Migration(String),
    #[error("the disk is full")]
    DiskFull,
    #[error("the data directory is read-only or not writable")]
    ReadOnly,
    #[error("refused: {0}")]
    Refused(String),
    /// Another program (the app or the CLI) holds the store's write lock longer than we wait.
    #[error("the case store is busy (locked by another process)")]
    Busy,
    /// The underlying errors are kept for logging (`source()`), never shown to the user.
    #[error("I/O error")]
    Io(#[source] std::io::Error),
    #[error("database error")]
    Database(#[source] rusqlite::Error),
    /// No program on this computer opens the kind of file (Danish, plural: "PDF-filer").
    #[error("no program opens {0} on this computer")]
    NoProgram(&'static str),
    /// A sealed file (a case or a receipt from another installation) was refused, before
    /// anything was written (docs/handover.md).
    #[error("the sealed file was refused: {0:?}")]
    Sealed(crate::handover::Refusal),
    /// The sealed case was imported before: the case it became (none when retention has since
    /// deleted it).
    #[error("the sealed case was already received")]
    AlreadyReceived { reference: Option<String> },
    /// A broken invariant of the program itself (a bug), described without data.
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl Error {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid { field, reason: reason.into() }
    }

    /// Stable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::Malformed { .. } => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::NotInitialized => "not_initialized",
            Error::AlreadyInitialized => "already_initialized",
            Error::KeychainUnavailable(_) => "keychain_unavailable",
            Error::KeyMissing => "key_missing",
            Error::WrongKey => "wrong_key",
            Error::WrongRecoveryCode => "wrong_recovery_code",
            Error::WrongPin { .. } => "wrong_pin",
            Error::PinWait { .. } => "pin_wait",
            Error::OsAuthCancelled => "os_auth_cancelled",
            Error::OsAuthFailed => "os_auth_failed",
            Error::PinRequired => "pin_required",
            Error::Corrupt(_) => "corrupt",
            Error::NewerSchema { .. } => "newer_schema",
            Error::Migration(_) => "migration_failed",
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
            Error::Refused(_) => "refused",
            Error::Busy => "busy",
            Error::NoProgram(_) => "no_program",
            Error::Sealed(_) => "sealed_file_refused",
            Error::AlreadyReceived { .. } => "already_received",
            Error::Io(_) => "io",
            Error::Database(_) => "database",
            Error::Internal(_) => "internal",
        }
    }

    /// True where the caller's input or request was at fault (CLI exit code 2).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Invalid { .. }
                | Error::Malformed { .. }
                | Error::NotFound(_)
                | Error::NotInitialized
                | Error::AlreadyInitialized
                | Error::KeyMissing
                | Error::WrongRecoveryCode
                | Error::WrongPin { .. }
                | Error::PinWait { .. }
                | Error::OsAuthCancelled
                | Error::OsAuthFailed
                | Error::PinRequired
                | Error::NewerSchema { .. }
                | Error::Refused(_)
                | Error::Sealed(_)
                | Error::AlreadyReceived { .. }
        )
    }

    /// The coordinator's text, in Danish.
    pub fn message_da(&self) -> String {
        match self {
            // Shown next to the field (`CommandError::field`), so the reason alone.
            Error::Invalid { reason, .. } => sentence(reason),
            // The path names known fields only, the reason is the core's own Danish text.
            Error::Malformed { path, reason } => {
                format!("Ugyldigt indhold ved »{path}«: {}.", reason.trim_end_matches('.'))
            }
            Error::NotFound(what) => format!("{what} findes ikke."),
            Error::Busy => "Sagsdatabasen bruges af et andet program lige nu. Intet er gemt; prøv igen om lidt.".into(),
            Error::NotInitialized => "Der er endnu ingen sagsdatabase på denne computer.".into(),
            Error::AlreadyInitialized => "Der findes allerede en sagsdatabase på denne computer.".into(),
            Error::KeychainUnavailable(_) => "Styresystemets nøglering kan ikke bruges lige nu. Log ind på computeren igen, eller kontakt IT-supporten.".into(),
            Error::KeyMissing => "Nøglen til sagsdatabasen findes ikke i nøgleringen på denne computer. Indtast gendannelseskoden.".into(),
            Error::WrongKey => "Nøglen i nøgleringen passer ikke til sagsdatabasen. Indtast gendannelseskoden.".into(),
            Error::WrongRecoveryCode => "Gendannelseskoden passer ikke til nøglefilen. Kontrollér koden og prøv igen; er nøglefilen blevet ændret, så brug en uændret kopi.".into(),
            Error::WrongPin { tries_left: 1 } => "Forkert PIN-kode. Ét forsøg mere, så skal du vente.".into(),
            Error::WrongPin { tries_left } => format!("Forkert PIN-kode. {tries_left} forsøg mere, så skal du vente."),
            Error::PinWait { seconds } if *seconds < 120 => {
                format!("For mange forkerte PIN-koder. Prøv igen om {seconds} sekunder, eller brug gendannelseskoden.")
            }
            Error::PinWait { seconds } => format!(
                "For mange forkerte PIN-koder. Prøv igen om {} minutter, eller brug gendannelseskoden.",
                seconds.div_ceil(60)
            ),
            Error::OsAuthCancelled => "Bekræftelsen blev afbrudt, så Tovholder er stadig låst.".into(),
            Error::OsAuthFailed => "Computeren kunne ikke bekræfte, at det er dig, så Tovholder er stadig låst.".into(),
            Error::PinRequired => "Computeren tilbyder ingen bekræftelse her. Skriv din PIN-kode.".into(),
            Error::Corrupt(detail) if detail.starts_with("the PIN file") => "PIN-filen er ændret eller beskadiget. Lås op med gendannelseskoden.".into(),
            Error::Corrupt(detail) if detail.starts_with("the key file") => "Nøglefilen mangler, er ændret eller er beskadiget og kan ikke bruges. Intet er ændret; brug en uændret kopi af nøglefilen.".into(),
            Error::Corrupt(_) => "Sagsdatabasen er beskadiget og kan ikke åbnes. Filen er ikke ændret; gendan fra en sikkerhedskopi.".into(),
            Error::NewerSchema { .. } => "Sagsdatabasen er lavet med en nyere version af Tovholder. Opdatér programmet.".into(),
            Error::Migration(_) => "Sagsdatabasen kunne ikke opdateres til denne version af Tovholder. Intet er ændret; kontakt IT-supporten.".into(),
            Error::DiskFull => "Disken er fuld. Intet er gemt; frigør plads og prøv igen.".into(),
            Error::ReadOnly => "Datamappen eller filen er skrivebeskyttet eller utilgængelig. Intet er gemt eller ændret.".into(),
            Error::Refused(_) => "Handlingen blev afvist.".into(),
            Error::NoProgram(what) => {
                format!("Der er intet program på computeren, der kan åbne {what}. Kontakt IT-supporten.")
            }
            Error::Sealed(refusal) => refusal.message_da().into(),
            Error::AlreadyReceived { reference: Some(r) } => {
                format!("Sagen er allerede modtaget som {r}. Intet er ændret.")
            }
            Error::AlreadyReceived { reference: None } => {
                "Sagen er allerede modtaget og er siden slettet efter sin slettefrist. Intet er ændret.".into()
            }
            Error::Io(_) | Error::Database(_) | Error::Internal(_) => {
                "Der opstod en intern fejl. Intet er gemt; prøv igen.".into()
            }
        }
    }
}

/// "skal udfyldes" → "Skal udfyldes."
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out: String = c.next().map(|f| f.to_uppercase().collect()).unwrap_or_default();
    out.push_str(c.as_str());
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::ReadOnly) | Some(C::PermissionDenied) | Some(C::CannotOpen) => Error::ReadOnly,
            Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => Error::Corrupt("not a readable database".into()),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Busy,
            _ => Error::Database(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::StorageFull => Error::DiskFull,
            K::PermissionDenied | K::ReadOnlyFilesystem => Error::ReadOnly,
            _ => Error::Io(e),
        }
    }
}

/// What a Tauri command returns on failure: a stable code and a Danish message for the UI.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The field at fault, for inline form errors.
    pub field: Option<String>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        let field = match &e {
            Error::Invalid { field, .. } => Some((*field).to_string()),
            Error::WrongRecoveryCode => Some("recovery_code".to_string()),
            Error::WrongPin { .. } | Error::PinWait { .. } | Error::PinRequired => Some("pin".to_string()),
            Error::Malformed { path, .. } => Some(path.clone()),
            _ => None,
        };
        CommandError { code: e.code().to_string(), message: e.message_da(), field }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_errors_carry_the_field_and_a_danish_sentence() {
        let e = CommandError::from(Error::invalid("name", "skal udfyldes"));
        assert_eq!(
            (e.code.as_str(), e.field.as_deref(), e.message.as_str()),
            ("invalid_input", Some("name"), "Skal udfyldes.")
        );
        let e = CommandError::from(Error::WrongRecoveryCode);
        assert_eq!(e.field.as_deref(), Some("recovery_code"));
        assert!(CommandError::from(Error::DiskFull).message.contains("Disken er fuld"));
        let e = CommandError::from(Error::NoProgram("PDF-filer"));
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("no_program", "Der er intet program på computeren, der kan åbne PDF-filer. Kontakt IT-supporten.")
        );
    }

    #[test]
    fn io_and_sqlite_failures_map_to_typed_errors() {
        use std::io::{Error as IoError, ErrorKind};
        assert!(matches!(Error::from(IoError::from(ErrorKind::StorageFull)), Error::DiskFull));
        assert!(matches!(Error::from(IoError::from(ErrorKind::ReadOnlyFilesystem)), Error::ReadOnly));
        assert!(matches!(Error::from(IoError::from(ErrorKind::PermissionDenied)), Error::ReadOnly));
        let ro = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY), None);
        assert!(matches!(Error::from(ro), Error::ReadOnly));
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None);
        assert!(matches!(Error::from(busy), Error::Busy));
    }

    #[test]
    fn internal_errors_keep_their_source_for_logging_but_not_for_the_user() {
        use std::error::Error as _;
        let e = Error::from(std::io::Error::other("detail for the log"));
        assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("detail for the log"));
        assert!(!e.message_da().contains("detail"));
        assert!(!CommandError::from(e).message.contains("detail"));
    }
}

//! The OS's own check that the person at the computer is its user, before the keychain's key opens
//! the store (#17): Windows Hello (face, fingerprint or the Windows PIN; the Windows password where
//! Hello is not set up), Touch ID or the Mac's password, and on Linux the desktop's polkit prompt
//! for the user's own password (action `dk.tovholder.desktop.unlock`, `auth_self`, installed by
//! the .deb and .rpm from `src-tauri/linux/`). robius-authentication does the platform work; this
//! is the one function the app calls, on every platform the same.
//!
//! Where the OS offers nothing ([`OsCheck::Unavailable`]: no polkit, no agent, the action not
//! installed, Hello not set up and no fallback), the app says so and the PIN guards the store
//! when one is set (`commands::lock::unlock_store`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use tovholder_core::Error;
use tovholder_core::lock::UnlockMethod;

/// The polkit action of the Linux packages (`src-tauri/linux/dk.tovholder.desktop.policy`).
pub const POLKIT_ACTION: &str = "dk.tovholder.desktop.unlock";

/// How long a prompt may stay open before it counts as cancelled.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(300);

/// What the OS said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsCheck {
    /// The user proved who they are.
    Passed,
    /// The user closed the prompt (or let it time out).
    Cancelled,
    /// The OS could not confirm the user (wrong answer, too many tries, not allowed).
    Failed,
    /// The OS has no such check here.
    Unavailable,
}

impl From<Result<(), robius_authentication::Error>> for OsCheck {
    fn from(result: Result<(), robius_authentication::Error>) -> OsCheck {
        use robius_authentication::Error as E;
        match result {
            Ok(()) => OsCheck::Passed,
            Err(E::UserCanceled | E::AppCanceled | E::SystemCanceled | E::UserFallback | E::Timeout) => {
                OsCheck::Cancelled
            }
            Err(
                E::Unavailable
                | E::NotEnrolled
                | E::NotPaired
                | E::BiometryDisconnected
                | E::NotInteractive
                | E::PasscodeNotSet
                | E::DisabledByPolicy
                | E::NotConfigured,
            ) => OsCheck::Unavailable,
            // A wrong answer, too many, and whatever else went wrong: closed (the PIN and the
            // recovery code still open the store), never open without a check.
            Err(_) => OsCheck::Failed,
        }
    }
}

/// Asks the OS to confirm the user, and waits for the answer (call it off the main thread).
pub fn verify() -> OsCheck {
    use robius_authentication::{BiometricStrength, Context, PolicyBuilder, Text, WindowsText};
    let Some(policy) = PolicyBuilder::new()
        .biometrics(Some(BiometricStrength::Strong))
        .password(true)
        .companion(true)
        .action_ids([POLKIT_ACTION])
        .build()
    else {
        return OsCheck::Unavailable;
    };
    let text = Text {
        android: robius_authentication::AndroidText { title: "Tovholder", subtitle: None, description: None },
        // macOS: »"Tovholder" forsøger at låse sagsdatabasen op.«
        apple: "låse sagsdatabasen op",
        windows: WindowsText::new_truncated("Tovholder", "Bekræft, at det er dig, for at låse sagsdatabasen op."),
    };
    let (tx, rx) = mpsc::channel();
    let asked = Context::new(()).authenticate(text, &policy, move |result| {
        let _ = tx.send(OsCheck::from(result));
    });
    if let Err(e) = asked {
        return OsCheck::from(Err(e));
    }
    let answer = rx.recv_timeout(PROMPT_TIMEOUT).unwrap_or(OsCheck::Cancelled);
    log::info!("os authentication: {answer:?}");
    answer
}

/// The gate in front of the keychain's key: the OS's check passed, or the OS offers none here and
/// no PIN is set (the keychain alone, as the lock screen and »Låsning« say). Remembers whether
/// the OS offered a check, for the lock screen (`unlock_methods`).
pub fn gate(unavailable: &AtomicBool, pin_set: bool) -> Result<UnlockMethod, Error> {
    let check = verify();
    unavailable.store(check == OsCheck::Unavailable, Ordering::Relaxed);
    match check {
        OsCheck::Passed => Ok(UnlockMethod::OsCheck),
        OsCheck::Cancelled => Err(Error::OsAuthCancelled),
        OsCheck::Failed => Err(Error::OsAuthFailed),
        OsCheck::Unavailable if pin_set => Err(Error::PinRequired),
        OsCheck::Unavailable => Ok(UnlockMethod::Keychain),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use robius_authentication::Error as E;

    #[test]
    fn what_the_os_says_decides_the_gate() {
        assert_eq!(OsCheck::from(Ok(())), OsCheck::Passed);
        for e in [E::UserCanceled, E::AppCanceled, E::SystemCanceled, E::UserFallback, E::Timeout] {
            assert_eq!(OsCheck::from(Err(e)), OsCheck::Cancelled);
        }
        for e in [E::Unavailable, E::NotEnrolled, E::PasscodeNotSet, E::DisabledByPolicy, E::NotConfigured] {
            assert_eq!(OsCheck::from(Err(e)), OsCheck::Unavailable);
        }
        // A wrong answer, too many, and anything unforeseen: closed, never open without a check.
        for e in [E::Authentication, E::Exhausted, E::Busy, E::Unknown, E::InvalidText] {
            assert_eq!(OsCheck::from(Err(e)), OsCheck::Failed);
        }
    }
}

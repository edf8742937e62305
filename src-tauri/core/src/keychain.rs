//! Where the database key lives between runs: the OS keychain (Windows Credential Manager, macOS
//! Keychain, Secret Service on Linux) through the `keyring` crate. An in-memory store exists for
//! tests only and is never chosen silently.

use crate::error::{Error, Result};
use std::sync::Arc;
use zeroize::Zeroizing;

const SERVICE: &str = "dk.tovholder.app";
const REFUSED_IN_RELEASE: &str =
    "TOVHOLDER_KEYCHAIN=memory is a test setting and is refused by this release build; unset it to use the OS keychain";
const UNKNOWN_SETTING: &str = "TOVHOLDER_KEYCHAIN has an unknown value (use `os`, or `memory` in test builds)";

#[derive(Clone)]
pub enum Keychain {
    /// The operating system's keychain.
    Os,
    /// keyring-core's in-memory mock store: for tests, or an explicit `TOVHOLDER_KEYCHAIN=memory`
    /// in a debug or test build.
    Memory(Arc<keyring_core::CredentialStore>),
    /// `TOVHOLDER_KEYCHAIN` asked for something this build does not offer (a release build has
    /// no in-memory keychain): every operation fails with that reason instead of silently using
    /// another keychain.
    Refused(&'static str),
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Keychain::Os => "Keychain::Os",
            Keychain::Memory(_) => "Keychain::Memory",
            Keychain::Refused(_) => "Keychain::Refused",
        })
    }
}

/// The account name under which a store's key is kept: one entry per store id.
fn account(store_id: &str) -> String {
    format!("case-store-{store_id}")
}

/// The pseudo store id under which the store id of a key is remembered, by the key's check value
/// (store ids are UUIDs, so the two never meet).
fn index_id(key_check: &str) -> String {
    format!("index-{key_check}")
}

fn map_err(e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    match e {
        K::NoEntry => Error::KeyMissing,
        // Never pass the keyring's text through unfiltered: it may echo secrets (BadEncoding).
        K::NoDefaultStore => {
            Error::KeychainUnavailable("no credential store (no D-Bus session or Secret Service?)".into())
        }
        K::NoStorageAccess(_) => {
            Error::KeychainUnavailable("access to the credential store was refused or it is locked".into())
        }
        K::PlatformFailure(p) => Error::KeychainUnavailable(format!("platform failure: {p}")),
        K::BadEncoding(_) | K::BadDataFormat(..) => Error::WrongKey,
        other => Error::KeychainUnavailable(format!("{:?}", std::mem::discriminant(&other))),
    }
}

impl Keychain {
    /// A fresh in-memory keychain (tests).
    pub fn memory() -> Keychain {
        Keychain::Memory(keyring_core::mock::Store::new().expect("mock store"))
    }

    /// The keychain selected by the environment: the OS keychain, unless `TOVHOLDER_KEYCHAIN=memory`
    /// is set explicitly in a debug or test build (throwaway demo or test stores; the key is lost
    /// when the process ends). A release build refuses the variable: the returned keychain fails
    /// every operation with a clear error (see [`Keychain::try_from_env`] to fail at once).
    pub fn from_env() -> Keychain {
        Keychain::try_from_env().unwrap_or_else(|e| match e {
            Error::KeychainUnavailable(_) => Keychain::Refused(REFUSED_IN_RELEASE),
            _ => Keychain::Refused(UNKNOWN_SETTING),
        })
    }

    /// [`Keychain::from_env`], failing at once when `TOVHOLDER_KEYCHAIN` cannot be honoured.
    pub fn try_from_env() -> Result<Keychain> {
        match std::env::var_os("TOVHOLDER_KEYCHAIN") {
            None => Ok(Keychain::Os),
            Some(v) if v.is_empty() || v == "os" => Ok(Keychain::Os),
            Some(v) if v == "memory" => {
                if cfg!(any(debug_assertions, feature = "test-support")) {
                    Ok(Keychain::memory())
                } else {
                    Err(Error::KeychainUnavailable(REFUSED_IN_RELEASE.into()))
                }
            }
            Some(_) => Err(Error::KeychainUnavailable(UNKNOWN_SETTING.into())),
        }
    }

    fn entry(&self, store_id: &str) -> Result<keyring_core::Entry> {
        let account = account(store_id);
        match self {
            Keychain::Os => keyring::Entry::new(SERVICE, &account).map(|e| e.inner).map_err(map_err),
            Keychain::Memory(store) => keyring_core::Entry::new_in_store(store, SERVICE, &account).map_err(map_err),
            Keychain::Refused(why) => Err(Error::KeychainUnavailable((*why).into())),
        }
    }

    /// The key for a store, or `KeyMissing`. Zeroed when dropped.
    pub fn get(&self, store_id: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.entry(store_id)?.get_secret().map(Zeroizing::new).map_err(map_err)
    }

    pub fn set(&self, store_id: &str, secret: &[u8]) -> Result<()> {
        self.entry(store_id)?.set_secret(secret).map_err(map_err)
    }

    /// Remembers which store id holds the key with this check value (the key file's public
    /// `key_check`): not secret, kept beside the keys, so that a key file whose store id was edited
    /// is told from a key that is missing ([`Keychain::store_of_key`]).
    pub fn remember_store(&self, key_check: &str, store_id: &str) -> Result<()> {
        self.set(&index_id(key_check), store_id.as_bytes())
    }

    /// The store id this keychain keeps the key with this check value under, if it knows.
    pub fn store_of_key(&self, key_check: &str) -> Result<Option<String>> {
        match self.get(&index_id(key_check)) {
            Ok(id) => Ok(Some(String::from_utf8_lossy(&id).into_owned())),
            Err(Error::KeyMissing | Error::WrongKey) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Forgets [`Keychain::remember_store`]'s entry (a store replaced by a restore).
    pub fn forget_store(&self, key_check: &str) -> Result<()> {
        self.delete(&index_id(key_check))
    }

    /// Removes a store's key; a key that is not there is not an error.
    pub fn delete(&self, store_id: &str) -> Result<()> {
        match self.entry(store_id)?.delete_credential().map_err(map_err) {
            Ok(()) | Err(Error::KeyMissing) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keychain_round_trip_and_missing_entry() {
        let k = Keychain::memory();
        assert!(matches!(k.get("s1"), Err(Error::KeyMissing)));
        k.set("s1", &[1, 2, 3]).unwrap();
        assert_eq!(*k.get("s1").unwrap(), vec![1, 2, 3]);
        k.delete("s1").unwrap();
        k.delete("s1").unwrap();
        assert!(matches!(k.get("s1"), Err(Error::KeyMissing)));
    }

    /// The real OS keychain path (Secret Service on Linux). CI runs the tests inside a D-Bus session
    /// with an unlocked gnome-keyring and sets TOVHOLDER_REQUIRE_OS_KEYCHAIN=1, so there this test
    /// must pass; elsewhere it is skipped when no keychain is reachable.
    #[test]
    fn os_keychain_round_trip() {
        let k = Keychain::Os;
        let id = format!("test-{}", uuid::Uuid::new_v4());
        match k.set(&id, b"secret-bytes") {
            Err(Error::KeychainUnavailable(why)) if std::env::var("TOVHOLDER_REQUIRE_OS_KEYCHAIN").is_err() => {
                eprintln!("skipped: OS keychain unavailable ({why})");
                return;
            }
            r => r.expect("storing in the OS keychain"),
        }
        assert_eq!(k.get(&id).unwrap().as_slice(), b"secret-bytes");
        k.delete(&id).unwrap();
        assert!(matches!(k.get(&id), Err(Error::KeyMissing)));
    }
}

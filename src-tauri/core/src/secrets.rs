//! The database key, the recovery code, and the key envelope kept beside the database.
//!
//! - The database key is 32 random bytes, handed to SQLCipher as a raw key (no passphrase KDF).
//! - The recovery code is 160 random bits shown once as eight groups of four characters
//!   (RFC 4648 base32: no 0/1/8/9, case-insensitive).
//! - The envelope (`tovholder.key`) holds the database key wrapped with a key derived from the
//!   recovery code (Argon2id → XChaCha20-Poly1305), the store id, and a check value that tells a
//!   wrong key from a damaged database. None of it is usable without the recovery code.

use crate::error::{Error, Result};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE32_NOPAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

pub const KEY_LEN: usize = 32;
const RECOVERY_BYTES: usize = 20;
/// Characters in a recovery code (base32 of its bytes), without the hyphens.
pub const RECOVERY_CODE_LENGTH: usize = RECOVERY_BYTES * 8 / 5;
const ENVELOPE_FORMAT: u32 = 1;
const AAD: &[u8] = b"tovholder key envelope v1";

/// The database key. Zeroed on drop; never printed.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub struct DbKey([u8; KEY_LEN]);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

impl DbKey {
    pub fn generate() -> DbKey {
        let mut k = [0u8; KEY_LEN];
        rand::rng().fill_bytes(&mut k);
        DbKey(k)
    }

    pub fn from_bytes(b: &[u8]) -> Result<DbKey> {
        let arr: [u8; KEY_LEN] = b.try_into().map_err(|_| Error::WrongKey)?;
        Ok(DbKey(arr))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// `PRAGMA key` value: a raw key, so SQLCipher skips its passphrase derivation.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0)))
    }

    /// A public check value: tells "the keychain holds another store's key" from "the file is damaged".
    pub fn check_value(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"tovholder key check v1");
        h.update(self.0);
        hex::encode(&h.finalize()[..16])
    }
}

/// A recovery code, e.g. `K7QD-M2XA-…` (eight groups of four). Zeroed on drop.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub struct RecoveryCode(String);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(…)")
    }
}

impl RecoveryCode {
    pub fn generate() -> RecoveryCode {
        let mut b = Zeroizing::new([0u8; RECOVERY_BYTES]);
        rand::rng().fill_bytes(b.as_mut());
        RecoveryCode(BASE32_NOPAD.encode(b.as_ref()))
    }

    /// Accepts what a person types: any case, spaces or hyphens between groups.
    pub fn parse(input: &str) -> Result<RecoveryCode> {
        let s: String =
            input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
        let ok = s.len() == 32 && BASE32_NOPAD.decode(s.as_bytes()).is_ok_and(|b| b.len() == RECOVERY_BYTES);
        if !ok {
            return Err(Error::invalid(
                "recovery_code",
                "skal være 32 tegn (otte grupper á fire bogstaver og tal 2–7)",
            ));
        }
        Ok(RecoveryCode(s))
    }

    /// The code as shown to a person: eight groups of four, separated by hyphens.
    pub fn display(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join("-")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KdfParams {
    pub algorithm: String,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
}

impl KdfParams {
    /// OWASP's Argon2id recommendation (m = 19 MiB, t = 2) doubled in memory: a recovery code is
    /// typed rarely, so a fraction of a second is fine.
    fn new_default() -> KdfParams {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        KdfParams { algorithm: "argon2id".into(), m_cost_kib: 38 * 1024, t_cost: 2, p_cost: 1, salt: hex::encode(salt) }
    }

    fn derive(&self, code: &RecoveryCode) -> Result<Zeroizing<[u8; 32]>> {
        if self.algorithm != "argon2id" {
            return Err(Error::Corrupt("unknown key derivation in key file".into()));
        }
        let params = argon2::Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(32))
            .map_err(|_| Error::Corrupt("bad key derivation parameters in key file".into()))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let salt = hex::decode(&self.salt).map_err(|_| Error::Corrupt("bad salt in key file".into()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(code.0.as_bytes(), &salt, out.as_mut())
            .map_err(|_| Error::Corrupt("key derivation failed".into()))?;
        Ok(out)
    }
}

/// The key file beside the database (`tovholder.key`, JSON). Safe to back up and copy: the key in
/// it is wrapped with the recovery code.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KeyEnvelope {
    pub format: u32,
    pub store_id: String,
    pub key_check: String,
    pub kdf: KdfParams,
    pub cipher: String,
    pub nonce: String,
    pub wrapped_key: String,
}

impl KeyEnvelope {
    pub fn seal(store_id: &str, key: &DbKey, code: &RecoveryCode) -> Result<KeyEnvelope> {
        let kdf = KdfParams::new_default();
        let kek = kdf.derive(code)?;
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let wrapped = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.as_bytes(), aad: AAD })
            .map_err(|_| Error::Internal("key wrapping failed"))?;
        Ok(KeyEnvelope {
            format: ENVELOPE_FORMAT,
            store_id: store_id.to_string(),
            key_check: key.check_value(),
            kdf,
            cipher: "xchacha20poly1305".into(),
            nonce: hex::encode(nonce),
            wrapped_key: hex::encode(wrapped),
        })
    }

    /// Unwraps the database key with a recovery code (`WrongRecoveryCode` if it does not fit).
    pub fn open(&self, code: &RecoveryCode) -> Result<DbKey> {
        if self.cipher != "xchacha20poly1305" {
            return Err(Error::Corrupt("unknown cipher in key file".into()));
        }
        let kek = self.kdf.derive(code)?;
        let nonce = hex::decode(&self.nonce)
            .ok()
            .filter(|n| n.len() == 24)
            .ok_or_else(|| Error::Corrupt("bad nonce in key file".into()))?;
        let wrapped =
            hex::decode(&self.wrapped_key).map_err(|_| Error::Corrupt("bad wrapped key in key file".into()))?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: AAD })
                .map_err(|_| Error::WrongRecoveryCode)?,
        );
        let key = DbKey::from_bytes(&plain)?;
        if key.check_value() != self.key_check {
            return Err(Error::Corrupt("key file is inconsistent".into()));
        }
        Ok(key)
    }

    pub fn fits(&self, key: &DbKey) -> bool {
        key.check_value() == self.key_check
    }

    pub fn parse(bytes: &[u8]) -> Result<KeyEnvelope> {
        let env: KeyEnvelope =
            serde_json::from_slice(bytes).map_err(|_| Error::Corrupt("the key file is not readable".into()))?;
        if env.format != ENVELOPE_FORMAT {
            return Err(Error::Corrupt(format!("unknown key file format {}", env.format)));
        }
        Ok(env)
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("envelope serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_code_has_160_bits_and_reads_back_as_typed() {
        let c = RecoveryCode::generate();
        let shown = c.display();
        assert_eq!(shown.len(), 32 + 7);
        assert_eq!(shown.split('-').count(), 8);
        let typed = shown.to_lowercase().replace('-', " ");
        assert_eq!(RecoveryCode::parse(&typed).unwrap().display(), shown);
        assert_ne!(RecoveryCode::generate().display(), shown);
    }

    #[test]
    fn malformed_recovery_codes_are_invalid_input() {
        for bad in ["", "ABCD", "0000-0000-0000-0000-0000-0000-0000-0000", &"A".repeat(33)] {
            assert!(matches!(RecoveryCode::parse(bad), Err(Error::Invalid { field: "recovery_code", .. })), "{bad}");
        }
    }

    #[test]
    fn envelope_round_trip_and_wrong_code() {
        let key = DbKey::generate();
        let code = RecoveryCode::generate();
        let env = KeyEnvelope::seal("store-1", &key, &code).unwrap();
        let json = env.to_json();
        let text = String::from_utf8(json.clone()).unwrap();
        assert!(!text.contains(&hex::encode(key.as_bytes())), "the key must not be in the file in clear");
        assert!(!text.to_uppercase().contains(&code.display().replace('-', "")));
        let back = KeyEnvelope::parse(&json).unwrap();
        assert_eq!(back.open(&code).unwrap().as_bytes(), key.as_bytes());
        assert!(back.fits(&key));
        assert!(!back.fits(&DbKey::generate()));
        assert!(matches!(back.open(&RecoveryCode::generate()), Err(Error::WrongRecoveryCode)));
    }

    #[test]
    fn debug_output_hides_secrets() {
        let key = DbKey::generate();
        assert_eq!(format!("{key:?}"), "DbKey(…)");
        assert_eq!(format!("{:?}", RecoveryCode::generate()), "RecoveryCode(…)");
    }
}

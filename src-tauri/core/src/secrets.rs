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
/// The format this build writes. Format 1 (no authenticated header) is still read, and rewritten
/// as format 2 when the recovery code is at hand (unlock, restore with the code).
pub const ENVELOPE_FORMAT: u32 = 2;
const AAD_V1: &[u8] = b"tovholder key envelope v1";

/// The most a key file may ask of the key derivation. A key file is data from outside (a backup,
/// a copy): the values are checked before anything is derived, so an edited file can neither
/// exhaust memory nor keep the program busy for minutes.
pub const KDF_MAX_MEMORY_KIB: u32 = 256 * 1024;
pub const KDF_MIN_MEMORY_KIB: u32 = 8 * 1024;
pub const KDF_MAX_ITERATIONS: u32 = 8;
pub const KDF_MAX_PARALLELISM: u32 = 8;
pub const KDF_SALT_BYTES: std::ops::RangeInclusive<usize> = 16..=64;
/// The derived key-encryption key is always this long (XChaCha20-Poly1305's key).
pub const KDF_OUTPUT_BYTES: usize = 32;
/// A key file is a few hundred bytes; anything much larger is not one.
pub const MAX_KEY_FILE_BYTES: u64 = 16 * 1024;

/// The detail of `Error::Corrupt` when a key file's authenticated fields were changed.
pub const KEY_FILE_CHANGED: &str = "the key file was changed after it was written (its seal does not match)";

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

    /// `PRAGMA key` value: a raw key, so SQLCipher skips its passphrase derivation. Written into
    /// one buffer of its final size (no reallocation leaves a copy behind), zeroed on drop.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = Zeroizing::new(String::with_capacity(3 + 2 * KEY_LEN));
        s.push_str("x'");
        for b in self.0 {
            s.push(HEX[usize::from(b >> 4)] as char);
            s.push(HEX[usize::from(b & 0xf)] as char);
        }
        s.push('\'');
        s
    }

    /// A public check value: tells "the keychain holds another store's key" from "the file is damaged".
    pub fn check_value(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"tovholder key check v1");
        h.update(self.0);
        hex::encode(&h.finalize()[..16])
    }

    /// Authenticates a key file's header with the database key (format 2): the keychain path
    /// (which never derives from the recovery code) also notices an edited store id or KDF.
    fn header_mac(&self, header: &[u8]) -> String {
        let mut h = Sha256::new();
        h.update(b"tovholder key envelope header v2\0");
        h.update(self.0);
        h.update(header);
        // Truncated: no length extension.
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

    /// The key that seals a secret with this code, for one purpose and salt. The code is 160
    /// random bits, so HKDF-SHA256 suffices (no slow KDF: guessing the code is 2^160 work however
    /// cheap each guess is); the purpose keeps keys for different secrets apart.
    fn sealing_key(&self, purpose: &str, salt: &[u8]) -> Zeroizing<[u8; 32]> {
        let code = Zeroizing::new(BASE32_NOPAD.decode(self.0.as_bytes()).unwrap_or_default());
        let hkdf = hkdf::Hkdf::<Sha256>::new(Some(salt), &code);
        let mut key = Zeroizing::new([0u8; 32]);
        hkdf.expand(purpose.as_bytes(), key.as_mut()).expect("32 bytes is a valid HKDF-SHA256 length");
        key
    }

    /// Seals a 32-byte secret with this code (XChaCha20-Poly1305 under [`Self::sealing_key`], the
    /// purpose as associated data): `salt ‖ nonce ‖ ciphertext ‖ tag`, [`SEALED_SECRET_LEN`]
    /// bytes. Only this code opens it ([`RecoveryCode::open_secret`]).
    pub(crate) fn seal_secret(&self, purpose: &str, secret: &[u8; 32]) -> Vec<u8> {
        let mut salt = [0u8; SEAL_SALT_LEN];
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut salt);
        rand::rng().fill_bytes(&mut nonce);
        let key = self.sealing_key(purpose, &salt);
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad: purpose.as_bytes() })
            .expect("sealing 32 bytes cannot fail");
        let mut out = Vec::with_capacity(SEALED_SECRET_LEN);
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens what [`RecoveryCode::seal_secret`] sealed for `purpose`: `WrongRecoveryCode` when
    /// this code (or purpose) does not fit or the sealed bytes were changed.
    pub(crate) fn open_secret(&self, purpose: &str, sealed: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        if sealed.len() != SEALED_SECRET_LEN {
            return Err(Error::WrongRecoveryCode);
        }
        let (salt, rest) = sealed.split_at(SEAL_SALT_LEN);
        let (nonce, ciphertext) = rest.split_at(24);
        let key = self.sealing_key(purpose, salt);
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: purpose.as_bytes() })
                .map_err(|_| Error::WrongRecoveryCode)?,
        );
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&plain);
        Ok(out)
    }
}

const SEAL_SALT_LEN: usize = 16;
/// The length of a secret sealed with the recovery code: salt (16), nonce (24), the 32-byte
/// secret and its tag (16).
pub const SEALED_SECRET_LEN: usize = SEAL_SALT_LEN + 24 + 32 + 16;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub algorithm: String,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
}

fn corrupt(what: &str) -> Error {
    Error::Corrupt(format!("the key file is not valid: {what}"))
}

impl KdfParams {
    /// OWASP's Argon2id recommendation (m = 19 MiB, t = 2) doubled in memory: a recovery code is
    /// typed rarely, so a fraction of a second is fine.
    fn new_default() -> KdfParams {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        KdfParams { algorithm: "argon2id".into(), m_cost_kib: 38 * 1024, t_cost: 2, p_cost: 1, salt: hex::encode(salt) }
    }

    /// Checks every value against the bounds above; nothing is derived from an unchecked file.
    fn validate(&self) -> Result<Vec<u8>> {
        if self.algorithm != "argon2id" {
            return Err(corrupt("unknown key derivation"));
        }
        if !(KDF_MIN_MEMORY_KIB..=KDF_MAX_MEMORY_KIB).contains(&self.m_cost_kib) {
            return Err(corrupt("key derivation memory out of range"));
        }
        if !(1..=KDF_MAX_ITERATIONS).contains(&self.t_cost) {
            return Err(corrupt("key derivation iterations out of range"));
        }
        if !(1..=KDF_MAX_PARALLELISM).contains(&self.p_cost) {
            return Err(corrupt("key derivation parallelism out of range"));
        }
        if self.salt.len() > 2 * KDF_SALT_BYTES.end() {
            return Err(corrupt("salt length out of range"));
        }
        let salt = hex::decode(&self.salt).map_err(|_| corrupt("bad salt"))?;
        if !KDF_SALT_BYTES.contains(&salt.len()) {
            return Err(corrupt("salt length out of range"));
        }
        Ok(salt)
    }

    fn derive(&self, code: &RecoveryCode) -> Result<Zeroizing<[u8; KDF_OUTPUT_BYTES]>> {
        let salt = self.validate()?;
        let params = argon2::Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(KDF_OUTPUT_BYTES))
            .map_err(|_| corrupt("bad key derivation parameters"))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; KDF_OUTPUT_BYTES]);
        argon
            .hash_password_into(code.0.as_bytes(), &salt, out.as_mut())
            .map_err(|_| corrupt("key derivation failed"))?;
        Ok(out)
    }
}

/// Tells a wrong recovery code from an edited key file (format 2): a hash of the key-encryption
/// key. It lets no one test a guess faster than the AEAD tag would.
fn code_check(kek: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"tovholder recovery code check v2\0");
    h.update(kek);
    hex::encode(&h.finalize()[..16])
}

/// Compares public check values without an early exit.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn push_field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// The key file beside the database (`tovholder.key`, JSON). Safe to back up and copy: the key in
/// it is wrapped with the recovery code.
///
/// Format 2 authenticates everything that decides what the file unlocks and how: the format, the
/// store id, the cipher, the KDF and its parameters and the key check are the AEAD's associated
/// data, and `header_mac` binds them to the database key for the keychain path.
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_check: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_mac: Option<String>,
}

impl KeyEnvelope {
    pub fn seal(store_id: &str, key: &DbKey, code: &RecoveryCode) -> Result<KeyEnvelope> {
        Self::seal_format(ENVELOPE_FORMAT, store_id, key, code)
    }

    /// A format-1 envelope as older versions wrote it (tests of the upgrade path).
    #[cfg(feature = "test-support")]
    pub fn seal_v1(store_id: &str, key: &DbKey, code: &RecoveryCode) -> Result<KeyEnvelope> {
        Self::seal_format(1, store_id, key, code)
    }

    fn seal_format(format: u32, store_id: &str, key: &DbKey, code: &RecoveryCode) -> Result<KeyEnvelope> {
        let kdf = KdfParams::new_default();
        let kek = kdf.derive(code)?;
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let mut env = KeyEnvelope {
            format,
            store_id: store_id.to_string(),
            key_check: key.check_value(),
            kdf,
            cipher: "xchacha20poly1305".into(),
            nonce: hex::encode(nonce),
            wrapped_key: String::new(),
            code_check: None,
            header_mac: None,
        };
        let header = env.header();
        let aad: &[u8] = if format == 1 { AAD_V1 } else { &header };
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let wrapped = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.as_bytes(), aad })
            .map_err(|_| Error::Internal("key wrapping failed"))?;
        env.wrapped_key = hex::encode(wrapped);
        if format >= 2 {
            env.code_check = Some(code_check(kek.as_ref()));
            env.header_mac = Some(key.header_mac(&header));
        }
        env.validate()?;
        Ok(env)
    }

    /// The authenticated fields in one unambiguous byte string (length-prefixed).
    fn header(&self) -> Vec<u8> {
        let mut h = Vec::with_capacity(256);
        push_field(&mut h, b"tovholder key envelope");
        push_field(&mut h, &self.format.to_be_bytes());
        push_field(&mut h, self.store_id.as_bytes());
        push_field(&mut h, self.cipher.as_bytes());
        push_field(&mut h, self.kdf.algorithm.as_bytes());
        push_field(&mut h, &self.kdf.m_cost_kib.to_be_bytes());
        push_field(&mut h, &self.kdf.t_cost.to_be_bytes());
        push_field(&mut h, &self.kdf.p_cost.to_be_bytes());
        push_field(&mut h, self.kdf.salt.as_bytes());
        push_field(&mut h, self.key_check.as_bytes());
        h
    }

    /// Every field's shape and range, before anything is derived or decrypted.
    fn validate(&self) -> Result<()> {
        let hex_of = |s: &str, bytes: usize| s.len() == 2 * bytes && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !(1..=ENVELOPE_FORMAT).contains(&self.format) {
            return Err(Error::Corrupt(format!("unknown key file format {}", self.format)));
        }
        let id_ok = (1..=64).contains(&self.store_id.len())
            && self.store_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !id_ok {
            return Err(corrupt("bad store id"));
        }
        if self.cipher != "xchacha20poly1305" {
            return Err(corrupt("unknown cipher"));
        }
        if !hex_of(&self.nonce, 24) {
            return Err(corrupt("bad nonce"));
        }
        if !hex_of(&self.wrapped_key, KEY_LEN + 16) {
            return Err(corrupt("bad wrapped key"));
        }
        if !hex_of(&self.key_check, 16) {
            return Err(corrupt("bad key check"));
        }
        match (self.format, &self.code_check, &self.header_mac) {
            (1, None, None) => {}
            (2, Some(c), Some(m)) if hex_of(c, 16) && hex_of(m, 16) => {}
            _ => return Err(corrupt("fields do not match its format")),
        }
        self.kdf.validate()?;
        Ok(())
    }

    /// Unwraps the database key with a recovery code. `WrongRecoveryCode` if the code does not
    /// fit; `Corrupt` ([`KEY_FILE_CHANGED`]) if the code fits but the file's authenticated fields
    /// were changed. Parameters out of range are refused before anything is derived.
    pub fn open(&self, code: &RecoveryCode) -> Result<DbKey> {
        self.validate()?;
        let kek = self.kdf.derive(code)?;
        if let Some(check) = &self.code_check
            && !same(check, &code_check(kek.as_ref()))
        {
            return Err(Error::WrongRecoveryCode);
        }
        let nonce = hex::decode(&self.nonce).map_err(|_| corrupt("bad nonce"))?;
        let wrapped = hex::decode(&self.wrapped_key).map_err(|_| corrupt("bad wrapped key"))?;
        let header = self.header();
        let aad: &[u8] = if self.format == 1 { AAD_V1 } else { &header };
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let plain = Zeroizing::new(
            cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad }).map_err(|_| {
                if self.format == 1 { Error::WrongRecoveryCode } else { Error::Corrupt(KEY_FILE_CHANGED.into()) }
            })?,
        );
        let key = DbKey::from_bytes(&plain)?;
        if !same(&key.check_value(), &self.key_check) {
            return Err(Error::Corrupt(KEY_FILE_CHANGED.into()));
        }
        if let Some(mac) = &self.header_mac
            && !same(mac, &key.header_mac(&header))
        {
            return Err(Error::Corrupt(KEY_FILE_CHANGED.into()));
        }
        Ok(key)
    }

    /// True when `key` is this store's key (the key check alone; see [`KeyEnvelope::verify_key`]).
    pub fn fits(&self, key: &DbKey) -> bool {
        same(&key.check_value(), &self.key_check)
    }

    /// The keychain path: `WrongKey` when the key is another store's, `Corrupt`
    /// ([`KEY_FILE_CHANGED`]) when it is this store's key but the file's header was changed.
    pub fn verify_key(&self, key: &DbKey) -> Result<()> {
        if !self.fits(key) {
            return Err(Error::WrongKey);
        }
        if let Some(mac) = &self.header_mac
            && !same(mac, &key.header_mac(&self.header()))
        {
            return Err(Error::Corrupt(KEY_FILE_CHANGED.into()));
        }
        Ok(())
    }

    pub fn parse(bytes: &[u8]) -> Result<KeyEnvelope> {
        if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
            return Err(corrupt("too large"));
        }
        let env: KeyEnvelope =
            serde_json::from_slice(bytes).map_err(|_| Error::Corrupt("the key file is not readable".into()))?;
        env.validate()?;
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
    fn a_secret_sealed_with_the_code_opens_only_with_that_code_and_purpose() {
        let code = RecoveryCode::generate();
        let secret = [7u8; 32];
        let sealed = code.seal_secret("purpose a", &secret);
        assert_eq!(sealed.len(), SEALED_SECRET_LEN);
        assert!(!sealed.windows(32).any(|w| w == secret), "the secret is not in the sealed bytes");
        assert_eq!(*code.open_secret("purpose a", &sealed).unwrap(), secret);
        // Typed differently, the same code.
        let typed = RecoveryCode::parse(&code.display().to_lowercase()).unwrap();
        assert_eq!(*typed.open_secret("purpose a", &sealed).unwrap(), secret);
        assert!(matches!(RecoveryCode::generate().open_secret("purpose a", &sealed), Err(Error::WrongRecoveryCode)));
        assert!(matches!(code.open_secret("purpose b", &sealed), Err(Error::WrongRecoveryCode)));
        let mut changed = sealed.clone();
        changed[SEALED_SECRET_LEN - 1] ^= 1;
        assert!(matches!(code.open_secret("purpose a", &changed), Err(Error::WrongRecoveryCode)));
        assert!(matches!(code.open_secret("purpose a", &sealed[1..]), Err(Error::WrongRecoveryCode)));
        assert_ne!(code.seal_secret("purpose a", &secret), sealed, "a fresh salt and nonce every time");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let key = DbKey::generate();
        assert_eq!(format!("{key:?}"), "DbKey(…)");
        assert_eq!(format!("{:?}", RecoveryCode::generate()), "RecoveryCode(…)");
    }

    #[test]
    fn pragma_value_is_the_hex_key() {
        let key = DbKey::generate();
        assert_eq!(key.pragma_value().as_str(), format!("x'{}'", hex::encode(key.as_bytes())));
    }

    fn edited(env: &KeyEnvelope, f: impl FnOnce(&mut serde_json::Value)) -> Result<KeyEnvelope> {
        let mut v: serde_json::Value = serde_json::from_slice(&env.to_json()).unwrap();
        f(&mut v);
        KeyEnvelope::parse(&serde_json::to_vec(&v).unwrap())
    }

    #[test]
    fn the_header_is_authenticated() {
        let key = DbKey::generate();
        let code = RecoveryCode::generate();
        let env = KeyEnvelope::seal("store-1", &key, &code).unwrap();
        assert_eq!(env.format, 2);
        let other_id = edited(&env, |v| v["store_id"] = "store-2".into()).unwrap();
        assert!(matches!(other_id.open(&code), Err(Error::Corrupt(m)) if m == KEY_FILE_CHANGED));
        assert!(matches!(other_id.verify_key(&key), Err(Error::Corrupt(m)) if m == KEY_FILE_CHANGED));
        // Parameters that change the derived key look like a wrong code: the code cannot be checked.
        let slower = edited(&env, |v| v["kdf"]["t_cost"] = 3.into()).unwrap();
        assert!(matches!(slower.open(&code), Err(Error::WrongRecoveryCode)));
        assert!(matches!(slower.verify_key(&key), Err(Error::Corrupt(m)) if m == KEY_FILE_CHANGED));
        let downgraded = edited(&env, |v| {
            v["format"] = 1.into();
            v.as_object_mut().unwrap().remove("code_check");
            v.as_object_mut().unwrap().remove("header_mac");
        })
        .unwrap();
        assert!(matches!(downgraded.open(&code), Err(Error::WrongRecoveryCode)));
        env.verify_key(&key).unwrap();
        assert!(matches!(env.verify_key(&DbKey::generate()), Err(Error::WrongKey)));
    }

    #[test]
    fn format_1_still_opens() {
        let key = DbKey::generate();
        let code = RecoveryCode::generate();
        let v1 = KeyEnvelope::seal_format(1, "store-1", &key, &code).unwrap();
        let back = KeyEnvelope::parse(&v1.to_json()).unwrap();
        assert_eq!(back.format, 1);
        assert_eq!(back.open(&code).unwrap().as_bytes(), key.as_bytes());
        back.verify_key(&key).unwrap();
    }

    #[test]
    fn absurd_kdf_parameters_are_refused_before_deriving() {
        let code = RecoveryCode::generate();
        let env = KeyEnvelope::seal("store-1", &DbKey::generate(), &code).unwrap();
        let started = std::time::Instant::now();
        type Edit = Box<dyn Fn(&mut serde_json::Value)>;
        let cases: Vec<Edit> = vec![
            Box::new(|v| v["kdf"]["m_cost_kib"] = u32::MAX.into()),
            Box::new(|v| v["kdf"]["m_cost_kib"] = (4u64 << 30).into()),
            Box::new(|v| v["kdf"]["m_cost_kib"] = 0.into()),
            Box::new(|v| v["kdf"]["t_cost"] = 100_000.into()),
            Box::new(|v| v["kdf"]["t_cost"] = 0.into()),
            Box::new(|v| v["kdf"]["p_cost"] = 0xFF_FFFF.into()),
            Box::new(|v| v["kdf"]["p_cost"] = 0.into()),
            Box::new(|v| v["kdf"]["salt"] = "00".into()),
            Box::new(|v| v["kdf"]["salt"] = "ab".repeat(100_000).into()),
            Box::new(|v| v["kdf"]["algorithm"] = "argon2d".into()),
            Box::new(|v| v["kdf"]["output_len"] = 1_000_000.into()),
            Box::new(|v| v["nonce"] = "00".into()),
            Box::new(|v| v["format"] = 3.into()),
        ];
        for f in cases {
            let r = edited(&env, f).and_then(|e| e.open(&code));
            assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
        }
        assert!(started.elapsed() < std::time::Duration::from_millis(500), "{:?}", started.elapsed());
    }
}

//! This installation's identity for the sealed hand-over (#18, [docs/handover.md]): an age X25519
//! key pair (bundles are encrypted to it) and an Ed25519 key pair (bundles and receipts are signed
//! with it), made at setup; an upgraded store gets one when it is first opened.
//!
//! The secret halves live in the encrypted store (table `identity`): the store key in the
//! keychain protects them, and the recovery code, which opens the store key, recovers them, so a
//! laptop restored from a backup keeps its identity and a stolen key file gives nothing.
//!
//! The public half travels as one line of text ([`PublicIdentity::line`]) that survives being
//! pasted through e-mail and chat, and the **safety number** ([`safety_number`]) is read aloud by
//! phone to check that the line came from the right person.

use crate::error::{Error, Result};
use crate::op::{Op, Reader};
use bech32::{FromBase32, ToBase32};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256, Sha512};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

/// The public line's prefix (its format version is the digit).
const LINE_PREFIX: &str = "TOVHOLDER1";
/// The public line's bytes: format (1), installation id (16), age key (32), verify key (32),
/// checksum (4: the first bytes of SHA-256 over the rest).
const LINE_BYTES: usize = 1 + 16 + 32 + 32 + 4;
const LINE_FORMAT: u8 = 1;
/// Signal's iteration count for a safety number's half.
const SAFETY_ITERATIONS: usize = 5200;
/// The safety number's format version (hashed first, as Signal's version 0).
const SAFETY_VERSION: u16 = 0;

/// The public half of an installation's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicIdentity {
    pub installation_id: uuid::Uuid,
    /// The X25519 public key (age recipient), raw.
    pub age_key: [u8; 32],
    /// The Ed25519 verifying key, raw.
    pub verify_key: [u8; 32],
}

impl PublicIdentity {
    /// The identity as one line: `TOVHOLDER1` and the base32 of its bytes with a checksum.
    pub fn line(&self) -> String {
        let mut bytes = Vec::with_capacity(LINE_BYTES);
        bytes.push(LINE_FORMAT);
        bytes.extend_from_slice(self.installation_id.as_bytes());
        bytes.extend_from_slice(&self.age_key);
        bytes.extend_from_slice(&self.verify_key);
        let check = Sha256::digest(&bytes);
        bytes.extend_from_slice(&check[..4]);
        format!("{LINE_PREFIX}{}", data_encoding::BASE32_NOPAD.encode(&bytes))
    }

    /// Reads a pasted line. Line breaks, spaces, hyphens, invisible characters (zero-width
    /// spaces, byte-order marks, soft hyphens), quoting (`> `) and letter case are ignored, so a
    /// line that went through an e-mail or a chat still reads; a changed or truncated line is
    /// refused by its checksum. The error names the field `line` and never repeats it.
    pub fn parse_line(input: &str) -> Result<PublicIdentity> {
        let bad = || Error::invalid("line", "er ikke en gyldig nøgle fra Tovholder (kopiér hele linjen igen)");
        let kept: String = input
            .nfkc()
            .filter(|c| !c.is_whitespace() && !is_invisible(*c) && !matches!(c, '-' | '‐' | '‑' | '>' | '"' | '\''))
            .flat_map(char::to_uppercase)
            .collect();
        let body = kept.strip_prefix(LINE_PREFIX).ok_or_else(bad)?;
        if body.len() > 2 * LINE_BYTES * 8 / 5 {
            return Err(bad());
        }
        let bytes = data_encoding::BASE32_NOPAD.decode(body.as_bytes()).map_err(|_| bad())?;
        if bytes.len() != LINE_BYTES || bytes[0] != LINE_FORMAT {
            return Err(bad());
        }
        let (content, check) = bytes.split_at(LINE_BYTES - 4);
        if Sha256::digest(content)[..4] != *check {
            return Err(bad());
        }
        let installation_id = uuid::Uuid::from_slice(&content[1..17]).map_err(|_| bad())?;
        let age_key: [u8; 32] = content[17..49].try_into().map_err(|_| bad())?;
        let verify_key: [u8; 32] = content[49..81].try_into().map_err(|_| bad())?;
        // A verifying key that is not a valid curve point is no key.
        VerifyingKey::from_bytes(&verify_key).map_err(|_| bad())?;
        Ok(PublicIdentity { installation_id, age_key, verify_key })
    }

    /// The fingerprint: SHA-256 over both public keys, hex. Named in a bundle's manifest as its
    /// recipient; not for reading aloud (that is the safety number).
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.verify_key);
        h.update(self.age_key);
        hex::encode(h.finalize())
    }

    /// The age recipient (encrypting to this installation).
    pub fn recipient(&self) -> age::x25519::Recipient {
        let text = bech32::encode("age", self.age_key.to_base32(), bech32::Variant::Bech32)
            .expect("the age HRP and 32 bytes encode");
        text.parse().expect("32 bytes are an X25519 public key")
    }

    /// The Ed25519 key this installation's signatures are checked with.
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey::from_bytes(&self.verify_key).expect("checked when the identity was read")
    }

    /// Whether `signature` over `message` was made by this installation (strict verification:
    /// no malleable or small-order signatures).
    pub fn signed(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let Ok(vk) = VerifyingKey::from_bytes(&self.verify_key) else { return false };
        vk.verify_strict(message, &Signature::from_bytes(signature)).is_ok()
    }

    /// One half of a safety number: 30 digits from the iterated SHA-512 of the format version,
    /// the public keys and the installation id (Signal's numeric fingerprint).
    fn safety_half(&self) -> String {
        let mut key = Vec::with_capacity(64);
        key.extend_from_slice(&self.verify_key);
        key.extend_from_slice(&self.age_key);
        let mut hash = Sha512::new()
            .chain_update(SAFETY_VERSION.to_be_bytes())
            .chain_update(&key)
            .chain_update(self.installation_id.as_bytes())
            .finalize();
        for _ in 0..SAFETY_ITERATIONS {
            hash = Sha512::new().chain_update(hash).chain_update(&key).finalize();
        }
        (0..6)
            .map(|i| {
                let chunk = &hash[i * 5..i * 5 + 5];
                let n = chunk.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
                format!("{:05}", n % 100_000)
            })
            .collect()
    }
}

/// Characters that take no space: zero-width spaces and joiners, word joiner, byte-order mark,
/// soft hyphen, bidirectional marks.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// The safety number of two installations: 60 digits in 12 groups of 5, the same on both sides
/// (the two halves sorted), read aloud to check that each has the other's real key.
pub fn safety_number(a: &PublicIdentity, b: &PublicIdentity) -> String {
    let (x, y) = (a.safety_half(), b.safety_half());
    let (first, second) = if x <= y { (x, y) } else { (y, x) };
    let digits = format!("{first}{second}");
    digits.as_bytes().chunks(5).map(|c| std::str::from_utf8(c).expect("digits")).collect::<Vec<_>>().join(" ")
}

/// This installation's identity with its secret halves. Never serialized; zeroed on drop.
pub struct OwnIdentity {
    public: PublicIdentity,
    age: age::x25519::Identity,
    signing: SigningKey,
}

impl OwnIdentity {
    pub fn public(&self) -> &PublicIdentity {
        &self.public
    }

    pub fn age_identity(&self) -> &age::x25519::Identity {
        &self.age
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// What the settings' »Min nøgle« shows and `tovholder-cli identity` prints.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IdentityInfo {
    /// The public line, to copy into another installation.
    pub line: String,
    pub fingerprint: String,
    pub installation_id: String,
}

fn public_of(installation_id: uuid::Uuid, age: &age::x25519::Identity, signing: &SigningKey) -> PublicIdentity {
    let recipient = age.to_public().to_string();
    let (_, data, _) = bech32::decode(&recipient).expect("age writes Bech32");
    let raw = Vec::<u8>::from_base32(&data).expect("age writes 32 bytes");
    PublicIdentity {
        installation_id,
        age_key: raw.try_into().expect("an X25519 key is 32 bytes"),
        verify_key: signing.verifying_key().to_bytes(),
    }
}

/// Makes this installation's identity (at setup, or the first open after the upgrade). The
/// caller records the audit event. Refused when there is one.
pub fn create(op: &Op<'_>) -> Result<()> {
    use age::secrecy::ExposeSecret;
    let installation_id = uuid::Uuid::new_v4();
    let age = age::x25519::Identity::generate();
    let mut seed = Zeroizing::new([0u8; 32]);
    rand::rng().fill_bytes(seed.as_mut());
    op.conn()
        .prepare_cached(
            "INSERT INTO identity (id, installation_id, age_secret, signing_seed, created_at)
             VALUES (1, ?1, ?2, ?3, ?4)",
        )?
        .execute(params![installation_id.to_string(), age.to_string().expose_secret(), &seed[..], op.stamp()])?;
    Ok(())
}

/// Makes this installation's identity when the store has none (setup, and an upgraded store's
/// first open), recorded as `identity.created`.
pub(crate) fn ensure(op: &mut Op<'_>) -> Result<()> {
    if !exists(op)? {
        create(op)?;
        op.audit(crate::audit::AuditEvent::IdentityCreated);
    }
    Ok(())
}

/// Whether the store has its identity yet (an upgraded store gets it at its first open).
pub(crate) fn exists(db: &Reader<'_>) -> Result<bool> {
    Ok(db.conn().query_row("SELECT count(*) FROM identity", [], |r| r.get::<_, i64>(0))? > 0)
}

/// This installation's identity with its secrets.
pub(crate) fn own(db: &Reader<'_>) -> Result<OwnIdentity> {
    use age::secrecy::ExposeSecret;
    let row = db
        .conn()
        .query_row("SELECT installation_id, age_secret, signing_seed FROM identity WHERE id = 1", [], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Zeroizing::new(r.get::<_, String>(1)?),
                Zeroizing::new(r.get::<_, Vec<u8>>(2)?),
            ))
        })
        .optional()?
        .ok_or(Error::Internal("the store has no identity"))?;
    let installation_id = uuid::Uuid::parse_str(&row.0).map_err(|_| Error::Internal("a stored installation id"))?;
    let age: age::x25519::Identity = row.1.as_str().parse().map_err(|_| Error::Internal("the stored age identity"))?;
    let seed: [u8; 32] = row.2.as_slice().try_into().map_err(|_| Error::Internal("the stored signing seed"))?;
    let signing = SigningKey::from_bytes(&seed);
    let public = public_of(installation_id, &age, &signing);
    // The age identity's own text is compared once, so a damaged row is found here.
    debug_assert!(!age.to_string().expose_secret().is_empty());
    Ok(OwnIdentity { public, age, signing })
}

/// The public identity for the settings and the CLI (reading it needs no audit: no personal data).
pub fn info(store: &crate::Store) -> Result<IdentityInfo> {
    let own = store.read_unlogged(own)?;
    Ok(IdentityInfo {
        line: own.public.line(),
        fingerprint: own.public.fingerprint(),
        installation_id: own.public.installation_id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: u8) -> PublicIdentity {
        let signing = SigningKey::from_bytes(&[n; 32]);
        PublicIdentity {
            installation_id: uuid::Uuid::from_bytes([n; 16]),
            age_key: [n.wrapping_add(1); 32],
            verify_key: signing.verifying_key().to_bytes(),
        }
    }

    #[test]
    fn a_line_survives_what_mail_and_chat_do_to_it() {
        let id = sample(7);
        let line = id.line();
        assert!(line.starts_with("TOVHOLDER1"));
        assert_eq!(PublicIdentity::parse_line(&line).unwrap(), id);
        // Broken over lines and quoted, lower case, a zero-width space, a BOM, a soft hyphen,
        // a non-breaking space and grouping hyphens.
        let (a, b) = line.split_at(40);
        let mangled = format!("\u{FEFF}> {}\u{200B}\r\n> {}-\u{00AD}{}\u{00A0}", a.to_lowercase(), &b[..10], &b[10..]);
        assert_eq!(PublicIdentity::parse_line(&mangled).unwrap(), id);
    }

    #[test]
    fn a_changed_or_truncated_line_is_refused_without_repeating_it() {
        let line = sample(3).line();
        let mut changed: Vec<char> = line.chars().collect();
        let i = 30;
        changed[i] = if changed[i] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        for bad in [changed.as_str(), &line[..line.len() - 3], "age1xyz", "", "TOVHOLDER1"] {
            let e = PublicIdentity::parse_line(bad).unwrap_err();
            assert!(matches!(&e, Error::Invalid { field, .. } if *field == "line"), "{e:?}");
            assert!(!e.to_string().contains("TOVHOLDER1A"), "{e}");
        }
    }

    /// The vector in docs/handover.md, computed independently (Python's hashlib).
    #[test]
    fn the_safety_number_and_fingerprint_match_the_documented_vector() {
        let a =
            PublicIdentity { installation_id: uuid::Uuid::from_bytes([5; 16]), age_key: [4; 32], verify_key: [3; 32] };
        let b =
            PublicIdentity { installation_id: uuid::Uuid::from_bytes([8; 16]), age_key: [7; 32], verify_key: [6; 32] };
        assert_eq!(safety_number(&a, &b), "47816 08853 61657 67209 69247 91381 49665 73415 06618 45134 86669 00389");
        assert_eq!(a.fingerprint(), "505a9c6ac70bdffa46248e2025483f9fe997a0e31ed25559e448b73b7e02b9bd");
    }

    #[test]
    fn the_safety_number_is_the_same_on_both_sides_and_differs_per_pair() {
        let (a, b, c) = (sample(1), sample(2), sample(3));
        let ab = safety_number(&a, &b);
        assert_eq!(ab, safety_number(&b, &a));
        assert_eq!(ab.len(), 60 + 11);
        assert_eq!(ab.split(' ').count(), 12);
        assert!(ab.split(' ').all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_digit())));
        assert_ne!(ab, safety_number(&a, &c));
        // A changed key changes the number.
        let mut b2 = b.clone();
        b2.age_key[0] ^= 1;
        assert_ne!(ab, safety_number(&a, &b2));
    }
}

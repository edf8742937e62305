//! The sealed file's format (pure: no database, no clock). docs/handover.md has the same
//! definitions and how to check a file by hand.
//!
//! ```text
//! magic        17 bytes  "TOVHOLDER-SEALED\n"
//! format        1 byte   1
//! sender       16 bytes  the sending installation's id
//! length        4 bytes  the manifest's length, big-endian (at most 16 KiB)
//! manifest      …        JSON (Manifest)
//! signature    64 bytes  Ed25519 over every byte above
//! payload       …        an age file (X25519 recipients): the content
//! ```
//!
//! Opening checks, in this order, and refuses at the first failure: the size, the magic, the
//! format, the lengths (the frame), then the **signature with the sender's key from the
//! directory** — before the manifest is parsed or anything decrypted — then the manifest
//! (kind, that this installation is a recipient, the payload's SHA-256 and length), then the age
//! decryption. The content is parsed by the caller only after all of that.

use super::Refusal;
use crate::identity::{OwnIdentity, PublicIdentity};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use zeroize::Zeroizing;

pub const MAGIC: &[u8; 17] = b"TOVHOLDER-SEALED\n";
/// The format this build writes and reads.
pub const FORMAT: u8 = 1;
/// The largest sealed file read: a case with its notes is a few kilobytes.
pub const MAX_FILE: usize = 4 * 1024 * 1024;
pub const MAX_MANIFEST: usize = 16 * 1024;
const HEAD: usize = 17 + 1 + 16 + 4;
const SIGNATURE: usize = 64;

crate::keys::key_enum!(
    /// What a sealed file carries.
    SealedKind { Case = "case": "Sag", Receipt = "receipt": "Kvittering" }
);

/// What the signature covers besides the frame: who sent what to whom, when, and the hash of
/// the encrypted payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u8,
    pub kind: SealedKind,
    /// The sender's fingerprint (its installation id is in the frame).
    pub sender: String,
    /// The fingerprints of every installation the payload is encrypted to.
    pub recipients: Vec<String>,
    /// The case's reference at the sender (a receipt: the sender's reference it confirms).
    pub reference: String,
    /// When it was sealed (RFC 3339, UTC).
    pub created_at: String,
    pub payload_sha256: String,
    pub payload_len: u64,
}

/// A file opened: the manifest, who signed it, and the decrypted content.
pub struct Opened {
    pub manifest: Manifest,
    /// The directory's id of the sender.
    pub sender_peer: i64,
    pub content: Zeroizing<Vec<u8>>,
}

/// SHA-256 of a whole sealed file, hex: how a bundle is named in receipts and the history.
pub fn file_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Seals `content` for `recipients`: encrypted with age to each of their keys, under a manifest
/// signed by `sender`.
pub fn seal(
    sender: &OwnIdentity,
    kind: SealedKind,
    reference: &str,
    created_at: &str,
    recipients: &[PublicIdentity],
    content: &[u8],
) -> crate::Result<Vec<u8>> {
    let keys: Vec<age::x25519::Recipient> = recipients.iter().map(PublicIdentity::recipient).collect();
    let encryptor = age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
        .map_err(|_| crate::Error::Internal("no recipient to seal to"))?;
    let mut payload = Vec::with_capacity(content.len() + 256);
    let mut writer = encryptor.wrap_output(&mut payload)?;
    writer.write_all(content)?;
    writer.finish()?;
    let manifest = Manifest {
        format: FORMAT,
        kind,
        sender: sender.public().fingerprint(),
        recipients: recipients.iter().map(PublicIdentity::fingerprint).collect(),
        reference: reference.to_string(),
        created_at: created_at.to_string(),
        payload_sha256: hex::encode(Sha256::digest(&payload)),
        payload_len: payload.len() as u64,
    };
    let manifest = serde_json::to_vec(&manifest).map_err(|_| crate::Error::Internal("a manifest as JSON"))?;
    if manifest.len() > MAX_MANIFEST {
        return Err(crate::Error::invalid("recipients", "for mange modtagere"));
    }
    let mut file = Vec::with_capacity(HEAD + manifest.len() + SIGNATURE + payload.len());
    file.extend_from_slice(MAGIC);
    file.push(FORMAT);
    file.extend_from_slice(sender.public().installation_id.as_bytes());
    file.extend_from_slice(&(manifest.len() as u32).to_be_bytes());
    file.extend_from_slice(&manifest);
    let signature = sender.sign(&file);
    file.extend_from_slice(&signature);
    file.extend_from_slice(&payload);
    if file.len() > MAX_FILE {
        return Err(crate::Error::invalid("notes", "sagen er for stor til at sende"));
    }
    Ok(file)
}

/// The frame of a file: fixed fields only, no content parsed.
struct Frame<'a> {
    signed: &'a [u8],
    sender: uuid::Uuid,
    manifest: &'a [u8],
    signature: [u8; 64],
    payload: &'a [u8],
}

fn frame(bytes: &[u8]) -> Result<Frame<'_>, Refusal> {
    if bytes.len() > MAX_FILE {
        return Err(Refusal::TooLarge);
    }
    if bytes.len() < MAGIC.len() + 1 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Refusal::NotSealed);
    }
    let format = bytes[MAGIC.len()];
    if format > FORMAT {
        return Err(Refusal::NewerFormat);
    }
    if format != FORMAT || bytes.len() < HEAD {
        return Err(Refusal::Damaged);
    }
    let sender = uuid::Uuid::from_slice(&bytes[18..34]).map_err(|_| Refusal::Damaged)?;
    let len = u32::from_be_bytes(bytes[34..38].try_into().expect("4 bytes")) as usize;
    if len > MAX_MANIFEST || bytes.len() < HEAD + len + SIGNATURE {
        return Err(Refusal::Damaged);
    }
    let signed = &bytes[..HEAD + len];
    let signature: [u8; 64] = bytes[HEAD + len..HEAD + len + SIGNATURE].try_into().expect("64 bytes");
    Ok(Frame {
        signed,
        sender,
        manifest: &bytes[HEAD..HEAD + len],
        signature,
        payload: &bytes[HEAD + len + SIGNATURE..],
    })
}

/// A directory entry as opening needs it.
pub struct Sender<'a> {
    pub peer_id: i64,
    pub verified: bool,
    pub public: &'a PublicIdentity,
}

/// Opens a sealed file of `kind` for `own` from one of `senders` (see the module's order of
/// checks). Nothing is parsed or decrypted before the signature holds.
pub fn open(bytes: &[u8], kind: SealedKind, own: &OwnIdentity, senders: &[Sender<'_>]) -> Result<Opened, Refusal> {
    let f = frame(bytes)?;
    let sender = senders.iter().find(|s| s.public.installation_id == f.sender).ok_or(Refusal::UnknownSender)?;
    if !sender.public.signed(f.signed, &f.signature) {
        return Err(Refusal::Damaged);
    }
    if !sender.verified {
        return Err(Refusal::UnverifiedSender);
    }
    // Signed by a verified sender: now the manifest may be read.
    let manifest: Manifest = serde_json::from_slice(f.manifest).map_err(|_| Refusal::Damaged)?;
    if manifest.format != FORMAT || manifest.sender != sender.public.fingerprint() {
        return Err(Refusal::Damaged);
    }
    if manifest.kind != kind {
        return Err(match manifest.kind {
            SealedKind::Receipt => Refusal::ReceiptNotCase,
            SealedKind::Case => Refusal::CaseNotReceipt,
        });
    }
    if !manifest.recipients.contains(&own.public().fingerprint()) {
        return Err(Refusal::NotForUs);
    }
    if manifest.payload_len != f.payload.len() as u64
        || manifest.payload_sha256 != hex::encode(Sha256::digest(f.payload))
    {
        return Err(Refusal::Damaged);
    }
    let decryptor = age::Decryptor::new_buffered(f.payload).map_err(|_| Refusal::Damaged)?;
    let mut reader =
        decryptor.decrypt(std::iter::once(own.age_identity() as &dyn age::Identity)).map_err(|_| Refusal::NotForUs)?;
    let mut content = Zeroizing::new(Vec::new());
    reader.by_ref().take(MAX_FILE as u64).read_to_end(&mut content).map_err(|_| Refusal::Damaged)?;
    Ok(Opened { manifest, sender_peer: sender.peer_id, content })
}

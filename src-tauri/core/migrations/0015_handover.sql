-- The sealed hand-over (#18, docs/handover.md): this installation's identity, the directory of
-- other infohuse's installations, and the bundles sent and received.

-- This installation's key pairs (one row): the age X25519 secret (its Bech32 text) and the
-- Ed25519 signing seed. They live in the encrypted store, so they are protected by the store key
-- in the keychain and recovered with it by the recovery code (a restored laptop keeps its
-- identity). Owned by src/identity.rs.
CREATE TABLE identity (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    installation_id TEXT NOT NULL CHECK (length(installation_id) = 36),
    age_secret      TEXT NOT NULL,
    signing_seed    BLOB NOT NULL CHECK (length(signing_seed) = 32),
    created_at      TEXT NOT NULL
) STRICT;

-- Other installations (an infohus's coordinators, the hotline's two sites): their public keys as
-- imported, whom they belong to, and whether their safety number was compared by phone. A key
-- that changes for a known installation replaces the old one and clears `verified_at`
-- (`key_changed_at` says why). Owned by src/peers.rs.
CREATE TABLE peers (
    id              INTEGER PRIMARY KEY,
    installation_id TEXT NOT NULL UNIQUE CHECK (length(installation_id) = 36),
    name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    district_code   TEXT NOT NULL,
    age_key         BLOB NOT NULL CHECK (length(age_key) = 32),
    verify_key      BLOB NOT NULL CHECK (length(verify_key) = 32),
    fingerprint     TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    added_by        TEXT NOT NULL,
    verified_at     TEXT,
    verified_by     TEXT,
    key_changed_at  TEXT
) STRICT;
CREATE INDEX peers_district ON peers (district_code);

-- Bundles this installation sealed: which case, to which infohus and keys, and the receiver's
-- confirmation once its receipt is imported. The row goes with its case (retention). Owned by
-- src/handover/stored.rs.
CREATE TABLE handovers_sent (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    bundle_sha256      TEXT NOT NULL UNIQUE CHECK (length(bundle_sha256) = 64),
    district_code      TEXT NOT NULL,
    recipients         TEXT NOT NULL,
    with_contact       INTEGER NOT NULL CHECK (with_contact IN (0, 1)),
    sent_at            TEXT NOT NULL,
    sent_by            TEXT NOT NULL,
    confirmed_at       TEXT,
    confirmed_by       TEXT,
    receiver_reference TEXT
) STRICT;
CREATE INDEX handovers_sent_case ON handovers_sent (case_id);

-- Bundles imported here: the bundle's hash (so the same file is never imported twice) and the
-- case it became. When retention deletes that case, `case_id` and `origin_reference` are cleared
-- and only the hash stays. Owned by src/handover/stored.rs.
CREATE TABLE handovers_received (
    id               INTEGER PRIMARY KEY,
    bundle_sha256    TEXT NOT NULL UNIQUE CHECK (length(bundle_sha256) = 64),
    case_id          INTEGER REFERENCES cases (id) ON DELETE SET NULL,
    origin_reference TEXT,
    peer_id          INTEGER NOT NULL REFERENCES peers (id),
    received_at      TEXT NOT NULL,
    received_by      TEXT NOT NULL
) STRICT;
CREATE INDEX handovers_received_case ON handovers_received (case_id);

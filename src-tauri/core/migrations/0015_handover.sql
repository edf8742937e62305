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

-- Den nationale hotline (`NH`) as a home: an installation at one of the hotline's two sites.
-- SQLite cannot change a CHECK, so the one-row profile table is rebuilt with the same columns.
CREATE TABLE profile_with_hotline (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    organisation_kind TEXT NOT NULL CHECK (organisation_kind IN ('police', 'municipality')),
    organisation_name TEXT NOT NULL CHECK (length(trim(organisation_name)) BETWEEN 1 AND 120),
    district_code     TEXT NOT NULL CHECK (district_code IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP','NH')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
INSERT INTO profile_with_hotline (id, name, organisation_kind, organisation_name, district_code, created_at, updated_at)
    SELECT id, name, organisation_kind, organisation_name, district_code, created_at, updated_at FROM profile;
DROP TABLE profile;
ALTER TABLE profile_with_hotline RENAME TO profile;

-- A case forwarded from one hotline site to the other is »Videresendt til Den nationale hotline«:
-- `forwarded_to` may name `NH`. The table is rebuilt with the same columns, indexes and trigger
-- (SQLite cannot change a CHECK); `district_code` stays a police district.
DROP TRIGGER cases_search_delete;
CREATE TABLE cases_with_hotline (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    district_code TEXT NOT NULL CHECK (district_code IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP')),
    stage         TEXT NOT NULL CHECK (stage IN
        ('new_concern','screening','assessment','intervention','follow_up','closed','forwarded')),
    outcome       TEXT CHECK (outcome IN ('unfounded','completed','handed_to_police')),
    forwarded_to  TEXT CHECK (forwarded_to IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP','NH')),
    received_at   TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('hotline','email','in_person','referral')),
    caller_type   TEXT NOT NULL CHECK (caller_type IN
        ('parent','relative','friend','school','social_worker','police','professional','anonymous')),
    caller_name   TEXT CHECK (length(caller_name) BETWEEN 1 AND 100),
    caller_phone  TEXT CHECK (length(caller_phone) BETWEEN 1 AND 20),
    caller_email  TEXT CHECK (length(caller_email) BETWEEN 3 AND 254),
    pseudonym     TEXT NOT NULL CHECK (length(trim(pseudonym)) BETWEEN 1 AND 40),
    birth_year    INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
    gender        TEXT CHECK (gender IN ('female','male','other')),
    municipality  TEXT NOT NULL CHECK (length(municipality) BETWEEN 1 AND 40),
    category      TEXT NOT NULL CHECK (category IN ('right_wing','left_wing','militant_islamism','other')),
    indicators    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(indicators) AND json_type(indicators) = 'array'),
    urgency       TEXT NOT NULL CHECK (urgency IN ('normal','high','acute')),
    police_flag   INTEGER NOT NULL DEFAULT 0 CHECK (police_flag IN (0, 1)),
    description   TEXT NOT NULL CHECK (length(trim(description)) BETWEEN 1 AND 4000),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    closed_at     TEXT,
    stage_entered_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00.000Z',
    meeting_flag  INTEGER NOT NULL DEFAULT 0 CHECK (meeting_flag IN (0, 1)),
    CHECK ((stage = 'forwarded') = (forwarded_to IS NOT NULL)),
    CHECK ((stage = 'closed') = (outcome IS NOT NULL)),
    CHECK ((stage = 'closed') = (closed_at IS NOT NULL)),
    CHECK (urgency <> 'acute' OR police_flag = 1),
    CHECK (caller_type <> 'anonymous' OR (caller_name IS NULL AND caller_phone IS NULL AND caller_email IS NULL))
) STRICT;
INSERT INTO cases_with_hotline (id, reference, district_code, stage, outcome, forwarded_to, received_at, channel,
        caller_type, caller_name, caller_phone, caller_email, pseudonym, birth_year, gender, municipality, category,
        indicators, urgency, police_flag, description, created_at, created_by, updated_at, closed_at,
        stage_entered_at, meeting_flag)
    SELECT id, reference, district_code, stage, outcome, forwarded_to, received_at, channel,
        caller_type, caller_name, caller_phone, caller_email, pseudonym, birth_year, gender, municipality, category,
        indicators, urgency, police_flag, description, created_at, created_by, updated_at, closed_at,
        stage_entered_at, meeting_flag
    FROM cases;
DROP TABLE cases;
ALTER TABLE cases_with_hotline RENAME TO cases;
CREATE INDEX cases_district_stage ON cases (district_code, stage, received_at);
CREATE INDEX cases_received ON cases (received_at);
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases
BEGIN
    DELETE FROM case_search WHERE rowid = -old.id;
END;

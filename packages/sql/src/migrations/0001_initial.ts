/**
 * The first schema. A shipped migration is never edited: changes go in a new one. The one exception, the table
 * prefix, leaves its statements as they shipped when the prefix is empty (see `0004_table_prefix`).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

interface Types {
  /** An auto-incrementing integer primary key. */
  readonly serial: string
  readonly timestamp: string
  /** The table prefix, on every table and index name. */
  readonly p: string
}

const statements = ({ p, serial, timestamp }: Types): ReadonlyArray<string> => [
  `CREATE TABLE ${p}organisations (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url TEXT,
    email TEXT,
    image_url TEXT,
    timezone TEXT NOT NULL,
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL
  )`,
  `CREATE TABLE ${p}issuers (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    email TEXT,
    description TEXT,
    image_url TEXT,
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL,
    UNIQUE (organisation_id, slug)
  )`,
  `CREATE TABLE ${p}programs (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    issuer_id TEXT NOT NULL REFERENCES ${p}issuers (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    email TEXT,
    description TEXT,
    image_url TEXT,
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL,
    UNIQUE (issuer_id, slug)
  )`,
  `CREATE TABLE ${p}badge_definitions (
    serial ${serial},
    id TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    issuer_id TEXT REFERENCES ${p}issuers (id),
    program_id TEXT REFERENCES ${p}programs (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    strapline TEXT,
    consumer_description TEXT,
    image_url TEXT,
    locked_image_url TEXT,
    image_alt_text TEXT,
    rule TEXT,
    rule_version INTEGER NOT NULL,
    criteria TEXT NOT NULL,
    criteria_url TEXT,
    criteria_narrative TEXT,
    category TEXT,
    categories TEXT NOT NULL,
    tags TEXT NOT NULL,
    milestones TEXT NOT NULL,
    achievement_type TEXT,
    badge_type TEXT,
    is_certificate INTEGER NOT NULL,
    issuer_url TEXT,
    rubric_url TEXT,
    info_uri TEXT,
    time_value INTEGER,
    time_units TEXT,
    max_awards INTEGER,
    is_unique INTEGER NOT NULL,
    validity_days INTEGER,
    issued_count INTEGER NOT NULL DEFAULT 0,
    archived_at ${timestamp},
    archival_note TEXT,
    deleted_at ${timestamp},
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL
  )`,
  // A deleted definition frees its slug; a live one holds it.
  `CREATE UNIQUE INDEX ${p}badge_definitions_slug ON ${p}badge_definitions (organisation_id, slug) WHERE deleted_at IS NULL`,
  `CREATE INDEX ${p}badge_definitions_organisation ON ${p}badge_definitions (organisation_id, serial)`,
  `CREATE TABLE ${p}activities (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    recipient_id TEXT NOT NULL,
    type TEXT NOT NULL,
    occurred_at ${timestamp} NOT NULL,
    idempotency_key TEXT,
    attributes TEXT,
    recorded_at ${timestamp} NOT NULL,
    UNIQUE (organisation_id, idempotency_key)
  )`,
  `CREATE INDEX ${p}activities_recipient ON ${p}activities (organisation_id, recipient_id, occurred_at)`,
  // Per-recipient aggregates: evaluation reads these, never the whole activity history.
  `CREATE TABLE ${p}activity_days (
    organisation_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, recipient_id, type, day)
  )`,
  `CREATE TABLE ${p}recipients (
    organisation_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    first_seen_at ${timestamp} NOT NULL,
    PRIMARY KEY (organisation_id, recipient_id)
  )`,
  `CREATE TABLE ${p}awards (
    serial ${serial},
    id TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    definition_id TEXT NOT NULL REFERENCES ${p}badge_definitions (id),
    recipient_kind TEXT NOT NULL,
    recipient_value TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    recipient_name TEXT,
    awarded_at ${timestamp} NOT NULL,
    awarded_by TEXT NOT NULL,
    source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    narrative TEXT,
    expires_at ${timestamp},
    revoked_at ${timestamp},
    revocation_reason TEXT,
    rule_version INTEGER,
    activity_id TEXT,
    grant_id TEXT,
    claim_code_id TEXT,
    unique_slot TEXT,
    once_key TEXT UNIQUE,
    expiry_reported_at ${timestamp}
  )`,
  // unique_slot holds the recipient key while a unique definition's award is live: one live award per recipient.
  `CREATE UNIQUE INDEX ${p}awards_unique_slot ON ${p}awards (definition_id, unique_slot) WHERE unique_slot IS NOT NULL`,
  `CREATE INDEX ${p}awards_organisation ON ${p}awards (organisation_id, serial)`,
  `CREATE INDEX ${p}awards_definition_recipient ON ${p}awards (definition_id, recipient_key)`,
  `CREATE INDEX ${p}awards_recipient ON ${p}awards (organisation_id, recipient_key, serial)`,
  `CREATE INDEX ${p}awards_activity ON ${p}awards (activity_id) WHERE activity_id IS NOT NULL`,
  `CREATE INDEX ${p}awards_expiry ON ${p}awards (expires_at) WHERE expires_at IS NOT NULL AND expiry_reported_at IS NULL`,
  `CREATE TABLE ${p}grants (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    definition_id TEXT NOT NULL REFERENCES ${p}badge_definitions (id),
    recipient_key TEXT NOT NULL,
    profile_uri TEXT,
    email TEXT,
    name TEXT,
    evidence TEXT,
    status TEXT NOT NULL,
    accept_key TEXT NOT NULL UNIQUE,
    award_id TEXT,
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL
  )`,
  // One pending grant per definition and person: a second offer returns the first.
  `CREATE UNIQUE INDEX ${p}grants_pending ON ${p}grants (definition_id, recipient_key) WHERE status = 'pending'`,
  `CREATE TABLE ${p}claim_codes (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
    definition_id TEXT NOT NULL REFERENCES ${p}badge_definitions (id),
    code_hash TEXT NOT NULL UNIQUE,
    label TEXT,
    use_limit INTEGER,
    uses INTEGER NOT NULL,
    expires_at ${timestamp},
    enabled INTEGER NOT NULL,
    archived_at ${timestamp},
    created_at ${timestamp} NOT NULL
  )`,
  `CREATE INDEX ${p}claim_codes_definition ON ${p}claim_codes (definition_id)`,
  `CREATE TABLE ${p}api_keys (
    id TEXT PRIMARY KEY,
    name TEXT,
    role TEXT NOT NULL,
    organisation_id TEXT REFERENCES ${p}organisations (id),
    subject_id TEXT,
    key_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at ${timestamp} NOT NULL,
    revoked_at ${timestamp}
  )`
]

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  const types = sql.onDialectOrElse({
    pg: (): Types => ({ serial: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", timestamp: "TIMESTAMPTZ", p }),
    orElse: (): Types => ({ serial: "INTEGER PRIMARY KEY", timestamp: "TEXT", p })
  })
  for (const statement of statements(types)) {
    yield* sql.unsafe(statement)
  }
})

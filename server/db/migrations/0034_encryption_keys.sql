-- Application-level encryption (decision 0020): which keys have encrypted values in this database.
-- Holds key ids only (the first 16 hex digits of SHA-256 over a key), never a key. A key whose
-- values were all re-encrypted by `lotse keys rotate` is marked retired. At start, Lotse refuses to
-- run when a key that is not retired is missing from its key ring, so that a wrong key is noticed
-- before anything is written under it.
CREATE TABLE encryption_key (
  key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
  first_used_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- SPDX-License-Identifier: GPL-2.0-or-later
-- The PostgreSQL twin of schema/005_idempotency.sql: the first successful
-- answer of a write sent with an Idempotency-Key header, stored in the same
-- transaction as the write (see the SQLite file for the columns).
CREATE TABLE IF NOT EXISTS idempotency_key (
    user_id      bigint  NOT NULL,
    idem_key     text    NOT NULL,
    request_hash text    NOT NULL,
    method       text    NOT NULL,
    result_kind  text    NOT NULL,
    result       text    NOT NULL,
    created_at   text    NOT NULL,
    expires_at   text    NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX IF NOT EXISTS idx_idempotency_key_expires ON idempotency_key(expires_at);

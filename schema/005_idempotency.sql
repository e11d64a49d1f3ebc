-- SPDX-License-Identifier: GPL-2.0-or-later
-- Idempotency keys (issue 11 part 4): the first successful answer of a
-- write (create, capture, void, cancel, addComment, REST invoice/capture/
-- void/comment) sent with an Idempotency-Key header, stored in the SAME
-- transaction as the write, so that a retry with the same key, API user and
-- request gets that answer again instead of a second invoice.
--   idem_key      the header's value (plus "#N" for the N-th write of one
--                 request: multiCall, JSON-RPC batches)
--   request_hash  SHA-256 (hex) of the method and its arguments (session id
--                 left out) or of the REST route and body
--   result_kind   's' string, 'i' integer, 'b' boolean: the result re-rendered
--   expires_at    created_at + idempotency_window; purged past it
CREATE TABLE IF NOT EXISTS idempotency_key (
    user_id      INTEGER NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    method       TEXT    NOT NULL,
    result_kind  TEXT    NOT NULL,
    result       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX IF NOT EXISTS idx_idempotency_key_expires ON idempotency_key(expires_at);

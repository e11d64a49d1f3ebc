-- SPDX-License-Identifier: GPL-2.0-or-later
-- The same step as the SQLite schema/002_hashed_sessions.sql, so that both
-- backends carry the same schema version: session ids are stored as their
-- SHA-256 (hex); any clear one is dropped.
DELETE FROM api_session;

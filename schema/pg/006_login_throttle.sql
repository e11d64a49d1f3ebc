-- SPDX-License-Identifier: GPL-2.0-or-later
-- The twin of schema/006_login_throttle.sql: login throttling counts shared
-- by every daemon on the database.  Rows are short-lived and rewritten in
-- place (fillfactor leaves room for HOT updates).
CREATE TABLE IF NOT EXISTS login_throttle (
    tkey         text   NOT NULL PRIMARY KEY,
    window_start bigint NOT NULL,
    failures     bigint NOT NULL,
    max_failures bigint NOT NULL,
    locked_until bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 70);

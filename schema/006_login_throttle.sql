-- SPDX-License-Identifier: GPL-2.0-or-later
-- Login throttling counts in the database (issue 12 part 2), so that every
-- daemon on one database counts the same failures.  One row per counted key:
--   tkey          "u:" + user name, or "p:" + the peer's address
--   window_start  unix time the key's current window began
--   failures      failed logins of the key in that window
--   max_failures  the limit the last failure was counted against
--   locked_until  unix time the lockout ends (0: never locked)
-- A failed login upserts its key(s); a successful one deletes its name's row;
-- the check before PBKDF2 is one indexed read.
CREATE TABLE IF NOT EXISTS login_throttle (
    tkey         TEXT    NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    failures     INTEGER NOT NULL,
    max_failures INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
);

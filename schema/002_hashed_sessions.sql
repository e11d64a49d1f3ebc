-- SPDX-License-Identifier: GPL-2.0-or-later
-- SOAP session ids are stored as their SHA-256 (hex), like REST tokens.
-- Sessions stored in clear by an older version cannot be hashed back into
-- use safely in place, so they are dropped: clients log in again after the
-- upgrade.
DELETE FROM api_session;

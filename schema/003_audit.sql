-- SPDX-License-Identifier: GPL-2.0-or-later
-- Audit: who made every invoice, comment, capture, void and cancel (the API
-- user, or "cli" / "import" / "demo" for rows made by the command line, and
-- the client's address).  A table of its own, not columns of
-- sales_flat_invoice / sales_flat_invoice_comment: info reads those tables
-- whole and Magento's answers must not change.
CREATE TABLE IF NOT EXISTS invoice_audit (
    audit_id                    INTEGER PRIMARY KEY,
    invoice_id                  INTEGER NOT NULL REFERENCES sales_flat_invoice(entity_id) ON DELETE CASCADE,
    comment_id                  INTEGER REFERENCES sales_flat_invoice_comment(entity_id) ON DELETE CASCADE,
    action                      TEXT    NOT NULL
                                CHECK (action IN ('create', 'comment', 'capture', 'void', 'cancel')),
    api_user                    TEXT    NOT NULL,
    peer                        TEXT,
    created_at                  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_invoice_audit_invoice ON invoice_audit(invoice_id);

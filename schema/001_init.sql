-- SPDX-License-Identifier: GPL-2.0-or-later
-- Schema version 1: the Magento 1 sales tables the invoice API touches, the
-- API users/roles/sessions, a per-store increment sequence, an e-mail outbox
-- and a REST token table.
--
-- Conventions: amounts, rates and quantities are INTEGER scaled by 10^4
-- (Magento's DECIMAL(12,4); 45.00 is 450000); dates are TEXT
-- 'YYYY-MM-DD HH:MM:SS' in UTC.  Column names are Magento's.  The column
-- order of sales_flat_invoice, sales_flat_invoice_item and
-- sales_flat_invoice_comment is the order the info call prints (REF's).

-- ---- orders -----------------------------------------------------------------

CREATE TABLE sales_flat_order (
    entity_id                   INTEGER PRIMARY KEY,
    increment_id                TEXT    NOT NULL UNIQUE,
    store_id                    INTEGER NOT NULL DEFAULT 1,
    state                       TEXT    NOT NULL DEFAULT 'new',
    status                      TEXT    NOT NULL DEFAULT 'pending',
    created_at                  TEXT    NOT NULL,
    updated_at                  TEXT    NOT NULL,
    is_virtual                  INTEGER NOT NULL DEFAULT 0,
    customer_email              TEXT,
    customer_firstname          TEXT,
    customer_lastname           TEXT,
    global_currency_code        TEXT    NOT NULL DEFAULT 'USD',
    base_currency_code          TEXT    NOT NULL DEFAULT 'USD',
    store_currency_code         TEXT    NOT NULL DEFAULT 'USD',
    order_currency_code         TEXT    NOT NULL DEFAULT 'USD',
    base_to_global_rate         INTEGER NOT NULL DEFAULT 10000,
    base_to_order_rate          INTEGER NOT NULL DEFAULT 10000,
    store_to_base_rate          INTEGER NOT NULL DEFAULT 10000,
    store_to_order_rate         INTEGER NOT NULL DEFAULT 10000,
    billing_address_id          INTEGER,
    shipping_address_id         INTEGER,
    discount_description        TEXT,
    total_qty_ordered           INTEGER NOT NULL DEFAULT 0,
    -- ordered totals (discount stored negative, as Magento does)
    subtotal                    INTEGER NOT NULL DEFAULT 0,
    base_subtotal               INTEGER NOT NULL DEFAULT 0,
    subtotal_incl_tax           INTEGER NOT NULL DEFAULT 0,
    base_subtotal_incl_tax      INTEGER NOT NULL DEFAULT 0,
    shipping_amount             INTEGER NOT NULL DEFAULT 0,
    base_shipping_amount        INTEGER NOT NULL DEFAULT 0,
    shipping_tax_amount         INTEGER NOT NULL DEFAULT 0,
    base_shipping_tax_amount    INTEGER NOT NULL DEFAULT 0,
    shipping_incl_tax           INTEGER NOT NULL DEFAULT 0,
    base_shipping_incl_tax      INTEGER NOT NULL DEFAULT 0,
    shipping_discount_amount    INTEGER NOT NULL DEFAULT 0,
    base_shipping_discount_amount INTEGER NOT NULL DEFAULT 0,
    discount_amount             INTEGER NOT NULL DEFAULT 0,
    base_discount_amount        INTEGER NOT NULL DEFAULT 0,
    tax_amount                  INTEGER NOT NULL DEFAULT 0,
    base_tax_amount             INTEGER NOT NULL DEFAULT 0,
    hidden_tax_amount           INTEGER NOT NULL DEFAULT 0,
    base_hidden_tax_amount      INTEGER NOT NULL DEFAULT 0,
    grand_total                 INTEGER NOT NULL DEFAULT 0,
    base_grand_total            INTEGER NOT NULL DEFAULT 0,
    -- invoiced / paid bookkeeping (Invoice::register, pay, cancel)
    total_invoiced              INTEGER NOT NULL DEFAULT 0,
    base_total_invoiced         INTEGER NOT NULL DEFAULT 0,
    subtotal_invoiced           INTEGER NOT NULL DEFAULT 0,
    base_subtotal_invoiced      INTEGER NOT NULL DEFAULT 0,
    tax_invoiced                INTEGER NOT NULL DEFAULT 0,
    base_tax_invoiced           INTEGER NOT NULL DEFAULT 0,
    hidden_tax_invoiced         INTEGER NOT NULL DEFAULT 0,
    base_hidden_tax_invoiced    INTEGER NOT NULL DEFAULT 0,
    shipping_invoiced           INTEGER NOT NULL DEFAULT 0,
    base_shipping_invoiced      INTEGER NOT NULL DEFAULT 0,
    shipping_tax_invoiced       INTEGER NOT NULL DEFAULT 0,
    base_shipping_tax_invoiced  INTEGER NOT NULL DEFAULT 0,
    discount_invoiced           INTEGER NOT NULL DEFAULT 0,
    base_discount_invoiced      INTEGER NOT NULL DEFAULT 0,
    base_total_invoiced_cost    INTEGER NOT NULL DEFAULT 0,
    total_paid                  INTEGER NOT NULL DEFAULT 0,
    base_total_paid             INTEGER NOT NULL DEFAULT 0,
    total_refunded              INTEGER NOT NULL DEFAULT 0,
    base_total_refunded         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_order_store ON sales_flat_order(store_id);

CREATE TABLE sales_flat_order_item (
    item_id                     INTEGER PRIMARY KEY,
    order_id                    INTEGER NOT NULL REFERENCES sales_flat_order(entity_id) ON DELETE CASCADE,
    parent_item_id              INTEGER REFERENCES sales_flat_order_item(item_id) ON DELETE CASCADE
                                DEFERRABLE INITIALLY DEFERRED, -- children may precede parents
    store_id                    INTEGER NOT NULL DEFAULT 1,
    created_at                  TEXT    NOT NULL,
    updated_at                  TEXT    NOT NULL,
    product_id                  INTEGER,
    product_type                TEXT    NOT NULL DEFAULT 'simple',
    sku                         TEXT,
    name                        TEXT,
    description                 TEXT,
    weight                      INTEGER,
    is_virtual                  INTEGER NOT NULL DEFAULT 0,
    is_qty_decimal              INTEGER NOT NULL DEFAULT 0,
    locked_do_invoice           INTEGER NOT NULL DEFAULT 0,
    qty_ordered                 INTEGER NOT NULL DEFAULT 0,
    qty_invoiced                INTEGER NOT NULL DEFAULT 0,
    qty_canceled                INTEGER NOT NULL DEFAULT 0,
    qty_shipped                 INTEGER NOT NULL DEFAULT 0,
    qty_refunded                INTEGER NOT NULL DEFAULT 0,
    price                       INTEGER NOT NULL DEFAULT 0,
    base_price                  INTEGER NOT NULL DEFAULT 0,
    base_cost                   INTEGER,
    price_incl_tax              INTEGER NOT NULL DEFAULT 0,
    base_price_incl_tax         INTEGER NOT NULL DEFAULT 0,
    tax_percent                 INTEGER NOT NULL DEFAULT 0,
    tax_amount                  INTEGER NOT NULL DEFAULT 0,
    base_tax_amount             INTEGER NOT NULL DEFAULT 0,
    tax_invoiced                INTEGER NOT NULL DEFAULT 0,
    base_tax_invoiced           INTEGER NOT NULL DEFAULT 0,
    hidden_tax_amount           INTEGER NOT NULL DEFAULT 0,
    base_hidden_tax_amount      INTEGER NOT NULL DEFAULT 0,
    hidden_tax_invoiced         INTEGER NOT NULL DEFAULT 0,
    base_hidden_tax_invoiced    INTEGER NOT NULL DEFAULT 0,
    discount_amount             INTEGER NOT NULL DEFAULT 0,
    base_discount_amount        INTEGER NOT NULL DEFAULT 0,
    discount_invoiced           INTEGER NOT NULL DEFAULT 0,
    base_discount_invoiced      INTEGER NOT NULL DEFAULT 0,
    row_total                   INTEGER NOT NULL DEFAULT 0,
    base_row_total              INTEGER NOT NULL DEFAULT 0,
    row_total_incl_tax          INTEGER NOT NULL DEFAULT 0,
    base_row_total_incl_tax     INTEGER NOT NULL DEFAULT 0,
    row_invoiced                INTEGER NOT NULL DEFAULT 0,
    base_row_invoiced           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_order_item_order ON sales_flat_order_item(order_id);
CREATE INDEX idx_order_item_parent ON sales_flat_order_item(parent_item_id);

CREATE TABLE sales_flat_order_address (
    entity_id                   INTEGER PRIMARY KEY,
    parent_id                   INTEGER NOT NULL REFERENCES sales_flat_order(entity_id) ON DELETE CASCADE,
    address_type                TEXT    NOT NULL CHECK (address_type IN ('billing', 'shipping')),
    firstname                   TEXT,
    middlename                  TEXT,
    lastname                    TEXT,
    street                      TEXT,
    city                        TEXT,
    region                      TEXT,
    postcode                    TEXT,
    country_id                  TEXT,
    telephone                   TEXT,
    email                       TEXT
);
CREATE INDEX idx_order_address_parent ON sales_flat_order_address(parent_id);

-- The payment of an order.  The capability flags are the payment-method
-- profile of order-import.md; auth_state is the order's authorization
-- transaction: 0 none (offline), 1 open, 2 closed (fully captured or voided).
CREATE TABLE sales_flat_order_payment (
    entity_id                   INTEGER PRIMARY KEY,
    parent_id                   INTEGER NOT NULL UNIQUE REFERENCES sales_flat_order(entity_id) ON DELETE CASCADE,
    method                      TEXT    NOT NULL,
    is_gateway                  INTEGER NOT NULL DEFAULT 0,
    can_capture                 INTEGER NOT NULL DEFAULT 0,
    can_capture_partial         INTEGER NOT NULL DEFAULT 0,
    can_void                    INTEGER NOT NULL DEFAULT 0,
    decline                     TEXT CHECK (decline IS NULL OR decline IN ('capture', 'void')),
    auth_state                  INTEGER NOT NULL DEFAULT 0,
    last_trans_id               TEXT,
    amount_ordered              INTEGER NOT NULL DEFAULT 0,
    base_amount_ordered         INTEGER NOT NULL DEFAULT 0,
    amount_authorized           INTEGER NOT NULL DEFAULT 0,
    base_amount_authorized      INTEGER NOT NULL DEFAULT 0,
    amount_paid                 INTEGER NOT NULL DEFAULT 0,
    base_amount_paid            INTEGER NOT NULL DEFAULT 0,
    base_amount_paid_online     INTEGER NOT NULL DEFAULT 0,
    shipping_captured           INTEGER NOT NULL DEFAULT 0,
    base_shipping_captured      INTEGER NOT NULL DEFAULT 0
);

-- Gateway transactions of the simulated gateway (authorization, capture, void).
CREATE TABLE sales_payment_transaction (
    transaction_id              INTEGER PRIMARY KEY,
    order_id                    INTEGER NOT NULL REFERENCES sales_flat_order(entity_id) ON DELETE CASCADE,
    payment_id                  INTEGER NOT NULL REFERENCES sales_flat_order_payment(entity_id) ON DELETE CASCADE,
    txn_id                      TEXT    NOT NULL,
    parent_txn_id               TEXT,
    txn_type                    TEXT    NOT NULL,
    is_closed                   INTEGER NOT NULL DEFAULT 0,
    created_at                  TEXT    NOT NULL
);
CREATE INDEX idx_payment_txn_order ON sales_payment_transaction(order_id);

CREATE TABLE sales_flat_order_status_history (
    entity_id                   INTEGER PRIMARY KEY,
    parent_id                   INTEGER NOT NULL REFERENCES sales_flat_order(entity_id) ON DELETE CASCADE,
    is_customer_notified        INTEGER,
    is_visible_on_front         INTEGER NOT NULL DEFAULT 0,
    comment                     TEXT,
    status                      TEXT,
    created_at                  TEXT    NOT NULL,
    entity_name                 TEXT
);
CREATE INDEX idx_order_history_parent ON sales_flat_order_status_history(parent_id);

-- ---- invoices ---------------------------------------------------------------

CREATE TABLE sales_flat_invoice (
    entity_id                   INTEGER PRIMARY KEY,
    store_id                    INTEGER,
    base_grand_total            INTEGER,
    shipping_tax_amount         INTEGER,
    tax_amount                  INTEGER,
    base_tax_amount             INTEGER,
    store_to_order_rate         INTEGER,
    base_shipping_tax_amount    INTEGER,
    base_discount_amount        INTEGER,
    base_to_order_rate          INTEGER,
    grand_total                 INTEGER,
    shipping_amount             INTEGER,
    subtotal_incl_tax           INTEGER,
    base_subtotal_incl_tax      INTEGER,
    store_to_base_rate          INTEGER,
    base_shipping_amount        INTEGER,
    total_qty                   INTEGER,
    base_to_global_rate         INTEGER,
    subtotal                    INTEGER,
    base_subtotal               INTEGER,
    discount_amount             INTEGER,
    billing_address_id          INTEGER,
    is_used_for_refund          INTEGER,
    order_id                    INTEGER NOT NULL REFERENCES sales_flat_order(entity_id),
    email_sent                  INTEGER,
    can_void_flag               INTEGER,
    state                       INTEGER,
    shipping_address_id         INTEGER,
    store_currency_code         TEXT,
    transaction_id              TEXT,
    order_currency_code         TEXT,
    base_currency_code          TEXT,
    global_currency_code        TEXT,
    increment_id                TEXT    NOT NULL UNIQUE,
    created_at                  TEXT,
    updated_at                  TEXT,
    hidden_tax_amount           INTEGER,
    base_hidden_tax_amount      INTEGER,
    shipping_hidden_tax_amount  INTEGER,
    base_shipping_hidden_tax_amnt INTEGER,
    shipping_incl_tax           INTEGER,
    base_shipping_incl_tax      INTEGER,
    base_total_refunded         INTEGER,
    discount_description        TEXT
);
-- Indexes on the columns connectors filter on (order, state, dates, store,
-- totals, currency, transaction; increment_id is UNIQUE above).  Every other
-- column is still filterable, by a scan: one index per column would make
-- every invoice write update ~45 B-trees.
CREATE INDEX idx_invoice_store_id ON sales_flat_invoice(store_id);
CREATE INDEX idx_invoice_grand_total ON sales_flat_invoice(grand_total);
CREATE INDEX idx_invoice_order_id ON sales_flat_invoice(order_id);
CREATE INDEX idx_invoice_state ON sales_flat_invoice(state);
CREATE INDEX idx_invoice_transaction_id ON sales_flat_invoice(transaction_id);
CREATE INDEX idx_invoice_order_currency_code ON sales_flat_invoice(order_currency_code);
CREATE INDEX idx_invoice_created_at ON sales_flat_invoice(created_at);
CREATE INDEX idx_invoice_updated_at ON sales_flat_invoice(updated_at);

CREATE TABLE sales_flat_invoice_item (
    entity_id                   INTEGER PRIMARY KEY,
    parent_id                   INTEGER NOT NULL REFERENCES sales_flat_invoice(entity_id) ON DELETE CASCADE,
    base_price                  INTEGER,
    tax_amount                  INTEGER,
    base_row_total              INTEGER,
    discount_amount             INTEGER,
    row_total                   INTEGER,
    base_discount_amount        INTEGER,
    price_incl_tax              INTEGER,
    base_tax_amount             INTEGER,
    base_price_incl_tax         INTEGER,
    qty                         INTEGER,
    base_cost                   INTEGER,
    price                       INTEGER,
    base_row_total_incl_tax     INTEGER,
    row_total_incl_tax          INTEGER,
    product_id                  INTEGER,
    order_item_id               INTEGER REFERENCES sales_flat_order_item(item_id),
    additional_data             TEXT,
    description                 TEXT,
    sku                         TEXT,
    name                        TEXT,
    hidden_tax_amount           INTEGER,
    base_hidden_tax_amount      INTEGER,
    base_weee_tax_applied_amount INTEGER DEFAULT 0,
    base_weee_tax_applied_row_amnt INTEGER DEFAULT 0,
    base_weee_tax_applied_row_amount INTEGER DEFAULT 0,
    weee_tax_applied_amount     INTEGER DEFAULT 0,
    weee_tax_applied_row_amount INTEGER DEFAULT 0,
    weee_tax_applied            TEXT    DEFAULT 'a:0:{}',
    weee_tax_disposition        INTEGER DEFAULT 0,
    weee_tax_row_disposition    INTEGER DEFAULT 0,
    base_weee_tax_disposition   INTEGER DEFAULT 0,
    base_weee_tax_row_disposition INTEGER DEFAULT 0
);
CREATE INDEX idx_invoice_item_parent ON sales_flat_invoice_item(parent_id);
CREATE INDEX idx_invoice_item_order_item ON sales_flat_invoice_item(order_item_id);

CREATE TABLE sales_flat_invoice_comment (
    entity_id                   INTEGER PRIMARY KEY,
    parent_id                   INTEGER NOT NULL REFERENCES sales_flat_invoice(entity_id) ON DELETE CASCADE,
    is_customer_notified        INTEGER,
    is_visible_on_front         INTEGER NOT NULL DEFAULT 0,
    comment                     TEXT,
    created_at                  TEXT
);
CREATE INDEX idx_invoice_comment_parent ON sales_flat_invoice_comment(parent_id, created_at);

-- Per (entity type, store) increment sequence, as Magento's eav_entity_store.
CREATE TABLE eav_entity_store (
    entity_type                 TEXT    NOT NULL,
    store_id                    INTEGER NOT NULL,
    increment_prefix            TEXT    NOT NULL,
    increment_last_id           TEXT    NOT NULL,
    PRIMARY KEY (entity_type, store_id)
);

-- ---- API users, roles, sessions, tokens -------------------------------------

-- resources: 'all' or a comma list of ACL paths (sales/order/invoice/info,...).
CREATE TABLE api_role (
    role_id                     INTEGER PRIMARY KEY,
    role_name                   TEXT    NOT NULL UNIQUE,
    resources                   TEXT    NOT NULL
);

-- api_key: 'pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>' (several, space-separated,
-- when more than one key is accepted); never the key itself.
CREATE TABLE api_user (
    user_id                     INTEGER PRIMARY KEY,
    firstname                   TEXT,
    lastname                    TEXT,
    email                       TEXT,
    username                    TEXT    NOT NULL UNIQUE COLLATE NOCASE, -- MySQL compares names case-insensitively
    api_key                     TEXT    NOT NULL,
    created                     TEXT    NOT NULL,
    modified                    TEXT,
    lognum                      INTEGER NOT NULL DEFAULT 0,
    reload_acl_flag             INTEGER NOT NULL DEFAULT 0,
    is_active                   INTEGER NOT NULL DEFAULT 1,
    role_id                     INTEGER REFERENCES api_role(role_id) ON DELETE SET NULL
);

CREATE TABLE api_session (
    sessid                      TEXT    PRIMARY KEY,
    user_id                     INTEGER NOT NULL REFERENCES api_user(user_id) ON DELETE CASCADE,
    logdate                     TEXT    NOT NULL
);
CREATE INDEX idx_api_session_user ON api_session(user_id);
CREATE INDEX idx_api_session_logdate ON api_session(logdate);

-- Magento 2 style bearer tokens (POST /rest/V1/integration/admin/token).
CREATE TABLE rest_token (
    token                       TEXT    PRIMARY KEY,
    user_id                     INTEGER NOT NULL REFERENCES api_user(user_id) ON DELETE CASCADE,
    created_at                  TEXT    NOT NULL,
    expires_at                  TEXT    NOT NULL
);
CREATE INDEX idx_rest_token_expires ON rest_token(expires_at);

-- ---- e-mail -------------------------------------------------------------------

-- Notifications the store would have sent; nothing is delivered.
CREATE TABLE email_outbox (
    email_id                    INTEGER PRIMARY KEY,
    kind                        TEXT    NOT NULL,
    store_id                    INTEGER,
    order_id                    INTEGER REFERENCES sales_flat_order(entity_id) ON DELETE SET NULL,
    invoice_id                  INTEGER REFERENCES sales_flat_invoice(entity_id) ON DELETE SET NULL,
    recipient                   TEXT,
    recipient_name              TEXT,
    subject                     TEXT    NOT NULL,
    body                        TEXT    NOT NULL,
    created_at                  TEXT    NOT NULL,
    sent_at                     TEXT
);
CREATE INDEX idx_email_outbox_invoice ON email_outbox(invoice_id);

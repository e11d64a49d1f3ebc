-- SPDX-License-Identifier: GPL-2.0-or-later
-- What sales_order.info and .list answer beyond the invoicing fields:
-- customer fields, hold bookkeeping, shipping method, canceled totals on
-- the order; company/fax/region_id/prefix/suffix on addresses; the card and
-- purchase-order fields of the payment (Magento's sales_flat_order*,
-- names and meaning as there).  Every column is nullable or defaulted, so
-- rows imported before this migration stay valid.  The indexes serve
-- sales_order.list filters (updated_at/created_at windows, state, status,
-- customer e-mail).
ALTER TABLE sales_flat_order ADD COLUMN customer_id INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN customer_group_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sales_flat_order ADD COLUMN customer_is_guest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sales_flat_order ADD COLUMN customer_middlename TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_prefix TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_suffix TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_dob TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_gender INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN customer_taxvat TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_note TEXT;
ALTER TABLE sales_flat_order ADD COLUMN customer_note_notify INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sales_flat_order ADD COLUMN email_sent INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN remote_ip TEXT;
ALTER TABLE sales_flat_order ADD COLUMN store_name TEXT;
ALTER TABLE sales_flat_order ADD COLUMN shipping_method TEXT;
ALTER TABLE sales_flat_order ADD COLUMN shipping_description TEXT;
ALTER TABLE sales_flat_order ADD COLUMN weight INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN hold_before_state TEXT;
ALTER TABLE sales_flat_order ADD COLUMN hold_before_status TEXT;
ALTER TABLE sales_flat_order ADD COLUMN subtotal_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN base_subtotal_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN tax_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN base_tax_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN shipping_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN base_shipping_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN discount_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN base_discount_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN total_canceled INTEGER;
ALTER TABLE sales_flat_order ADD COLUMN base_total_canceled INTEGER;

ALTER TABLE sales_flat_order_address ADD COLUMN prefix TEXT;
ALTER TABLE sales_flat_order_address ADD COLUMN suffix TEXT;
ALTER TABLE sales_flat_order_address ADD COLUMN company TEXT;
ALTER TABLE sales_flat_order_address ADD COLUMN fax TEXT;
ALTER TABLE sales_flat_order_address ADD COLUMN region_id INTEGER;
ALTER TABLE sales_flat_order_address ADD COLUMN customer_address_id INTEGER;

ALTER TABLE sales_flat_order_payment ADD COLUMN shipping_amount INTEGER;
ALTER TABLE sales_flat_order_payment ADD COLUMN base_shipping_amount INTEGER;
ALTER TABLE sales_flat_order_payment ADD COLUMN po_number TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_type TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_owner TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_last4 TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_number_enc TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_exp_month TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_exp_year TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_ss_start_month TEXT;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_ss_start_year TEXT;

CREATE INDEX idx_order_updated_at ON sales_flat_order(updated_at);
CREATE INDEX idx_order_created_at ON sales_flat_order(created_at);
CREATE INDEX idx_order_state ON sales_flat_order(state);
CREATE INDEX idx_order_status ON sales_flat_order(status);
CREATE INDEX idx_order_customer_email ON sales_flat_order(customer_email);

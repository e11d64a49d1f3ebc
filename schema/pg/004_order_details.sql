-- SPDX-License-Identifier: GPL-2.0-or-later
-- The PostgreSQL twin of schema/004_order_details.sql: what sales_order.info
-- and .list answer beyond the invoicing fields (customer fields, hold
-- bookkeeping, shipping method, canceled totals on the order; address and
-- card fields), with the list indexes.  Amounts are bigint x 10^4 as in the
-- rest of the PostgreSQL schema; every column is nullable or defaulted.
ALTER TABLE sales_flat_order ADD COLUMN customer_id bigint;
ALTER TABLE sales_flat_order ADD COLUMN customer_group_id bigint NOT NULL DEFAULT 0;
ALTER TABLE sales_flat_order ADD COLUMN customer_is_guest bigint NOT NULL DEFAULT 1;
ALTER TABLE sales_flat_order ADD COLUMN customer_middlename text;
ALTER TABLE sales_flat_order ADD COLUMN customer_prefix text;
ALTER TABLE sales_flat_order ADD COLUMN customer_suffix text;
ALTER TABLE sales_flat_order ADD COLUMN customer_dob text;
ALTER TABLE sales_flat_order ADD COLUMN customer_gender bigint;
ALTER TABLE sales_flat_order ADD COLUMN customer_taxvat text;
ALTER TABLE sales_flat_order ADD COLUMN customer_note text;
ALTER TABLE sales_flat_order ADD COLUMN customer_note_notify bigint NOT NULL DEFAULT 1;
ALTER TABLE sales_flat_order ADD COLUMN email_sent bigint;
ALTER TABLE sales_flat_order ADD COLUMN remote_ip text;
ALTER TABLE sales_flat_order ADD COLUMN store_name text;
ALTER TABLE sales_flat_order ADD COLUMN shipping_method text;
ALTER TABLE sales_flat_order ADD COLUMN shipping_description text;
ALTER TABLE sales_flat_order ADD COLUMN weight bigint;
ALTER TABLE sales_flat_order ADD COLUMN hold_before_state text;
ALTER TABLE sales_flat_order ADD COLUMN hold_before_status text;
ALTER TABLE sales_flat_order ADD COLUMN subtotal_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN base_subtotal_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN tax_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN base_tax_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN shipping_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN base_shipping_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN discount_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN base_discount_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN total_canceled bigint;
ALTER TABLE sales_flat_order ADD COLUMN base_total_canceled bigint;

ALTER TABLE sales_flat_order_address ADD COLUMN prefix text;
ALTER TABLE sales_flat_order_address ADD COLUMN suffix text;
ALTER TABLE sales_flat_order_address ADD COLUMN company text;
ALTER TABLE sales_flat_order_address ADD COLUMN fax text;
ALTER TABLE sales_flat_order_address ADD COLUMN region_id bigint;
ALTER TABLE sales_flat_order_address ADD COLUMN customer_address_id bigint;

ALTER TABLE sales_flat_order_payment ADD COLUMN shipping_amount bigint;
ALTER TABLE sales_flat_order_payment ADD COLUMN base_shipping_amount bigint;
ALTER TABLE sales_flat_order_payment ADD COLUMN po_number text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_type text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_owner text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_last4 text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_number_enc text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_exp_month text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_exp_year text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_ss_start_month text;
ALTER TABLE sales_flat_order_payment ADD COLUMN cc_ss_start_year text;

CREATE INDEX idx_order_updated_at ON sales_flat_order(updated_at);
CREATE INDEX idx_order_created_at ON sales_flat_order(created_at);
CREATE INDEX idx_order_state ON sales_flat_order(state);
CREATE INDEX idx_order_status ON sales_flat_order(status);
CREATE INDEX idx_order_customer_email ON sales_flat_order(customer_email);

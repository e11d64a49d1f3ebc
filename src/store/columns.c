/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The invoice column tables of model.h: Magento's sales_flat_invoice,
 * _item and _comment columns after entity_id, in table order (= the key
 * order of info answers, Mage_Sales_Model_Api_Resource::_getAttributes)
 * and the kind each is answered as.  Every backend's schema has them.
 */
#include <stddef.h>

#include "magesoapd/model.h"

#define I MDC_INT
#define D MDC_DEC
#define S MDC_STR

const struct md_col md_invoice_cols[] = {
    {"store_id", I},
    {"base_grand_total", D},
    {"shipping_tax_amount", D},
    {"tax_amount", D},
    {"base_tax_amount", D},
    {"store_to_order_rate", D},
    {"base_shipping_tax_amount", D},
    {"base_discount_amount", D},
    {"base_to_order_rate", D},
    {"grand_total", D},
    {"shipping_amount", D},
    {"subtotal_incl_tax", D},
    {"base_subtotal_incl_tax", D},
    {"store_to_base_rate", D},
    {"base_shipping_amount", D},
    {"total_qty", D},
    {"base_to_global_rate", D},
    {"subtotal", D},
    {"base_subtotal", D},
    {"discount_amount", D},
    {"billing_address_id", I},
    {"is_used_for_refund", I},
    {"order_id", I},
    {"email_sent", I},
    {"can_void_flag", I},
    {"state", I},
    {"shipping_address_id", I},
    {"store_currency_code", S},
    {"transaction_id", S},
    {"order_currency_code", S},
    {"base_currency_code", S},
    {"global_currency_code", S},
    {"increment_id", S},
    {"created_at", S},
    {"updated_at", S},
    {"hidden_tax_amount", D},
    {"base_hidden_tax_amount", D},
    {"shipping_hidden_tax_amount", D},
    {"base_shipping_hidden_tax_amnt", D},
    {"shipping_incl_tax", D},
    {"base_shipping_incl_tax", D},
    {"base_total_refunded", D},
    {"discount_description", S},
};
const size_t md_invoice_ncols = sizeof md_invoice_cols / sizeof md_invoice_cols[0];

const struct md_col md_invoice_item_cols[] = {
    {"parent_id", I},
    {"base_price", D},
    {"tax_amount", D},
    {"base_row_total", D},
    {"discount_amount", D},
    {"row_total", D},
    {"base_discount_amount", D},
    {"price_incl_tax", D},
    {"base_tax_amount", D},
    {"base_price_incl_tax", D},
    {"qty", D},
    {"base_cost", D},
    {"price", D},
    {"base_row_total_incl_tax", D},
    {"row_total_incl_tax", D},
    {"product_id", I},
    {"order_item_id", I},
    {"additional_data", S},
    {"description", S},
    {"sku", S},
    {"name", S},
    {"hidden_tax_amount", D},
    {"base_hidden_tax_amount", D},
    {"base_weee_tax_applied_amount", D},
    {"base_weee_tax_applied_row_amnt", D},
    {"base_weee_tax_applied_row_amount", D},
    {"weee_tax_applied_amount", D},
    {"weee_tax_applied_row_amount", D},
    {"weee_tax_applied", S},
    {"weee_tax_disposition", D},
    {"weee_tax_row_disposition", D},
    {"base_weee_tax_disposition", D},
    {"base_weee_tax_row_disposition", D},
};
const size_t md_invoice_item_ncols = sizeof md_invoice_item_cols / sizeof md_invoice_item_cols[0];

const struct md_col md_invoice_comment_cols[] = {
    {"parent_id", I},
    {"is_customer_notified", I},
    {"is_visible_on_front", I},
    {"comment", S},
    {"created_at", S},
};
const size_t md_invoice_comment_ncols =
    sizeof md_invoice_comment_cols / sizeof md_invoice_comment_cols[0];

#undef I
#undef D
#undef S


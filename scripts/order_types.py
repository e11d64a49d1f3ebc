#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The sales_order WSDL types (field names and order as Magento 1.9 /
OpenMage declare them in Mage/Sales/etc/wsdl.xml and wsi.xml), written once
and rendered into the four places that must agree:

  scripts/order_types.py c      > src/soap/soapw_order.c   (typed writer)
  scripts/order_types.py v2     -> types for wsdl/v2.wsdl.in
  scripts/order_types.py wsi    -> types for wsdl/wsi.wsdl.in
  scripts/order_types.py idl-v2 / idl-wsi -> gSOAP structs for wsdl/*.gsoap.h

The outputs are committed; test_api_table and tests/wsdl check that the
WSDLs, the IDLs and the writer agree."""
import sys

ORDER = """increment_id parent_id store_id created_at updated_at is_active customer_id tax_amount
shipping_amount discount_amount subtotal grand_total total_paid total_refunded total_qty_ordered
total_canceled total_invoiced total_online_refunded total_offline_refunded base_tax_amount
base_shipping_amount base_discount_amount base_subtotal base_grand_total base_total_paid
base_total_refunded base_total_qty_ordered base_total_canceled base_total_invoiced
base_total_online_refunded base_total_offline_refunded billing_address_id billing_firstname
billing_lastname shipping_address_id shipping_firstname shipping_lastname billing_name
shipping_name store_to_base_rate store_to_order_rate base_to_global_rate base_to_order_rate
weight store_name remote_ip status state applied_rule_ids global_currency_code
base_currency_code store_currency_code order_currency_code shipping_method
shipping_description customer_email customer_firstname customer_lastname quote_id is_virtual
customer_group_id customer_note_notify customer_is_guest email_sent order_id gift_message_id
gift_message""".split()
ORDER_NESTED = [("shipping_address", "salesOrderAddressEntity", False),
                ("billing_address", "salesOrderAddressEntity", False),
                ("items", "salesOrderItemEntity", True),
                ("payment", "salesOrderPaymentEntity", False),
                ("status_history", "salesOrderStatusHistoryEntity", True)]

LIST = """increment_id store_id created_at updated_at customer_id tax_amount shipping_amount
discount_amount subtotal grand_total total_paid total_refunded total_qty_ordered total_canceled
total_invoiced total_online_refunded total_offline_refunded base_tax_amount base_shipping_amount
base_discount_amount base_subtotal base_grand_total base_total_paid base_total_refunded
base_total_qty_ordered base_total_canceled base_total_invoiced base_total_online_refunded
base_total_offline_refunded billing_address_id billing_firstname billing_lastname
shipping_address_id shipping_firstname shipping_lastname billing_name shipping_name
store_to_base_rate store_to_order_rate base_to_global_rate base_to_order_rate weight store_name
remote_ip status state applied_rule_ids global_currency_code base_currency_code
store_currency_code order_currency_code shipping_method shipping_description customer_email
customer_firstname customer_lastname quote_id is_virtual customer_group_id customer_note_notify
customer_is_guest email_sent order_id gift_message_id coupon_code protect_code
base_discount_canceled base_discount_invoiced base_discount_refunded base_shipping_canceled
base_shipping_invoiced base_shipping_refunded base_shipping_tax_amount base_shipping_tax_refunded
base_subtotal_canceled base_subtotal_invoiced base_subtotal_refunded base_tax_canceled
base_tax_invoiced base_tax_refunded base_total_invoiced_cost discount_canceled discount_invoiced
discount_refunded shipping_canceled shipping_invoiced shipping_refunded shipping_tax_amount
shipping_tax_refunded subtotal_canceled subtotal_invoiced subtotal_refunded tax_canceled
tax_invoiced tax_refunded can_ship_partially can_ship_partially_item edit_increment
forced_do_shipment_with_invoice payment_authorization_expiration paypal_ipn_customer_notified
quote_address_id adjustment_negative adjustment_positive base_adjustment_negative
base_adjustment_positive base_shipping_discount_amount base_subtotal_incl_tax base_total_due
payment_authorization_amount shipping_discount_amount subtotal_incl_tax total_due customer_dob
customer_middlename customer_prefix customer_suffix customer_taxvat discount_description
ext_customer_id ext_order_id hold_before_state hold_before_status original_increment_id
relation_child_id relation_child_real_id relation_parent_id relation_parent_real_id
x_forwarded_for customer_note total_item_count customer_gender hidden_tax_amount
base_hidden_tax_amount shipping_hidden_tax_amount base_shipping_hidden_tax_amount
hidden_tax_invoiced base_hidden_tax_invoiced hidden_tax_refunded base_hidden_tax_refunded
shipping_incl_tax base_shipping_incl_tax base_customer_balance_amount customer_balance_amount
base_customer_balance_invoiced customer_balance_invoiced base_customer_balance_refunded
customer_balance_refunded base_customer_balance_total_refunded customer_balance_total_refunded
gift_cards base_gift_cards_amount gift_cards_amount base_gift_cards_invoiced gift_cards_invoiced
base_gift_cards_refunded gift_cards_refunded reward_points_balance base_reward_currency_amount
reward_currency_amount base_reward_currency_amount_invoiced reward_currency_amount_invoiced
base_reward_currency_amount_refunded reward_currency_amount_refunded
reward_points_balance_refunded reward_points_balance_to_refund reward_salesrule_points firstname
lastname telephone postcode""".split()

ADDRESS = """increment_id parent_id created_at updated_at is_active address_type firstname middlename
lastname company street city region postcode country_id telephone fax region_id
address_id""".split()

ITEM = """item_id order_id quote_item_id created_at updated_at product_id product_type
product_options weight is_virtual sku name applied_rule_ids free_shipping is_qty_decimal
no_discount qty_canceled qty_invoiced qty_ordered qty_refunded qty_shipped cost price base_price
original_price base_original_price tax_percent tax_amount base_tax_amount tax_invoiced
base_tax_invoiced discount_percent discount_amount base_discount_amount discount_invoiced
base_discount_invoiced amount_refunded base_amount_refunded row_total base_row_total
row_invoiced base_row_invoiced row_weight gift_message_id gift_message gift_message_available
base_tax_before_discount tax_before_discount weee_tax_applied weee_tax_applied_amount
weee_tax_applied_row_amount base_weee_tax_applied_amount base_weee_tax_applied_row_amount
weee_tax_disposition weee_tax_row_disposition base_weee_tax_disposition
base_weee_tax_row_disposition""".split()

PAYMENT = """increment_id parent_id created_at updated_at is_active amount_ordered shipping_amount
base_amount_ordered base_shipping_amount method po_number cc_type cc_number_enc cc_last4
cc_owner cc_exp_month cc_exp_year cc_ss_start_month cc_ss_start_year payment_id""".split()

HISTORY = """increment_id parent_id created_at updated_at is_active is_customer_notified status
comment""".split()

TYPES = [  # name, fields, nested (field, type, is_array)
    ("salesOrderEntity", ORDER, ORDER_NESTED),
    ("salesOrderListEntity", LIST, []),
    ("salesOrderAddressEntity", ADDRESS, []),
    ("salesOrderItemEntity", ITEM, []),
    ("salesOrderPaymentEntity", PAYMENT, []),
    ("salesOrderStatusHistoryEntity", HISTORY, []),
]
ARRAYS = ["salesOrderListEntity", "salesOrderItemEntity", "salesOrderStatusHistoryEntity"]
CNAME = {"salesOrderEntity": "order", "salesOrderListEntity": "order_list",
         "salesOrderAddressEntity": "order_address", "salesOrderItemEntity": "order_item",
         "salesOrderPaymentEntity": "order_payment",
         "salesOrderStatusHistoryEntity": "order_history"}


def c_out():
    o = ["/* SPDX-License-Identifier: GPL-2.0-or-later */",
         "/* Generated by scripts/order_types.py c: the sales_order WSDL types",
         " * (Mage/Sales/etc/wsdl.xml and wsi.xml field order) for the typed writer. */",
         '#include "soap/soapw.h"', "", "#include <stddef.h>", ""]
    for name, fields, nested in reversed(TYPES):
        cn = CNAME[name]
        o.append(f"static const char *const {cn}_fields[] = {{")
        for fl in fields + [n[0] for n in nested]:
            o.append(f'    "{fl}",')
        o.append("    NULL,")
        o.append("};")
        arr = [n for n in nested if n[2]]
        ent = [n for n in nested if not n[2]]
        af = ", ".join(f'"{n[0]}"' for n in arr) or "NULL"
        at = ", ".join(f"&sw_{CNAME[n[1]]}_entity" for n in arr) or "NULL"
        ef = ", ".join(f'"{n[0]}"' for n in ent) or "NULL"
        et = ", ".join(f"&sw_{CNAME[n[1]]}_entity" for n in ent) or "NULL"
        o.append(f"const struct sw_type sw_{cn}_entity = {{\"{name}\", {cn}_fields, {{{af}}}, {{{at}}},")
        o.append(f"    {{{ef}}}, {{{et}}}}};")
        o.append("")
    return "\n".join(o)


def v2_out():
    o = []
    for name, fields, nested in TYPES:
        o.append(f'            <complexType name="{name}">')
        o.append("                <all>")
        for fl in fields:
            o.append(f'                    <element name="{fl}" type="xsd:string" minOccurs="0" />')
        for fl, t, arr in nested:
            tt = t + "Array" if arr else t
            o.append(f'                    <element name="{fl}" type="typens:{tt}" minOccurs="0" />')
        o.append("                </all>")
        o.append("            </complexType>")
        if name in ARRAYS:
            o.append(f'            <complexType name="{name}Array">')
            o.append("                <complexContent>")
            o.append('                    <restriction base="soapenc:Array">')
            o.append(f'                        <attribute ref="soapenc:arrayType" wsdl:arrayType="typens:{name}[]" />')
            o.append("                    </restriction>")
            o.append("                </complexContent>")
            o.append("            </complexType>")
    return "\n".join(o)


def wsi_out():
    o = []
    for name, fields, nested in TYPES:
        o.append(f'            <xsd:complexType name="{name}">')
        o.append("                <xsd:sequence>")
        for fl in fields:
            o.append(f'                    <xsd:element name="{fl}" type="xsd:string" minOccurs="0" />')
        for fl, t, arr in nested:
            tt = t + "Array" if arr else t
            o.append(f'                    <xsd:element name="{fl}" type="typens:{tt}" minOccurs="0" />')
        o.append("                </xsd:sequence>")
        o.append("            </xsd:complexType>")
        if name in ARRAYS:
            o.append(f'            <xsd:complexType name="{name}Array">')
            o.append("                <xsd:sequence>")
            o.append(f'                    <xsd:element minOccurs="0" maxOccurs="unbounded" name="complexObjectArray" type="typens:{name}" />')
            o.append("                </xsd:sequence>")
            o.append("            </xsd:complexType>")
    return "\n".join(o)


def cid(f):
    return f.replace("_", "_USCORE")


def idl_out(prefix, wsi):
    o = []
    order = ["salesOrderAddressEntity", "salesOrderItemEntity", "salesOrderPaymentEntity",
             "salesOrderStatusHistoryEntity", "salesOrderEntity", "salesOrderListEntity"]
    types = {t[0]: t for t in TYPES}
    for name in order:
        _, fields, nested = types[name]
        if name in ARRAYS and name != "salesOrderListEntity":
            pass
        o.append(f"struct {prefix}__{name} {{")
        for fl in fields:
            o.append(f"    char *{cid(fl)};")
        for fl, t, arr in nested:
            tt = t + "Array" if arr else t
            o.append(f"    struct {prefix}__{tt} *{cid(fl)};")
        o.append("};")
        o.append("")
        if name in ARRAYS:
            o.append(f"struct {prefix}__{name}Array {{   /* array of {name} */")
            if wsi:
                o.append(f"    int __sizecomplexObjectArray;")
                o.append(f"    struct {prefix}__{name} *complexObjectArray;")
            else:
                o.append(f"    struct {prefix}__{name} *__ptr;")
                o.append("    int __size;")
            o.append("};")
            o.append("")
    return "\n".join(o)


if __name__ == "__main__":
    what = sys.argv[1]
    print({"c": c_out, "v2": v2_out, "wsi": wsi_out,
           "idl-v2": lambda: idl_out("ns1", False),
           "idl-wsi": lambda: idl_out("wsi", True)}[what]())

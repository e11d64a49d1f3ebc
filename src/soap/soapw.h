/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP response writer reproducing the bytes PHP's SoapServer + Magento
 * produce: XML declaration, first-use namespace declarations on the
 * Envelope, unqualified part elements, and for V2/WS-I a newline between
 * every pair of adjacent tags.  SOAP 1.2 envelopes when the request was 1.2.
 */
#ifndef MD_SOAPW_H
#define MD_SOAPW_H

#include "magesoapd/buf.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

enum sw_style { SW_V1, SW_V2, SW_WSI };

struct soapw {
    struct buf *b;
    enum sw_style style;
    int soap12;
    const char *ns; /* body namespace: urn:Magento or urn:OpenMage */
    int intcols;    /* V1 family: integer columns as xsd:int (profile openmage) */
};

/* Namespace declaration sets, in PHP's first-use order. */
enum sw_nsset {
    NS_PLAIN,      /* SOAP-ENV ns1 (WS-I) */
    NS_ENC,        /* SOAP-ENV ns1 xsd xsi SOAP-ENC (+encodingStyle) */
    NS_ENC_ARRAY,  /* SOAP-ENV ns1 SOAP-ENC xsd xsi (+encodingStyle) */
    NS_ENC_MAP,    /* SOAP-ENV ns1 xsi xsd ns2 SOAP-ENC (+encodingStyle) */
    NS_ENC_LIST,   /* SOAP-ENV ns1 ns2 SOAP-ENC xsi xsd (+encodingStyle) */
    NS_ENC_MULTI,  /* SOAP-ENV ns1 xsd SOAP-ENC xsi ns2 (+encodingStyle) */
};

/* The one SOAP 1.1/1.2 envelope head (every SOAP answer but faults):
 * XML declaration, Envelope declaring env, ns1 and then pairs (prefix, uri,
 * ..., NULL) in that order, and Body.  encoded (rpc/encoded: V1, V2): SOAP
 * 1.1 encodingStyle on the Envelope, SOAP 1.2 the rpc namespace on Body. */
void sw_envelope(struct soapw *w, const char *const *pairs, int encoded);
/* "<tag>" of the response element; SOAP 1.2 rpc/encoded adds
 * env:encodingStyle and <rpc:result>part</rpc:result>, as ext/soap does. */
void sw_response_open(struct soapw *w, const char *tag, const char *part, int encoded);
/* sw_envelope with one of PHP's declaration sets. */
void sw_begin(struct soapw *w, enum sw_nsset set);
void sw_end(struct soapw *w);
/* "<name" with the V2/WS-I newline rule; finish with sw_attr... then sw_gt
 * or sw_selfclose. */
void sw_lt(struct soapw *w, const char *name);
void sw_attr(struct soapw *w, const char *name, const char *value);
/* The encoded-array attributes of an element being opened: SOAP 1.1
 * SOAP-ENC:arrayType="T[n]", SOAP 1.2 enc:itemType="T" enc:arraySize="n"
 * (the prefixes sw_begin declares for that version). */
void sw_array_attrs(struct soapw *w, const char *item_type, size_t n);
void sw_gt(struct soapw *w);
void sw_selfclose(struct soapw *w);
void sw_close(struct soapw *w, const char *name);
/* Escaped character data under the one XML escaping rule (xmlesc.h):
 * characters XML cannot carry become the text &#NNN; as Magento's
 * processingMethodResult does. */
void sw_text(struct soapw *w, const char *s, size_t n);
/* <name xsi:type="type">text</name>; type NULL = no xsi:type (WS-I). */
void sw_leaf(struct soapw *w, const char *name, const char *type, const char *text);

/* Whole fault envelope (SOAP 1.1: bare numeric faultcode, no detail; 1.2:
 * env:Code/env:Value).  Protocol faults (code < 0) become
 * SOAP-ENV:Client / SOAP-ENV:Server. */
void sw_fault(struct soapw *w, const struct md_fault *f);

/* ---- typed entities (V2 and WS-I) ------------------------------------- */

struct sw_type {
    const char *name;          /* salesOrderInvoiceEntity */
    const char *const *fields; /* WSDL order, NULL-terminated */
    /* array-valued fields: name and element type */
    const char *arr_field[2];
    const struct sw_type *arr_type[2];
};

extern const struct sw_type sw_invoice_entity;      /* info result */
extern const struct sw_type sw_invoice_list_entity; /* list rows (same type, subset) */
extern const struct sw_type sw_invoice_item_entity;
extern const struct sw_type sw_invoice_comment_entity;

/* V2: <name xsi:type="ns1:T">fields...</name>, NULL/absent fields omitted,
 * every scalar xsd:string.  WS-I: same without types. */
void sw_entity(struct soapw *w, const char *name, const struct sw_type *t, const struct val *map);
/* V2: SOAP-ENC array <name SOAP-ENC:arrayType="ns1:T[n]" xsi:type="ns1:TArray">
 * of <item>; WS-I: <name> of <complexObjectArray>, empty = <name/>. */
void sw_entity_array(struct soapw *w, const char *name, const struct sw_type *t,
                     const struct val *list);

/* Scalar string form of a value as PHP would cast it into an xsd:string. */
const char *sw_scalar(struct arena *a, const struct val *v);

#endif

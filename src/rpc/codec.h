/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Wire codecs of the untyped "call" API that need no domain: safe XML
 * parsing (libxml2, no network, no entity substitution, no DTD), XML-RPC
 * (ZF1 Zend_XmlRpc_Server bytes) and JSON (jansson) to and from the generic
 * value tree.  The SOAP V1 codec lives in src/soap/v1_codec.c.
 */
#ifndef MD_RPC_CODEC_H
#define MD_RPC_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/buf.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

struct _xmlDoc;
struct _xmlNode;

/* Request limits shared by every decoder (from struct cfg). */
struct codec_limits {
    int max_depth;         /* element / value nesting */
    int max_items;         /* members of one array / struct / map */
    int64_t max_string;    /* bytes of one string value */
    size_t max_values;     /* values decoded in one request (href fan-out cap) */
};

struct cfg;
void codec_limits_from_cfg(struct codec_limits *l, const struct cfg *cfg);

/* ---- XML helpers (codec_xml.c) ----------------------------------------- */

/* Initialise libxml2 once per process (thread safe). */
void md_xml_init(void);
/* 1 if the document has a DOCTYPE or ENTITY declaration (refused everywhere). */
int md_xml_has_dtd(const char *body, size_t n);
/* Parse with XML_PARSE_NONET, without entity substitution or DTD loading,
 * errors silenced.  NULL on a syntax error (msg gets libxml2's message).
 * Free with md_xml_free. */
struct _xmlDoc *md_xml_parse(const char *body, size_t n, char *msg, size_t msglen);
void md_xml_free(struct _xmlDoc *doc);
/* Concatenated text and CDATA children of node (not of grandchildren), in
 * the arena; NULL when out of memory.  *len gets the byte length. */
char *md_xml_text(struct arena *a, const struct _xmlNode *node, size_t *len);
/* Does node have an element child? */
int md_xml_has_element_child(const struct _xmlNode *node);
/* Local-name compare of an element. */
int md_xml_is(const struct _xmlNode *node, const char *local);
/* 1 if an element of the document nests deeper than max_depth levels (the
 * root element is level 1), read by libxml2's streaming reader; 0 otherwise,
 * also when the document is not well-formed (the caller's parser says so).
 * A document with at most max_depth '<' bytes is answered without parsing. */
int md_xml_too_deep(const char *body, size_t n, int max_depth);
/* 1 if the document declares an encoding other than UTF-8 in its XML
 * declaration (as libxml2 reads it), 0 if it declares UTF-8, none, or
 * cannot be read that far. */
int md_xml_declares_other_encoding(const char *body, size_t n);
/* XML white space (space, tab, CR, LF) cut from both ends, in place. */
char *md_xml_trim(char *s);

/* ---- XML-RPC (codec_xmlrpc.c) ------------------------------------------ */

/* ZF1 Zend_XmlRpc_Fault internal codes */
#define XR_FAULT_PARSE 631      /* Failed to parse request */
#define XR_FAULT_NO_METHOD 632  /* Invalid request, no method passed; ... */
#define XR_FAULT_NO_VALUE 633   /* Param must contain a value */
#define XR_FAULT_BAD_VALUE 636  /* Error creating xmlrpc value */
#define XR_FAULT_UNKNOWN 620    /* Method "x" does not exist */
#define XR_FAULT_SIGNATURE 623  /* Calling parameters do not match signature */

#define XR_MAX_PARAMS 16

struct xr_request {
    const char *method;
    size_t n;
    struct val *params[XR_MAX_PARAMS];
    /* ZF1 type names of the params: string, int, i4, i8, double, boolean,
     * nil, base64, dateTime.iso8601, array, struct */
    const char *types[XR_MAX_PARAMS];
};

/* Parse a methodCall.  0, or -1 with f = ZF1 fault (code 631..636). */
int xr_parse(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
             struct xr_request *out, struct md_fault *f);
/* Whole methodResponse for a result.  intcols: VAL_INT as <int>, else <string>. */
void xr_write_response(struct buf *b, const struct val *v, int intcols);
/* Whole fault methodResponse (faultCode int, faultString). */
void xr_write_fault(struct buf *b, int code, const char *msg);

/* ---- JSON (codec_json.c) ------------------------------------------------- */

struct json_t;
/* JSON value -> value tree (integers as VAL_INT, reals as VAL_DOUBLE).
 * NULL with f filled when a limit is exceeded or memory runs out. */
struct val *jc_to_val(struct arena *a, const struct codec_limits *lim, const struct json_t *j,
                      struct md_fault *f);
/* Value tree -> new JSON reference (NULL when out of memory).  intcols:
 * VAL_INT as numbers, else strings; VAL_DEC always strings; an empty map is
 * [] as PHP's json_encode writes an empty array. */
struct json_t *jc_from_val(const struct val *v, int intcols);

#endif

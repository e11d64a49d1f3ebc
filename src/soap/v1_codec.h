/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V1 (rpc/encoded, xsd:anyType) codec, independent of the domain:
 * the request body -> operation + its parts as value trees, bound the way
 * PHP's ext/soap binds them (fact base §2.2); a result value tree -> the
 * response envelope PHP's SoapServer writes (§8.1, §8.2, captures v1-*).
 */
#ifndef MD_SOAP_V1_CODEC_H
#define MD_SOAP_V1_CODEC_H

#include <stddef.h>

#include "magesoapd/buf.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"
#include "rpc/codec.h"

/* The V1 WSDL operations. */
enum v1_op {
    V1_LOGIN,
    V1_CALL,
    V1_MULTICALL,
    V1_END_SESSION,
    V1_START_SESSION,
    V1_RESOURCES,
    V1_GLOBAL_FAULTS,
    V1_RESOURCE_FAULTS,
    V1_OP_COUNT
};

#define V1_MAX_PARTS 3

struct v1_request {
    enum v1_op op;
    int soap12;     /* the Envelope was SOAP 1.2 */
    size_t nparams; /* arguments passed to the PHP method */
    /* In WSDL part order (resourceFaults: resourceName, sessionId) -- the
     * order in which PHP hands them to the handler method. */
    struct val *params[V1_MAX_PARTS];
};

/* WSDL name of an operation ("multiCall"). */
const char *v1_op_name(enum v1_op op);

/* Decode a request.  0, or -1 with f: MD_FAULT_CLIENT for a malformed
 * message, MD_FAULT_SERVER for an unknown operation ("Procedure 'x' not
 * present") or an encoding violation ("SOAP-ERROR: Encoding: ..."). */
int v1_decode(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
              struct v1_request *out, struct md_fault *f);

/* Decode a WS-I call / multiCall request (document/literal wrapper
 * callParam / multiCallParam, children by name per the API table's wsi_in;
 * an absent child is NULL).  The xsd:anyType children take every encoding
 * v1_decode reads, plus the literal shapes of docs/wsi-call.md.  The params
 * are in handler order; nparams is always the whole vector. */
int v1_decode_wsi(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
                  enum v1_op op, struct v1_request *out, struct md_fault *f);

struct v1_enc {
    int soap12;
    const char *ns; /* body namespace (ns1) */
    int intcols;    /* VAL_INT as xsd:int (profile openmage), else xsd:string */
};

/* A streamed list's page as op's answer (exchange.h proto_stream_encoder):
 * arg is a struct v1_page.  wsi: the WS-I call/multiCall form. */
struct v1_page {
    int soap12, intcols, wsi;
    enum v1_op op;
    char ns[64];
};
int v1_encode_page(const void *arg, const struct val *page, struct buf *out);
void v1_page_set(struct v1_page *p, const struct v1_enc *e, enum v1_op op, int wsi);

/* Write the whole response envelope of op with its result into out
 * (out is appended to).  0, or -1 when out of memory. */
int v1_encode_response(struct buf *out, const struct v1_enc *e, enum v1_op op,
                       const struct val *result);

/* The WS-I answer of call / multiCall: <ns1:callResponseParam> (or
 * multiCallResponseParam) holding <result>, encoded as V1 encodes callReturn
 * (xsi:type on every value, SOAP-ENC arrays, ns2:Map). */
int v1_encode_wsi_response(struct buf *out, const struct v1_enc *e, enum v1_op op,
                           const struct val *result);

#endif

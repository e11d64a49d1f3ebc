/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento 2 style REST (issue 4): the pieces of rest.c that need no socket
 * and no database, so the unit tests can drive them -- route matching,
 * Content-Type and body decoding, argument binding with Magento 2's type
 * rules, and the error bodies Magento\Framework\Webapi\Rest\Response writes.
 */
#ifndef MD_RPC_REST_INT_H
#define MD_RPC_REST_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "magesoapd/domain.h"
#include "magesoapd/val.h"
#include "rpc/codec.h"

#define REST_CONTENT_TYPE "application/json; charset=utf-8"
/* webapi.xml: <resource ref="Magento_Sales::invoice"/> of the InvoiceOrder route */
#define REST_INVOICE_RESOURCE "Magento_Sales::invoice"
/* The ACL path a token's role needs for the InvoiceOrder route is the API
 * table's (src/api: API_INV_CREATE). */

#define REST_MSG_NO_ROUTE "Request does not match any route."
#define REST_MSG_NOT_AUTHORIZED "The consumer isn't authorized to access %resources."
#define REST_MSG_SIGN_IN                                                                   \
    "The account sign-in was incorrect or your account is disabled temporarily. Please wait " \
    "and try again later."
#define REST_MSG_REQUIRED "\"%fieldName\" is required. Enter and try again."
#define REST_MSG_INPUT "One or more input exceptions have occurred."
#define REST_MSG_DECODING "Decoding error."
#define REST_MSG_CT_EMPTY "Content-Type header is empty."
#define REST_MSG_CT_INVALID "Content-Type header is invalid."
#define REST_MSG_CHARSET "UTF-8 is the only supported charset."
#define REST_MSG_NOT_OBJECT "Decoding error: the request body must be a JSON object."
#define REST_MSG_NOT_FOUND \
    "The entity that was requested doesn't exist. Verify the entity and try again."
#define REST_MSG_COULD_NOT "Could not save an invoice, see error log for details"

/* An error answer: the HTTP status and the JSON body. */
struct rest_err {
    int status;
    json_t *body; /* {"message": ..., "errors"?: [...], "parameters"?: ...}; owned */
};

/* Fill e (any earlier body is released); params (may be NULL) is stolen.
 * Returns -1 for `return rest_err_set(...)`. */
int rest_err_set(struct rest_err *e, int status, const char *msg, json_t *params);
void rest_err_clear(struct rest_err *e);

enum rest_route { REST_ROUTE_NONE, REST_ROUTE_TOKEN, REST_ROUTE_INVOICE };

/* rest = the path after V1 ("/order/5/invoice").  For the invoice route
 * *seg and *seglen give the raw orderId segment (possibly empty).  A trailing
 * slash is accepted. */
enum rest_route rest_route_match(const char *rest, const char **seg, size_t *seglen);

/* Bearer token of an Authorization header value ("Bearer <token>", the
 * scheme case-insensitive, exactly one space), copied into out; NULL when
 * absent or in another form. */
const char *rest_bearer(const char *authorization, char *out, size_t outlen);

/* Content-Type check and JSON decoding as Magento's Rest\Request does it:
 * an empty body is no arguments (*root = NULL, no header needed); else the
 * header must be `media[; charset=utf-8]` with media application/json
 * (400 empty / invalid / charset, 415 another media type), and the body a
 * JSON object (400 "Decoding error.").  0 or -1 with e. */
int rest_body_decode(const char *content_type, const char *body, size_t len, json_t **root,
                     struct rest_err *e);

/* orderId path segment: PHP is_numeric then (int); else 400 `The "<seg>"
 * value's type is invalid. The "int" type was expected. Verify and try
 * again.`. */
int rest_order_id(const char *seg, size_t n, int64_t *id, struct rest_err *e);

struct rest_token_args {
    const char *username, *password; /* arena */
};
/* username/password: strings (numbers and booleans as PHP casts them);
 * missing, null or "" -> 400 "%fieldName" is required (both: the
 * aggregate "One or more input exceptions have occurred." with errors). */
int rest_token_args(struct arena *a, const json_t *root, struct rest_token_args *out,
                    struct rest_err *e);

struct rest_invoice_args {
    int capture, notify, append_comment;
    struct md_qty *qty; /* arena; NULL/0 = all items */
    size_t nqty;
    const char *comment; /* NULL = no comment object */
    int comment_visible;
    /* Body fields not read (Magento 2 ignores them; the caller logs a
     * warning): how many, and the first one's path ("items[0].qtty"). */
    int nunknown;
    char unknown[96];
};
/* capture/notify/appendComment (bool: FILTER_VALIDATE_BOOLEAN), items
 * ([{order_item_id:int, qty:float}]), comment ({comment, is_visible_on_front}),
 * arguments (ignored).  root may be NULL (all defaults).  Type errors are
 * 400 with Magento's SerializationException text. */
int rest_invoice_args(struct arena *a, const struct codec_limits *lim, const json_t *root,
                      struct rest_invoice_args *out, struct rest_err *e);

/* The md_create_req for these arguments (order by entity id; capture=true
 * online, else offline; notify = email; appendComment = include comment). */
void rest_invoice_req(const struct rest_invoice_args *args, int64_t order_id,
                      struct md_create_req *req);

/* The Magento 2 reads and invoice management routes (rest_m2.c): 1 when
 * rest (the path after /V1) is one of them and the answer is written, 0
 * when it is not. */
struct worker;
struct http_req;
struct http_resp;
int rest_m2_handle(struct worker *w, struct http_req *req, struct http_resp *resp,
                   const char *rest);
/* shared by rest_m2.c and rest_m2_search.c */
/* One searchable entity of GET /V1/<entities>?searchCriteria (invoices,
 * orders): its list and info methods of the API table (int: enum
 * api_method), the list rows' id key (M2 entity_id), the sortable fields,
 * the ACL resource named in 401s and the info -> M2 interface mapping. */
struct rest_m2_entity {
    int list, info;
    const char *id_key;
    const char *const *sortable;
    const char *resource;
    json_t *(*to_json)(const struct val *info);
};
int rest_m2_search(struct worker *w, struct http_req *req, struct http_resp *resp,
                   const struct rest_m2_entity *e);
void rest_m2_answer(struct http_resp *resp, int status, json_t *j);
void rest_m2_fault(struct http_resp *resp, const struct md_fault *f, const char *resource);
json_t *rest_m2_invoice_json(const struct val *info);

/* JSON text of a REST answer value as Magento's renderer writes it
 * (json_encode: escaped slashes and non-ASCII).  malloc'ed; NULL on OOM. */
char *rest_dump(const json_t *j);

#endif

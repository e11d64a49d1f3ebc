/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento 2 REST request decoding (rest_int.h): routes, the bearer header,
 * Content-Type and JSON body (Magento\Framework\Webapi\Rest\Request and its
 * Json deserializer), and argument binding with the type rules of
 * ServiceInputProcessor / TypeProcessor:
 *   - bool: PHP filter_var(FILTER_VALIDATE_BOOLEAN) of the value ("1",
 *     "true", "on", "yes" are true, anything else false); arrays refused;
 *   - int / float: PHP is_numeric, then the cast; anything else refused;
 *   - string: scalars as PHP casts them; arrays refused.
 * A refused value is HTTP 400 `The "<value>" value's type is invalid. The
 * "<type>" type was expected. Verify and try again.` (prefixed with `Error
 * occurred during "<field>" processing. ` inside a data object).
 */
#include "rpc/rest_int.h"

#include "magesoapd/dec.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ITEM_TYPE "\\Magento\\Sales\\Api\\Data\\InvoiceItemCreationInterface"
#define COMMENT_TYPE "\\Magento\\Sales\\Api\\Data\\InvoiceCommentCreationInterface"
#define VALUE_MAX 200 /* bytes of a client value echoed in a message */

/* ---- error bodies ------------------------------------------------------------ */

/* A JSON string of s; bytes that are not valid UTF-8 become '?'. */
static json_t *safe_string(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

int rest_err_set(struct rest_err *e, int status, const char *msg, json_t *params)
{
    rest_err_clear(e);
    e->status = status;
    e->body = json_object();
    if (e->body) {
        json_object_set_new(e->body, "message", safe_string(msg));
        if (params)
            json_object_set_new(e->body, "parameters", params);
    } else {
        json_decref(params);
    }
    return -1;
}

void rest_err_clear(struct rest_err *e)
{
    if (e->body)
        json_decref(e->body);
    e->body = NULL;
    e->status = 0;
}

char *rest_dump(const json_t *j)
{
    char *s = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ESCAPE_SLASH | JSON_ENSURE_ASCII |
                               JSON_REAL_PRECISION(15));
    /* PHP writes \u00e9, jansson \u00E9 */
    for (char *p = s; p && *p; p++) {
        if (*p != '\\')
            continue;
        if (p[1] == 'u')
            for (int i = 2; i < 6 && p[i]; i++)
                p[i] = (char)tolower((unsigned char)p[i]);
        if (p[1])
            p++;
    }
    return s;
}

/* ---- routes and headers -------------------------------------------------------- */

enum rest_route rest_route_match(const char *rest, const char **seg, size_t *seglen)
{
    static const char token[] = "/integration/admin/token";
    static const char order[] = "/order/";
    static const char invoice[] = "/invoice";
    size_t n;

    if (!rest)
        return REST_ROUTE_NONE;
    n = strlen(rest);
    if (n > 1 && rest[n - 1] == '/')
        n--; /* one trailing slash */
    if (n == sizeof token - 1 && !strncmp(rest, token, n))
        return REST_ROUTE_TOKEN;
    if (n >= sizeof order - 1 + sizeof invoice - 1 && !strncmp(rest, order, sizeof order - 1) &&
        !strncmp(rest + n - (sizeof invoice - 1), invoice, sizeof invoice - 1)) {
        const char *s = rest + sizeof order - 1;
        size_t len = n - (sizeof order - 1) - (sizeof invoice - 1);
        if (memchr(s, '/', len))
            return REST_ROUTE_NONE;
        *seg = s;
        *seglen = len;
        return REST_ROUTE_INVOICE;
    }
    return REST_ROUTE_NONE;
}

const char *rest_bearer(const char *authorization, char *out, size_t outlen)
{
    /* Magento\Webapi\Model\Authorization\TokenUserContext: explode(" ")
     * must give exactly two pieces, the first "bearer" in any case. */
    const char *sp;
    if (!authorization || !(sp = strchr(authorization, ' ')) || strchr(sp + 1, ' ') ||
        (size_t)(sp - authorization) != 6 || strncasecmp(authorization, "bearer", 6) != 0 ||
        !sp[1] || strlen(sp + 1) >= outlen)
        return NULL;
    snprintf(out, outlen, "%s", sp + 1);
    return out;
}

/* ---- body ---------------------------------------------------------------------- */

static int media_char(int c)
{
    return isalnum(c) || c == '/' || c == '-' || c == '+' || c == '.';
}

int rest_body_decode(const char *content_type, const char *body, size_t len, json_t **root,
                     struct rest_err *e)
{
    char media[128];
    json_error_t jerr;
    *root = NULL;
    if (!body || len == 0)
        return 0; /* Request::getBodyParams: no content, no arguments */
    if (!content_type || !*content_type)
        return rest_err_set(e, 400, REST_MSG_CT_EMPTY, NULL);
    /* ~^([a-z\d/\-+.]+)(?:; *charset=(.+))?$~Ui */
    const char *p = content_type;
    while (media_char((unsigned char)*p))
        p++;
    size_t mlen = (size_t)(p - content_type);
    if (!mlen || mlen >= sizeof media)
        return rest_err_set(e, 400, REST_MSG_CT_INVALID, NULL);
    if (*p) {
        if (*p++ != ';')
            return rest_err_set(e, 400, REST_MSG_CT_INVALID, NULL);
        while (*p == ' ')
            p++;
        if (strncasecmp(p, "charset=", 8) != 0 || !p[8])
            return rest_err_set(e, 400, REST_MSG_CT_INVALID, NULL);
        if (strcasecmp(p + 8, "utf-8") != 0)
            return rest_err_set(e, 400, REST_MSG_CHARSET, NULL);
    }
    memcpy(media, content_type, mlen);
    media[mlen] = '\0';
    if (strcasecmp(media, "application/json") != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "Server cannot understand Content-Type HTTP header media type %s",
                 media);
        return rest_err_set(e, 415, msg, NULL);
    }
    json_t *j = json_loadb(body, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (!j)
        return rest_err_set(e, 400, REST_MSG_DECODING, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return rest_err_set(e, 400, REST_MSG_NOT_OBJECT, NULL);
    }
    *root = j;
    return 0;
}

/* ---- PHP scalar rules ------------------------------------------------------------ */

/* Copy at most VALUE_MAX bytes of s, not splitting a UTF-8 sequence. */
static void clip(char *out, size_t outlen, const char *s, size_t n)
{
    if (n > VALUE_MAX)
        n = VALUE_MAX;
    if (n >= outlen)
        n = outlen - 1;
    if (n < strlen(s))
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* PHP's (string) of a decoded JSON value, for messages. */
static void php_strval(const json_t *v, char *out, size_t outlen)
{
    if (!v) {
        out[0] = '\0';
        return;
    }
    switch (json_typeof(v)) {
    case JSON_STRING:
        clip(out, outlen, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER:
        snprintf(out, outlen, "%lld", (long long)json_integer_value(v));
        return;
    case JSON_REAL: {
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 1e15)
            snprintf(out, outlen, "%.0f", d);
        else
            snprintf(out, outlen, "%.17g", d);
        return;
    }
    case JSON_TRUE:
        snprintf(out, outlen, "1");
        return;
    case JSON_FALSE:
    case JSON_NULL:
        out[0] = '\0';
        return;
    default:
        snprintf(out, outlen, "array");
        return;
    }
}

static int type_error(struct rest_err *e, const char *field, const char *value, const char *type)
{
    char msg[512];
    int n = 0;
    if (field)
        n = snprintf(msg, sizeof msg, "Error occurred during \"%s\" processing. ", field);
    snprintf(msg + n, sizeof msg - (size_t)n,
             "The \"%s\" value's type is invalid. The \"%s\" type was expected. Verify and try "
             "again.",
             value, type);
    return rest_err_set(e, 400, msg, NULL);
}

static int type_error_json(struct rest_err *e, const char *field, const json_t *v,
                           const char *type)
{
    char val[VALUE_MAX + 8];
    php_strval(v, val, sizeof val);
    return type_error(e, field, val, type);
}

/* PHP 8 is_numeric() over s[0..n): optional surrounding whitespace, sign,
 * digits with an optional fraction, optional exponent.  *d = the value. */
static int php_is_numeric(const char *s, size_t n, double *d)
{
    char tmp[128];
    size_t i = 0, end;
    if (n == 0 || n >= sizeof tmp || memchr(s, '\0', n))
        return 0;
    while (i < n && strchr(" \t\n\r\v\f", s[i]))
        i++;
    end = n;
    while (end > i && strchr(" \t\n\r\v\f", s[end - 1]))
        end--;
    size_t j = i, digits = 0;
    if (j < end && (s[j] == '+' || s[j] == '-'))
        j++;
    while (j < end && isdigit((unsigned char)s[j]))
        j++, digits++;
    if (j < end && s[j] == '.') {
        j++;
        while (j < end && isdigit((unsigned char)s[j]))
            j++, digits++;
    }
    if (!digits)
        return 0;
    if (j < end && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1, ed = 0;
        if (k < end && (s[k] == '+' || s[k] == '-'))
            k++;
        while (k < end && isdigit((unsigned char)s[k]))
            k++, ed++;
        if (!ed)
            return 0;
        j = k;
    }
    if (j != end)
        return 0;
    memcpy(tmp, s + i, end - i);
    tmp[end - i] = '\0';
    *d = strtod(tmp, NULL);
    return 1;
}

/* (int) of a numeric string: integers exactly (saturating), others through
 * the double, truncated. */
static int64_t php_int_of_numeric(const char *s, size_t n, double d)
{
    char tmp[128];
    size_t i = 0;
    while (i < n && strchr(" \t\n\r\v\f", s[i]))
        i++;
    snprintf(tmp, sizeof tmp, "%.*s", (int)(n - i), s + i);
    if (!strpbrk(tmp, ".eE")) {
        long long v = strtoll(tmp, NULL, 10); /* saturates at LLONG_MIN/MAX */
        return (int64_t)v;
    }
    if (!isfinite(d) || d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

static int64_t int_of_double(double d)
{
    if (!isfinite(d) || d >= 9223372036854775807.0)
        return d < 0 ? INT64_MIN : INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

/* int field: 0 ok (null = 0), -1 type error.  allow_bool: 1.x's settype. */
static int json_int(const json_t *v, int allow_bool, const char *field, int64_t *out,
                    struct rest_err *e)
{
    double d;
    *out = 0;
    if (!v)
        return 0;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return 0;
    case JSON_INTEGER:
        *out = (int64_t)json_integer_value(v);
        return 0;
    case JSON_REAL:
        *out = int_of_double(json_real_value(v));
        return 0;
    case JSON_STRING:
        if (php_is_numeric(json_string_value(v), json_string_length(v), &d)) {
            *out = php_int_of_numeric(json_string_value(v), json_string_length(v), d);
            return 0;
        }
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        if (allow_bool) {
            *out = json_is_true(v);
            return 0;
        }
        break;
    default:
        break;
    }
    return type_error_json(e, field, v, "int");
}

/* float field (only qty): the one qty rule of dec.h, scaled by 10^4; null = 0.
 * A number outside it is DEC_INVALID, which the domain refuses. */
static int json_dec(const json_t *v, const char *field, int64_t *out, struct rest_err *e)
{
    double d;
    *out = 0;
    if (!v)
        return 0;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return 0;
    case JSON_INTEGER:
        *out = dec_qty_from_int(json_integer_value(v));
        return 0;
    case JSON_REAL:
        *out = dec_qty_from_double(json_real_value(v));
        return 0;
    case JSON_STRING:
        if (php_is_numeric(json_string_value(v), json_string_length(v), &d)) {
            *out = dec_qty_from_string(json_string_value(v));
            return 0;
        }
        break;
    default:
        break;
    }
    return type_error_json(e, field, v, "float");
}

/* bool: FILTER_VALIDATE_BOOLEAN of the PHP string; arrays refused. */
static int json_bool(const json_t *v, const char *field, int *out, struct rest_err *e)
{
    char s[VALUE_MAX + 8];
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_array(v) || json_is_object(v))
        return type_error_json(e, field, v, "bool");
    php_strval(v, s, sizeof s);
    char *p = s, *end;
    while (*p && isspace((unsigned char)*p))
        p++;
    end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1]))
        *--end = '\0';
    *out = !strcasecmp(p, "1") || !strcasecmp(p, "true") || !strcasecmp(p, "on") ||
           !strcasecmp(p, "yes");
    return 0;
}

/* string: scalars as PHP casts them (NULL for null); arrays refused. */
static int json_str(struct arena *a, const json_t *v, const char *field, const char **out,
                    struct rest_err *e)
{
    char s[64];
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_array(v) || json_is_object(v))
        return type_error_json(e, field, v, "string");
    if (json_is_string(v)) {
        *out = arena_strndup(a, json_string_value(v), json_string_length(v));
    } else {
        php_strval(v, s, sizeof s);
        *out = arena_strdup(a, s);
    }
    if (!*out)
        return rest_err_set(e, 500, "out of memory", NULL);
    return 0;
}

/* ---- arguments ------------------------------------------------------------------ */

int rest_order_id(const char *seg, size_t n, int64_t *id, struct rest_err *e)
{
    double d;
    char val[VALUE_MAX + 8];
    if (php_is_numeric(seg, n, &d)) {
        *id = php_int_of_numeric(seg, n, d);
        return 0;
    }
    char *tmp = strndup(seg, n);
    if (!tmp)
        return rest_err_set(e, 500, "out of memory", NULL);
    clip(val, sizeof val, tmp, n);
    free(tmp);
    return type_error(e, NULL, val, "int");
}

static json_t *required_error(const char *field)
{
    json_t *o = json_object(), *p = json_object();
    if (o && p) {
        json_object_set_new(o, "message", json_string(REST_MSG_REQUIRED));
        json_object_set_new(p, "fieldName", json_string(field));
        json_object_set_new(o, "parameters", p);
        return o;
    }
    json_decref(o);
    json_decref(p);
    return NULL;
}

/* InputException::addError for each field: one field is the message itself,
 * more are the aggregate with "errors". */
static int required(struct rest_err *e, const char *const *fields, int n)
{
    if (n == 1) {
        json_t *p = json_object();
        if (p)
            json_object_set_new(p, "fieldName", json_string(fields[0]));
        return rest_err_set(e, 400, REST_MSG_REQUIRED, p);
    }
    rest_err_set(e, 400, REST_MSG_INPUT, NULL);
    json_t *errs = json_array();
    for (int i = 0; errs && i < n; i++)
        json_array_append_new(errs, required_error(fields[i]));
    if (e->body && errs)
        json_object_set_new(e->body, "errors", errs);
    else
        json_decref(errs);
    return -1;
}

int rest_token_args(struct arena *a, const json_t *root, struct rest_token_args *out,
                    struct rest_err *e)
{
    static const char *const names[2] = {"username", "password"};
    const char *vals[2] = {NULL, NULL}, *missing[2];
    int nmissing = 0;
    for (int i = 0; i < 2; i++) {
        const json_t *v = root ? json_object_get(root, names[i]) : NULL;
        if (!v)
            missing[nmissing++] = names[i];
        else if (json_str(a, v, NULL, &vals[i], e) != 0)
            return -1;
    }
    if (nmissing) /* ServiceInputProcessor: absent parameters */
        return required(e, missing, nmissing);
    for (int i = 0; i < 2; i++) /* CredentialsValidator: empty strings */
        if (!vals[i] || !*vals[i])
            missing[nmissing++] = names[i];
    if (nmissing)
        return required(e, missing, nmissing);
    out->username = vals[0];
    out->password = vals[1];
    return 0;
}

/* One {order_item_id, qty} entry into out->qty[out->nqty++]. */
/* Keys of obj that are none of known (NULL-terminated): counted, the first
 * one's path kept. */
static void note_unknown(const json_t *obj, const char *const *known, const char *where,
                         struct rest_invoice_args *out)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        const char *const *k = known;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (*k)
            continue;
        if (!out->nunknown++)
            snprintf(out->unknown, sizeof out->unknown, "%s%.64s", where, key);
    }
}

static int parse_item(const json_t *entry, struct rest_invoice_args *out, struct rest_err *e)
{
    static const char *const known[] = {"order_item_id", "qty", "extension_attributes", NULL};
    int64_t id = 0, qty = 0;
    if (!json_is_object(entry))
        return type_error_json(e, NULL, entry, ITEM_TYPE);
    note_unknown(entry, known, "items[].", out);
    if (json_int(json_object_get(entry, "order_item_id"), 0, "order_item_id", &id, e) ||
        json_dec(json_object_get(entry, "qty"), "qty", &qty, e))
        return -1;
    out->qty[out->nqty].item_id = id;
    out->qty[out->nqty++].qty = qty;
    return 0;
}

static int parse_items(struct arena *a, const struct codec_limits *lim, const json_t *items,
                       struct rest_invoice_args *out, struct rest_err *e)
{
    size_t n, k;
    const char *key;
    json_t *entry;
    if (!items || json_is_null(items))
        return 0;
    if (!json_is_array(items) && !json_is_object(items))
        return type_error_json(e, NULL, items, ITEM_TYPE "[]");
    n = json_is_array(items) ? json_array_size(items) : json_object_size(items);
    if (lim && lim->max_items > 0 && n > (size_t)lim->max_items) {
        char msg[128];
        snprintf(msg, sizeof msg, "Too many items: %zu given, at most %d are accepted.", n,
                 lim->max_items);
        return rest_err_set(e, 400, msg, NULL);
    }
    if (!n)
        return 0;
    out->qty = arena_alloc(a, n * sizeof *out->qty);
    if (!out->qty)
        return rest_err_set(e, 500, "out of memory", NULL);
    if (json_is_array(items)) {
        json_array_foreach(items, k, entry) {
            if (parse_item(entry, out, e))
                return -1;
        }
    } else { /* a JSON object is a PHP array too: its values are the entries */
        json_object_foreach((json_t *)items, key, entry) {
            if (parse_item(entry, out, e))
                return -1;
        }
    }
    return 0;
}

static int parse_comment(struct arena *a, const struct codec_limits *lim, const json_t *c,
                         struct rest_invoice_args *out, struct rest_err *e)
{
    int64_t vis = 0;
    const json_t *text;
    if (!c || json_is_null(c))
        return 0;
    static const char *const known[] = {"comment", "is_visible_on_front", "extension_attributes",
                                        NULL};
    if (!json_is_object(c))
        return type_error_json(e, NULL, c, COMMENT_TYPE);
    note_unknown(c, known, "comment.", out);
    text = json_object_get(c, "comment");
    if (json_str(a, text, "comment", &out->comment, e) ||
        json_int(json_object_get(c, "is_visible_on_front"), 1, "is_visible_on_front", &vis, e))
        return -1;
    /* the comment resource refuses to save a comment without text, and
     * InvoiceOrder turns that into CouldNotInvoiceException */
    if (!out->comment)
        return rest_err_set(e, 400, REST_MSG_COULD_NOT, NULL);
    if (lim && lim->max_string > 0 && (int64_t)strlen(out->comment) > lim->max_string) {
        char msg[128];
        snprintf(msg, sizeof msg, "The comment is too long: at most %lld bytes are accepted.",
                 (long long)lim->max_string);
        return rest_err_set(e, 400, msg, NULL);
    }
    out->comment_visible = vis != 0;
    return 0;
}

int rest_invoice_args(struct arena *a, const struct codec_limits *lim, const json_t *root,
                      struct rest_invoice_args *out, struct rest_err *e)
{
    static const char *const known[] = {"capture", "items", "notify", "appendComment",
                                        "comment", "arguments", NULL};
    memset(out, 0, sizeof *out);
    if (!root)
        return 0;
    if (json_is_object(root))
        note_unknown(root, known, "", out);
    /* InvoiceOrderInterface::execute's parameters in order; the first
     * refused value answers */
    if (json_bool(json_object_get(root, "capture"), NULL, &out->capture, e) ||
        parse_items(a, lim, json_object_get(root, "items"), out, e) ||
        json_bool(json_object_get(root, "notify"), NULL, &out->notify, e) ||
        json_bool(json_object_get(root, "appendComment"), NULL, &out->append_comment, e) ||
        parse_comment(a, lim, json_object_get(root, "comment"), out, e))
        return -1;
    return 0; /* "arguments": extension attributes only, ignored */
}

void rest_invoice_req(const struct rest_invoice_args *args, int64_t order_id,
                      struct md_create_req *req)
{
    memset(req, 0, sizeof *req);
    req->order_inc = NULL;
    req->order_entity_id = order_id;
    req->qty = args->qty;
    req->nqty = args->nqty;
    req->comment = args->comment;
    req->email = args->notify;
    req->include_comment = args->append_comment;
    req->comment_visible_on_front = args->comment_visible;
    req->mode = args->capture ? MD_CREATE_M2_ONLINE : MD_CREATE_M2_OFFLINE;
}

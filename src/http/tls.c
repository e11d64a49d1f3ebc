/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * HTTPS through libmicrohttpd's GnuTLS support (see tls.h).
 *
 * MHD does the TLS; we hand it the certificate through its certificate
 * callback (MHD_OPTION_HTTPS_CERT_CALLBACK, GnuTLS's retrieve function),
 * which is asked once per handshake: it answers with the credential set
 * that is current at that moment, so a reload (SIGHUP) reaches every new
 * connection without restarting the listener, and connections already open
 * keep the set they started with.  Sets are immutable and published through
 * an atomic pointer; an old set is never freed before exit (a session may
 * still point at it), which costs a few KB per reload.
 *
 * With tls_ca the same callback makes the session require a client
 * certificate (GNUTLS_CERT_REQUIRE) and installs a verify function that
 * checks the chain against the set's trust list and the TLS client key
 * purpose; a missing or unverified certificate fails the handshake (MHD's
 * own MHD_OPTION_HTTPS_MEM_TRUST only requests one and leaves the check to
 * the application, after the handshake).
 */
#define _GNU_SOURCE
#include "http/tls.h"
#include "http/http.h"

#include "magesoapd/log.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN 16

/* TLS 1.2 and 1.3 only; AEAD ciphers; forward-secret key exchange. */
const char tls_priorities[] =
    "SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:"
    "+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:%SERVER_PRECEDENCE";

struct creds {
    gnutls_pcert_st pcert[MAX_CHAIN];
    unsigned int npcert;
    gnutls_privkey_t key;
    gnutls_x509_trust_list_t trust; /* NULL: no client certificates */
    char serial[64];                /* of the leaf, hex, for the log */
    struct creds *older;
};

static _Atomic(struct creds *) g_creds;

static void creds_free(struct creds *c)
{
    for (unsigned int i = 0; i < c->npcert; i++)
        gnutls_pcert_deinit(&c->pcert[i]);
    if (c->key)
        gnutls_privkey_deinit(c->key);
    if (c->trust)
        gnutls_x509_trust_list_deinit(c->trust, 1);
    free(c);
}

static int fail(char *err, size_t errlen, const char *what, const char *path, int rc)
{
    snprintf(err, errlen, "%s %s: %s", what, path, gnutls_strerror(rc));
    return -1;
}

/* The key belongs to the certificate: GnuTLS's own credential loader checks
 * that (GNUTLS_E_CERTIFICATE_KEY_MISMATCH). */
static int check_pair(const char *cert, const char *key, char *err, size_t errlen)
{
    gnutls_certificate_credentials_t x;
    gnutls_datum_t c = {NULL, 0}, k = {NULL, 0};
    int rc;

    if ((rc = gnutls_load_file(cert, &c)) < 0)
        return fail(err, errlen, "tls_cert", cert, rc);
    if ((rc = gnutls_load_file(key, &k)) < 0) {
        gnutls_free(c.data);
        return fail(err, errlen, "tls_key", key, rc);
    }
    rc = gnutls_certificate_allocate_credentials(&x);
    if (rc >= 0) {
        rc = gnutls_certificate_set_x509_key_mem2(x, &c, &k, GNUTLS_X509_FMT_PEM, NULL, 0);
        gnutls_certificate_free_credentials(x);
    }
    gnutls_free(c.data);
    gnutls_memset(k.data, 0, k.size);
    gnutls_free(k.data);
    if (rc == GNUTLS_E_CERTIFICATE_KEY_MISMATCH) {
        snprintf(err, errlen, "tls_key %s does not belong to tls_cert %s", key, cert);
        return -1;
    }
    return rc < 0 ? fail(err, errlen, "tls_cert/tls_key", cert, rc) : 0;
}

static void leaf_serial(struct creds *c)
{
    gnutls_x509_crt_t crt;
    unsigned char ser[40];
    size_t n = sizeof ser;

    strcpy(c->serial, "?");
    if (gnutls_pcert_export_x509(&c->pcert[0], &crt) < 0)
        return;
    if (gnutls_x509_crt_get_serial(crt, ser, &n) == 0 && n * 2 < sizeof c->serial)
        for (size_t i = 0; i < n; i++)
            sprintf(c->serial + 2 * i, "%02X", ser[i]);
    gnutls_x509_crt_deinit(crt);
}

static int load_creds(const struct cfg *cfg, struct creds **out, char *err, size_t errlen)
{
    gnutls_datum_t d = {NULL, 0};
    struct creds *c;
    int rc;

    if (check_pair(cfg->tls_cert, cfg->tls_key, err, errlen))
        return -1;
    c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "tls: out of memory");
        return -1;
    }
    c->npcert = MAX_CHAIN;
    if ((rc = gnutls_load_file(cfg->tls_cert, &d)) < 0 ||
        (rc = gnutls_pcert_list_import_x509_raw(c->pcert, &c->npcert, &d, GNUTLS_X509_FMT_PEM, 0)) < 0) {
        c->npcert = 0;
        goto bad_cert;
    }
    gnutls_free(d.data);
    d.data = NULL;
    if ((rc = gnutls_load_file(cfg->tls_key, &d)) < 0 || (rc = gnutls_privkey_init(&c->key)) < 0 ||
        (rc = gnutls_privkey_import_x509_raw(c->key, &d, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0) {
        gnutls_free(d.data);
        creds_free(c);
        return fail(err, errlen, "tls_key", cfg->tls_key, rc);
    }
    gnutls_memset(d.data, 0, d.size);
    gnutls_free(d.data);
    if (*cfg->tls_ca) {
        if ((rc = gnutls_x509_trust_list_init(&c->trust, 0)) < 0 ||
            (rc = gnutls_x509_trust_list_add_trust_file(c->trust, cfg->tls_ca, NULL, GNUTLS_X509_FMT_PEM, 0,
                                                        0)) <= 0) {
            creds_free(c);
            if (rc == 0)
                snprintf(err, errlen, "tls_ca %s: no certificate in it", cfg->tls_ca);
            return rc == 0 ? -1 : fail(err, errlen, "tls_ca", cfg->tls_ca, rc);
        }
    }
    leaf_serial(c);
    *out = c;
    return 0;
bad_cert:
    gnutls_free(d.data);
    creds_free(c);
    return fail(err, errlen, "tls_cert", cfg->tls_cert, rc);
}

int tls_enabled(const struct cfg *cfg)
{
    return *cfg->tls_cert || *cfg->tls_key;
}

int http_tls_check(const struct cfg *cfg, char *err, size_t errlen)
{
    struct creds *c;

    if (!tls_enabled(cfg)) {
        if (*cfg->tls_ca) {
            snprintf(err, errlen, "tls_ca needs tls_cert and tls_key");
            return -1;
        }
        return 0;
    }
    if (!*cfg->tls_cert || !*cfg->tls_key) {
        snprintf(err, errlen, "HTTPS needs both tls_cert and tls_key");
        return -1;
    }
    if (load_creds(cfg, &c, err, errlen))
        return -1;
    creds_free(c);
    return 0;
}

int tls_load(const struct cfg *cfg, char *err, size_t errlen)
{
    struct creds *c;

    if (http_tls_check(cfg, err, errlen) || load_creds(cfg, &c, err, errlen))
        return -1;
    c->older = atomic_load(&g_creds); /* one loader at a time: the main thread */
    atomic_store(&g_creds, c);
    log_msg(LOG_INFO, "tls: certificate %s (serial %s)%s%s", cfg->tls_cert, c->serial,
            c->trust ? ", client certificates verified against " : "", c->trust ? cfg->tls_ca : "");
    return 0;
}

void tls_free_all(void)
{
    struct creds *c = atomic_exchange(&g_creds, NULL);

    while (c) {
        struct creds *o = c->older;
        creds_free(c);
        c = o;
    }
}

/* The peer's chain against the current trust list, for a TLS client. */
static int verify_client(gnutls_session_t s)
{
    struct creds *c = atomic_load(&g_creds);
    unsigned int n = 0, status = 1;
    const gnutls_datum_t *raw = gnutls_certificate_get_peers(s, &n);
    gnutls_x509_crt_t crts[MAX_CHAIN];
    unsigned int k = 0;
    gnutls_typed_vdata_st purpose = {GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *)GNUTLS_KP_TLS_WWW_CLIENT, 0};

    if (!c || !c->trust || !raw || n == 0)
        return c && !c->trust ? 0 : -1;
    for (; k < n && k < MAX_CHAIN; k++) {
        if (gnutls_x509_crt_init(&crts[k]) < 0)
            break;
        if (gnutls_x509_crt_import(crts[k], &raw[k], GNUTLS_X509_FMT_DER) < 0) {
            gnutls_x509_crt_deinit(crts[k]);
            break;
        }
    }
    if (k == n && gnutls_x509_trust_list_verify_crt2(c->trust, crts, k, &purpose, 1, 0, &status, NULL) < 0)
        status = 1;
    for (unsigned int i = 0; i < k; i++)
        gnutls_x509_crt_deinit(crts[i]);
    if (status) {
        log_msg(LOG_INFO, "tls: client certificate refused (status 0x%x)", status);
        return -1; /* fails the handshake */
    }
    return 0;
}

int tls_cert_callback(gnutls_session_t session, const gnutls_datum_t *req_ca_dn, int nreqs,
                      const gnutls_pk_algorithm_t *pk_algos, int pk_algos_length, gnutls_pcert_st **pcert,
                      unsigned int *pcert_length, gnutls_privkey_t *pkey)
{
    struct creds *c = atomic_load(&g_creds);

    (void)req_ca_dn;
    (void)nreqs;
    (void)pk_algos;
    (void)pk_algos_length;
    if (!c)
        return -1;
    *pcert = c->pcert;
    *pcert_length = c->npcert;
    *pkey = c->key;
    if (c->trust) {
        gnutls_certificate_server_set_request(session, GNUTLS_CERT_REQUIRE);
        gnutls_session_set_verify_function(session, verify_client);
    }
    return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * HTTPS for the HTTP layer (tls.c): the certificate, key and optional client
 * CA of the config, loaded into an immutable credential set that the
 * libmicrohttpd certificate callback hands to every new handshake.
 */
#ifndef MD_HTTP_TLS_H
#define MD_HTTP_TLS_H

#include "magesoapd/config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include <stddef.h>

/* GnuTLS priority string: TLS 1.2+, AEAD ciphers, ECDHE. */
extern const char tls_priorities[];

/* tls_cert or tls_key set. */
int tls_enabled(const struct cfg *cfg);
/* Load (again) cfg's files and make them the set new handshakes get; on an
 * error (err) the current set stays.  Main thread only. */
int tls_load(const struct cfg *cfg, char *err, size_t errlen);
/* At exit: free every set. */
void tls_free_all(void);
/* MHD_OPTION_HTTPS_CERT_CALLBACK (gnutls_certificate_retrieve_function2). */
int tls_cert_callback(gnutls_session_t session, const gnutls_datum_t *req_ca_dn, int nreqs,
                      const gnutls_pk_algorithm_t *pk_algos, int pk_algos_length, gnutls_pcert_st **pcert,
                      unsigned int *pcert_length, gnutls_privkey_t *pkey);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files compiled into the binary (cmake/Embed.cmake): SQL migrations and
 * WSDL templates.  Each table ends with a {NULL, NULL, 0} entry; data is
 * NUL-terminated (len excludes the NUL). */
#ifndef MAGESOAPD_EMBEDDED_H
#define MAGESOAPD_EMBEDDED_H
#include <stddef.h>
struct md_embedded {
    const char *name;
    const char *data;
    size_t len;
};
extern const struct md_embedded md_migrations[]; /* schema/NNN_name.sql, sorted */
extern const struct md_embedded md_wsdls[];      /* wsdl/NAME.wsdl.in */
extern const struct md_embedded md_console[];    /* src/http/console/ (net layer) */
#endif

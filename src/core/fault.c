/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Magento fault table (see fault.h). */
#include "magesoapd/fault.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
    int code;
    const char *text;
} fault_table[MDF_COUNT] = {
#define MD_FAULT_ROW(name, code, text) {code, text},
    MD_FAULTS(MD_FAULT_ROW)
#undef MD_FAULT_ROW
};

int md_fault_code(enum md_fault_id id)
{
    return id < MDF_COUNT ? fault_table[id].code : 0;
}

const char *md_fault_text(enum md_fault_id id)
{
    return id < MDF_COUNT ? fault_table[id].text : "Unknown Error";
}

int md_fault_set(struct md_fault *f, enum md_fault_id id)
{
    if (f) {
        f->code = md_fault_code(id);
        snprintf(f->msg, sizeof f->msg, "%s", md_fault_text(id));
    }
    return -1;
}

int md_fault_setf(struct md_fault *f, enum md_fault_id id, const char *fmt, ...)
{
    va_list ap;

    if (f) {
        f->code = md_fault_code(id);
        va_start(ap, fmt);
        vsnprintf(f->msg, sizeof f->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int md_fault_raw(struct md_fault *f, int code, const char *fmt, ...)
{
    va_list ap;

    if (f) {
        f->code = code;
        va_start(ap, fmt);
        vsnprintf(f->msg, sizeof f->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

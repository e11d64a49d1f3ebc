/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the configuration file parser (config/config.c) on a
 * file holding the input (a memfd), then the effective configuration
 * printed as --check-config does. */
#define _GNU_SOURCE /* memfd_create */
#include "magesoapd/config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static FILE *null;
    static char path[64];
    struct cfg c;
    char err[1024];

    if (fd < 0) {
        fd = memfd_create("fuzz.conf", 0);
        null = fopen("/dev/null", "w");
        if (fd < 0 || !null)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    cfg_defaults(&c);
    if (cfg_load_file(&c, path, err, sizeof err) == 0)
        cfg_print(&c, null);
    return 0;
}

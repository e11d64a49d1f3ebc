/* SPDX-License-Identifier: GPL-2.0-or-later */
/* setgid/initgroups/setuid after binding; see privs.h. */
#define _GNU_SOURCE
#include "app/privs.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int lookup(const char *user, const char *group, uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
    struct passwd *pw;
    struct group *gr;

    if (!*user) {
        snprintf(err, errlen, "group = %s needs user =", group);
        return -1;
    }
    errno = 0;
    if (!(pw = getpwnam(user))) {
        snprintf(err, errlen, "user %s: %s", user, errno ? strerror(errno) : "no such user");
        return -1;
    }
    *uid = pw->pw_uid;
    *gid = pw->pw_gid;
    if (*group) {
        errno = 0;
        if (!(gr = getgrnam(group))) {
            snprintf(err, errlen, "group %s: %s", group, errno ? strerror(errno) : "no such group");
            return -1;
        }
        *gid = gr->gr_gid;
    }
    return 0;
}

int app_check_identity(const char *user, const char *group, char *err, size_t errlen)
{
    uid_t uid;
    gid_t gid;

    if (!*user && !*group)
        return 0;
    return lookup(user, group, &uid, &gid, err, errlen);
}

int app_drop_privileges(const char *user, const char *group, char *err, size_t errlen)
{
    uid_t uid;
    gid_t gid;

    if (lookup(user, group, &uid, &gid, err, errlen))
        return -1;
    if (geteuid() != 0) {
        if (geteuid() == uid && getegid() == gid)
            return 0;
        snprintf(err, errlen, "user = %s: changing user needs root (running as uid %u)", user,
                 (unsigned)geteuid());
        return -1;
    }
    if (initgroups(user, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
        snprintf(err, errlen, "cannot become user %s (uid %u, gid %u): %s", user, (unsigned)uid,
                 (unsigned)gid, strerror(errno));
        return -1;
    }
    if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
        snprintf(err, errlen, "user %s: root could be taken back", user);
        return -1;
    }
    return 0;
}

/* imap_p.h: the session shared by imap.c and imap_uid.c. */
#ifndef COMPLAINTD_IMAP_P_H
#define COMPLAINTD_IMAP_P_H

#include "imap.h"

#include <libetpan/libetpan.h>
#include <stdint.h>

struct imap {
	mailimap *session;
	const struct conf_mailbox *mb;
	const char *auth_method;
	char error[512];
};

/*
 * What imap_list leaves in the selection's EXISTS count: libetpan stores
 * every EXISTS the server sends with any answer there, so a different
 * value before IDLE means mail came after the listing (announced with a
 * FETCH or STORE answer, where nobody looked), and IDLE would not
 * announce it again.
 */
#define IMAP_EXISTS_UNHEARD UINT32_MAX

/* Records "what failed: the server's answer" and maps libetpan's code to
 * a status. */
enum imap_status imap_fail(struct imap *imap, int code, const char *what);

#endif

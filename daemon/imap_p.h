/* imap_p.h: the session shared by imap.c and imap_uid.c. */
#ifndef COMPLAINTD_IMAP_P_H
#define COMPLAINTD_IMAP_P_H

#include "imap.h"

#include <libetpan/libetpan.h>

struct imap {
	mailimap *session;
	const struct conf_mailbox *mb;
	const char *auth_method;
	char error[512];
};

/* Records "what failed: the server's answer" and maps libetpan's code to
 * a status. */
enum imap_status imap_fail(struct imap *imap, int code, const char *what);

#endif

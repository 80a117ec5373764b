/*
 * imap_uid: the UID commands — listing new mail with its size, fetching
 * it without marking it read, flagging it \Seen and moving it away.
 */
#include "imap.h"
#include "imap_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A UID set with consecutive runs as ranges: "4:9,12,15:16". */
static struct mailimap_set *
imap_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; set != NULL && i < n;) {
		size_t j = i;
		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		if (mailimap_set_add_interval(set, uids[i], uids[j]) !=
		    MAILIMAP_NO_ERROR) {
			mailimap_set_free(set);
			return NULL;
		}
		i = j + 1;
	}
	return set;
}

static int
imap_compare_uid(const void *a, const void *b)
{
	uint32_t x = ((const struct imap_uid *)a)->uid;
	uint32_t y = ((const struct imap_uid *)b)->uid;

	return x < y ? -1 : x > y;
}

/* The UID, size and body section of one FETCH answer. */
struct imap_item {
	uint32_t uid;
	uint32_t size;
	const char *body;
	size_t len;
};

static void
imap_item_read(struct mailimap_msg_att *att, struct imap_item *item)
{
	memset(item, 0, sizeof(*item));
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		struct mailimap_msg_att_static *st;

		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
		    (st = it->att_data.att_static) == NULL)
			continue;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			item->uid = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE)
			item->size = st->att_data.att_rfc822_size;
		else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
		         st->att_data.att_body_section != NULL) {
			item->body =
			    st->att_data.att_body_section->sec_body_part;
			item->len = st->att_data.att_body_section->sec_length;
		}
	}
}

/* Runs UID FETCH set with the attributes in ft; the answers in *result. */
static enum imap_status
imap_uid_fetch(struct imap *imap, struct mailimap_set *set,
               struct mailimap_fetch_type *ft, clist **result, const char *what)
{
	int rc;

	*result = NULL;
	if (set == NULL || ft == NULL) {
		snprintf(imap->error, sizeof(imap->error), "%s: out of memory",
		         what);
		rc = -1;
	} else {
		rc = mailimap_uid_fetch(imap->session, set, ft, result);
	}
	if (set != NULL)
		mailimap_set_free(set);
	if (ft != NULL)
		mailimap_fetch_type_free(ft);
	if (rc == MAILIMAP_NO_ERROR)
		return IMAP_OK;
	return rc < 0 ? IMAP_TEMPFAIL : imap_fail(imap, rc, what);
}

enum imap_status
imap_list(struct imap *imap, uint32_t after, struct imap_uid **v_r, size_t *n_r)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct imap_uid *v;
	clist *result;
	size_t n = 0;
	enum imap_status st;

	if (ft != NULL) {
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_uid());
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_rfc822_size());
	}
	if (imap->session->imap_selection_info != NULL)
		imap->session->imap_selection_info->sel_exists =
		    IMAP_EXISTS_UNHEARD;
	/* "N:*" always answers the last mail, even below N: filtered. */
	st = imap_uid_fetch(imap, mailimap_set_new_interval(after + 1, 0), ft,
	                    &result, "UID FETCH (UID RFC822.SIZE)");
	if (st != IMAP_OK)
		return st;
	v = calloc(clist_count(result) + 1, sizeof(*v));
	for (clistiter *c = clist_begin(result); v && c; c = clist_next(c)) {
		struct imap_item item;
		imap_item_read(clist_content(c), &item);
		if (item.uid > after)
			v[n++] = (struct imap_uid){item.uid, item.size};
	}
	mailimap_fetch_list_free(result);
	if (v == NULL) {
		snprintf(imap->error, sizeof(imap->error), "out of memory");
		return IMAP_TEMPFAIL;
	}
	qsort(v, n, sizeof(*v), imap_compare_uid);
	*v_r = v;
	*n_r = n;
	return IMAP_OK;
}

static int
imap_compare_mail(const void *a, const void *b)
{
	uint32_t x = ((const struct imap_mail *)a)->uid;
	uint32_t y = ((const struct imap_mail *)b)->uid;

	return x < y ? -1 : x > y;
}

/* The answered mails of result, in UID order, into out. */
static int
imap_batch_fill(clist *result, struct imap_batch *out)
{
	out->v = calloc(clist_count(result) + 1, sizeof(*out->v));
	out->n = 0;
	out->result = result;
	if (out->v == NULL)
		return -1;
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct imap_item item;
		imap_item_read(clist_content(c), &item);
		if (item.uid != 0 && item.body != NULL)
			out->v[out->n++] =
			    (struct imap_mail){item.uid, item.body, item.len};
	}
	qsort(out->v, out->n, sizeof(*out->v), imap_compare_mail);
	return 0;
}

void
imap_batch_free(struct imap_batch *batch)
{
	if (batch->result != NULL)
		mailimap_fetch_list_free(batch->result);
	free(batch->v);
	memset(batch, 0, sizeof(*batch));
}

enum imap_status
imap_fetch(struct imap *imap, const uint32_t *uids, size_t n, bool header_only,
           struct imap_batch *out)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_section *section = header_only
	                                       ? mailimap_section_new_header()
	                                       : mailimap_section_new(NULL);
	clist *result;
	enum imap_status st;

	memset(out, 0, sizeof(*out));
	if (ft != NULL && section != NULL) {
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_uid());
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_body_peek_section(section));
	} else {
		if (section != NULL)
			mailimap_section_free(section);
		if (ft != NULL)
			mailimap_fetch_type_free(ft);
		ft = NULL;
	}
	st = imap_uid_fetch(imap, imap_set(uids, n), ft, &result,
	                    header_only ? "UID FETCH BODY.PEEK[HEADER]"
	                                : "UID FETCH BODY.PEEK[]");
	if (st != IMAP_OK)
		return st;
	if (imap_batch_fill(result, out) != 0) {
		imap_batch_free(out);
		snprintf(imap->error, sizeof(imap->error), "out of memory");
		return IMAP_TEMPFAIL;
	}
	return IMAP_OK;
}

/* UID STORE set +FLAGS.SILENT (flag). */
static enum imap_status
imap_add_flag(struct imap *imap, const uint32_t *uids, size_t n,
              struct mailimap_flag *flag, const char *what)
{
	struct mailimap_flag_list *list = mailimap_flag_list_new_empty();
	struct mailimap_store_att_flags *att = NULL;
	struct mailimap_set *set = imap_set(uids, n);
	int rc = -1;

	if (list != NULL && flag != NULL &&
	    mailimap_flag_list_add(list, flag) == MAILIMAP_NO_ERROR) {
		flag = NULL;
		att = mailimap_store_att_flags_new_add_flags_silent(list);
		if (att != NULL)
			list = NULL;
	}
	if (att != NULL && set != NULL)
		rc = mailimap_uid_store(imap->session, set, att);
	if (flag != NULL)
		mailimap_flag_free(flag);
	if (list != NULL)
		mailimap_flag_list_free(list);
	if (att != NULL)
		mailimap_store_att_flags_free(att);
	if (set != NULL)
		mailimap_set_free(set);
	if (rc == MAILIMAP_NO_ERROR)
		return IMAP_OK;
	return rc < 0 ? IMAP_TEMPFAIL : imap_fail(imap, rc, what);
}

enum imap_status
imap_flag_seen(struct imap *imap, const uint32_t *uids, size_t n)
{
	return imap_add_flag(imap, uids, n, mailimap_flag_new_seen(),
	                     "UID STORE +FLAGS (\\Seen)");
}

/* COPY, \Deleted and EXPUNGE: MOVE for servers without RFC 6851. */
static enum imap_status
imap_copy_delete(struct imap *imap, const uint32_t *uids, size_t n,
                 const char *folder)
{
	struct mailimap_set *set = imap_set(uids, n);
	enum imap_status st;
	int rc = set ? mailimap_uid_copy(imap->session, set, folder) : -1;

	if (rc != MAILIMAP_NO_ERROR) {
		if (set != NULL)
			mailimap_set_free(set);
		return rc < 0 ? IMAP_TEMPFAIL : imap_fail(imap, rc, "UID COPY");
	}
	st = imap_add_flag(imap, uids, n, mailimap_flag_new_deleted(),
	                   "UID STORE +FLAGS (\\Deleted)");
	if (st == IMAP_OK) {
		/* UID EXPUNGE removes only ours, not what others deleted. */
		rc = mailimap_has_extension(imap->session, "UIDPLUS")
		         ? mailimap_uid_expunge(imap->session, set)
		         : mailimap_expunge(imap->session);
		if (rc != MAILIMAP_NO_ERROR)
			st = imap_fail(imap, rc, "EXPUNGE");
	}
	mailimap_set_free(set);
	return st;
}

static enum imap_status
imap_move_once(struct imap *imap, const uint32_t *uids, size_t n,
               const char *folder)
{
	struct mailimap_set *set;
	int rc;

	if (!mailimap_has_extension(imap->session, "MOVE"))
		return imap_copy_delete(imap, uids, n, folder);
	if ((set = imap_set(uids, n)) == NULL)
		return IMAP_TEMPFAIL;
	rc = mailimap_uid_move(imap->session, set, folder);
	mailimap_set_free(set);
	return rc == MAILIMAP_NO_ERROR ? IMAP_OK
	                               : imap_fail(imap, rc, "UID MOVE");
}

enum imap_status
imap_move(struct imap *imap, const uint32_t *uids, size_t n, const char *folder)
{
	enum imap_status st = imap_move_once(imap, uids, n, folder);
	int rc;

	/* A refusal is most often [TRYCREATE] (RFC 3501): the folder does
	 * not exist yet.  Create it once and try again. */
	if (st != IMAP_REFUSED)
		return st;
	rc = mailimap_create(imap->session, folder);
	if (rc != MAILIMAP_NO_ERROR) {
		char what[256];
		snprintf(what, sizeof(what),
		         "CREATE \"%s\" after a refused "
		         "move",
		         folder);
		return imap_fail(imap, rc, what);
	}
	return imap_move_once(imap, uids, n, folder);
}

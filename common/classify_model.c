/*
 * classify_model: the two naive Bayes models read from the store, kept
 * fresh by the store's model version, and taught by agents' corrections
 * and bulk training.
 */
#include "classify.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(CONF_MAX_CATEGORIES <= BAYES_MAX_CLASSES,
               "the model cannot learn every category the config allows");

int
classify_model_init(struct classify_model *model, const struct conf *conf)
{
	const struct conf_strings *cats = &conf->classify.categories;
	size_t n_sev = 0;

	while (conf_severities[n_sev] != NULL)
		n_sev++;
	memset(model, 0, sizeof(*model));
	model->category = bayes_new((const char *const *)cats->v, cats->n);
	model->severity = bayes_new(conf_severities, n_sev);
	if (model->category == NULL || model->severity == NULL) {
		classify_model_clear(model);
		return -1;
	}
	return 0;
}

void
classify_model_clear(struct classify_model *model)
{
	bayes_free(model->category);
	bayes_free(model->severity);
	memset(model, 0, sizeof(*model));
}

/* One stored count; classes no longer configured are skipped. */
static int
classify_model_row(const char *cls, const char *token, long long count,
                   void *arg)
{
	struct bayes_model *m = arg;
	int i = bayes_class_index(m, cls);

	return i < 0 ? 0 : bayes_count(m, (size_t)i, token, count);
}

int
classify_model_load(struct classify_model *model, struct store *store,
                    const struct conf *conf)
{
	struct classify_model fresh;

	if (classify_model_init(&fresh, conf) != 0)
		return -1;
	if (store_model_version(store, &fresh.version) != 0 ||
	    store_model_load(store, "category", classify_model_row,
	                     fresh.category) != 0 ||
	    store_model_load(store, "severity", classify_model_row,
	                     fresh.severity) != 0) {
		classify_model_clear(&fresh);
		return -1;
	}
	classify_model_clear(model);
	*model = fresh;
	return 0;
}

int
classify_model_refresh(struct classify_model *model, struct store *store,
                       const struct conf *conf)
{
	long long version;

	if (store_model_version(store, &version) != 0)
		return -1;
	if (model->category != NULL && version == model->version)
		return 0;
	return classify_model_load(model, store, conf);
}

/* The model of label in model, or NULL. */
static struct bayes_model *
classify_model_of(struct classify_model *model, const char *label)
{
	if (model == NULL)
		return NULL;
	return strcmp(label, "category") == 0 ? model->category
	                                      : model->severity;
}

static int
classify_model_change(struct store *store, struct classify_model *model,
                      const char *label, const char *cls,
                      const struct bayes_doc *doc, int delta)
{
	struct bayes_model *m = classify_model_of(model, label);
	int i = m ? bayes_class_index(m, cls) : -1;

	if (store_model_learn(store, label, cls, doc->tokens, doc->n, delta))
		return -1;
	if (i >= 0 && bayes_learn(m, (size_t)i, doc, delta) != 0)
		return -1;
	/* The store's version moved with our own change: no reload. */
	if (model != NULL)
		return store_model_version(store, &model->version);
	return 0;
}

int
classify_model_teach(struct store *store, struct classify_model *model,
                     long long ticket_id, const char *label, const char *cls,
                     const struct bayes_doc *doc)
{
	char *before = NULL;
	int rc;

	if (ticket_id > 0 &&
	    store_model_taught(store, ticket_id, label, &before) < 0)
		return -1;
	if (before != NULL && strcmp(before, cls) == 0) {
		free(before);
		return 0;
	}
	rc = before != NULL
	         ? classify_model_change(store, model, label, before, doc, -1)
	         : 0;
	free(before);
	if (rc == 0)
		rc = classify_model_change(store, model, label, cls, doc, 1);
	if (rc == 0 && ticket_id > 0)
		rc = store_model_set_taught(store, ticket_id, label, cls);
	return rc;
}

size_t
classify_model_memory(const struct classify_model *model)
{
	size_t n = 0;

	if (model->category != NULL)
		n += bayes_memory(model->category);
	if (model->severity != NULL)
		n += bayes_memory(model->severity);
	return n;
}

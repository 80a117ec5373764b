/*
 * kwmatch: an Aho-Corasick automaton over the bytes of the match form.
 * Word boundaries cost nothing at scan time: a keyword that begins with a
 * Latin letter or digit is stored with the space before it (the match
 * form puts one around every word), and one that ends with one, unless it
 * is a prefix ("refund*"), with the space after it.
 */
#include "kwmatch.h"
#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct kw_edge {
	uint32_t key; /* node << 8 | byte; 0 marks a free slot (the root
	                 has its own table) */
	uint32_t child;
};

struct kw_set {
	/* Per node. */
	uint32_t *fail;
	uint32_t *dict; /* next node on the fail chain with a keyword, 0 */
	int32_t *out;   /* keyword ending here, or -1 */
	uint16_t *depth;
	uint32_t *parent;
	unsigned char *byte; /* the byte from the parent */
	size_t n_nodes, cap_nodes;

	uint32_t root[256];    /* the root's children, dense: most scans stay
	                          near the root */
	struct kw_edge *edges; /* the other nodes' children, hashed */
	size_t edge_mask;      /* slots - 1; a power of two minus one */
	size_t n_edges;

	char **patterns; /* per keyword id, for deduplication */
	size_t n_keywords;
};

static size_t
kw_hash(uint32_t key, size_t mask)
{
	return (size_t)(key * 2654435761u) & mask;
}

static uint32_t
kw_child(const struct kw_set *set, uint32_t node, unsigned char c)
{
	uint32_t key = node << 8 | c;
	size_t i;

	if (node == 0)
		return set->root[c];
	for (i = kw_hash(key, set->edge_mask); set->edges[i].key != 0;
	     i = (i + 1) & set->edge_mask)
		if (set->edges[i].key == key)
			return set->edges[i].child;
	return 0;
}

static int
kw_edges_grow(struct kw_set *set)
{
	size_t slots = (set->edge_mask + 1) * 2, old = set->edge_mask + 1;
	struct kw_edge *edges = calloc(slots, sizeof(*edges)), *prev;

	if (edges == NULL)
		return -1;
	prev = set->edges;
	set->edges = edges;
	set->edge_mask = slots - 1;
	for (size_t i = 0; i < old; i++) {
		size_t j;
		if (prev[i].key == 0)
			continue;
		for (j = kw_hash(prev[i].key, set->edge_mask);
		     edges[j].key != 0; j = (j + 1) & set->edge_mask)
			;
		edges[j] = prev[i];
	}
	free(prev);
	return 0;
}

static int
kw_node_new(struct kw_set *set, uint32_t parent, unsigned char c,
            uint32_t *node_r)
{
	size_t n = set->n_nodes;

	if (n == set->cap_nodes) {
		size_t cap = n ? n * 2 : 256;
		void *p[6] = {
		    realloc(set->fail, cap * sizeof(*set->fail)),
		    NULL,
		    NULL,
		    NULL,
		    NULL,
		    NULL,
		};
		if (p[0] != NULL)
			set->fail = p[0];
		if ((p[1] = realloc(set->dict, cap * sizeof(*set->dict))))
			set->dict = p[1];
		if ((p[2] = realloc(set->out, cap * sizeof(*set->out))))
			set->out = p[2];
		if ((p[3] = realloc(set->depth, cap * sizeof(*set->depth))))
			set->depth = p[3];
		if ((p[4] = realloc(set->parent, cap * sizeof(*set->parent))))
			set->parent = p[4];
		if ((p[5] = realloc(set->byte, cap)))
			set->byte = p[5];
		for (int i = 0; i < 6; i++)
			if (p[i] == NULL)
				return -1;
		set->cap_nodes = cap;
	}
	set->fail[n] = set->dict[n] = 0;
	set->out[n] = -1;
	set->depth[n] = n == 0 ? 0 : set->depth[parent] + 1;
	set->parent[n] = parent;
	set->byte[n] = c;
	set->n_nodes++;
	*node_r = (uint32_t)n;
	return 0;
}

struct kw_set *
kw_set_new(void)
{
	struct kw_set *set = calloc(1, sizeof(*set));
	uint32_t root;

	if (set == NULL)
		return NULL;
	set->edge_mask = 255;
	if ((set->edges = calloc(256, sizeof(*set->edges))) == NULL ||
	    kw_node_new(set, 0, 0, &root) != 0) {
		kw_set_free(set);
		return NULL;
	}
	return set;
}

void
kw_set_free(struct kw_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n_keywords; i++)
		free(set->patterns[i]);
	free(set->patterns);
	free(set->fail);
	free(set->dict);
	free(set->out);
	free(set->depth);
	free(set->parent);
	free(set->byte);
	free(set->edges);
	free(set);
}

static bool
kw_is_latin(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The bytes to look for: the match form, with the boundary spaces a
 * Latin start or end needs.  Caller frees; NULL when nothing is left. */
static char *
kw_pattern(const char *keyword)
{
	size_t len = strlen(keyword);
	bool prefix = len > 1 && keyword[len - 1] == '*';
	char *copy = strndup(keyword, prefix ? len - 1 : len), *form, *p;

	if (copy == NULL)
		return NULL;
	form = tok_match_form(copy);
	free(copy);
	/* Depths are 16-bit; no keyword is anywhere near that long. */
	if (form == NULL || strcmp(form, " ") == 0 || strlen(form) > 1000) {
		free(form);
		return NULL;
	}
	/* form is " words "; keep each space only beside a Latin end. */
	len = strlen(form);
	if (prefix || !kw_is_latin((unsigned char)form[len - 2]))
		form[--len] = '\0';
	p = form;
	if (!kw_is_latin((unsigned char)form[1]))
		p++;
	memmove(form, p, strlen(p) + 1);
	return form;
}

static int
kw_insert(struct kw_set *set, const char *pattern, int32_t id)
{
	uint32_t node = 0;

	for (const unsigned char *c = (const unsigned char *)pattern; *c; c++) {
		uint32_t next = kw_child(set, node, *c);
		if (next == 0) {
			if (kw_node_new(set, node, *c, &next) != 0)
				return -1;
			if (node == 0) {
				set->root[*c] = next;
			} else {
				size_t i;
				if ((set->n_edges + 1) * 2 > set->edge_mask &&
				    kw_edges_grow(set) != 0)
					return -1;
				for (i = kw_hash(node << 8 | *c,
				                 set->edge_mask);
				     set->edges[i].key != 0;
				     i = (i + 1) & set->edge_mask)
					;
				set->edges[i].key = node << 8 | *c;
				set->edges[i].child = next;
				set->n_edges++;
			}
		}
		node = next;
	}
	set->out[node] = id;
	return 0;
}

int
kw_set_add(struct kw_set *set, const char *keyword)
{
	char *pattern = kw_pattern(keyword), **patterns;

	if (pattern == NULL)
		return -1;
	for (size_t i = 0; i < set->n_keywords; i++)
		if (strcmp(set->patterns[i], pattern) == 0) {
			free(pattern);
			return (int)i;
		}
	patterns =
	    realloc(set->patterns, (set->n_keywords + 1) * sizeof(*patterns));
	if (patterns == NULL ||
	    kw_insert(set, pattern, (int32_t)set->n_keywords) != 0) {
		if (patterns != NULL)
			set->patterns = patterns;
		free(pattern);
		return -1;
	}
	set->patterns = patterns;
	set->patterns[set->n_keywords] = pattern;
	return (int)set->n_keywords++;
}

int
kw_set_build(struct kw_set *set)
{
	uint32_t *order = malloc(set->n_nodes * sizeof(*order));
	size_t n = 0;

	if (order == NULL)
		return -1;
	/* Breadth first: a node's fail link points at a shallower node. */
	for (uint16_t d = 1; n + 1 < set->n_nodes; d++)
		for (size_t v = 1; v < set->n_nodes; v++)
			if (set->depth[v] == d)
				order[n++] = (uint32_t)v;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = order[i], u = set->parent[v], f = 0;
		unsigned char c = set->byte[v];

		if (u != 0) {
			f = set->fail[u];
			while (f != 0 && kw_child(set, f, c) == 0)
				f = set->fail[f];
			f = kw_child(set, f, c);
		}
		set->fail[v] = f;
		set->dict[v] = set->out[f] >= 0 ? f : set->dict[f];
	}
	free(order);
	return 0;
}

size_t
kw_set_count(const struct kw_set *set)
{
	return set->n_keywords;
}

void
kw_set_scan(const struct kw_set *set, const char *match_form,
            unsigned char *hits)
{
	uint32_t node = 0;

	for (const unsigned char *c = (const unsigned char *)match_form; *c;
	     c++) {
		uint32_t next;
		while ((next = kw_child(set, node, *c)) == 0 && node != 0)
			node = set->fail[node];
		node = next;
		if (set->out[node] >= 0)
			hits[set->out[node]] = 1;
		for (uint32_t d = set->dict[node]; d != 0; d = set->dict[d])
			hits[set->out[d]] = 1;
	}
}

/*
 * report_stats: the arithmetic of the report's figures — distributions
 * (mean, median, 90th percentile by nearest rank) and ratios.
 */
#include "report_p.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
report_push(struct report_samples *s, double x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		double *v = realloc(s->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	return 0;
}

static int
report_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The value at rank ceil(q * n) of the sorted v (nearest rank). */
static double
report_rank(const double *v, size_t n, double q)
{
	size_t rank = (size_t)ceil(q * (double)n);

	return v[rank > 0 ? rank - 1 : 0];
}

void
report_stats(struct report_samples *s, struct report_stats *out)
{
	double sum = 0;

	memset(out, 0, sizeof(*out));
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), report_cmp_double);
	for (size_t i = 0; i < s->n; i++)
		sum += s->v[i];
	out->n = s->n;
	out->mean = sum / (double)s->n;
	out->median = report_rank(s->v, s->n, 0.5);
	out->p90 = report_rank(s->v, s->n, 0.9);
}

void
report_ratio(struct report_ratio *r)
{
	r->value = r->den > 0 ? (double)r->num / (double)r->den : -1;
}

void
report_acc_free(struct report_acc *a)
{
	free(a->frt.v);
	free(a->frt_b.v);
	free(a->rt.v);
	free(a->rt_b.v);
}

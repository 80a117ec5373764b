/*
 * ctl_survey: a ticket's satisfaction survey as "complaintctl show"
 * prints it.
 */
#include "ctl.h"

#include "store.h"

#include <stdio.h>
#include <string.h>

void
ctl_survey_json(FILE *out, const struct store_survey *s)
{
	if (s == NULL) {
		fputs(",\"survey\":null", out);
		return;
	}
	fputs(",\"survey\":{", out);
	ctl_json_field(out, true, "status", s->status);
	ctl_json_field(out, false, "skip_reason", s->skip_reason);
	ctl_json_int(out, false, "due", s->due);
	ctl_json_int(out, false, "sent", s->sent);
	ctl_json_field(out, false, "recipient", s->recipient);
	ctl_json_int(out, false, "answered", s->answered);
	ctl_json_int(out, false, "answers", s->answers);
	ctl_json_int(out, false, "rating", s->rating);
	ctl_json_int(out, false, "nps", s->nps);
	ctl_json_int(out, false, "speed", s->speed);
	ctl_json_int(out, false, "result", s->result);
	ctl_json_int(out, false, "overall", s->overall);
	fprintf(out, ",\"composite\":%.2f", s->composite);
	ctl_json_field(out, false, "comment", s->comment);
	fputs("}", out);
}

/* "rating 4/5, recommend 9/10, speed 4 result 5 overall 3 (mean 4.0)" */
static void
ctl_survey_scores(const struct store_survey *s, char *buf, size_t size)
{
	int o = s->rating > 0 ? snprintf(buf, size, "rating %d/5", s->rating)
	                      : snprintf(buf, size, "no rating");

	if (s->nps >= 0 && o > 0 && (size_t)o < size)
		o += snprintf(buf + o, size - (size_t)o, ", recommend %d/10",
		              s->nps);
	if (s->composite >= 0 && o > 0 && (size_t)o < size)
		snprintf(buf + o, size - (size_t)o,
		         ", speed %d result %d overall %d (mean %.1f)",
		         s->speed, s->result, s->overall, s->composite);
}

void
ctl_survey_text(const struct store_survey *s)
{
	char when[32], scores[160];

	if (s->sent < 0) {
		printf("%-10s %s %s%s%s\n", "Survey",
		       s->status[0] == 's' && s->status[1] == 'k' ? "skipped"
		                                                  : "due",
		       s->skip_reason ? "("
		                      : ctl_time(s->due, when, sizeof(when)),
		       s->skip_reason ? s->skip_reason : "",
		       s->skip_reason ? ")" : "");
		return;
	}
	printf("%-10s sent %s to %s\n", "Survey",
	       ctl_time(s->sent, when, sizeof(when)),
	       s->recipient ? s->recipient : "-");
	if (s->answered < 0) {
		printf("%-10s not yet\n", "Answer");
		return;
	}
	ctl_survey_scores(s, scores, sizeof(scores));
	printf("%-10s %s, %s (%d answer%s)\n", "Answer",
	       ctl_time(s->answered, when, sizeof(when)), scores, s->answers,
	       s->answers == 1 ? "" : "s");
	if (s->comment != NULL)
		printf("%-10s %s\n", "Comment", s->comment);
}

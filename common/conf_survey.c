/*
 * conf_survey: the "survey" section — when a closed ticket's customer is
 * asked how it went, what the survey asks, and what a low rating does.
 */
#include "conf.h"
#include "conf_p.h"

#include <stddef.h>

static const char *const conf_survey_on_lows[] = {"notify", "reopen", NULL};

static const struct conf_key conf_survey_keys[] = {
    KEY(struct conf_survey, enabled, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_survey, delay, CONF_KIND_DURATION, .def = "24h", .min = 0,
        .max = 90L * 86400),
    KEY(struct conf_survey, nps, CONF_KIND_BOOL, .def = "false"),
    KEY(struct conf_survey, aspects, CONF_KIND_BOOL, .def = "false"),
    KEY(struct conf_survey, low_rating, CONF_KIND_INT, .def = "2", .min = 1,
        .max = 4),
    KEY(struct conf_survey, on_low, CONF_KIND_ENUM, .def = "notify",
        .choices = conf_survey_on_lows),
    KEY(struct conf_survey, throttle, CONF_KIND_DURATION, .def = "30d",
        .min = 0, .max = 365L * 86400),
    KEY(struct conf_survey, answer_for, CONF_KIND_DURATION, .def = "90d",
        .min = 86400, .max = 3650L * 86400),
    KEY_END,
};

const struct conf_section conf_survey_sections[] = {
    {.name = "survey",
     .keys = conf_survey_keys,
     .offset = offsetof(struct conf, survey)},
    {.name = NULL},
};

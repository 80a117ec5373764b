"""Satisfaction surveys against the lab: the whole life of a complaint —
mail, ticket, acknowledgement, an agent's reply (by complaintctl, or by
mail with "#status"), the customer's answer, closing — then the survey a
few seconds later through the real SMTP sink, and the customer's answer
("4，还可以", or one click on a mailto: link) recorded on it without a
new ticket.  Then the edge cases: a ticket reopened before the survey
went, one survey per customer within the throttle, an answer without a
rating, an answer after a merge, a low rating (the lead is told), an
"unsubscribe", and a stranger using an agent's name."""

import email
import email.policy
import json
import subprocess
import time
import urllib.parse

import lab as lablib
from test_outbound import parsed, start, to_customer, wait_count

PEOPLE = """
agents = ( { name = "alice"; address = "alice@example.com"; },
           { name = "carol"; address = "carol@example.com"; role = "lead"; } );
teams = ( { name = "care"; address = "care@example.com"; lead = "carol";
            members = [ "alice" ]; } );
classify = { default_team = "care"; };
"""


def survey_conf(delay="1s", extra=""):
    return PEOPLE + 'survey = { delay = "%s"; %s };\n' % (delay, extra)


def ctl(ctl_bin, conf, *args, ok=True):
    r = subprocess.run([ctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=30)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def show(ctl_bin, conf, ticket):
    return json.loads(ctl(ctl_bin, conf, "show", str(ticket)).stdout)


def surveys_to(lab, address):
    return [i for i in to_customer(lab, address)
            if "S" in str(parsed(i)["Subject"]).split("]")[-1]
            and parsed(i)["Auto-Submitted"] == "auto-generated"]


def body_of(item):
    return parsed(item).get_body(("plain",)).get_content()


def answer(n, sender, to_mail, text, subject=None):
    """The customer's reply to one of our mails (a parsed message)."""
    return lablib.sample_message(
        n, sender=sender, message_id="<a%d.%f@example.net>" % (n, time.time()),
        subject=subject or "Re: " + str(to_mail["Subject"]), body=text,
        extra_headers=[("In-Reply-To", to_mail["Message-ID"]),
                       ("References", to_mail["Message-ID"])])


def click(n, sender, survey, which):
    """What a mail client sends for the survey's link named which (a
    substring of its line): To, Subject and body from the mailto: URL,
    no threading headers."""
    line = [l for l in body_of(survey).splitlines()
            if which in l and "mailto:" in l][0]
    url = urllib.parse.urlparse(line[line.index("mailto:"):].strip())
    query = urllib.parse.parse_qs(url.query)
    return lablib.sample_message(
        n, sender=sender, to=url.path, subject=query["subject"][0],
        body=query["body"][0])


def complain(lab, n, sender, subject="Kettle broken"):
    lab.inject("support", [lablib.sample_message(
        n, sender=sender, subject=subject,
        message_id="<c%d.%f@example.net>" % (n, time.time()))])


def test_whole_life_by_complaintctl(lab, complaintd_bin, complaintctl_bin,
                                    tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf())
    c = complaintctl_bin
    ann = "ann@example.net"
    try:
        complain(lab, 1, "Ann Lee <%s>" % ann)
        ack = parsed(wait_count(lambda: to_customer(lab, ann), 1)[0])
        assert ack["Subject"].startswith("[TEST #1]")
        ctl(c, d.conf, "reply", "1", "-m", "A new kettle is on its way.",
            "--as", "alice")
        reply = parsed(wait_count(lambda: to_customer(lab, ann), 2)[1])
        assert reply["In-Reply-To"] and "[TEST #1]" in reply["Subject"]
        lab.inject("support", [answer(2, ann, reply, "Thanks, it came.")])
        d.wait_log(r"event=message.appended ticket=1 .*by=in-reply-to")
        ctl(c, d.conf, "status", "1", "closed", "--as", "alice")
        survey = parsed(wait_count(lambda: to_customer(lab, ann), 3)[2])
        assert survey["Subject"].startswith("[TEST #1] ")
        assert " S1-" in survey["Subject"]
        assert survey["Auto-Submitted"] == "auto-generated"
        text = survey.get_body(("plain",)).get_content()
        assert text.count("mailto:support@") == 6  # 5 ratings, unsubscribe
        assert "recommend" not in text  # NPS not asked by default
        shown = show(c, d.conf, 1)
        assert shown["survey"]["status"] == "sent"
        assert shown["survey"]["recipient"] == ann
        # The customer answers in Chinese, with a comment.
        lab.inject("support", [answer(3, ann, survey, "4，还可以\n")])
        d.wait_log(r"event=survey.answered ticket=1 ")
        shown = show(c, d.conf, 1)
        assert shown["survey"]["rating"] == 4
        assert shown["survey"]["comment"] == "还可以"
        assert shown["status"] == "closed"
        assert [t["id"] for t in json.loads(
            ctl(c, d.conf, "list").stdout)] == [1]
        assert "survey.answered" in [e["kind"] for e in shown["events"]]
        # Nothing goes back to the customer for an answer.
        time.sleep(1)
        assert len(to_customer(lab, ann)) == 3
    finally:
        d.close()


def test_whole_life_by_agent_mail(lab, complaintd_bin, complaintctl_bin,
                                  tmp_path):
    d = start(complaintd_bin, tmp_path, lab,
              extra=survey_conf(extra="nps = true;"))
    c = complaintctl_bin
    bo = "bo@example.net"
    try:
        complain(lab, 11, "Bo <%s>" % bo)
        wait_count(lambda: to_customer(lab, bo), 1)
        notice = parsed(wait_count(
            lambda: to_customer(lab, "alice@example.com"), 1)[0])
        lab.inject("support", [answer(
            12, "Alice <alice@example.com>", notice,
            "Dear Bo, a new kettle is on its way.\n\n> quoted notice\n")])
        relayed = parsed(wait_count(lambda: to_customer(lab, bo), 2)[1])
        lab.inject("support", [answer(13, bo, relayed, "Got it, thanks!")])
        d.wait_log(r"event=message.appended ticket=1 .*by=in-reply-to",
                   count=1)
        lab.inject("support", [answer(
            14, "alice@example.com", notice, "#status closed\n")])
        survey = wait_count(lambda: to_customer(lab, bo), 3)[2]
        assert " S1-" in str(parsed(survey)["Subject"])
        assert "Recommend" in body_of(survey) or "recommend" in body_of(survey)
        # One click: the client writes what the link says.
        lab.inject("support", [click(15, bo, survey, "very satisfied")])
        d.wait_log(r"event=survey.answered ticket=1 ")
        lab.inject("support", [click(16, bo, survey, " 9  mailto:")])
        d.wait_log(r"event=survey.answered ticket=1 ", count=2)
        s = show(c, d.conf, 1)["survey"]
        assert (s["rating"], s["nps"], s["answers"]) == (5, 9, 2)
        assert show(c, d.conf, 1)["status"] == "closed"
    finally:
        d.close()


def close_now(c, conf, ticket):
    ctl(c, conf, "status", str(ticket), "closed", "--as", "alice")


def test_reopened_before_sending_gets_no_survey(lab, complaintd_bin,
                                                complaintctl_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf("3s"))
    c = complaintctl_bin
    try:
        complain(lab, 21, "cy@example.net")
        wait_count(lambda: to_customer(lab, "cy@example.net"), 1)
        close_now(c, d.conf, 1)
        assert show(c, d.conf, 1)["survey"]["status"] == "scheduled"
        ctl(c, d.conf, "reopen", "1", "--as", "alice")
        d.wait_log(r"event=survey.skipped ticket=1 .*reopened", timeout=15)
        s = show(c, d.conf, 1)["survey"]
        assert s["status"] == "skipped" and "reopened" in s["skip_reason"]
        assert len(to_customer(lab, "cy@example.net")) == 1
        # Closed again: scheduled again, and this time it goes.
        close_now(c, d.conf, 1)
        wait_count(lambda: to_customer(lab, "cy@example.net"), 2)
        assert show(c, d.conf, 1)["survey"]["status"] == "sent"
    finally:
        d.close()


def test_one_survey_per_customer_within_the_throttle(
        lab, complaintd_bin, complaintctl_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf())
    c = complaintctl_bin
    try:
        complain(lab, 31, "dee@example.net", "Kettle broken")
        complain(lab, 32, "dee@example.net", "Toaster broken")
        d.wait_log(r"event=ticket.created", count=2)
        close_now(c, d.conf, 1)
        d.wait_log(r"event=survey.queued ticket=1 ")
        close_now(c, d.conf, 2)
        d.wait_log(r"event=survey.skipped ticket=2 .*had a survey lately")
        assert show(c, d.conf, 2)["survey"]["status"] == "skipped"
        time.sleep(0.5)
        sent = [i for i in to_customer(lab, "dee@example.net")
                if "How did we do" in str(parsed(i)["Subject"])]
        assert len(sent) == 1
    finally:
        d.close()


def test_answers_without_rating_after_merge_and_low(
        lab, complaintd_bin, complaintctl_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf())
    c = complaintctl_bin
    eve, fay = "eve@example.net", "fay@example.net"
    try:
        complain(lab, 41, eve, "Kettle broken")
        complain(lab, 42, fay, "Lamp broken")
        complain(lab, 43, fay, "Lamp still broken")
        d.wait_log(r"event=ticket.created", count=3)
        for t in (1, 2):
            close_now(c, d.conf, t)
        survey_eve = parsed(wait_count(lambda: to_customer(lab, eve), 2)[1])
        survey_fay = parsed(wait_count(lambda: to_customer(lab, fay), 3)[2])
        # No rating at all: kept as a comment.
        lab.inject("support", [answer(
            44, eve, survey_eve, "The courier was rude to me.\n")])
        d.wait_log(r"event=survey.answered ticket=1 ")
        s = show(c, d.conf, 1)["survey"]
        assert s["rating"] == -1
        assert s["comment"] == "The courier was rude to me."
        # Ticket 2 merged into 3 after its survey went: the answer still
        # lands on 2's survey, and 3 stays as it is.
        ctl(c, d.conf, "merge", "2", "3", "--as", "alice")
        lab.inject("support", [answer(
            45, fay, survey_fay, "1 - the lamp is still broken\n")])
        d.wait_log(r"event=survey.answered ticket=2 ")
        s = show(c, d.conf, 2)["survey"]
        assert (s["rating"], s["comment"]) == (1, "the lamp is still broken")
        assert show(c, d.conf, 3)["status"] == "new"
        assert len(json.loads(ctl(c, d.conf, "list").stdout)) == 3
        # A rating at or below 2: the team's lead hears of it, once.
        low = parsed(wait_count(
            lambda: [i for i in to_customer(lab, "carol@example.com")
                     if "Low satisfaction" in str(parsed(i)["Subject"])],
            1)[0])
        assert "[TEST #2]" in low["Subject"]
        assert "the lamp is still broken" in low.get_body(
            ("plain",)).get_content()
        lab.inject("support", [answer(46, fay, survey_fay, "2\n")])
        d.wait_log(r"event=survey.answered ticket=2 ", count=2)
        assert show(c, d.conf, 2)["survey"]["rating"] == 2
        time.sleep(1)
        assert len([i for i in to_customer(lab, "carol@example.com")
                    if "Low satisfaction" in str(parsed(i)["Subject"])]) == 1
    finally:
        d.close()


def test_low_rating_can_reopen(lab, complaintd_bin, complaintctl_bin,
                               tmp_path):
    d = start(complaintd_bin, tmp_path, lab,
              extra=survey_conf(extra='on_low = "reopen"; low_rating = 3;'))
    c = complaintctl_bin
    gus = "gus@example.net"
    try:
        complain(lab, 51, gus)
        wait_count(lambda: to_customer(lab, gus), 1)
        close_now(c, d.conf, 1)
        survey = wait_count(lambda: to_customer(lab, gus), 2)[1]
        lab.inject("support", [click(52, gus, survey, "neutral")])
        d.wait_log(r"event=survey.answered ticket=1 ")
        shown = show(c, d.conf, 1)
        assert shown["survey"]["rating"] == 3
        assert shown["status"] == "open"
        assert "survey.low" in [e["kind"] for e in shown["events"]]
    finally:
        d.close()


def test_unsubscribe_ends_surveys(lab, complaintd_bin, complaintctl_bin,
                                  tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf(
        extra='throttle = "0s";'))
    c = complaintctl_bin
    hal = "hal@example.net"
    try:
        complain(lab, 61, hal, "Kettle broken")
        complain(lab, 62, hal, "Toaster broken")
        d.wait_log(r"event=ticket.created", count=2)
        close_now(c, d.conf, 1)
        survey = wait_count(lambda: surveys_to(lab, hal), 1)[0]
        lab.inject("support", [click(63, hal, survey, "unsubscribe")])
        d.wait_log(r"event=survey.answered ticket=1 ")
        assert json.loads(ctl(c, d.conf, "customer", hal).stdout)[
            "surveys"] is False
        close_now(c, d.conf, 2)
        d.wait_log(r"event=survey.skipped ticket=2 .*no surveys")
        assert len(surveys_to(lab, hal)) == 1
        # complaintctl turns them on again.
        ctl(c, d.conf, "customer", hal, "--surveys")
        assert json.loads(ctl(c, d.conf, "customer", hal).stdout)[
            "surveys"] is True
    finally:
        d.close()


def test_stranger_with_an_agents_name_closes_nothing(
        lab, complaintd_bin, complaintctl_bin, tmp_path):
    """Someone else answering our notice under the agent's name is
    customer mail: "#status closed" is text, nothing closes, no survey."""
    d = start(complaintd_bin, tmp_path, lab, extra=survey_conf())
    c = complaintctl_bin
    try:
        complain(lab, 71, "ivy@example.net")
        notice = parsed(wait_count(
            lambda: to_customer(lab, "alice@example.com"), 1)[0])
        lab.inject("support", [answer(
            72, "Alice <alice@evil.example>", notice, "#status closed\n")])
        line = d.wait_log(r"event=message.appended ticket=1 "
                          r".*from=alice@evil")[0]
        assert " agent=" not in line
        time.sleep(2)
        shown = show(c, d.conf, 1)
        assert shown["status"] != "closed"
        assert shown["survey"] is None
        assert "ticket.status" not in [e["kind"] for e in shown["events"]]
    finally:
        d.close()

/*
 * store_schema: the schema as a list of migrations.  Migration N brings a
 * database from user_version N-1 to N; a released migration is never
 * edited, only followed by a new one.
 */
#include "store_p.h"

#include <stddef.h>

static const char store_migration_1[] =
    /* One row per configured mailbox and UIDVALIDITY epoch: the cursor. */
    "CREATE TABLE mailboxes ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " uidvalidity INTEGER NOT NULL,"
    " last_uid INTEGER NOT NULL DEFAULT 0,"
    " first_seen INTEGER NOT NULL,"
    " last_fetch INTEGER,"
    " UNIQUE (name, uidvalidity));"

    "CREATE TABLE customers ("
    " id INTEGER PRIMARY KEY,"
    " address TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " name TEXT,"
    " tier TEXT NOT NULL DEFAULT 'standard',"
    " tags TEXT NOT NULL DEFAULT '',"
    " created INTEGER NOT NULL);"

    "CREATE TABLE tickets ("
    " id INTEGER PRIMARY KEY,"
    " customer_id INTEGER NOT NULL REFERENCES customers(id),"
    " subject TEXT NOT NULL DEFAULT '',"
    " category TEXT,"
    " severity TEXT,"
    " priority INTEGER NOT NULL DEFAULT 0,"
    " status TEXT NOT NULL DEFAULT 'new' CHECK (status IN"
    "  ('new','open','pending','resolved','closed')),"
    " team TEXT,"
    " assignee TEXT,"
    " mailbox TEXT,"
    " language TEXT,"
    " order_number TEXT,"
    " expected_resolution TEXT,"
    " tags TEXT NOT NULL DEFAULT '',"
    " linked_ticket_id INTEGER REFERENCES tickets(id),"
    " created INTEGER NOT NULL,"
    " updated INTEGER NOT NULL,"
    " first_response INTEGER,"
    " resolved INTEGER,"
    " closed INTEGER,"
    " first_response_due INTEGER,"
    " next_response_due INTEGER,"
    " resolution_due INTEGER,"
    " sla_paused_since INTEGER,"
    " sla_paused_total INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX tickets_status ON tickets(status);"
    "CREATE INDEX tickets_customer ON tickets(customer_id);"

    /*
     * Every mail in either direction.  Raw bytes stay so a ticket can
     * always be parsed again; (mailbox_id, uid) says where it came from.
     */
    "CREATE TABLE messages ("
    " id INTEGER PRIMARY KEY,"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " direction TEXT NOT NULL CHECK (direction IN ('in','out')),"
    " kind TEXT NOT NULL DEFAULT 'mail',"
    " message_id TEXT UNIQUE,"
    " raw_sha256 TEXT NOT NULL,"
    " in_reply_to TEXT,"
    " refs TEXT,"
    " from_addr TEXT,"
    " from_name TEXT,"
    " to_addrs TEXT,"
    " cc_addrs TEXT,"
    " subject TEXT,"
    " date INTEGER,"
    " received INTEGER NOT NULL,"
    " body_text TEXT,"
    " parse_warnings TEXT,"
    " auto_markers TEXT,"
    " mailbox_id INTEGER REFERENCES mailboxes(id),"
    " uid INTEGER,"
    " server_action_done INTEGER NOT NULL DEFAULT 0,"
    " raw BLOB NOT NULL);"
    "CREATE INDEX messages_ticket ON messages(ticket_id);"
    "CREATE UNIQUE INDEX messages_sha ON messages(raw_sha256)"
    " WHERE message_id IS NULL;"
    "CREATE UNIQUE INDEX messages_uid ON messages(mailbox_id, uid)"
    " WHERE uid IS NOT NULL;"

    "CREATE TABLE attachments ("
    " id INTEGER PRIMARY KEY,"
    " message_id INTEGER NOT NULL REFERENCES messages(id),"
    " filename TEXT,"
    " content_type TEXT NOT NULL,"
    " size INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " data BLOB);"
    "CREATE INDEX attachments_message ON attachments(message_id);"

    /*
     * The audit trail.  dedupe_key makes "this escalation/survey fired"
     * a fact that survives restarts: a second insert fails.
     */
    "CREATE TABLE events ("
    " id INTEGER PRIMARY KEY,"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " time INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " actor TEXT,"
    " detail TEXT,"
    " dedupe_key TEXT UNIQUE);"
    "CREATE INDEX events_ticket ON events(ticket_id);"

    "CREATE TABLE outbox ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " recipient TEXT NOT NULL,"
    " raw BLOB NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN"
    "  ('queued','sent','failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " created INTEGER NOT NULL,"
    " next_attempt INTEGER NOT NULL,"
    " sent INTEGER,"
    " last_error TEXT);"
    "CREATE INDEX outbox_due ON outbox(status, next_attempt);"

    "CREATE TABLE surveys ("
    " id INTEGER PRIMARY KEY,"
    " ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),"
    " token TEXT NOT NULL UNIQUE,"
    " sent INTEGER,"
    " answered INTEGER,"
    " rating INTEGER CHECK (rating BETWEEN 1 AND 5),"
    " nps INTEGER CHECK (nps BETWEEN 0 AND 10),"
    " comment TEXT);"

    /* Naive Bayes counts: label is 'category' or 'severity'. */
    "CREATE TABLE model ("
    " label TEXT NOT NULL,"
    " class TEXT NOT NULL,"
    " token TEXT NOT NULL,"
    " count INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (label, class, token)) WITHOUT ROWID;";

static const char store_migration_2[] =
    /* Secrets the desk makes for itself (the thread-token HMAC key). */
    "CREATE TABLE settings ("
    " key TEXT PRIMARY KEY,"
    " value BLOB NOT NULL) WITHOUT ROWID;"

    /* Who may thread into a ticket by its subject tag. */
    "CREATE TABLE participants ("
    " ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
    " address TEXT NOT NULL COLLATE NOCASE,"
    " PRIMARY KEY (ticket_id, address)) WITHOUT ROWID;"

    /*
     * UIDs whose after-fetch action (flag, move) is still to be done on
     * the server: written with the ingest, deleted once the server took
     * the action, so a crash in between only repeats the action.
     */
    "CREATE TABLE pending_actions ("
    " mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),"
    " uid INTEGER NOT NULL,"
    " PRIMARY KEY (mailbox_id, uid)) WITHOUT ROWID;"

    /*
     * Mail an agent should look at: parsed with warnings, or too large to
     * fetch.  status: open, refetch (the fetcher should fetch it again),
     * resolved.
     */
    "CREATE TABLE quarantine ("
    " id INTEGER PRIMARY KEY,"
    " message_row INTEGER REFERENCES messages(id),"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " mailbox TEXT,"
    " uidvalidity INTEGER,"
    " uid INTEGER,"
    " size INTEGER,"
    " reason TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
    "  ('open','refetch','resolved')),"
    " created INTEGER NOT NULL,"
    " updated INTEGER NOT NULL);"
    "CREATE INDEX quarantine_status ON quarantine(status);"

    /* The subject without reply prefixes and tags, for threading. */
    "ALTER TABLE tickets ADD COLUMN subject_norm TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX tickets_subject ON tickets(customer_id, subject_norm);"
    "CREATE INDEX tickets_created ON tickets(created);";

static const char store_migration_3[] =
    /*
     * The outbox as the sender needs it: the stored copy of the mail,
     * envelope sender, Message-ID and subject for people, the server's
     * last answer and code, and 'cancelled'.  SQLite cannot change a
     * CHECK, so the table is rebuilt.
     */
    "CREATE TABLE outbox_v3 ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " message_row INTEGER REFERENCES messages(id),"
    " sender TEXT NOT NULL DEFAULT '',"
    " recipient TEXT NOT NULL COLLATE NOCASE,"
    " message_id TEXT,"
    " subject TEXT,"
    " language TEXT,"
    " raw BLOB NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN"
    "  ('queued','sent','failed','cancelled')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " created INTEGER NOT NULL,"
    " next_attempt INTEGER NOT NULL,"
    " sent INTEGER,"
    " last_code INTEGER,"
    " last_error TEXT);"
    "INSERT INTO outbox_v3 (id, kind, ticket_id, recipient, raw, status,"
    " attempts, created, next_attempt, sent, last_error)"
    " SELECT id, kind, ticket_id, recipient, raw, status, attempts, created,"
    " next_attempt, sent, last_error FROM outbox;"
    "DROP TABLE outbox;"
    "ALTER TABLE outbox_v3 RENAME TO outbox;"
    "CREATE INDEX outbox_due ON outbox(status, next_attempt);"
    "CREATE INDEX outbox_recipient ON outbox(recipient, created);"

    /* An address that bounced permanently gets no automatic mail until
     * bounced_until. */
    "ALTER TABLE customers ADD COLUMN bounced_until INTEGER;"
    "ALTER TABLE customers ADD COLUMN bounce_reason TEXT;";

static const char store_migration_4[] =
    /*
     * Triage: what classification and routing decided and why.  boost is
     * the sum of the rules' priority boosts, kept so the priority can be
     * computed again when the severity or the customer changes.
     */
    "ALTER TABLE tickets ADD COLUMN product TEXT;"
    "ALTER TABLE tickets ADD COLUMN reasons TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE tickets ADD COLUMN rules_fired TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE tickets ADD COLUMN confidence REAL;"
    "ALTER TABLE tickets ADD COLUMN boost INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX tickets_assignee ON tickets(assignee, status);"

    /*
     * The customer's account owner (an agent's name), and until when the
     * last repeat-complainer notice covers them.
     */
    "ALTER TABLE customers ADD COLUMN owner TEXT;"
    "ALTER TABLE customers ADD COLUMN attention_until INTEGER;"

    /*
     * Agents as the desk keeps them beyond the configuration: away or
     * not, and the turn of their last assignment (round robin picks the
     * member whose turn is oldest, which survives restarts and changes
     * of the team's members).
     */
    "CREATE TABLE agents ("
    " name TEXT PRIMARY KEY,"
    " away INTEGER NOT NULL DEFAULT 0,"
    " away_since INTEGER,"
    " last_turn INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"

    /*
     * Which class a ticket was taught to the model as, so a second
     * correction first takes the first one back.  In model, the row
     * with token '' counts the class's documents.
     */
    "CREATE TABLE model_taught ("
    " ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
    " label TEXT NOT NULL,"
    " class TEXT NOT NULL,"
    " PRIMARY KEY (ticket_id, label)) WITHOUT ROWID;";

static const char store_migration_5[] =
    /*
     * The server's UIDNEXT when the desk first selected the mailbox: mail
     * below it was there before the desk watched and gets no automatic
     * answer.  A UID says so exactly, where the mail's Date header is the
     * sender's clock.  NULL when the server did not say or the row is
     * older than this column.
     */
    "ALTER TABLE mailboxes ADD COLUMN first_uid INTEGER;";

static const char store_migration_6[] =
    /*
     * SLA ("SLA"): the policy a ticket falls under, the customer mail
     * waiting for a next response, and sla_next — the earliest warning,
     * breach or escalation of the ticket not yet recorded, so the
     * scheduler finds what is due next with one index lookup however many
     * tickets there are.  The events' dedupe keys record what fired.
     */
    "ALTER TABLE tickets ADD COLUMN sla_policy TEXT;"
    "ALTER TABLE tickets ADD COLUMN sla_waiting_since INTEGER;"
    "ALTER TABLE tickets ADD COLUMN sla_next INTEGER;"
    "CREATE INDEX tickets_sla_next ON tickets(sla_next) WHERE sla_next IS "
    "NOT NULL;";

static const char store_migration_7[] =
    /*
     * The notices of SLA events not yet written as mail: staged in the
     * transaction that records the events, written as one mail per
     * recipient when the scheduler has caught up — one digest after
     * downtime however many runs the backlog takes.
     */
    "CREATE TABLE sla_notices ("
    " id INTEGER PRIMARY KEY,"
    " recipient TEXT NOT NULL COLLATE NOCASE,"
    " name TEXT,"
    " ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
    " subject TEXT, severity TEXT, category TEXT, assignee TEXT,"
    " policy TEXT NOT NULL,"
    " priority INTEGER NOT NULL,"
    " clock INTEGER NOT NULL, kind INTEGER NOT NULL, level INTEGER NOT NULL,"
    " due INTEGER NOT NULL,"
    " send_at INTEGER NOT NULL);"
    "CREATE INDEX sla_notices_recipient ON sla_notices(recipient, id);"
    /* A policy change walks the tickets that are not closed by id. */
    "CREATE INDEX tickets_unclosed ON tickets(id) WHERE status <> 'closed';";

static const char store_migration_8[] =
    /* A ticket merged into another: its mail moved there, and mail that
     * still threads to it goes there too. */
    "ALTER TABLE tickets ADD COLUMN merged_into INTEGER REFERENCES "
    "tickets(id);";

static const char store_migration_9[] =
    /*
     * Satisfaction surveys ("Agents and surveys"): one per ticket,
     * scheduled when it closes (due), then sent (message_id: an answer
     * replying to it is recognised before threading) or skipped with the
     * reason; the answer's ratings, a second answer updating the first.
     * The table of migration 1 was never written: it is made again.
     */
    "DROP TABLE surveys;"
    "CREATE TABLE surveys ("
    " id INTEGER PRIMARY KEY,"
    " ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),"
    " status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN"
    "  ('scheduled','sent','skipped')),"
    " due INTEGER NOT NULL,"
    " skip_reason TEXT,"
    " recipient TEXT COLLATE NOCASE,"
    " message_id TEXT,"
    " sent INTEGER,"
    " answered INTEGER,"
    " answers INTEGER NOT NULL DEFAULT 0,"
    " rating INTEGER CHECK (rating BETWEEN 1 AND 5),"
    " nps INTEGER CHECK (nps BETWEEN 0 AND 10),"
    " speed INTEGER CHECK (speed BETWEEN 1 AND 5),"
    " result INTEGER CHECK (result BETWEEN 1 AND 5),"
    " overall INTEGER CHECK (overall BETWEEN 1 AND 5),"
    " composite REAL,"
    " comment TEXT);"
    "CREATE INDEX surveys_due ON surveys(due) WHERE status = 'scheduled';"
    "CREATE INDEX surveys_message ON surveys(message_id) WHERE message_id "
    "IS NOT NULL;"
    "CREATE INDEX surveys_recipient ON surveys(recipient, sent) WHERE sent "
    "IS NOT NULL;"
    "ALTER TABLE customers ADD COLUMN surveys_off INTEGER NOT NULL "
    "DEFAULT 0;";

static const char store_migration_10[] =
    /* Reports count tickets resolved in a period whenever they were
     * created: their moment of resolution (resolved, else closed) is
     * looked up by range. */
    "CREATE INDEX tickets_resolution ON tickets(coalesce(resolved, closed)) "
    "WHERE coalesce(resolved, closed) IS NOT NULL;";

static const char store_migration_11[] =
    /*
     * Early warning: surge episodes, one row each — which value of which
     * dimension, what opened it, when it started and was last seen
     * surging, when it ended (NULL: open, at most one per value), its
     * tickets, the alert mails queued, and the episode whose alert
     * already covered most of its tickets (one burst seen in a category
     * and its mailbox is one alert).  A value's baseline and tickets
     * are ranges of (column, created); the window's counts for all
     * values are one range of tickets_created.
     */
    "CREATE TABLE surges ("
    " id INTEGER PRIMARY KEY,"
    " dimension TEXT NOT NULL CHECK (dimension IN"
    "  ('category','product','mailbox')),"
    " value TEXT NOT NULL,"
    " reason TEXT NOT NULL CHECK (reason IN ('volume','urgent')),"
    " started INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " ended INTEGER,"
    " tickets INTEGER NOT NULL DEFAULT 0,"
    " alerted INTEGER NOT NULL DEFAULT 0,"
    " ticket_id INTEGER REFERENCES tickets(id),"
    " covered_by INTEGER REFERENCES surges(id));"
    "CREATE UNIQUE INDEX surges_open ON surges(dimension, value) WHERE "
    "ended IS NULL;"
    "CREATE INDEX surges_started ON surges(started);"
    "CREATE INDEX tickets_category_created ON tickets(category, created);"
    "CREATE INDEX tickets_product_created ON tickets(product, created);"
    "CREATE INDEX tickets_mailbox_created ON tickets(mailbox, created);";

const char *const store_migrations[] = {
    store_migration_1,  store_migration_2,  store_migration_3,
    store_migration_4,  store_migration_5,  store_migration_6,
    store_migration_7,  store_migration_8,  store_migration_9,
    store_migration_10, store_migration_11,
};

const size_t store_n_migrations =
    sizeof(store_migrations) / sizeof(*store_migrations);

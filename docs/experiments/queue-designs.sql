-- Three queue designs, PostgreSQL's side alone (docs/PERFORMANCE.md, "The queue design, measured").
-- Each procedure claims n due rows for a node, commits, records them SENT and commits, as the dispatcher does.
-- Run by queue-designs.sh on a copy of the plugin's schema.

-- A: today's queue: the message row goes SENDING (lease in the row), then SENT.
CREATE OR REPLACE PROCEDURE exp_current(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  WITH c AS (SELECT id FROM sms_message WHERE status = 'QUEUED' AND not_before <= now()
             ORDER BY not_before, id LIMIT n FOR UPDATE SKIP LOCKED),
       u AS (UPDATE sms_message m SET status = 'SENDING', credits_debited = m.segments, attempts = m.attempts + 1,
             lease_owner = node, lease_until = now() + interval '2 minutes', updated_at = now()
             FROM c WHERE m.id = c.id RETURNING m.id)
  SELECT array_agg(id) INTO ids FROM u;
  COMMIT;
  UPDATE sms_message SET status = 'SENT', provider_message_id = 'p' || id, gateway = 'g', sent_at = now(),
         lease_until = NULL, updated_at = now()
   WHERE id = ANY(ids) AND status = 'SENDING' AND lease_owner = node;
  COMMIT;
END $$;

-- B: a narrow lease table beside the row: the row is written once, at the outcome.
CREATE TABLE IF NOT EXISTS sms_dispatch (message_id bigint PRIMARY KEY, lease_owner varchar(64) NOT NULL,
  lease_until timestamp NOT NULL, credits int NOT NULL, attempt int NOT NULL);
CREATE OR REPLACE PROCEDURE exp_lease(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  WITH c AS (SELECT id, segments, attempts FROM sms_message m WHERE status = 'QUEUED' AND not_before <= now()
               AND NOT EXISTS (SELECT 1 FROM sms_dispatch d WHERE d.message_id = m.id)
             ORDER BY not_before, id LIMIT n FOR UPDATE SKIP LOCKED),
       l AS (INSERT INTO sms_dispatch SELECT id, node, now() + interval '2 minutes', segments, attempts + 1 FROM c
             ON CONFLICT DO NOTHING RETURNING message_id)
  SELECT array_agg(message_id) INTO ids FROM l;
  COMMIT;
  WITH d AS (DELETE FROM sms_dispatch WHERE message_id = ANY(ids) AND lease_owner = node
             RETURNING message_id, credits, attempt)
  UPDATE sms_message m SET status = 'SENT', provider_message_id = 'p' || m.id, gateway = 'g', sent_at = now(),
         credits_debited = d.credits, attempts = d.attempt, updated_at = now()
    FROM d WHERE m.id = d.message_id;
  COMMIT;
END $$;

-- C: a hot queue table of the rows to send (pgmq's visibility timeout), the message row written at the outcome.
CREATE TABLE IF NOT EXISTS sms_queue (message_id bigint PRIMARY KEY, not_before timestamp NOT NULL,
  lease_owner varchar(64), lease_until timestamp, attempts int NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS ix_sms_queue_due ON sms_queue (not_before, message_id) WHERE lease_until IS NULL;
CREATE OR REPLACE PROCEDURE exp_hot(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  WITH c AS (SELECT message_id FROM sms_queue WHERE lease_until IS NULL AND not_before <= now()
             ORDER BY not_before, message_id LIMIT n FOR UPDATE SKIP LOCKED),
       l AS (UPDATE sms_queue q SET lease_owner = node, lease_until = now() + interval '2 minutes',
             attempts = q.attempts + 1 FROM c WHERE q.message_id = c.message_id RETURNING q.message_id)
  SELECT array_agg(message_id) INTO ids FROM l;
  -- the send needs the text: one read by primary key
  PERFORM body, recipient FROM sms_message WHERE id = ANY(ids);
  COMMIT;
  WITH d AS (DELETE FROM sms_queue WHERE message_id = ANY(ids) AND lease_owner = node
             RETURNING message_id, attempts)
  UPDATE sms_message m SET status = 'SENT', provider_message_id = 'p' || m.id, gateway = 'g', sent_at = now(),
         credits_debited = m.segments, attempts = d.attempts, updated_at = now()
    FROM d WHERE m.id = d.message_id;
  COMMIT;
END $$;
-- Split: lock, then lease by id (the plugin's form before 2026-12-02 evening, and still MariaDB's and H2's).
CREATE OR REPLACE PROCEDURE exp_split(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  SELECT array_agg(id) INTO ids FROM (SELECT id FROM sms_message WHERE status = 'QUEUED' AND not_before <= now()
             ORDER BY not_before, id LIMIT n FOR UPDATE SKIP LOCKED) c;
  UPDATE sms_message m SET status = 'SENDING', credits_debited = m.segments, attempts = m.attempts + 1,
         lease_owner = node, lease_until = now() + interval '2 minutes', updated_at = now() WHERE id = ANY(ids);
  COMMIT;
  UPDATE sms_message SET status = 'SENT', provider_message_id = 'p' || id, gateway = 'g', sent_at = now(),
         lease_until = NULL, updated_at = now() WHERE id = ANY(ids) AND status = 'SENDING' AND lease_owner = node;
  COMMIT;
END $$;
-- Current, with the claim's debit as the plugin does it: the store's account row and one ledger line per claim.
CREATE OR REPLACE PROCEDURE exp_debit(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  WITH c AS (SELECT id FROM sms_message WHERE status = 'QUEUED' AND not_before <= now()
             ORDER BY not_before, id LIMIT n FOR UPDATE SKIP LOCKED),
       u AS (UPDATE sms_message m SET status = 'SENDING', credits_debited = m.segments, attempts = m.attempts + 1,
             lease_owner = node, lease_until = now() + interval '2 minutes', updated_at = now()
             FROM c WHERE m.id = c.id RETURNING m.id)
  SELECT array_agg(id) INTO ids FROM u;
  WITH d AS (UPDATE sms_credit_account SET balance = balance - coalesce(cardinality(ids), 0), updated_at = now()
             WHERE store_id = 's' AND balance >= coalesce(cardinality(ids), 0) RETURNING store_id)
  INSERT INTO sms_credit_ledger (store_id, kind, delta, message_count, created_at)
  SELECT store_id, 'DEBIT', -coalesce(cardinality(ids), 0), cardinality(ids), now() FROM d;
  COMMIT;
  UPDATE sms_message SET status = 'SENT', provider_message_id = 'p' || id, gateway = 'g', sent_at = now(),
         lease_until = NULL, updated_at = now()
   WHERE id = ANY(ids) AND status = 'SENDING' AND lease_owner = node;
  COMMIT;
END $$;

-- E: nothing is updated while a message is dispatched (PgQ's way). The due rows are an append-only list of
-- entries (message id, due time; a retry or a deferral would append a new entry); claims take the entries after a
-- cursor, one claim at a time, and write one narrow row per claim; outcomes are appended, one narrow row each.
-- The message row stays as it was enqueued: its state is its last outcome.
CREATE TABLE IF NOT EXISTS sms_dispatch_entry (not_before timestamp NOT NULL, message_id bigint NOT NULL,
  PRIMARY KEY (not_before, message_id));
CREATE TABLE IF NOT EXISTS sms_claim_cursor (queue int PRIMARY KEY, not_before timestamp NOT NULL,
  message_id bigint NOT NULL);
INSERT INTO sms_claim_cursor VALUES (1, '-infinity', 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS sms_claim_range (id bigserial PRIMARY KEY, lease_owner varchar(64) NOT NULL,
  lease_until timestamp NOT NULL, ids bigint[] NOT NULL);
CREATE TABLE IF NOT EXISTS sms_outcome (message_id bigint NOT NULL, status varchar(16) NOT NULL,
  provider_message_id varchar(64), at timestamp NOT NULL);
CREATE INDEX IF NOT EXISTS ix_sms_outcome_message ON sms_outcome (message_id);
CREATE OR REPLACE PROCEDURE exp_append(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; nb timestamp; last bigint; claim bigint;
BEGIN
  SELECT not_before, message_id INTO nb, last FROM sms_claim_cursor WHERE queue = 1 FOR UPDATE;
  SELECT array_agg(message_id ORDER BY not_before, message_id), max(not_before) INTO ids, nb
    FROM (SELECT not_before, message_id FROM sms_dispatch_entry
           WHERE (not_before, message_id) > (nb, last) AND not_before <= now()
           ORDER BY not_before, message_id LIMIT n) c;
  IF ids IS NULL THEN
    COMMIT;
    RETURN;
  END IF;
  INSERT INTO sms_claim_range (lease_owner, lease_until, ids) VALUES (node, now() + interval '2 minutes', ids)
    RETURNING id INTO claim;
  UPDATE sms_claim_cursor SET not_before = nb, message_id = ids[cardinality(ids)] WHERE queue = 1;
  -- the send needs the text: one read by primary key, as in C
  PERFORM body, recipient FROM sms_message WHERE id = ANY(ids);
  COMMIT;
  INSERT INTO sms_outcome SELECT id, 'SENT', 'p' || id, now() FROM unnest(ids) id;
  DELETE FROM sms_claim_range WHERE id = claim AND lease_owner = node;
  COMMIT;
END $$;

-- F: the message row keeps its status, but no index of it changes while a message is dispatched, so that both of
-- its updates can be HOT (heap-only: no index entry, the new version on the same page; PostgreSQL needs free room
-- on the page, hence the row's fillfactor, and no indexed column, nor a column of a partial index's predicate,
-- changed). The due rows are a narrow list beside it (pgmq's queue table, its entries deleted by the claim); the
-- lease is one narrow row per claim with its ids; receipts find a message by the provider's id in a narrow table
-- written at the outcome. queue-designs.sh drops the row's status-predicate and provider-id indexes for it.
CREATE TABLE IF NOT EXISTS sms_due (not_before timestamp NOT NULL, message_id bigint NOT NULL,
  PRIMARY KEY (not_before, message_id));
CREATE TABLE IF NOT EXISTS sms_claim (id bigserial PRIMARY KEY, lease_owner varchar(64) NOT NULL,
  lease_until timestamp NOT NULL, ids bigint[] NOT NULL);
CREATE TABLE IF NOT EXISTS sms_provider_ref (gateway varchar(32) NOT NULL, provider_message_id varchar(100) NOT NULL,
  message_id bigint NOT NULL, PRIMARY KEY (gateway, provider_message_id));
CREATE OR REPLACE PROCEDURE exp_heaponly(n int, node text) LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; claim bigint;
BEGIN
  WITH c AS (SELECT not_before, message_id FROM sms_due WHERE not_before <= now()
             ORDER BY not_before, message_id LIMIT n FOR UPDATE SKIP LOCKED),
       d AS (DELETE FROM sms_due q USING c WHERE q.not_before = c.not_before AND q.message_id = c.message_id
             RETURNING q.message_id),
       u AS (UPDATE sms_message m SET status = 'SENDING', credits_debited = m.segments, attempts = m.attempts + 1,
             lease_owner = node, lease_until = now() + interval '2 minutes', updated_at = now()
             FROM d WHERE m.id = d.message_id AND m.status = 'QUEUED' RETURNING m.id, m.body, m.recipient)
  SELECT array_agg(id) INTO ids FROM u;
  INSERT INTO sms_claim (lease_owner, lease_until, ids) VALUES (node, now() + interval '2 minutes', ids)
    RETURNING id INTO claim;
  COMMIT;
  UPDATE sms_message SET status = 'SENT', provider_message_id = 'p' || id, gateway = 'g', sent_at = now(),
         lease_until = NULL, updated_at = now()
   WHERE id = ANY(ids) AND status = 'SENDING' AND lease_owner = node;
  INSERT INTO sms_provider_ref SELECT 'g', 'p' || id, id FROM unnest(ids) id;
  DELETE FROM sms_claim WHERE id = claim;
  COMMIT;
END $$;

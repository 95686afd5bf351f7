#!/bin/bash
# The claim forms on PostgreSQL alone, with or without a REPEATABLE READ snapshot held open (PERFORMANCE.md,
# "2026-12-02 (evening)"): exp_current locks and leases in one statement, exp_split locks, then leases by id,
# exp_debit is exp_current with the store's debit (account row and ledger line) in the claim's transaction.
# usage: SCHEMA=schema.sql claim-forms-held.sh current|split|debit MESSAGES CLAIM CLIENTS HOLD(0 or 1)
#   SCHEMA: the plugin's schema, e.g. pg_dump -s of a database the bench or the tests created
# Creates (and leaves) a database "exph" on 127.0.0.1:5432, user postgres, no password.
set -uo pipefail
V=$1; N=$2; K=$3; C=$4; H=$5
WORK=$(mktemp -d)
P="psql -q -U postgres -h 127.0.0.1"
$P -d postgres -c "DROP DATABASE IF EXISTS exph" -c "CREATE DATABASE exph" 2>/dev/null
$P -d exph -f "$SCHEMA" > /dev/null 2>&1
$P -d exph -f "$(dirname "$0")/queue-designs.sql" > /dev/null 2>&1
$P -d exph -c "INSERT INTO sms_message (store_id, idempotency_key, kind, template_key, recipient, recipient_masked, body, encoding, segments, status, not_before, created_at, updated_at) SELECT 's', 'k' || g, 'ORDER_CREATED', 't', '+55119' || lpad(g::text, 8, '0'), 'm', 'Loja Exemplo: recebemos seu pedido 1234. Obrigado! Contato: 1133334444', 'GSM_7', 1, 'QUEUED', now() - interval '1 minute', now(), now() FROM generate_series(1, $N) g" -c "INSERT INTO sms_credit_account VALUES ('s', 1000000000, TRUE, now())" -c "VACUUM ANALYZE"
if [ $H = 1 ]; then
  ( echo "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM sms_message; SELECT pg_sleep(300);" | $P -d exph > /dev/null 2>&1 ) &
  HOLDER=$!; sleep 1
fi
echo "CALL exp_$V($K, 'n' || :client_id);" > "$WORK"/$V.pgb
t0=$(date +%s.%N)
pgbench -n -h 127.0.0.1 -U postgres -c $C -j 2 -t $(( N / K / C )) -f "$WORK"/$V.pgb exph > "$WORK"/$V.out 2>&1
t1=$(date +%s.%N)
[ $H = 1 ] && { $P -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname='exph' AND query LIKE '%pg_sleep%'" > /dev/null; wait $HOLDER 2>/dev/null; }
left=$($P -d exph -Atc "SELECT count(*) FROM sms_message WHERE status <> 'SENT'")
python3 -c "n=$N; dt=$t1-$t0; print(f'variant=$V hold=$H messages={n} claim=$K clients=$C seconds={dt:.2f} messages_per_s={n/dt:.0f} not_sent=$left')"
grep -E "latency average" "$WORK"/$V.out

#!/bin/bash
# PostgreSQL's cost per message for three queue designs (docs/PERFORMANCE.md, "The queue design, measured").
# usage: SCHEMA=schema.sql queue-designs.sh current|lease|hot|debit|split|append|heaponly MESSAGES CLAIM CLIENTS
#   SCHEMA: the plugin's schema, e.g. pg_dump -s of a database the bench or the tests created
#   e.g.   SCHEMA=/tmp/schema.sql docs/experiments/queue-designs.sh hot 100000 16 4
# Creates (and leaves) a database "exp" on 127.0.0.1:5432, user postgres, no password.
set -uo pipefail
WORK=$(mktemp -d)
V=$1; N=$2; K=$3; C=$4
P="psql -q -U postgres -h 127.0.0.1"
$P -d postgres -c "DROP DATABASE IF EXISTS exp" -c "CREATE DATABASE exp"
$P -d exp -f "$SCHEMA" > /dev/null 2>&1
$P -d exp -f "$(dirname "$0")/queue-designs.sql"
$P -d exp -c "INSERT INTO sms_message (store_id, idempotency_key, kind, template_key, recipient, recipient_masked, body, encoding, segments, status, not_before, created_at, updated_at) SELECT 's', 'k' || g, 'ORDER_CREATED', 't', '+55119' || lpad(g::text, 8, '0'), '+55 11 9****-' || lpad((g % 10000)::text, 4, '0'), 'Loja Exemplo: recebemos seu pedido 1234. Obrigado! Contato: 1133334444', 'GSM_7', 1, 'QUEUED', now() - interval '1 minute', now(), now() FROM generate_series(1, $N) g"
if [ $V = hot ]; then $P -d exp -c "INSERT INTO sms_queue (message_id, not_before) SELECT id, not_before FROM sms_message"; fi
if [ $V = append ]; then $P -d exp -c "INSERT INTO sms_dispatch_entry SELECT not_before, id FROM sms_message"; fi
if [ $V = heaponly ]; then
  # fillfactor applies to pages written after it is set: the rows are rewritten by VACUUM FULL below
  $P -d exp -c "DROP INDEX ix_sms_message_claim, ix_sms_message_lease, ix_sms_message_provider_id, ix_sms_message_waiting" \
     -c "ALTER TABLE sms_message SET (fillfactor = ${FILLFACTOR:-40})" -c "VACUUM FULL sms_message" \
     -c "INSERT INTO sms_due SELECT not_before, id FROM sms_message"
fi
$P -d exp -c "VACUUM ANALYZE" -c "CHECKPOINT"
hot0=$($P -d exp -Atc "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'sms_message'")
echo "CALL exp_$V($K, 'n' || :client_id);" > "$WORK/$V.pgb"
T=$(( N / K / C ))
read cpu0 idle0 < <(awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
t0=$(date +%s.%N)
pgbench -n -h 127.0.0.1 -U postgres -c $C -j 2 -t $T -f "$WORK/$V.pgb" exp > "$WORK/$V.out" 2>&1
t1=$(date +%s.%N)
read cpu1 idle1 < <(awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
if [ $V = append ]; then
  left=$($P -d exp -Atc "SELECT count(*) FROM sms_message m WHERE NOT EXISTS (SELECT 1 FROM sms_outcome o WHERE o.message_id = m.id AND o.status = 'SENT')")
else
  left=$($P -d exp -Atc "SELECT count(*) FROM sms_message WHERE status <> 'SENT'")
fi
sleep 1  # the statistics collector's last report
hot1=$($P -d exp -Atc "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'sms_message'")
echo "sms_message updates|hot before=$hot0 after=$hot1"
python3 -c "
n=$N; dt=$t1-$t0; cpu=($cpu1-$cpu0)/100.0
print(f'variant=$V messages={n} claim=$K clients=$C seconds={dt:.2f} messages_per_s={n/dt:.0f} machine_cpu_us_per_msg={cpu*1e6/n:.0f} not_sent=$left')"
grep -E "failed|aborted" "$WORK/$V.out" | head -2

-- The classic client-side transaction for the same transition, as a hand-written client would send
-- it (and as psycopg did in issue #16): BEGIN, read and lock the instance, version-checked UPDATE,
-- INSERT history, INSERT outbox, COMMIT — six round trips. Run by the bench as
--   pgbench -M prepared -n -c C -j 2 -t (ceil(N/C) * 10) -D clients=C -D k=0 -D programme=ID -f transaction.sql
-- on instances pgtx-0 … pgtx-<N'-1> it seeds in s0 at version 1; :k counts the client's transitions
-- (pgbench keeps a client's variables between transactions), so clients work on disjoint instances.
\set i :client_id + :clients * (:k / 10)
\set step :k % 10 + 1
BEGIN;
SELECT version, event_seq, programme_id FROM workflow_instances WHERE id = 'pgtx-' || :i FOR UPDATE;
UPDATE workflow_instances SET state = 's' || :step, version = :step + 1, data = '{}', participants = '[]',
    last_hash = '0000000000000000000000000000000000000000000000000000000000000000', event_seq = :step,
    state_entered_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
    updated_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint
WHERE id = 'pgtx-' || :i AND version = :step AND event_seq = :step - 1;
INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state, actor_user_id,
    actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version, occurred_at, idempotency_key,
    prev_hash, hash)
VALUES ('pgtx-' || :i, :step + 1, :programme, 't' || :step, 's' || (:step - 1), 's' || :step, 'pgbench', 'pgbench',
    'org_bench', NULL, '{}', '{}', 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'pgtx-' || :i || '-' || :step,
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000000');
INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts,
    next_attempt_at)
VALUES ('pgtx-' || :i || '-' || :step, :programme, 'pgtx-' || :i, :step, 'milestone_reported', '{}',
    (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'pending', 0, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
END;
\set k :k + 1

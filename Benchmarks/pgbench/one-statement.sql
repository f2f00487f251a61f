-- The limit for `smepilot bench transitions --backend postgres`: one prepared statement per
-- transition doing what a decision does — the version-checked state update, with the history row
-- and the outbox row hanging off its RETURNING row as data-modifying CTEs (so a stale version
-- writes nothing), autocommitted. Run by the bench as
--   pgbench -M prepared -n -c C -j 2 -t (ceil(N/C) * 10) -D clients=C -D k=0 -f one-statement.sql
-- on instances pgone-0 … pgone-<N'-1> it seeds in s0 at version 1. pgbench keeps a client's
-- variables from one transaction to the next, so :k counts the client's transitions: client c
-- drives instances c, c + C, c + 2C … each through t1 … t10, on instances no other client touches.
\set i :client_id + :clients * (:k / 10)
\set step :k % 10 + 1
WITH updated AS (
    UPDATE workflow_instances SET state = 's' || :step, version = :step + 1, data = '{}', participants = '[]',
        last_hash = '0000000000000000000000000000000000000000000000000000000000000000', event_seq = :step,
        state_entered_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
        updated_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint
    WHERE id = 'pgone-' || :i AND version = :step AND event_seq = :step - 1
    RETURNING id, programme_id, updated_at),
history AS (
    INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state, actor_user_id,
        actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version, occurred_at,
        idempotency_key, prev_hash, hash)
    SELECT id, :step + 1, programme_id, 't' || :step, 's' || (:step - 1), 's' || :step, 'pgbench', 'pgbench',
        'org_bench', NULL, '{}', '{}', 1, updated_at, id || '-' || :step,
        '0000000000000000000000000000000000000000000000000000000000000000',
        '0000000000000000000000000000000000000000000000000000000000000000'
    FROM updated RETURNING 1),
event AS (
    INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts,
        next_attempt_at)
    SELECT id || '-' || :step, programme_id, id, :step, 'milestone_reported', '{}', updated_at, 'pending', 0, updated_at
    FROM updated RETURNING 1)
SELECT COUNT(*) AS matched FROM updated;
\set k :k + 1

-- Governance (reference §1.7, tools 27-29, HTTP 202/403): levels any,
-- registered, owner and approve on store, delete and promote; approvers
-- human, agent and consensus; execution on approval; reject; bad input.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-06 00:00:00+00';

SELECT ai_memory.register_agent(a, 'human')->>'agent_id' AS registered
  FROM unnest(ARRAY['ai:gov-owner', 'ai:gov-boss', 'gov-voter1', 'gov-voter2', 'Gov-Voter1']) a;

-- A standard with a policy, per namespace, owned by ai:gov-owner.
CREATE FUNCTION pg_temp.govern(ns text, policy jsonb, owner text DEFAULT 'ai:gov-owner') RETURNS jsonb
LANGUAGE sql AS $$
  SELECT ai_memory.set_standard(ns, (SELECT id FROM ai_memory.store(title => 'standard of ' || ns, content => 'rules',
                                                                    namespace => ns, tier => 'long', agent_id => owner)),
                                governance => policy)->'governance';
$$;
SELECT pg_temp.govern('gov-reg', '{"write": "registered"}');
SELECT pg_temp.govern('gov-own', '{"write": "owner", "delete": "owner", "promote": "registered"}');
SELECT pg_temp.govern('gov-noowner', '{"write": "owner"}', owner => NULL);
SELECT pg_temp.govern('gov-human', '{"write": "approve", "delete": "approve", "promote": "approve"}');
SELECT pg_temp.govern('gov-agent', '{"write": "approve", "approver": {"agent": "ai:gov-boss"}}');
SELECT pg_temp.govern('gov-vote', '{"write": "approve", "approver": {"consensus": 2}}');

-- registered: an unregistered or anonymous caller is denied; a registered one stores.
SELECT outcome($$SELECT ai_memory.store(title => 't1', content => 'c', namespace => 'gov-reg', agent_id => 'ai:stranger')$$);
SELECT outcome($$SELECT ai_memory.store(title => 't1', content => 'c', namespace => 'gov-reg')$$);
SELECT outcome($$SELECT ai_memory.remember(title => 't1', content => 'c', namespace => 'gov-reg',
                                           metadata => '{"agent_id": "ai:stranger"}')$$);
SELECT title, namespace FROM ai_memory.store(title => 't1', content => 'c', namespace => 'gov-reg', agent_id => 'gov-voter1');
-- Enforcement is on the exact namespace only: a child namespace is not governed.
SELECT title, namespace FROM ai_memory.store(title => 't1', content => 'c', namespace => 'gov-reg/child',
                                             agent_id => 'ai:stranger');

-- owner: for a store, the owner is the standard memory's agent_id.
SELECT outcome($$SELECT ai_memory.store(title => 't2', content => 'c', namespace => 'gov-own', agent_id => 'gov-voter1')$$);
SELECT title FROM ai_memory.store(title => 't2', content => 'c', namespace => 'gov-own', agent_id => 'ai:gov-owner');
SELECT outcome($$SELECT ai_memory.store(title => 't3', content => 'c', namespace => 'gov-noowner', agent_id => 'gov-voter1')$$);
-- ... for delete and promote, the memory's own agent_id.
SELECT ai_memory._governance_decide('delete', 'gov-own', 'ai:gov-owner',
                                    (SELECT id FROM ai_memory.memories WHERE title = 't2' AND namespace = 'gov-own'),
                                    '{}') IS NULL AS owner_may_delete;
SELECT outcome($$SELECT ai_memory._governance_decide('delete', 'gov-own', 'gov-voter2',
                   (SELECT id FROM ai_memory.memories WHERE title = 't2' AND namespace = 'gov-own'), '{}')$$);
SELECT outcome($$SELECT ai_memory._governance_decide('promote', 'gov-own', 'ai:stranger', NULL, '{}')$$);
-- No policy, or one that does not parse (written by plain SQL), governs nothing.
SELECT ai_memory._governance_decide('store', 'gov-none', 'ai:stranger', NULL, '{}') IS NULL AS no_policy;
UPDATE ai_memory.memories SET metadata = metadata || '{"governance": {"write": "nobody"}}'
 WHERE title = 'standard of gov-noowner';
SELECT ai_memory._governance_decide('store', 'gov-noowner', 'ai:stranger', NULL, '{}') IS NULL AS unparseable_policy;

-- approve: store() refuses and queues nothing; remember() queues and returns the pending object.
SELECT outcome($$SELECT ai_memory.store(title => 'queued', content => 'c', namespace => 'gov-human', agent_id => 'gov-voter1')$$);
SELECT count(*) AS pending_rows FROM ai_memory.pending_actions;
CREATE TEMP TABLE queued AS
SELECT ai_memory.remember(title => 'queued', content => 'wait for it', namespace => 'gov-human', tags => ARRAY['t'],
                          priority => 7, agent_id => 'gov-voter1', scope => 'team') AS r;
SELECT r - 'pending_id' AS result FROM queued;
SELECT action_type, memory_id, namespace, payload, requested_by, requested_at, status, decided_by, decided_at, approvals
  FROM ai_memory.pending_actions WHERE id = (SELECT r->>'pending_id' FROM queued);
SELECT count(*) AS not_stored_yet FROM ai_memory.memories WHERE title = 'queued';
-- remember() on an ungoverned namespace stores and returns the memory.
SELECT r->>'status' AS status, r->'memory'->>'title' AS title, r->'memory'->>'namespace' AS namespace,
       r->'memory'->'metadata' AS metadata
  FROM ai_memory.remember(title => 'free', content => 'c', namespace => 'gov-free', agent_id => 'gov-voter2') r;

-- pending_list: newest first, by status.
SET ai_memory.now_override = '2026-04-06 01:00:00+00';
CREATE TEMP TABLE queued_reject AS
SELECT ai_memory.remember(title => 'to reject', content => 'c', namespace => 'gov-human', agent_id => 'gov-voter1') AS r;
SELECT action_type, namespace, payload->>'title' AS title, status FROM ai_memory.pending_list();
SELECT count(*) FROM ai_memory.pending_list(status => 'approved');
SELECT count(*) FROM ai_memory.pending_list("limit" => 1);

-- Human approver: anyone approves; the store executes with a fresh row.
SET ai_memory.now_override = '2026-04-06 02:00:00+00';
SELECT a - 'id' - 'memory_id' AS result, a->>'id' = (SELECT r->>'pending_id' FROM queued) AS same_id
  FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued), 'ai:anyone') a;
SELECT tier, namespace, title, content, tags, priority, source, access_count, created_at, expires_at, metadata
  FROM ai_memory.memories WHERE title = 'queued';
SELECT status, decided_by, decided_at FROM ai_memory.pending_actions WHERE id = (SELECT r->>'pending_id' FROM queued);
SELECT outcome(format('SELECT ai_memory.approve(%L, %L)', (SELECT r->>'pending_id' FROM queued), 'ai:anyone'));
SELECT outcome($$SELECT ai_memory.approve('no-such-action', 'ai:anyone')$$);

-- Reject: only a pending action; a second time it is not found.
SELECT j - 'id' AS result FROM ai_memory.reject((SELECT r->>'pending_id' FROM queued_reject), 'ai:gov-boss') j;
SELECT replace(outcome(format('SELECT ai_memory.reject(%L, %L)', r->>'pending_id', 'ai:gov-boss')), r->>'pending_id', '<id>')
  FROM queued_reject;
SELECT outcome(format('SELECT ai_memory.approve(%L, %L)', (SELECT r->>'pending_id' FROM queued_reject), 'ai:gov-boss'));
SELECT count(*) AS rejected_not_stored FROM ai_memory.memories WHERE title = 'to reject';

-- Designated agent approver.
CREATE TEMP TABLE queued_agent AS
SELECT ai_memory.remember(title => 'needs boss', content => 'c', namespace => 'gov-agent', agent_id => 'gov-voter1') AS r;
SELECT outcome(format('SELECT ai_memory.approve(%L, %L)', (SELECT r->>'pending_id' FROM queued_agent), 'gov-voter1'));
SELECT a->>'approved' AS approved, a->>'decided_by' AS decided_by
  FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued_agent), 'ai:gov-boss') a;
SELECT count(*) AS stored FROM ai_memory.memories WHERE title = 'needs boss' AND namespace = 'gov-agent';

-- Consensus of 2: registered voters only; a repeated vote (any case) counts once.
CREATE TEMP TABLE queued_vote AS
SELECT ai_memory.remember(title => 'needs votes', content => 'c', namespace => 'gov-vote', agent_id => 'gov-voter1') AS r;
SELECT outcome(format('SELECT ai_memory.approve(%L, %L)', (SELECT r->>'pending_id' FROM queued_vote), 'ai:stranger'));
SELECT a - 'id' AS result FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued_vote), 'gov-voter1') a;
SELECT a - 'id' AS result FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued_vote), 'gov-voter1') a;
SELECT a - 'id' AS result FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued_vote), 'Gov-Voter1') a;
SELECT status, approvals FROM ai_memory.pending_actions WHERE id = (SELECT r->>'pending_id' FROM queued_vote);
SELECT a - 'id' - 'memory_id' AS result FROM ai_memory.approve((SELECT r->>'pending_id' FROM queued_vote), 'gov-voter2') a;
SELECT status, decided_by, approvals FROM ai_memory.pending_actions WHERE id = (SELECT r->>'pending_id' FROM queued_vote);
SELECT count(*) AS stored FROM ai_memory.memories WHERE title = 'needs votes';

-- Approved delete: archived (reason 'delete'), nothing lost.
SELECT id AS doomed_id FROM ai_memory.store(title => 'doomed', content => 'c', namespace => 'gov-human/x') \gset
SELECT pg_temp.govern('gov-human/x', '{"delete": "approve"}') IS NOT NULL AS governed;
SELECT ai_memory._governance_decide('delete', 'gov-human/x', 'gov-voter1', :'doomed_id',
                                    jsonb_build_object('id', :'doomed_id', 'title', 'doomed')) AS pending_id \gset
SELECT (a->>'memory_id') = :'doomed_id' AS deleted_that FROM ai_memory.approve(:'pending_id', 'ai:anyone') a;
SELECT (SELECT count(*) FROM ai_memory.memories WHERE id = :'doomed_id') AS active,
       (SELECT archive_reason FROM ai_memory.archived_memories WHERE id = :'doomed_id') AS archived_as;

-- Approved promote, in place: tier long, no expiry.
SELECT pg_temp.govern('gov-promo', '{"promote": "approve"}') IS NOT NULL AS governed;
SELECT id AS rising_id FROM ai_memory.store(title => 'rising', content => 'c', namespace => 'gov-promo', tier => 'short',
                                             agent_id => 'gov-voter1') \gset
SELECT ai_memory._governance_decide('promote', 'gov-promo', 'gov-voter1', :'rising_id',
                                    jsonb_build_object('id', :'rising_id')) AS pending_id \gset
SELECT tier, expires_at FROM ai_memory.memories WHERE id = :'rising_id';
SELECT (a->>'memory_id') = :'rising_id' AS promoted_that FROM ai_memory.approve(:'pending_id', 'ai:anyone') a;
SELECT tier, expires_at, updated_at FROM ai_memory.memories WHERE id = :'rising_id';
-- Approved vertical promote: a clone in the ancestor, linked derived_from the original, which is unchanged.
SELECT pg_temp.govern('gov-promo/team', '{"promote": "approve"}') IS NOT NULL AS governed;
SELECT id AS deep_id FROM ai_memory.store(title => 'deep', content => 'deep fact', namespace => 'gov-promo/team',
                                           priority => 9, agent_id => 'gov-voter2') \gset
SELECT ai_memory._governance_decide('promote', 'gov-promo/team', 'gov-voter2', :'deep_id',
                                    jsonb_build_object('id', :'deep_id', 'to_namespace', 'gov-promo')) AS pending_id \gset
SELECT a->>'memory_id' AS clone_id FROM ai_memory.approve(:'pending_id', 'ai:anyone') a \gset
SELECT namespace, title, content, priority, tier, metadata->>'agent_id' AS agent_id, id <> :'deep_id' AS new_id
  FROM ai_memory.memories WHERE id = :'clone_id';
SELECT relation FROM ai_memory.memory_links WHERE source_id = :'clone_id' AND target_id = :'deep_id';
SELECT namespace, tier FROM ai_memory.memories WHERE id = :'deep_id';
-- Execution failure leaves the action pending (the approval rolls back with it).
SELECT ai_memory._governance_decide('delete', 'gov-human', 'gov-voter1', 'gone-memory', '{}') AS pending_id \gset
SELECT outcome(format('SELECT ai_memory.approve(%L, %L)', :'pending_id', 'ai:anyone'));
SELECT status FROM ai_memory.pending_actions WHERE id = :'pending_id';

-- Bad input: messages, nothing decided.
CREATE TEMP TABLE pending_before AS SELECT id, status, approvals FROM ai_memory.pending_actions;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT * FROM ai_memory.pending_list(status => 'done')$q$),
  ($q$SELECT * FROM ai_memory.pending_list("limit" => 0)$q$),
  ($q$SELECT ai_memory.approve(NULL, 'ai:anyone')$q$),
  ($q$SELECT ai_memory.approve('x', NULL)$q$),
  ($q$SELECT ai_memory.approve('x', 'bad caller')$q$),
  ($q$SELECT ai_memory.reject('', 'ai:anyone')$q$),
  ($q$SELECT ai_memory.reject('x', NULL)$q$),
  ($q$SELECT ai_memory._governance_decide('update', 'gov-human', 'a', NULL, '{}')$q$)
) AS t(q);
SELECT count(*) AS changed FROM ai_memory.pending_actions p JOIN pending_before b USING (id)
 WHERE p.status <> b.status OR p.approvals <> b.approvals;

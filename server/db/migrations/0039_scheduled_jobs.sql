-- Background jobs run once across all API nodes sharing a database, not once per node: a node
-- runs a job only after taking its lease in one UPDATE, which only one node can win for the same
-- due time (PostgreSQL re-checks the condition on the row the winner changed). A node that dies
-- mid-run lets its lease expire, and another node takes the job over.
CREATE TABLE scheduled_job (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_node text,
  last_outcome text CHECK (last_outcome IN ('done', 'failed')),
  runs integer NOT NULL DEFAULT 0
);

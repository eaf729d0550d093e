-- Steering (issue 11, part 4): structural obstacles linked to goal agreements.
--
-- Coordination links an obstacle to the goal agreements that address it (a goal agreement of
-- migration 0016 may take up several obstacles, an obstacle may be taken up by several), so the
-- board shows which agreement answers which obstacle. A link is made once.

CREATE TABLE obstacle_goal_agreement (
  district_id uuid NOT NULL REFERENCES district (id),
  obstacle_id uuid NOT NULL REFERENCES obstacle (id),
  agreement_id uuid NOT NULL REFERENCES goal_agreement (id),
  linked_by uuid NOT NULL REFERENCES app_user (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (obstacle_id, agreement_id)
);
CREATE INDEX obstacle_goal_agreement_agreement_idx ON obstacle_goal_agreement (agreement_id);
CREATE INDEX obstacle_goal_agreement_district_idx ON obstacle_goal_agreement (district_id);

SELECT lotse_isolate_tenant_table('obstacle_goal_agreement'::regclass);

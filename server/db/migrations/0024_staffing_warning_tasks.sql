-- Staffing's early warnings become reminders for the district's coordination: case work's tasks
-- with a source of their own. The list repeats every source so far (latest: 0014).
ALTER TABLE task DROP CONSTRAINT task_source_check;
ALTER TABLE task ADD CONSTRAINT task_source_check
  CHECK (source IN ('manual', 'residence-expiry', 'referral-follow-up', 'legal-sphere-handover',
    'case-conference', 'meeting-action', 'staffing-warning'));

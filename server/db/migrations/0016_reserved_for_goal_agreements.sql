-- Placeholder on the obstacles branch only: 0016 is assigned to goal agreements (branch goals),
-- and migrations must be numbered without gaps. When both branches meet, this file is dropped
-- in favour of the goal agreements' 0016 and the manifest regenerated.
SELECT 1;

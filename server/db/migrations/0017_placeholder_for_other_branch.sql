-- Placeholder on branch concept only: migration 0017 belongs to another branch (issue 11). It stands
-- here so that 0018 runs in this branch's tests; at merge, the real 0017 replaces it.
SELECT 1;

-- Stand-in on the obstacles branch only: 0019 is assigned to agenda documents and feed tokens (branch meetings2), and migrations must be
-- numbered without gaps. When the branches meet, this file is dropped in favour of the real 0019
-- and the manifest regenerated.
SELECT 1;

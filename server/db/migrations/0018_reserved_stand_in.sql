-- Stand-in on the obstacles branch only: 0018 is assigned to integration concept (branch concept), and migrations must be
-- numbered without gaps. When the branches meet, this file is dropped in favour of the real 0018
-- and the manifest regenerated.
SELECT 1;

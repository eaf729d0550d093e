-- Stand-in on the obstacles branch only: 0020 is assigned to staffing and funding (branch staffing), and migrations must be
-- numbered without gaps. When the branches meet, this file is dropped in favour of the real 0020
-- and the manifest regenerated.
SELECT 1;

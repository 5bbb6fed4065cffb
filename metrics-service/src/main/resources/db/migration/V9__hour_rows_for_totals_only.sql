-- Hour rollups are kept for the totals (per survey) only (rollup/Rollups): per channel, team,
-- touchpoint and locale they made nearly a row per fact, a quarter of every batch's writes. Grouped
-- queries with an edge inside a day read that day's facts instead.
DELETE FROM rollup WHERE grain = 1 AND dim <> '';

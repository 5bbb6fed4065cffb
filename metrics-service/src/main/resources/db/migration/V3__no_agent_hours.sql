-- Agent rollups keep days and months only (rollup/Rollups): hour rows per agent nearly doubled the
-- writes of every batch. Queries grouped by agent read the facts of partial days instead.
DELETE FROM rollup WHERE dim = 'agent' AND grain = 1;

-- Rollup rows are updated over and over (an hour row by every batch of its hour, a month row by every
-- batch of its month). With full pages each update writes a new version elsewhere and a new entry in
-- the seven-column primary key; with room left on the page the update is HOT: the new version stays on
-- the page and no index entry is written. Applies to pages written from now on.
ALTER TABLE rollup SET (fillfactor = 70);

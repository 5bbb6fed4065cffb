-- A ticket's priority and tags, kept with its facts and episodes so that every ticket metric can be
-- filtered by them (and grouped by priority). They are not rolled up: a read that filters on them, or
-- groups by priority, sums the period's contributions. Facts stored before carry none until
-- ticket-service sends their tickets again.
ALTER TABLE contribution ADD COLUMN priority text COLLATE "C", ADD COLUMN tags text[] COLLATE "C";
ALTER TABLE ticket_episode ADD COLUMN priority text COLLATE "C", ADD COLUMN tags text[] COLLATE "C";

-- Survey families (responses and invitations) keep no quarter rollup rows (facts/Family.quarterly):
-- they are most of the events, and a busy tenant's batch of responses spreads over most agents and
-- touchpoints, so their quarter rows were a third of the survey rows each batch wrote, while a read
-- over quarters adds at most two more month rows per group and quarter. Reads of these families no
-- longer ask for quarters (rollup/Rollups.grainsFor); the rows V14 built and ingestion added since go.
-- Ticket, review and customer families keep theirs.
DELETE FROM rollup WHERE grain = 4 AND family IN ('nps', 'csat', 'ces', 'custom', 'invitation');

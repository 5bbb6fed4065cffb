-- first_contact: the episode is its ticket's first resolution and came after exactly one agent reply
-- (first-contact resolution). Reopen rate and first-contact resolution read the reopened episodes of
-- a period (ticket_episode_reopened) and, for each, the ticket's neighbouring resolutions
-- (ticket_episode_ticket).
ALTER TABLE ticket_episode ADD COLUMN first_contact boolean NOT NULL DEFAULT false;

-- Business-hours durations (clock=business): a resolution's business seconds beside its calendar
-- seconds, and two more histogram columns for the ticket family's business FRT and resolution time.
ALTER TABLE ticket_episode ADD COLUMN business_seconds double precision;
ALTER TABLE rollup ADD COLUMN h5 text, ADD COLUMN h6 text;

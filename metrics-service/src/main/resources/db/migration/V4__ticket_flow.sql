-- Ticket episodes gain what reopen rate, first-contact resolution and business-hours durations read:
-- first_contact, the episode is its ticket's first resolution and came after exactly one agent reply;
-- previous_resolved_at, the ticket's resolution before this one; business_seconds, its resolution
-- time in business hours (clock=business) beside the calendar seconds.
ALTER TABLE ticket_episode ADD COLUMN first_contact boolean NOT NULL DEFAULT false,
    ADD COLUMN previous_resolved_at timestamptz,
    ADD COLUMN business_seconds double precision;

-- Reopen rate and first-contact resolution count a ticket once per period, at its first resolution
-- in it: they read the period's resolutions that follow an earlier one (ticket_episode_repeat) and the
-- period's reopened resolutions (ticket_episode_reopened, which resolution time's correction reads
-- too), each from its index alone.
DROP INDEX ticket_episode_reopened;
CREATE INDEX ticket_episode_reopened ON ticket_episode (tenant_id, resolved_at)
    INCLUDE (reopened_at, previous_resolved_at, first_contact, seconds, business_seconds, channel, team, agent)
    WHERE reopened_at IS NOT NULL;
CREATE INDEX ticket_episode_repeat ON ticket_episode (tenant_id, resolved_at)
    INCLUDE (previous_resolved_at, channel, team, agent) WHERE previous_resolved_at IS NOT NULL;

-- Two more histogram columns for the ticket family's business FRT and resolution time.
ALTER TABLE rollup ADD COLUMN h5 text, ADD COLUMN h6 text;

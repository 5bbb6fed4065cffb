-- metrics-service now dates with each resolution what became of it since (it follows an earlier one;
-- the ticket's first resolution was reopened), which reopen rate and first-contact resolution read;
-- the tickets it was sent before carry none of it until they are sent again. Every tenant's tickets
-- are queued once more, from the first key (a resend under way starts over).
WITH zones AS (
    SELECT DISTINCT ON (tenant_id) tenant_id, zone FROM outbox_event ORDER BY tenant_id, created_at DESC)
INSERT INTO ticket_resend (tenant_id, zone, after_key, remaining, requested_at)
SELECT t.tenant_id, coalesce(min(z.zone), 'UTC'), '', count(*), now()
FROM ticket t LEFT JOIN zones z ON z.tenant_id = t.tenant_id
GROUP BY t.tenant_id
ON CONFLICT (tenant_id) DO UPDATE SET after_key = '', remaining = EXCLUDED.remaining,
    requested_at = least(ticket_resend.requested_at, EXCLUDED.requested_at);

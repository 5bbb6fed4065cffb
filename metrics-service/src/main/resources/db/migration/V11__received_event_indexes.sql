-- received_at was indexed for freshness, which reads received_counter since V10: the index cost a
-- b-tree insert per event and served nothing. The one query that still looks for rows of a tenant
-- by content is the erasure's scrub of kept payloads (only events of types this version does not
-- read keep one): it scanned every event of the tenant. This index holds only those rows, so normal
-- events add nothing to it and the scrub reads a handful of rows.
DROP INDEX received_event_tenant_received;
CREATE INDEX received_event_kept_payload ON received_event (tenant_id) WHERE payload IS NOT NULL;

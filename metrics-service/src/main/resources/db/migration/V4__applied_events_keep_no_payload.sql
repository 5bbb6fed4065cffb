-- An event that was applied lives on in the facts it became; its payload (customer ids and all) was
-- kept for nothing, and outlived the customer's erasure. Only events of types this version does not
-- read keep their payload, so that a later version can apply them; erasure scrubs those too.
ALTER TABLE received_event ALTER COLUMN payload DROP NOT NULL;
UPDATE received_event SET payload = NULL
 WHERE type IN ('ticket.upserted', 'response.upserted', 'response.deleted', 'invitation.upserted',
                'customer.upserted', 'customer.erased', 'engagement.recorded', 'review.upserted');

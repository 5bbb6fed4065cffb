-- An alert rule may watch a duration in business hours and only the facts a filter keeps, as a
-- metric request does (clock=business, channel=email&team=tier-1): {"channel": ["email"], ...}.
ALTER TABLE alert_rule ADD COLUMN business_clock boolean NOT NULL DEFAULT false,
    ADD COLUMN filters jsonb NOT NULL DEFAULT '{}';

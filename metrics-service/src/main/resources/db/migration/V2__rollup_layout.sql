-- Rollups gain week (grain 5, from Monday) and six-hour (grain 6, from 00:00, 06:00, 12:00 and 18:00)
-- buckets in the tenant's zone for the totals and every dimension: a grouped read whose period starts
-- or ends inside a day reads one six-hour row and at most three hours of contributions per group at
-- each edge instead of up to half a day of contributions. docs/design/rollups.md.
-- layout: the version of which rows a tenant's rollups hold (rollup/Rollups.LAYOUT). Tenants cut
-- before are recut from their contributions at their next delivery; reads use contributions and the
-- totals' hours until then.
ALTER TABLE tenant_calendar ADD COLUMN layout smallint NOT NULL DEFAULT 1;

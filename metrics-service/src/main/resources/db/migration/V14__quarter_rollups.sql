-- Quarter rollup rows (grain 4: January, April, July, October in the tenant's time zone), added by the
-- ingestion from now on for the total and every dimension, like months. A quarter by agent then reads
-- one row per agent instead of three (session 9: "FRT for a quarter by agent" read 603 rows of a
-- hundred bins each), a year four, and a cumulative read (open tickets at an instant) a quarter of
-- the month rows back to the beginning. The rows of what was applied before are the sums of its
-- month rows, which are cut in the same zone (tenant_calendar) and add up the same facts.

-- Element-wise sum of two counter arrays of one layout, and of many.
CREATE FUNCTION cx_v14_add(a float8[], b float8[]) RETURNS float8[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL THEN b ELSE
        ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i) ORDER BY i) END
$$;
CREATE AGGREGATE cx_v14_sum(float8[]) (SFUNC = cx_v14_add, STYPE = float8[]);
-- The sum of many bin lists (cx_bins_add, V13, takes NULL as nothing).
CREATE AGGREGATE cx_v14_bins(text) (SFUNC = cx_bins_add, STYPE = text);

INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c, h1, h2, h3, h4)
SELECT r.tenant_id, r.family, r.dim, 4, date_trunc('quarter', r.bucket, t.zone), r.scope, r.dim_value,
       cx_v14_sum(r.c), cx_v14_bins(r.h1), cx_v14_bins(r.h2), cx_v14_bins(r.h3), cx_v14_bins(r.h4)
FROM rollup r JOIN tenant_calendar t ON t.tenant_id = r.tenant_id
WHERE r.grain = 3
GROUP BY r.tenant_id, r.family, r.dim, date_trunc('quarter', r.bucket, t.zone), r.scope, r.dim_value;

DROP AGGREGATE cx_v14_bins(text);
DROP AGGREGATE cx_v14_sum(float8[]);
DROP FUNCTION cx_v14_add(float8[], float8[]);

-- The same sum of histogram objects as V5 ({"name": {"bin": count}}, bins that reach 0 disappear,
-- histograms left empty disappear, nothing left is NULL), with each histogram rewritten once.
-- V5 called jsonb_set once per bin of the delta, and each call rebuilt the whole object: on a
-- ticket rollup row of an agent's month (four histograms, about 4 KB) merging one batch's few bins
-- took 430 us; PostgreSQL spent half of a ticket's ingestion in this function. Here the delta's new
-- totals are collected in a small object and each histogram is merged with one ||, the row with
-- another: 145 us on the same rows (session 8, 603 agent-month rows, the same results).
CREATE OR REPLACE FUNCTION cx_hist_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    hist record;
    bin record;
    old jsonb;
    sums jsonb;
    gone text[];
    changed jsonb := '{}';
    emptied text[] := '{}';
    total bigint;
BEGIN
    IF a IS NULL THEN
        RETURN b;
    END IF;
    IF b IS NULL THEN
        RETURN a;
    END IF;
    FOR hist IN SELECT key, value FROM jsonb_each(b) LOOP
        old := a -> hist.key;
        IF old IS NULL THEN
            changed := changed || jsonb_build_object(hist.key, hist.value);
            CONTINUE;
        END IF;
        sums := '{}';
        gone := '{}';
        FOR bin IN SELECT key, value::bigint AS n FROM jsonb_each_text(hist.value) LOOP
            total := coalesce((old ->> bin.key)::bigint, 0) + bin.n;
            IF total = 0 THEN
                gone := gone || bin.key;
            ELSE
                sums := sums || jsonb_build_object(bin.key, total);
            END IF;
        END LOOP;
        -- (jsonb - '{}'::text[] returns its input as it is.)
        old := (old || sums) - gone;
        IF old = '{}'::jsonb THEN
            emptied := emptied || hist.key;
        ELSE
            changed := changed || jsonb_build_object(hist.key, old);
        END IF;
    END LOOP;
    a := (a || changed) - emptied;
    RETURN CASE WHEN a = '{}'::jsonb THEN NULL ELSE a END;
END
$$;

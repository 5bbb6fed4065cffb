-- cx_bins_add (V13) reads both lists as one int8[] literal ('{' || list || '}', parsed by array_in
-- straight into int8) and prints the sum with the array's own output, instead of splitting the list
-- into a text[] first (string_to_array, then a cast per element) and joining it back
-- (array_to_string). Same lists in, same list out (an int8[] prints as {n,n,...}: digits, '-' and
-- commas only); the merge itself is unchanged. Why: most rows a batch adds to get a bin or two
-- (one agent's ticket in a month), so a merge is mostly the parse and print of the whole row; on
-- the 760 agent-quarter FRT lists of a quarter-density load (75 bins on average), a one-bin merge took
-- 40 us as V13 wrote it and 29 us so (parse 9.4 -> 4.8 us, print 19 -> 13 us).
CREATE OR REPLACE FUNCTION cx_bins_add(a text, b text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    x int8[];
    d int8[];
    pairs int;
    lo int;
    hi int;
    mid int;
    bin int8;
    total int8;
BEGIN
    IF a IS NULL THEN
        RETURN b;
    END IF;
    IF b IS NULL THEN
        RETURN a;
    END IF;
    x := ('{' || a || '}')::int8[];
    d := ('{' || b || '}')::int8[];
    FOR i IN 1 .. cardinality(d) / 2 LOOP
        bin := d[2 * i - 1];
        pairs := cardinality(x) / 2;
        -- The first pair whose bin is not below this one.
        lo := 1;
        hi := pairs;
        WHILE lo <= hi LOOP
            mid := (lo + hi) / 2;
            IF x[2 * mid - 1] < bin THEN
                lo := mid + 1;
            ELSE
                hi := mid - 1;
            END IF;
        END LOOP;
        IF lo <= pairs AND x[2 * lo - 1] = bin THEN
            total := x[2 * lo] + d[2 * i];
            IF total = 0 THEN
                x := x[1 : 2 * lo - 2] || x[2 * lo + 1 :];
            ELSE
                x[2 * lo] := total;
            END IF;
        ELSE
            x := x[1 : 2 * lo - 2] || ARRAY[bin, d[2 * i]] || x[2 * lo - 1 :];
        END IF;
    END LOOP;
    RETURN CASE WHEN cardinality(x) = 0 THEN NULL ELSE btrim(x::text, '{}') END;
END
$$;

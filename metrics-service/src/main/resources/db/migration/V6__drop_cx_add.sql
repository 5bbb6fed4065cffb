-- Counters are added element by element in the upsert itself (FactStore, generated per family layout),
-- which took half the time of calling this function per row; nothing calls it any more.
DROP FUNCTION cx_add(float8[], float8[]);

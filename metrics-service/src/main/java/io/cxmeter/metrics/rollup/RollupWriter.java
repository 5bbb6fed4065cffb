package io.cxmeter.metrics.rollup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cxmeter.metrics.facts.Family;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes rollups: adds the deltas of a batch's contributions ({@link Rollups}) to their rows in SQL,
 * without reading them back, and clears a tenant's for a recut. With {@link RollupReader} it is all
 * that touches the rollup table. Rows are added in one key order (family first), so that two batches
 * touching the same rows lock them in the same order and cannot deadlock.
 */
public final class RollupWriter {

    private RollupWriter() {
    }

    /**
     * The statement that adds the deltas of one family to its rollup rows, in key order. The counters are
     * added element by element in plain SQL (generated for the family's layout): a function doing it took
     * twice the time of the whole upsert. Each histogram column is merged by cx_bins_add, and only the
     * family's own: a survey row has none.
     */
    private static final Map<Family, String> ADD_ROLLUPS = new ConcurrentHashMap<>();

    private static String addRollups(Family family) {
        return ADD_ROLLUPS.computeIfAbsent(family, f -> {
            int n = Layout.size(f);
            int histograms = f.histograms().size();
            StringBuilder columns = new StringBuilder();
            StringBuilder values = new StringBuilder();
            StringBuilder arrays = new StringBuilder();
            StringBuilder merges = new StringBuilder();
            for (int i = 1; i <= histograms; i++) {
                columns.append(", h").append(i);
                values.append(", u.h").append(i);
                arrays.append(", $").append(8 + i).append("::text[]");
                merges.append(",\n    h%1$d = CASE WHEN EXCLUDED.h%1$d IS NULL THEN rollup.h%1$d ELSE cx_bins_add(rollup.h%1$d, EXCLUDED.h%1$d) END"
                        .formatted(i));
            }
            return """
                    INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c%3$s)
                    SELECT $1, u.family, u.dim, u.grain, u.bucket, u.scope, u.dim_value, ($8::float8[])[(u.ord - 1) * %1$d + 1 : u.ord * %1$d]%4$s
                    FROM unnest($2::text[], $3::text[], $4::int2[], $5::timestamptz[], $6::text[], $7::text[]%5$s)
                         WITH ORDINALITY AS u(family, dim, grain, bucket, scope, dim_value%3$s, ord)
                    ORDER BY u.ord
                    ON CONFLICT (tenant_id, family, dim, grain, bucket, scope, dim_value)
                    DO UPDATE SET c = ARRAY[%2$s]%6$s"""
                    .formatted(n, IntStream.rangeClosed(1, n)
                            .mapToObj(i -> "coalesce(rollup.c[%d], 0) + EXCLUDED.c[%d]".formatted(i, i))
                            .collect(Collectors.joining(", ")),
                            columns, values, arrays, merges);
        });
    }

    /** Removes every rollup row of the tenant, to add them again from its contributions (a recut). */
    public static Uni<Void> clear(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("DELETE FROM rollup WHERE tenant_id = $1").execute(Tuple.of(tenantId)).replaceWithVoid();
    }

    /** Adds the deltas to their rollup rows, in key order; nothing is read back. */
    public static Uni<Void> add(SqlConnection connection, String tenantId, Map<RollupKey, Delta> deltas) {
        deltas.values().removeIf(Delta::isEmpty);
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<RollupKey> keys = new ArrayList<>(deltas.keySet());
        keys.sort(KEY_ORDER);
        // One statement per family (families come first in the key order, so the lock order holds).
        Uni<Void> done = Uni.createFrom().voidItem();
        int from = 0;
        while (from < keys.size()) {
            Family family = keys.get(from).family();
            int to = from;
            while (to < keys.size() && keys.get(to).family() == family) {
                to++;
            }
            List<RollupKey> run = keys.subList(from, to);
            int size = Layout.size(family);
            Double[] counters = new Double[run.size() * size];
            String[][] histograms = new String[family.histograms().size()][run.size()];
            for (int i = 0; i < run.size(); i++) {
                Delta delta = deltas.get(run.get(i));
                delta.countersInto(counters, i * size);
                delta.histogramsInto(histograms, i);
            }
            Tuple args = keyTuple(tenantId, run).addValue(counters);
            for (String[] column : histograms) {
                args.addValue(column);
            }
            String sql = addRollups(family);
            done = done.flatMap(ignored -> connection.preparedQuery(sql).execute(args).replaceWithVoid());
            from = to;
        }
        return done;
    }

    private static final Comparator<RollupKey> KEY_ORDER = Comparator
            .comparing((RollupKey k) -> k.family().wire()).thenComparing(RollupKey::dim)
            .thenComparing(k -> k.grain().code()).thenComparing(RollupKey::bucket)
            .thenComparing(RollupKey::scope).thenComparing(RollupKey::dimValue);

    private static Tuple keyTuple(String tenantId, List<RollupKey> keys) {
        return Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId,
                keys.stream().map(k -> k.family().wire()).toArray(String[]::new),
                keys.stream().map(RollupKey::dim).toArray(String[]::new),
                keys.stream().map(k -> k.grain().code()).toArray(Short[]::new),
                keys.stream().map(k -> k.bucket().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                keys.stream().map(RollupKey::scope).toArray(String[]::new),
                keys.stream().map(RollupKey::dimValue).toArray(String[]::new))));
    }
}

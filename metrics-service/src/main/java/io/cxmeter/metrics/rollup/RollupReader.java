package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums a family's contributions over periods, per group: whole buckets from the rollups, the edges
 * from the contributions (see {@link Cover}). The cost grows with the number of buckets and the facts
 * of the edge hours, not with the facts of the period.
 */
@ApplicationScoped
public class RollupReader {

    /** Stands for "the beginning of time" in a cumulative read (before any fact the suite can hold). */
    static final OffsetDateTime BEGINNING = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Key of the single group of a read without groupBy. */
    public static final String ALL = "\u0000all";

    /** A period to sum over, numbered by the caller; a null {@code from} sums everything before {@code to}. */
    public record Period(int index, Instant from, Instant to) {
    }

    @Inject
    Pool pool;

    /**
     * The grains a query of the tenant in {@code zone} may read: day and month buckets are only right for
     * the zone they were cut in, hours are right for any.
     */
    public Uni<List<Grain>> grains(String tenantId, ZoneId zone) {
        return pool.preparedQuery("SELECT zone FROM tenant_calendar WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    String stored = rows.size() == 0 ? null : rows.iterator().next().getString("zone");
                    return stored == null || stored.equals(zone.getId()) ? List.of(Grain.MONTH, Grain.DAY, Grain.HOUR)
                            : List.of(Grain.HOUR);
                });
    }

    /**
     * The sums per period index and group key (null key: facts without the dimension; {@link #ALL} when
     * {@code groupBy} is null). {@code survey} restricts survey families to one survey.
     */
    public Uni<Map<Integer, Map<String, State>>> read(String tenantId, ZoneId zone, List<Grain> grains, Family family,
            String survey, Dimension groupBy, List<Period> periods) {
        return Uni.createFrom().voidItem().flatMap(start -> {
                    List<Integer> idx = new ArrayList<>();
                    List<Short> grain = new ArrayList<>();
                    List<OffsetDateTime> from = new ArrayList<>();
                    List<OffsetDateTime> to = new ArrayList<>();
                    List<Integer> rawIdx = new ArrayList<>();
                    List<OffsetDateTime> rawFrom = new ArrayList<>();
                    List<OffsetDateTime> rawTo = new ArrayList<>();
                    for (Period period : periods) {
                        for (Cover.Piece piece : Cover.of(period.from(), period.to(), zone, grains)) {
                            OffsetDateTime a = piece.from() == null ? BEGINNING : piece.from().atOffset(ZoneOffset.UTC);
                            OffsetDateTime b = piece.to().atOffset(ZoneOffset.UTC);
                            if (piece.grain() == null) {
                                rawIdx.add(period.index());
                                rawFrom.add(a);
                                rawTo.add(b);
                            } else {
                                idx.add(period.index());
                                grain.add(piece.grain().code());
                                from.add(a);
                                to.add(b);
                            }
                        }
                    }
                    Map<Integer, Map<String, State>> sums = new HashMap<>();
                    Uni<Void> rolled = idx.isEmpty() ? Uni.createFrom().voidItem()
                            : pool.preparedQuery(rollupSql(groupBy)).execute(Tuple.wrap(new ArrayList<>(List.of(
                                    tenantId, family.wire(), rollupDim(groupBy), idx.toArray(Integer[]::new),
                                    grain.toArray(Short[]::new), from.toArray(OffsetDateTime[]::new),
                                    to.toArray(OffsetDateTime[]::new), survey == null ? "" : survey))))
                                    .invoke(result -> result.forEach(row -> add(sums, row, family, groupBy))).replaceWithVoid();
                    Uni<Void> raw = rawIdx.isEmpty() ? Uni.createFrom().voidItem()
                            : pool.preparedQuery(rawSql(groupBy)).execute(Tuple.wrap(new ArrayList<>(List.of(
                                    tenantId, family.wire(), rawIdx.toArray(Integer[]::new),
                                    rawFrom.toArray(OffsetDateTime[]::new), rawTo.toArray(OffsetDateTime[]::new),
                                    survey == null ? "" : survey))))
                                    .invoke(result -> result.forEach(row -> add(sums, row, family, groupBy))).replaceWithVoid();
                    return rolled.flatMap(ignored -> raw).map(ignored -> sums);
                });
    }

    private static void add(Map<Integer, Map<String, State>> sums, Row row, Family family, Dimension groupBy) {
        State state = Layout.decode(family, row.getArrayOfDoubles("c"), (JsonObject) row.getValue("h"));
        if (state.isEmpty()) {
            // A rollup row whose facts all moved elsewhere (a ticket reassigned): no group of its own.
            return;
        }
        String key;
        if (groupBy == null) {
            key = ALL;
        } else {
            String value = row.getString("group_key");
            key = value == null || value.equals(Rollups.NONE) ? null : value;
        }
        sums.computeIfAbsent(row.getInteger("idx"), i -> new HashMap<>())
                .computeIfAbsent(key, k -> new State())
                .merge(state, 1);
    }

    /** Survey grouping reads the totals per survey; other groupings read their own dimension's rows. */
    private static String rollupDim(Dimension groupBy) {
        return groupBy == null || groupBy == Dimension.SURVEY ? Rollups.TOTAL : groupBy.wire();
    }

    private static String rollupSql(Dimension groupBy) {
        String key = groupBy == null ? "NULL" : groupBy == Dimension.SURVEY ? "r.scope" : "r.dim_value";
        return "SELECT p.idx, " + key + " AS group_key, r.c, r.h"
                + " FROM unnest($4::int4[], $5::int2[], $6::timestamptz[], $7::timestamptz[]) AS p(idx, grain, a, b)"
                + " JOIN rollup r ON r.tenant_id = $1 AND r.family = $2 AND r.dim = $3 AND r.grain = p.grain"
                + " AND r.bucket >= p.a AND r.bucket < p.b"
                + " AND ($8 = '' OR r.scope = $8)";
    }

    private static String rawSql(Dimension groupBy) {
        return "SELECT p.idx, " + column(groupBy) + " AS group_key, c.c, c.h"
                + " FROM unnest($3::int4[], $4::timestamptz[], $5::timestamptz[]) AS p(idx, a, b)"
                + " JOIN contribution c ON c.tenant_id = $1 AND c.family = $2 AND c.at >= p.a AND c.at < p.b"
                + " AND ($6 = '' OR c.scope = $6)";
    }

    /** The contribution column of a dimension (a fixed list: never text from the request). */
    public static String column(Dimension groupBy) {
        if (groupBy == null) {
            return "NULL::text";
        }
        return switch (groupBy) {
            case CHANNEL -> "c.channel";
            case TEAM -> "c.team";
            case AGENT -> "c.agent";
            case SURVEY -> "c.scope";
            case TOUCHPOINT -> "c.touchpoint";
            case LOCALE -> "c.locale";
        };
    }
}

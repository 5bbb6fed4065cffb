package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.facts.Filter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums a family's contributions over periods, per group: whole buckets from the rollups, the edges
 * from the contributions (see {@link Cover}). The cost grows with the number of buckets and groups and
 * at most three hours of facts per edge, not with the facts of the period.
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

    /**
     * What to sum: a tenant's {@code family} over {@code periods}, cut in {@code zone}, per group of
     * {@code groupBy} (null: the total), the facts matching {@code filter}; {@code survey} restricts
     * survey families to one survey. Only the histograms named are read, and only the first
     * {@code counters} counters of the family's layout. Equal queries read the same.
     */
    public record Query(String tenantId, ZoneId zone, Family family, String survey, Dimension groupBy, Filter filter,
            List<Period> periods, List<Histogram> histograms, int counters) {

        public Query {
            if (counters < 1 || counters > Layout.size(family)) {
                throw new IllegalArgumentException(family + " has no first " + counters + " counters");
            }
            periods = List.copyOf(periods);
            histograms = List.copyOf(histograms);
        }
    }

    @Inject
    Pool pool;

    /** Every grain, coarsest first: what a read may use when the tenant's rollups are cut in its zone. */
    static final List<Grain> ALL_GRAINS = List.of(Grain.QUARTER, Grain.MONTH, Grain.WEEK, Grain.DAY, Grain.SIX_HOURS, Grain.HOUR);
    /** What a read may use when they are not: day, month and quarter buckets are only right for their zone. */
    static final List<Grain> ANY_ZONE_GRAINS = List.of(Grain.HOUR);

    /**
     * The sums per period index and group key (null key: facts without the dimension; {@link #ALL} when
     * {@code groupBy} is null). Only the histograms the query names are read (sketches are the bulk of a
     * ticket rollup row, and most metrics need none), and only its first counters of the family's layout
     * (the rest read as 0): NPS needs 6 of a survey row's 24, and a year's weekly series by channel
     * decodes 2,262 rows. The filter keeps the facts that match it (see {@link Rows}).
     * <p>
     * One statement reads the whole buckets, the edges and whether the tenant's zoned buckets are cut in
     * {@code zone} (tenant_calendar), all in one snapshot: a read is one round trip. When they are not
     * (the tenant just changed its zone and the recut waits for its next delivery, or the token still
     * names the old zone), it reads again from hours and contributions only, which are right in any zone.
     */
    public Uni<PeriodSums> read(Query q) {
        Rows rows = Rows.of(q.family(), q.groupBy(), q.filter());
        return read(q.tenantId(), q.zone(), ALL_GRAINS, q.family(), q.survey(), q.groupBy(), rows, q.filter(), q.periods(),
                q.histograms(), q.counters())
                .flatMap(sums -> sums != null ? Uni.createFrom().item(sums)
                        : read(q.tenantId(), q.zone(), ANY_ZONE_GRAINS, q.family(), q.survey(), q.groupBy(), rows, q.filter(),
                                q.periods(), q.histograms(), q.counters()));
    }

    /**
     * Which rollup rows a read may use: those of {@code dimension} (null: the totals), or none
     * ({@code rollups} false) when the filter names dimensions the rows do not keep together, or one
     * they do not keep at all (a ticket's priority and tags). A filter on one rolled-up dimension reads
     * that dimension's rows for its values (summed into the total or the groups of the survey grouping);
     * any other filter, or one on a dimension beside the grouping, reads the period's contributions,
     * which carry every dimension, so its cost grows with the period's facts.
     */
    private record Rows(Dimension dimension, boolean rollups, boolean byValue) {

        static Rows of(Family family, Dimension groupBy, Filter filter) {
            boolean rolledUp = groupBy == null || groupBy == Dimension.SURVEY || family.dimensions().contains(groupBy);
            if (filter.isEmpty()) {
                return new Rows(groupBy, rolledUp, false);
            }
            Dimension only = filter.single().orElse(null);
            if (only != null && family.dimensions().contains(only)
                    && (groupBy == null || groupBy == only || groupBy == Dimension.SURVEY)) {
                return new Rows(only, true, true);
            }
            return new Rows(groupBy, false, false);
        }
    }

    /** The sums from buckets of the given grains and contributions; null when zoned buckets were wanted but cut elsewhere. */
    private Uni<PeriodSums> read(String tenantId, ZoneId zone, List<Grain> grains, Family family,
            String survey, Dimension groupBy, Rows rows, Filter filter, List<Period> periods, List<Histogram> histograms,
            int counters) {
        boolean zoned = grains.stream().anyMatch(Rollups.ZONED::contains);
        return Uni.createFrom().deferred(() -> {
                    List<Integer> idx = new ArrayList<>();
                    List<Short> grain = new ArrayList<>();
                    List<OffsetDateTime> from = new ArrayList<>();
                    List<OffsetDateTime> to = new ArrayList<>();
                    List<Short> sign = new ArrayList<>();
                    List<Integer> rawIdx = new ArrayList<>();
                    List<OffsetDateTime> rawFrom = new ArrayList<>();
                    List<OffsetDateTime> rawTo = new ArrayList<>();
                    List<Short> rawSign = new ArrayList<>();
                    // Without the zoned buckets (or in another layout), a dimension's hour rows may not exist yet either:
                    // only the totals' hours are in every layout.
                    Dimension dim = rows.dimension();
                    List<Grain> usable = rows.rollups() && (zoned || dim == null || dim == Dimension.SURVEY)
                            ? Rollups.grainsFor(family, dim, grains) : List.of();
                    for (Period period : periods) {
                        for (Cover.Piece piece : Cover.of(period.from(), period.to(), zone, usable)) {
                            OffsetDateTime a = piece.from() == null ? BEGINNING : piece.from().atOffset(ZoneOffset.UTC);
                            OffsetDateTime b = piece.to().atOffset(ZoneOffset.UTC);
                            if (piece.grain() == null) {
                                rawIdx.add(period.index());
                                rawFrom.add(a);
                                rawTo.add(b);
                                rawSign.add((short) piece.sign());
                            } else {
                                idx.add(period.index());
                                grain.add(piece.grain().code());
                                from.add(a);
                                to.add(b);
                                sign.add((short) piece.sign());
                            }
                        }
                    }
                    List<Object> parameters = new ArrayList<>(List.of(
                            tenantId, family.wire(), rollupDim(dim), idx.toArray(Integer[]::new),
                            grain.toArray(Short[]::new), from.toArray(OffsetDateTime[]::new), to.toArray(OffsetDateTime[]::new),
                            survey == null ? "" : survey, rawIdx.toArray(Integer[]::new),
                            rawFrom.toArray(OffsetDateTime[]::new), rawTo.toArray(OffsetDateTime[]::new), zoned ? zone.getId() : "",
                            sign.toArray(Short[]::new), rawSign.toArray(Short[]::new), Rollups.LAYOUT));
                    parameters.addAll(filter.parameters());
                    return pool.preparedQuery(sql(family, groupBy, rows.byValue(), filter, histograms, counters))
                            .execute(Tuple.wrap(parameters))
                            .map(result -> {
                                Map<Integer, Map<String, Sum>> sums = new HashMap<>();
                                for (Row row : result) {
                                    if (row.getInteger(IDX) == null) {
                                        // The zoned buckets are cut in another zone: none was read.
                                        return null;
                                    }
                                    add(sums, row, groupBy, histograms);
                                }
                                return states(sums, family);
                            });
                });
    }

    private static PeriodSums states(Map<Integer, Map<String, Sum>> sums, Family family) {
        PeriodSums states = new PeriodSums();
        sums.forEach((index, byKey) -> {
            states.period(index);
            byKey.forEach((key, sum) -> {
                State state = sum.state(family);
                if (!state.isEmpty()) {
                    states.add(index, key, state);
                }
            });
        });
        return states;
    }

    /** Counters summed as plain arrays (no per-row objects), histogram bins summed from their lists (BinSums). */
    private static final class Sum {

        private double[] counters;
        private Map<Histogram, BinSums> histograms;

        void add(Double[] row, int sign) {
            if (counters == null) {
                counters = new double[row.length];
            }
            for (int i = 0; i < row.length && i < counters.length; i++) {
                counters[i] += row[i] == null ? 0 : sign * row[i];
            }
        }

        void addBins(Histogram histogram, String bins, int sign) {
            if (histograms == null) {
                histograms = new EnumMap<>(Histogram.class);
            }
            histograms.computeIfAbsent(histogram, h -> new BinSums()).add(bins, sign);
        }

        State state(Family family) {
            Double[] boxed = new Double[counters == null ? 0 : counters.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = counters[i];
            }
            State state = Layout.decode(family, boxed, null);
            if (histograms != null) {
                histograms.forEach((name, sums) -> sums.into(state, name));
            }
            return state;
        }
    }

    private static void add(Map<Integer, Map<String, Sum>> sums, Row row, Dimension groupBy, List<Histogram> histograms) {
        Double[] counters = row.getArrayOfDoubles(COUNTERS);
        String[] bins = new String[histograms.size()];
        boolean empty = true;
        for (int i = 0; i < bins.length; i++) {
            bins[i] = row.getString(FIRST_HISTOGRAM + i);
            empty &= bins[i] == null || bins[i].isEmpty();
        }
        for (int i = 0; empty && i < counters.length; i++) {
            empty = counters[i] == null || Math.abs(counters[i]) < 1e-9;
        }
        if (empty) {
            // A rollup row whose facts all moved elsewhere (a ticket reassigned): no group of its own.
            return;
        }
        String key;
        if (groupBy == null) {
            key = ALL;
        } else {
            String value = row.getString(GROUP_KEY);
            key = value == null || value.equals(Rollups.NONE) ? null : value;
        }
        Sum sum = sums.computeIfAbsent(row.getInteger(IDX), i -> new HashMap<>()).computeIfAbsent(key, k -> new Sum());
        int sign = row.getInteger(SIGN);
        sum.add(counters, sign);
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] != null) {
                sum.addBins(histograms.get(i), bins[i], sign);
            }
        }
    }

    /** Survey grouping reads the totals per survey; other groupings read their own dimension's rows. */
    private static String rollupDim(Dimension groupBy) {
        return groupBy == null || groupBy == Dimension.SURVEY ? Rollups.TOTAL : groupBy.wire();
    }

    private static final String HISTOGRAM_COLUMN = "h";
    /**
     * Positions of the columns every read selects (idx, group_key, c, h0, h1, ...): by name, the row
     * would look each one up among the column names, a sixth of an FRT read's Java time.
     */
    private static final int IDX = 0;
    /** 1, or -1 for the rows of a piece subtracted ({@link Cover}). */
    private static final int SIGN = 1;
    private static final int GROUP_KEY = 2;
    private static final int COUNTERS = 3;
    private static final int FIRST_HISTOGRAM = 4;

    /**
     * One column per histogram read, only those (sketches are the bulk of a ticket rollup row and most
     * metrics need none), each as the list of bins a rollup column stores: a rollup row's own
     * column ({@code r.h1 AS h0}).
     */
    private static String histogramColumns(Family family, List<Histogram> names) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            columns.append(", r.").append(Layout.histogramColumn(family, names.get(i))).append(" AS ")
                    .append(HISTOGRAM_COLUMN).append(i);
        }
        return columns.toString();
    }

    /**
     * The same columns for the contributions of an edge, summed per group in PostgreSQL: the counters
     * element by element, each histogram as its contributions' bins strung together into one list
     * ({@link BinSums} adds a list whatever its order). A contribution keeps its few bins as jsonb
     * ({@code {"frt": {"470": 1}}}); its text with the punctuation translated away is the list
     * ({@code 470,1}). An edge of a grouped read is up to three hours of facts (no hour rows per dimension):
     * some 2,000 of a busy tenant's ticket contributions for FRT by agent. Sent one row each, with the
     * bins made a list by an SQL function per row, that costs several times the whole read; summed here,
     * it is one row per group and edge.
     */
    private static String edgeColumns(Family family, List<Histogram> names, int counters) {
        StringBuilder columns = new StringBuilder(", ARRAY[");
        for (int i = 1; i <= counters; i++) {
            columns.append(i > 1 ? ", " : "").append("sum(c.c[").append(i).append("])");
        }
        columns.append("]::float8[] AS c");
        for (int i = 0; i < names.size(); i++) {
            Histogram histogram = names.get(i);
            Layout.histogramColumn(family, histogram); // refuses a histogram the family does not have
            columns.append(", string_agg(nullif(translate((c.h -> '").append(histogram.key()).append("')::text, ':{}\" ', ','), ''), ',') AS ")
                    .append(HISTOGRAM_COLUMN).append(i);
        }
        return columns.toString();
    }

    private static String outerColumns(List<Histogram> names) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            columns.append(", x.").append(HISTOGRAM_COLUMN).append(i);
        }
        return columns.toString();
    }

    /**
     * Ends a LATERAL subquery that reads one piece (or period) of a read: {@code OFFSET 0} keeps the
     * planner from flattening it into a join, which, not knowing how narrow each piece is, hashed every
     * row of the tenant's family and dimension (40 ms where the pieces' index ranges take 9 ms on
     * 300,000 responses, and growing with history). Each piece is then one index range scan.
     */
    public static final String EACH_PIECE_BY_INDEX = " OFFSET 0) x";

    /**
     * Whole buckets ($4..$7: period index, grain, bucket range per piece) from the rollups, while the
     * tenant's zoned buckets are cut in the zone of the query ($12; '' when the pieces include no zoned
     * bucket; a tenant without a calendar has none cut elsewhere) and by this layout ($15); edges ($9..$11) from the
     * contributions; and, when the zone differs, one row with a null index that says so. Each piece
     * carries its sign ($13, $14: -1 for a piece subtracted, {@link Cover}).
     * {@code counters}: how many of the layout's first counters are read (the column or a slice of it,
     * {@code c[1:6]}), from the layout, never from a request.
     */
    private static String sql(Family family, Dimension groupBy, boolean byValue, Filter filter, List<Histogram> histograms,
            int counters) {
        String slice = counters == Layout.size(family) ? "c" : "c[1:" + counters + "]";
        String key = groupBy == null ? "NULL::text" : groupBy == Dimension.SURVEY ? "r.scope" : "r.dim_value";
        return "WITH cal AS (SELECT $12 = '' OR coalesce((SELECT zone = $12 AND layout = $15 FROM tenant_calendar"
                + " WHERE tenant_id = $1), true) AS same_zone)"
                + " SELECT p.idx, p.sign, x.group_key, x.c" + outerColumns(histograms)
                + " FROM unnest($4::int4[], $5::int2[], $6::timestamptz[], $7::timestamptz[], $13::int2[]) AS p(idx, grain, a, b, sign)"
                + " CROSS JOIN LATERAL (SELECT " + key + " AS group_key, r." + slice + " AS c" + histogramColumns(family, histograms)
                + " FROM rollup r"
                + " WHERE r.tenant_id = $1 AND r.family = $2 AND r.dim = $3 AND r.grain = p.grain"
                + " AND r.bucket >= p.a AND r.bucket < p.b AND ($8 = '' OR r.scope = $8)"
                + (byValue ? " AND r.dim_value = ANY($" + FIRST_FILTER + "::text[])" : "") + EACH_PIECE_BY_INDEX
                + " WHERE (SELECT same_zone FROM cal)"
                + " UNION ALL SELECT p.idx, p.sign, x.group_key, x.c" + outerColumns(histograms)
                + " FROM unnest($9::int4[], $10::timestamptz[], $11::timestamptz[], $14::int2[]) AS p(idx, a, b, sign)"
                + " CROSS JOIN LATERAL (SELECT " + column(groupBy) + " AS group_key" + edgeColumns(family, histograms, counters)
                + " FROM contribution c WHERE c.tenant_id = $1 AND c.family = $2 AND c.at >= p.a AND c.at < p.b"
                + " AND ($8 = '' OR c.scope = $8)" + filter.sql(RollupReader::column, FIRST_FILTER) + " GROUP BY 1"
                + EACH_PIECE_BY_INDEX
                + " UNION ALL SELECT NULL::int4, NULL::int2, NULL::text, NULL::float8[]" + nulls(histograms.size())
                + " FROM cal WHERE NOT same_zone";
    }

    /** The number of the first filter parameter, after the fifteen every read has. */
    private static final int FIRST_FILTER = 16;

    private static String nulls(int n) {
        return ", NULL::text".repeat(n);
    }

    /** The contribution column of a dimension (named by the dimension: never text from the request). */
    public static String column(Dimension groupBy) {
        return groupBy == null ? "NULL::text" : "c." + groupBy.column();
    }
}

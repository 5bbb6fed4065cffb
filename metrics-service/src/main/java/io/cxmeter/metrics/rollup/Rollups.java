package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.cxmeter.metrics.facts.Contribution;
import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;

/**
 * How contributions add up into rollup rows: six-hour, day, week and month rows for the total (per
 * survey) and every dimension of the family, quarter rows where the family is {@link Family#quarterly},
 * and UTC hour rows for the total (see {@link #hasRows}). A grouped read's edge inside a day is then a
 * six-hour row and at most three hours of facts per group, whatever the tenant's volume.
 */
public final class Rollups {

    public static final List<Grain> GRAINS = List.of(Grain.HOUR, Grain.SIX_HOURS, Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER);
    /** The grains cut in the tenant's time zone, recut when it changes. */
    public static final List<Grain> ZONED = List.of(Grain.SIX_HOURS, Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER);
    /**
     * The version of which rows {@link #add} writes, kept per tenant beside its zone (tenant_calendar.layout):
     * a tenant whose rollups were cut by another version is recut from its contributions at its next
     * delivery, and read from hours and contributions until then.
     */
    public static final short LAYOUT = 2;
    /** Rollup value and column value standing for "the fact has no value here" (docs/metrics.md: the group with key null). */
    public static final String NONE = "";
    public static final String TOTAL = "";

    private Rollups() {
    }

    /** Adds {@code sign} times the contribution to every rollup row it belongs to. */
    public static void add(Map<RollupKey, Delta> deltas, Contribution c, int sign, ZoneId zone, List<Grain> grains) {
        if (c.family().rolledUp()) {
            add(deltas, c, Layout.pack(c.family(), c.state()), sign, zone, grains);
        }
    }

    /** The same, with the contribution's state already packed. */
    public static void add(Map<RollupKey, Delta> deltas, Contribution c, Layout.Packed packed, int sign, ZoneId zone,
            List<Grain> grains) {
        if (!c.family().rolledUp()) {
            return;
        }
        for (Grain grain : grains) {
            if (!hasRows(c.family(), null, grain)) {
                continue;
            }
            Instant bucket = grain.floor(c.at(), zone);
            merge(deltas, new RollupKey(c.family(), TOTAL, grain, bucket, c.scope(), NONE), packed, sign);
            for (Dimension dimension : c.family().dimensions()) {
                if (dimension == Dimension.SURVEY) {
                    continue;
                }
                if (!hasRows(c.family(), dimension, grain)) {
                    continue;
                }
                String value = c.dimension(dimension);
                merge(deltas, new RollupKey(c.family(), dimension.wire(), grain, bucket, c.scope(), value == null ? NONE : value),
                        packed, sign);
            }
        }
    }

    /** The grains a read of {@code family} grouped by {@code groupBy} may use, of those the tenant's calendar allows. */
    public static List<Grain> grainsFor(Family family, Dimension groupBy, List<Grain> allowed) {
        return allowed.stream().filter(g -> hasRows(family, groupBy, g)).toList();
    }

    /**
     * Whether the family has rollup rows of the grain for {@code dimension} (null: the totals, which are kept
     * per survey and so also answer grouping by survey), for writes and reads alike. Hour rows only for
     * those totals: an hour of a busy tenant's facts spreads over hundreds of agents, so nearly every fact
     * would make an agent hour row of its own, and the hour rows of the other dimensions, new rows every
     * hour, cost a fifth of a batch's writes while sparing a read at most three hours of facts per edge.
     * Quarter rows only where the family is {@link Family#quarterly}.
     */
    private static boolean hasRows(Family family, Dimension dimension, Grain grain) {
        return switch (grain) {
            case HOUR -> dimension == null || dimension == Dimension.SURVEY;
            case QUARTER -> family.quarterly();
            default -> true;
        };
    }

    private static void merge(Map<RollupKey, Delta> deltas, RollupKey key, Layout.Packed packed, int sign) {
        deltas.computeIfAbsent(key, k -> new Delta(k.family())).add(packed, sign);
    }
}

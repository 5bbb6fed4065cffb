package io.cxmeter.metrics.rollup;

import java.util.List;
import java.util.Map;

import io.cxmeter.metrics.facts.Counter;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;
import io.vertx.core.json.JsonObject;

/**
 * How a family's state is stored: its counters as a {@code float8[]} in the order of the family's
 * counter enum ({@link io.cxmeter.metrics.facts.Counters}), which PostgreSQL adds element-wise, so
 * rollups are merged in SQL without a read; and its histograms, if any: a contribution keeps them as a
 * small jsonb object of sparse bins by {@link Histogram#key()}, a rollup row keeps each in its own column
 * ({@code h1} to {@code h6} in the family's histogram order) as a list of bins and counts
 * ({@link BinSums#text}), which PostgreSQL merges with {@code cx_bins_add}.
 */
public final class Layout {

    private Layout() {
    }

    /** How many counters the family stores. */
    public static int size(Family family) {
        return family.counters().size();
    }

    /** The rollup column of the family's histogram ({@code h1} to {@code h6}). */
    public static String histogramColumn(Family family, Histogram histogram) {
        int index = family.histograms().indexOf(histogram);
        if (index < 0) {
            throw new IllegalArgumentException(family + " has no histogram " + histogram);
        }
        return "h" + (index + 1);
    }

    /** The 1-based SQL array position of a counter of the family. */
    public static int sqlPosition(Family family, Counter counter) {
        return family.position(counter) + 1;
    }

    /** How many leading counters of the family's layout hold all of {@code counters}. */
    public static int prefix(Family family, List<? extends Counter> counters) {
        int prefix = 0;
        for (Counter counter : counters) {
            prefix = Math.max(prefix, family.position(counter) + 1);
        }
        return prefix;
    }

    /** A state laid out for its family: the counters in layout order, and its histograms' bins. */
    public record Packed(double[] counters, Map<Histogram, Map<Integer, Long>> histograms) {

        /** Writes the counters into {@code into} from {@code offset} on. */
        public void countersInto(Double[] into, int offset) {
            for (int i = 0; i < counters.length; i++) {
                into[offset + i] = counters[i];
            }
        }
    }

    public static Packed pack(Family family, State state) {
        double[] counters = new double[size(family)];
        state.counters().forEach((counter, value) -> counters[family.position(counter)] = value);
        return new Packed(counters, state.histograms());
    }

    public static State decode(Family family, Double[] counters, JsonObject histograms) {
        State state = State.ofHistograms(histograms);
        List<Counter> names = family.counters();
        for (int i = 0; i < counters.length && i < names.size(); i++) {
            Double value = counters[i];
            if (value != null && Math.abs(value) >= 1e-9) {
                state.add(names.get(i), value);
            }
        }
        return state;
    }
}

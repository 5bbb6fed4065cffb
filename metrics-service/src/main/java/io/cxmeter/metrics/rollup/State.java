package io.cxmeter.metrics.rollup;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.cxmeter.metrics.facts.Counter;
import io.cxmeter.metrics.facts.Histogram;
import io.vertx.core.json.JsonObject;

/**
 * What a set of facts adds up to, in a form that merges by addition: counters (counts and sums, see
 * {@link io.cxmeter.metrics.facts.Counters}) and histograms (quantile sketches and exact per-second
 * distributions, see {@link Histogram}). A fact's
 * contribution, a rollup bucket and a query's answer are all states; removing a fact merges its
 * state with sign −1, so a rollup is always exactly the sum of the facts it covers.
 */
public final class State {

    private final Map<Counter, Double> counters = new HashMap<>();
    private final Map<Histogram, Map<Integer, Long>> histograms = new EnumMap<>(Histogram.class);

    public State add(Counter counter, double amount) {
        if (amount != 0) {
            counters.merge(counter, amount, Double::sum);
        }
        return this;
    }

    public State record(Histogram histogram, int bin, long count) {
        Map<Integer, Long> bins = mutable(histograms, histogram);
        if (bins.merge(bin, count, Long::sum) == 0) {
            bins.remove(bin);
        }
        if (bins.isEmpty()) {
            histograms.remove(histogram);
        }
        return this;
    }

    /** Adds a whole histogram summed by a read. */
    State add(Histogram histogram, SortedBins bins) {
        addHistograms(histograms, Map.of(histogram, bins), 1);
        return this;
    }

    /** Adds {@code other} times {@code sign} (+1 to add, −1 to take away); entries that reach 0 disappear. */
    public State merge(State other, int sign) {
        addCounters(other, sign);
        addHistograms(histograms, other.histograms, sign);
        return this;
    }

    /**
     * The sum of {@code states}, equal to merging them one by one into an empty state; their histograms
     * are tallied bin by bin ({@link BinTally}) instead of merged pairwise, which walked the whole running
     * sum once per state.
     */
    public static State sumOf(Iterable<State> states) {
        State total = new State();
        Map<Histogram, BinTally> tallies = new EnumMap<>(Histogram.class);
        for (State state : states) {
            total.addCounters(state, 1);
            state.histograms.forEach((name, bins) -> tallies.computeIfAbsent(name, n -> new BinTally()).addAll(bins, 1));
        }
        tallies.forEach((name, tally) -> {
            SortedBins sum = tally.sums();
            if (!sum.isEmpty()) {
                total.histograms.put(name, sum);
            }
        });
        return total;
    }

    private void addCounters(State other, int sign) {
        other.counters.forEach((name, value) -> {
            double sum = counters.getOrDefault(name, 0.0) + sign * value;
            // Counters are sums of integers and of seconds with at most microsecond parts: round away float dust.
            if (Math.abs(sum) < 1e-9) {
                counters.remove(name);
            } else {
                counters.put(name, sum);
            }
        });
    }

    /**
     * Adds {@code sign} times every bin of {@code other} to {@code into}; bins and histograms that reach 0
     * disappear. Sums of reads ({@link SortedBins}) merge array to array and are shared, being immutable.
     */
    static void addHistograms(Map<Histogram, Map<Integer, Long>> into, Map<Histogram, Map<Integer, Long>> other, int sign) {
        other.forEach((name, bins) -> {
            Map<Integer, Long> existing = into.get(name);
            if (bins instanceof SortedBins theirs && (existing == null || existing instanceof SortedBins)) {
                SortedBins sum = existing == null && sign == 1 ? theirs
                        : SortedBins.sum(existing == null ? SortedBins.EMPTY : (SortedBins) existing, theirs, sign);
                if (sum.isEmpty()) {
                    into.remove(name);
                } else {
                    into.put(name, sum);
                }
                return;
            }
            Map<Integer, Long> mine = mutable(into, name);
            bins.forEach((bin, count) -> {
                long sum = mine.getOrDefault(bin, 0L) + sign * count;
                if (sum == 0) {
                    mine.remove(bin);
                } else {
                    mine.put(bin, sum);
                }
            });
            if (mine.isEmpty()) {
                into.remove(name);
            }
        });
    }

    /** The histogram {@code name} of {@code histograms} as a TreeMap to add bins to (a read's sum is copied first). */
    private static Map<Integer, Long> mutable(Map<Histogram, Map<Integer, Long>> histograms, Histogram name) {
        Map<Integer, Long> bins = histograms.get(name);
        if (!(bins instanceof TreeMap)) {
            bins = bins == null ? new TreeMap<>() : new TreeMap<>(bins);
            histograms.put(name, bins);
        }
        return bins;
    }

    public double get(Counter counter) {
        return counters.getOrDefault(counter, 0.0);
    }

    public long count(Counter counter) {
        return Math.round(get(counter));
    }

    /** Every counter that is not 0 (read-only). */
    public Map<Counter, Double> counters() {
        return java.util.Collections.unmodifiableMap(counters);
    }

    /** Every histogram that has a bin (read-only). */
    public Map<Histogram, Map<Integer, Long>> histograms() {
        return java.util.Collections.unmodifiableMap(histograms);
    }

    public Map<Integer, Long> histogram(Histogram name) {
        return histograms.getOrDefault(name, Map.of());
    }

    public boolean isEmpty() {
        return counters.isEmpty() && histograms.isEmpty();
    }

    public State copy() {
        return new State().merge(this, 1);
    }

    /** Counters by name, in order, and histograms by key: how a state prints. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        new TreeMap<>(counters.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(),
                Map.Entry::getValue))).forEach(json::put);
        putHistograms(json, histograms);
        return json;
    }

    /** The histograms alone, as in {@link #toJson()}, or null when there are none. */
    public JsonObject histogramsJson() {
        return histograms.isEmpty() ? null : putHistograms(new JsonObject(), histograms);
    }

    private static JsonObject putHistograms(JsonObject json, Map<Histogram, Map<Integer, Long>> histograms) {
        histograms.forEach((histogram, bins) -> {
            JsonObject h = new JsonObject();
            bins.forEach((bin, count) -> h.put(Integer.toString(bin), count));
            json.put(histogram.key(), h);
        });
        return json;
    }

    /** A state of the histograms {@link #histogramsJson()} wrote (a contribution's {@code h}). */
    public static State ofHistograms(JsonObject json) {
        State state = new State();
        if (json == null) {
            return state;
        }
        for (Map.Entry<String, Object> entry : json) {
            Map<Integer, Long> h = new TreeMap<>();
            for (Map.Entry<String, Object> bin : (JsonObject) entry.getValue()) {
                h.put(Integer.parseInt(bin.getKey()), ((Number) bin.getValue()).longValue());
            }
            state.histograms.put(Histogram.byKey(entry.getKey()), h);
        }
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && counters.equals(s.counters) && histograms.equals(s.histograms);
    }

    @Override
    public int hashCode() {
        return counters.hashCode() * 31 + histograms.hashCode();
    }

    @Override
    public String toString() {
        return toJson().encode();
    }
}

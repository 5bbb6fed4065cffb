package io.cxmeter.metrics.rollup;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a read sums: one state per period (by the index its request gave it) and group key, the key
 * {@link RollupReader#ALL} in a read without groups and null for the facts without the dimension. A
 * rollup read fills it, the corrections from the raw facts are added to it, and a metric's formula
 * makes a value of each of its states.
 */
public final class PeriodSums {

    private final Map<Integer, Map<String, State>> sums = new HashMap<>();

    /** Adds {@code state} to the group {@code key} of period {@code index}; the sums keep it (or add it to theirs). */
    public PeriodSums add(int index, String key, State state) {
        Map<String, State> groups = sums.computeIfAbsent(index, i -> new HashMap<>());
        State mine = groups.get(key);
        if (mine == null) {
            groups.put(key, state);
        } else {
            mine.merge(state, 1);
        }
        return this;
    }

    /** Makes period {@code index} known to have been read, with no group yet. */
    PeriodSums period(int index) {
        sums.computeIfAbsent(index, i -> new HashMap<>());
        return this;
    }

    /** The state of group {@code key} in period {@code index}, empty where nothing was summed. */
    public State get(int index, String key) {
        State state = groups(index).get(key);
        return state == null ? new State() : state;
    }

    /** The groups of period {@code index} (read-only), none where nothing was summed. */
    public Map<String, State> groups(int index) {
        Map<String, State> groups = sums.get(index);
        return groups == null ? Map.of() : Collections.unmodifiableMap(groups);
    }

    /** Adds every group of {@code other} to these sums, period by period. */
    public PeriodSums plus(PeriodSums other) {
        other.sums.forEach((index, groups) -> {
            period(index);
            groups.forEach((key, state) -> add(index, key, state.copy()));
        });
        return this;
    }

    /** Sums that can be added to without changing these. */
    public PeriodSums copy() {
        return new PeriodSums().plus(this);
    }

    /** Each period's groups summed into its one total, under {@link RollupReader#ALL}. */
    public PeriodSums totals() {
        PeriodSums totals = new PeriodSums();
        sums.forEach((index, groups) -> totals.add(index, RollupReader.ALL, State.sumOf(groups.values())));
        return totals;
    }

    /** Every state made a value by {@code formula}, per period and group. */
    public <V> Map<Integer, Map<String, V>> map(Function<State, V> formula) {
        Map<Integer, Map<String, V>> out = new HashMap<>();
        sums.forEach((index, groups) -> {
            Map<String, V> values = new LinkedHashMap<>();
            groups.forEach((key, state) -> values.put(key, formula.apply(state)));
            out.put(index, values);
        });
        return out;
    }
}

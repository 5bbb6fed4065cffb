package io.cxmeter.metrics.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The facts a question keeps (docs/metrics.md#filters): for each named dimension, the values a fact may
 * have there; a fact is kept when it matches every named dimension. Values are compared exactly, so a
 * fact without the dimension matches no filter on it.
 */
public final class Filter {

    public static final Filter NONE = new Filter(Map.of());

    private final Map<Dimension, List<String>> values;

    private Filter(Map<Dimension, List<String>> values) {
        this.values = values;
    }

    /** Each dimension's values, sorted and without repeats; dimensions without values are left out. */
    public static Filter of(Map<Dimension, ? extends Iterable<String>> values) {
        Map<Dimension, List<String>> kept = new EnumMap<>(Dimension.class);
        values.forEach((dimension, named) -> {
            Set<String> sorted = new TreeSet<>();
            named.forEach(sorted::add);
            if (!sorted.isEmpty()) {
                kept.put(dimension, List.copyOf(sorted));
            }
        });
        return kept.isEmpty() ? NONE : new Filter(Collections.unmodifiableMap(kept));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Set<Dimension> dimensions() {
        return values.keySet();
    }

    /** Each dimension's values by the dimension's name, as requests and alert rules write them. */
    public Map<String, List<String>> byName() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        values.forEach((dimension, named) -> out.put(dimension.wire(), named));
        return out;
    }

    /** The one dimension filtered, if exactly one is. */
    public Optional<Dimension> single() {
        return values.size() == 1 ? Optional.of(values.keySet().iterator().next()) : Optional.empty();
    }

    /**
     * The SQL condition that keeps the matching rows, {@code " AND col = ANY($n::text[])"} per dimension
     * in {@link #dimensions()} order ({@code " AND col && $n::text[]"} for tags, an array column: any tag
     * in common), the first parameter numbered {@code firstParameter}; {@code column} names each
     * dimension's column (from a fixed list, never from the request). Empty without a filter.
     */
    public String sql(Function<Dimension, String> column, int firstParameter) {
        StringBuilder sql = new StringBuilder();
        int n = firstParameter;
        for (Dimension dimension : values.keySet()) {
            String parameter = "$" + n++ + "::text[]";
            sql.append(" AND ").append(column.apply(dimension))
                    .append(dimension == Dimension.TAG ? " && " + parameter : " = ANY(" + parameter + ")");
        }
        return sql.toString();
    }

    /** The parameters of {@link #sql}, in its order. */
    public List<Object> parameters() {
        List<Object> parameters = new ArrayList<>(values.size());
        values.values().forEach(v -> parameters.add(v.toArray(String[]::new)));
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter f && f.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

package io.cxmeter.metrics.query;

import java.util.Map;

/** A metric over one set of facts: {@code value} (null over an empty set), how many facts it rests on, and details. */
public record Value(Double value, long count, Map<String, Object> details) {

    public static final Value EMPTY = new Value(null, 0, Map.of());
}

package io.cxmeter.metrics.rollup;

import java.time.Instant;

import io.cxmeter.metrics.facts.Family;

/** One rollup row: a family's sums in one bucket, for one survey (scope) and one value of one dimension ('' = total). */
public record RollupKey(Family family, String dim, Grain grain, Instant bucket, String scope, String dimValue) {
}

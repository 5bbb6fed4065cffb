package io.cxmeter.metrics.rollup;

import java.time.Instant;

import io.cxmeter.metrics.facts.Family;

/** One rollup row: a family's sums in one bucket, for one survey (scope) and one value of one dimension ('' = total). */
public record RollupKey(Family family, String dim, Grain grain, Instant bucket, String scope, String dimValue) {

    /** Batches hash thousands of keys: ordinals instead of identity hashes, and bucket starts mixed (their low bits are 0). */
    @Override
    public int hashCode() {
        int h = family.ordinal();
        h = 31 * h + dim.hashCode();
        h = 31 * h + grain.ordinal();
        h = 31 * h + Long.hashCode(bucket.getEpochSecond() * 0x9E3779B97F4A7C15L);
        h = 31 * h + scope.hashCode();
        return 31 * h + dimValue.hashCode();
    }
}

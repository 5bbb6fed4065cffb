package io.cxmeter.metrics.facts;

/**
 * A counter of a state: a count or a sum that merges by addition. Each family's counters are one enum
 * of {@link Counters}; the counters a read computes without storing them are {@link Counters.Read}.
 * Implemented by enums only, whose identity is the counter's.
 */
public interface Counter {

    /** The counter's name, as a state prints it. */
    String name();
}

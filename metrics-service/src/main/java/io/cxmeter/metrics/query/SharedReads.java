package io.cxmeter.metrics.query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.cxmeter.metrics.rollup.PeriodSums;
import io.smallrye.mutiny.Uni;

/**
 * The reads of one summary, shared by its metrics: seven ticket metrics sum the same ticket rollups
 * over the same period, five customer metrics the same customer rollups. Each read runs once; every
 * metric gets its own copy of the sums, since metrics add their own parts to them.
 */
final class SharedReads {

    private final Map<List<Object>, Uni<?>> reads = new ConcurrentHashMap<>();

    /** The sums read by {@code read} for {@code key}, read once whoever asks first. */
    Uni<PeriodSums> sums(List<Object> key, Supplier<Uni<PeriodSums>> read) {
        return shared(key, read).map(PeriodSums::copy);
    }

    /** A read whose answer nobody changes, shared as it is. */
    @SuppressWarnings("unchecked")
    <T> Uni<T> shared(List<Object> key, Supplier<Uni<T>> read) {
        return (Uni<T>) reads.computeIfAbsent(key, k -> read.get().memoize().indefinitely());
    }
}

package io.cxmeter.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One service's circuit breaker. After {@code threshold} failures in a row (no connection, no answer
 * in time, 502/503/504) it opens: callers get an answer at once instead of waiting on a service that
 * is down. After {@code openFor} one trial request goes through (half-open); its success closes the
 * circuit, its failure opens it again.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** Whether a request may go to the service now (in half-open state, only one at a time). */
    synchronized boolean allowRequest() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return false;
            }
            trialInFlight = true;
            return true;
        }
        return state == State.CLOSED;
    }

    synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    synchronized void failure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
    }

    /** Seconds until a trial request may go (at least 1). */
    synchronized long retryAfterSeconds() {
        long left = openForNanos - (clock.getAsLong() - openedAt);
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    synchronized State state() {
        return state;
    }
}

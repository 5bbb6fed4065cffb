package io.cxmeter.metrics.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one watched value of a rule (its total, or one group) stands, and the step an evaluation
 * takes. A value that crosses the threshold is {@code PENDING} until it has stayed across for the
 * rule's {@code for} duration, then {@code FIRING}; it resolves only once it is back past
 * {@code recoverAt} (on the safe side of the threshold), so a value wavering about the threshold
 * fires once and resolves once. A value with too small a sample, or none, says nothing: a pending
 * crossing is forgotten, a firing alert stays firing.
 */
public record AlertState(Status status, Instant since, Double value, long sample) {

    public enum Status {
        OK, PENDING, FIRING
    }

    /** What an evaluation saw for the value: null when the answer had no value. */
    public record Observation(Double value, long sample) {
    }

    /** A change the tenant hears of. */
    public enum Transition {
        FIRED("alert.fired"), RESOLVED("alert.resolved");

        private final String eventType;

        Transition(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }

    /** The state after an evaluation, and the transition it made (null when none). */
    public record Step(AlertState state, Transition transition) {
    }

    public static final AlertState INITIAL = new AlertState(Status.OK, null, null, 0);

    public Step next(AlertRule.Condition condition, double threshold, double recoverAt, int minSample, Duration holdFor,
            Observation seen, Instant now) {
        boolean known = seen.value() != null && seen.sample() >= minSample;
        if (!known) {
            if (status == Status.FIRING) {
                return new Step(this, null);
            }
            return new Step(new AlertState(Status.OK, status == Status.OK && since != null ? since : now, seen.value(),
                    seen.sample()), null);
        }
        double value = seen.value();
        boolean crossed = condition == AlertRule.Condition.BELOW ? value < threshold : value > threshold;
        boolean recovered = condition == AlertRule.Condition.BELOW ? value >= recoverAt : value <= recoverAt;
        return switch (status) {
            case FIRING -> recovered
                    ? new Step(new AlertState(Status.OK, now, value, seen.sample()), Transition.RESOLVED)
                    : new Step(new AlertState(Status.FIRING, since, value, seen.sample()), null);
            case PENDING -> !crossed ? new Step(new AlertState(Status.OK, now, value, seen.sample()), null)
                    : fireOrWait(since, holdFor, value, seen.sample(), now);
            case OK -> crossed ? fireOrWait(now, holdFor, value, seen.sample(), now)
                    : new Step(new AlertState(Status.OK, since == null ? now : since, value, seen.sample()), null);
        };
    }

    private static Step fireOrWait(Instant crossedAt, Duration holdFor, double value, long sample, Instant now) {
        if (!now.isBefore(crossedAt.plus(holdFor))) {
            return new Step(new AlertState(Status.FIRING, now, value, sample), Transition.FIRED);
        }
        return new Step(new AlertState(Status.PENDING, crossedAt, value, sample), null);
    }
}

package io.cxmeter.metrics.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.alerts.AlertState.Observation;
import io.cxmeter.metrics.alerts.AlertState.Status;
import io.cxmeter.metrics.alerts.AlertState.Transition;

/** The step of one watched value: crossing, holding, recovering, and what a small or missing sample does. */
class AlertStateTest {

    private static final Instant T = Instant.parse("2026-05-04T00:00:00Z");

    private static AlertState.Step below(AlertState state, Double value, long sample, Duration hold, int minutes) {
        return state.next(AlertRule.Condition.BELOW, 80, 85, 5, hold, new Observation(value, sample), T.plusSeconds(60L * minutes));
    }

    @Test
    void aCrossingFiresAtOnceWithoutAHoldAndResolvesOnlyPastRecoverAt() {
        AlertState.Step fired = below(AlertState.INITIAL, 79.0, 10, Duration.ZERO, 0);
        assertEquals(Transition.FIRED, fired.transition());
        assertEquals(Status.FIRING, fired.state().status());
        // Back above the threshold but short of recoverAt (85): still firing, nothing told.
        AlertState.Step wavering = below(fired.state(), 82.0, 10, Duration.ZERO, 1);
        assertNull(wavering.transition());
        assertEquals(Status.FIRING, wavering.state().status());
        assertEquals(T, wavering.state().since(), "firing since the crossing");
        AlertState.Step again = below(wavering.state(), 70.0, 10, Duration.ZERO, 2);
        assertNull(again.transition(), "crossing again while firing tells nothing");
        AlertState.Step resolved = below(again.state(), 85.0, 10, Duration.ZERO, 3);
        assertEquals(Transition.RESOLVED, resolved.transition());
        assertEquals(Status.OK, resolved.state().status());
    }

    @Test
    void aHoldWaitsForTheCrossingToLastAndForgetsOneThatDoesNot() {
        Duration hold = Duration.ofMinutes(10);
        AlertState.Step pending = below(AlertState.INITIAL, 79.0, 10, hold, 0);
        assertNull(pending.transition());
        assertEquals(Status.PENDING, pending.state().status());
        AlertState.Step still = below(pending.state(), 75.0, 10, hold, 9);
        assertNull(still.transition());
        AlertState.Step recovered = below(still.state(), 81.0, 10, hold, 9);
        assertEquals(Status.OK, recovered.state().status(), "a crossing that ends before the hold is forgotten");
        AlertState.Step anew = below(recovered.state(), 79.0, 10, hold, 12);
        AlertState.Step fired = below(anew.state(), 79.0, 10, hold, 22);
        assertEquals(Transition.FIRED, fired.transition(), "held for 10 minutes from the new crossing");
    }

    @Test
    void aSmallOrMissingSampleSaysNothing() {
        assertEquals(Status.OK, below(AlertState.INITIAL, 10.0, 4, Duration.ZERO, 0).state().status(), "4 answers < minSample 5");
        AlertState firing = below(AlertState.INITIAL, 10.0, 5, Duration.ZERO, 0).state();
        AlertState.Step unknown = below(firing, null, 0, Duration.ZERO, 1);
        assertNull(unknown.transition());
        assertEquals(Status.FIRING, unknown.state().status(), "no data does not resolve");
        AlertState.Step small = below(firing, 100.0, 2, Duration.ZERO, 2);
        assertNull(small.transition(), "a recovery on 2 answers does not resolve either");
    }

    @Test
    void aboveIsTheMirror() {
        AlertState.Step fired = AlertState.INITIAL.next(AlertRule.Condition.ABOVE, 200, 180, 1, Duration.ZERO,
                new Observation(201.0, 201), T);
        assertEquals(Transition.FIRED, fired.transition());
        assertNull(fired.state().next(AlertRule.Condition.ABOVE, 200, 180, 1, Duration.ZERO, new Observation(190.0, 190), T)
                .transition());
        assertEquals(Transition.RESOLVED, fired.state().next(AlertRule.Condition.ABOVE, 200, 180, 1, Duration.ZERO,
                new Observation(180.0, 180), T).transition());
    }
}

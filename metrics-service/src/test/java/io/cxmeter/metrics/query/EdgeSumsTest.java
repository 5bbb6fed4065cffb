package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A read grouped by agent (no hour rows) takes the part of six hours at the edge of its period from the
 * facts, summed per group in PostgreSQL, or, when that part is the longer side, the six hours' rollup row
 * minus the facts of the other side ({@link io.cxmeter.metrics.rollup.Cover}). Here several replies of one agent
 * fall in one edge, their bins out of order (a zero and a sub-second reply among them), a reply of
 * the morning is outside the period, and a whole day after it comes from the rollups. Expected values
 * by hand from docs/metrics.md (nearest-rank quantiles, sketches within 1 %).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeSumsTest {

    /** From 12:30 the rest of its six hours is the shorter side: [12:30, 18:00) is read from the facts. */
    private static final String AFTERNOON = "2026-03-10T12:30:00Z";
    /** From 08:30 the morning is the shorter side: the six hours from 06:00 minus the facts of [06:00, 08:30). */
    private static final String MORNING = "2026-03-10T08:30:00Z";
    /** 03-11 is a whole day from the rollups. */
    private static final String TO = "2026-03-12T00:00:00Z";
    private static final double Q = 0.01;

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::tickets);
    }

    private void tickets(Fixtures f) {
        // Before both periods (replied at 08:00): A2, 3600 s, in the day's rollup row only.
        reply(f, "T8", "chat", "2026-03-10T07:00:00Z", "2026-03-10T08:00:00Z", "A2");
        // A1 in the afternoon: 0 s, 1200 s, 30 s, 300 s (in that order); A2: 0.5 s, 3600 s.
        reply(f, "T1", "email", "2026-03-10T13:00:00Z", "2026-03-10T13:00:00Z", "A1");
        reply(f, "T2", "email", "2026-03-10T14:00:00Z", "2026-03-10T14:20:00Z", "A1");
        reply(f, "T3", "email", "2026-03-10T15:00:00Z", "2026-03-10T15:00:30Z", "A1");
        reply(f, "T4", "email", "2026-03-10T16:00:00Z", "2026-03-10T16:05:00Z", "A1");
        reply(f, "T5", "chat", "2026-03-10T17:00:00Z", "2026-03-10T17:00:00.500Z", "A2");
        reply(f, "T6", "email", "2026-03-10T18:00:00Z", "2026-03-10T19:00:00Z", "A2");
        // A1 on the whole day 03-11: 3600 s.
        reply(f, "T7", "email", "2026-03-11T08:00:00Z", "2026-03-11T09:00:00Z", "A1");
    }

    private static void reply(Fixtures f, String id, String channel, String createdAt, String repliedAt, String agent) {
        f.ticket(id, channel, "tier-1", null, createdAt, ev("agent_reply", repliedAt, "agentId", agent));
    }

    @Test
    void durationsOfAnEdgeAreSummedPerGroup() {
        assertRepliesOfTheAfternoonAndTheNextDay(AFTERNOON);
    }

    @Test
    void aDayMinusItsMorningSubtractsTheMorningsBins() {
        // A2's row of 06:00-12:00 holds T8's 3600 s, taken away again with the facts before 08:30.
        assertRepliesOfTheAfternoonAndTheNextDay(MORNING);
    }

    private void assertRepliesOfTheAfternoonAndTheNextDay(String from) {
        // A1: 0, 30, 300, 1200, 3600: mean 5130 / 5 = 1026, median rank 3 = 300, p90 rank 5 = 3600.
        // A2: 0.5, 3600: mean 1800.25, median rank 1 = 0.5, p90 rank 2 = 3600.
        // All 7: 0, 0.5, 30, 300, 1200, 3600, 3600: mean 8730.5 / 7, median rank 4 = 300, p90 rank 7 = 3600.
        f.metric("first-response-time", "from", from, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(7))
                .body("value", closeTo(8730.5 / 7, 1e-9))
                .body("details.median", closeTo(300, 300 * Q))
                .body("details.p90", closeTo(3600, 3600 * Q))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.count", equalTo(5))
                .body("groups.find { it.key == 'A1' }.value", closeTo(1026, 1e-9))
                .body("groups.find { it.key == 'A1' }.details.median", closeTo(300, 300 * Q))
                .body("groups.find { it.key == 'A1' }.details.p90", closeTo(3600, 3600 * Q))
                .body("groups.find { it.key == 'A2' }.count", equalTo(2))
                .body("groups.find { it.key == 'A2' }.value", closeTo(1800.25, 1e-9))
                .body("groups.find { it.key == 'A2' }.details.median", closeTo(0.5, 0.5 * Q))
                .body("groups.find { it.key == 'A2' }.details.p90", closeTo(3600, 3600 * Q));
    }

    @Test
    void onlyTheEdgeGivesTheZeroReply() {
        // [03-10 12:30, 13:00:01) holds T1's reply alone (0 s): a group read from one edge row.
        f.metric("first-response-time", "from", AFTERNOON, "to", "2026-03-10T13:00:01Z", "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(1))
                .body("groups", hasSize(1))
                .body("groups[0].key", equalTo("A1"))
                .body("groups[0].value", closeTo(0, 1e-9))
                .body("groups[0].details.median", closeTo(0, 1e-9))
                .body("groups[0].details.p90", closeTo(0, 1e-9));
    }

    @Test
    void countersOfAnEdgeAreSummedPerGroup() {
        // Created in either period: T1-T6 on 03-10 from 13:00, T7 on 03-11 (T8 at 07:00 before both):
        // email T1-T4, T6, T7; chat T5.
        for (String from : new String[] {AFTERNOON, MORNING}) {
            f.metric("ticket-volume", "from", from, "to", TO, "groupBy", "channel")
                    .statusCode(200)
                    .body("value", equalTo(7.0))
                    .body("groups", hasSize(2))
                    .body("groups.find { it.key == 'email' }.value", equalTo(6.0))
                    .body("groups.find { it.key == 'chat' }.value", equalTo(1.0));
        }
    }
}

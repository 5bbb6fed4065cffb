package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.handled;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ticket metrics on a small history whose expected values are worked out by hand from docs/metrics.md,
 * in the comments next to each assertion. The period P is the week [2026-03-02, 2026-03-09) UTC.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketMetricsTest {

    private static final String FROM = "2026-03-02T00:00:00Z";
    private static final String TO = "2026-03-09T00:00:00Z";
    /** Sketch quantiles are within 1 % (docs/metrics.md allows it). */
    private static final double Q = 0.01;

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::tickets);
    }

    private void tickets(Fixtures f) {
        // T1: reply after 30 min, resolved at 10:00 then closed at 12:00 (closing is no new resolution).
        f.ticket("T1", "email", "tier-1", "C-1", "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:10:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"),
                status("2026-03-02T12:00:00Z", "closed"));
        // T2: resolved at 10:00, reopened at 11:00, resolved for good the next day at 08:00.
        f.ticket("T2", "email", "tier-2", null, "2026-03-03T08:00:00Z",
                ev("assigned", "2026-03-03T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-03T09:00:00Z", "agentId", "A2"),
                status("2026-03-03T10:00:00Z", "resolved"),
                status("2026-03-03T11:00:00Z", "open"),
                status("2026-03-04T08:00:00Z", "resolved"));
        // T3: chat answered after 15 s, handled 300 + 0 + 60 s.
        f.ticket("T3", "chat", "tier-1", null, "2026-03-04T10:00:00Z",
                ev("queued", "2026-03-04T10:00:00Z"),
                ev("answered", "2026-03-04T10:00:15Z", "agentId", "A1"),
                ev("assigned", "2026-03-04T10:00:15Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-04T10:00:15Z", "agentId", "A1"),
                handled("2026-03-04T10:10:00Z", 300, 0, 60),
                status("2026-03-04T10:10:00Z", "resolved"));
        // T4: call answered after 30 s, handled 500 + 40 + 20 s.
        f.ticket("T4", "call", "tier-1", null, "2026-03-05T14:00:00Z",
                ev("queued", "2026-03-05T14:00:00Z"),
                ev("answered", "2026-03-05T14:00:30Z", "agentId", "A2"),
                ev("assigned", "2026-03-05T14:00:30Z", "agentId", "A2"),
                handled("2026-03-05T14:10:00Z", 500, 40, 20),
                status("2026-03-05T14:11:00Z", "resolved"));
        // T5: abandoned 3 s after queuing (under 5 s: not offered). T6: abandoned after 8 s (offered).
        f.ticket("T5", "call", "tier-1", null, "2026-03-05T15:00:00Z",
                ev("queued", "2026-03-05T15:00:00Z"), ev("abandoned", "2026-03-05T15:00:03Z"));
        f.ticket("T6", "call", "tier-1", null, "2026-03-05T16:00:00Z",
                ev("queued", "2026-03-05T16:00:00Z"), ev("abandoned", "2026-03-05T16:00:08Z"));
        // T7: a blocked call (never offered).
        f.ticket("T7", "call", "tier-1", null, "2026-03-06T09:00:00Z", ev("blocked", "2026-03-06T09:00:00Z"));
        // T8: new, untouched. T9: assigned and pending.
        f.ticket("T8", "email", null, null, "2026-03-06T10:00:00Z");
        f.ticket("T9", "social", "tier-2", null, "2026-03-07T11:00:00Z",
                ev("assigned", "2026-03-07T11:30:00Z", "agentId", "A1"),
                status("2026-03-07T11:30:00Z", "pending"));
        // T10: created before P, first replied in P after 20 h, still open.
        f.ticket("T10", "email", "tier-1", null, "2026-03-01T12:00:00Z",
                ev("assigned", "2026-03-01T12:30:00Z", "agentId", "A2"),
                status("2026-03-01T12:30:00Z", "open"),
                ev("agent_reply", "2026-03-02T08:00:00Z", "agentId", "A2"));
    }

    @Test
    void volumeCountsTicketsCreatedInThePeriodPerChannel() {
        // T1..T9 (T10 is older): email T1, T2, T8; chat T3; call T4..T7; social T9.
        f.metric("ticket-volume", "from", FROM, "to", TO, "groupBy", "channel")
                .statusCode(200)
                .body("value", equalTo(9.0)).body("count", equalTo(9))
                .body("groups", hasSize(4))
                .body("groups.find { it.key == 'call' }.value", equalTo(4.0))
                .body("groups.find { it.key == 'chat' }.value", equalTo(1.0))
                .body("groups.find { it.key == 'email' }.value", equalTo(3.0))
                .body("groups.find { it.key == 'social' }.value", equalTo(1.0));
    }

    @Test
    void firstResponseTimeUsesTheFirstPublicReplyInThePeriod() {
        // Replies in P: T1 1800 s (A1), T2 3600 s (A2), T3 15 s (A1), T10 72000 s (A2).
        // mean 77415 / 4; sorted 15, 1800, 3600, 72000: median = rank 2 = 1800, p90 = rank 4 = 72000.
        f.metric("first-response-time", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(19353.75, 1e-6)).body("count", equalTo(4))
                .body("details.median", closeTo(1800, 1800 * Q))
                .body("details.p90", closeTo(72000, 72000 * Q))
                .body("groups.find { it.key == 'A1' }.value", closeTo(907.5, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(37800, 1e-6));
    }

    @Test
    void groupsAreExactWhenThePeriodStartsAndEndsInsideADay() {
        // Dimensions have no hour rows: the partial days come from the facts. Both replies in
        // [03-02 09:00, 03-04 10:00:10) are on email tickets (T1 1800 s, T2 3600 s); T3's chat reply is after.
        f.metric("first-response-time", "from", "2026-03-02T09:00:00Z", "to", "2026-03-04T10:00:10Z", "groupBy", "channel")
                .statusCode(200)
                .body("count", equalTo(2))
                .body("groups.find { it.key == 'email' }.value", closeTo(2700, 1e-6))
                .body("groups.find { it.key == 'email' }.count", equalTo(2));
    }

    @Test
    void agentGroupsAreExactWhenThePeriodStartsAndEndsInsideADay() {
        // Agents have no hour rollups: the partial days come from the facts. Replies in
        // [03-02 09:00, 03-04 10:00:10): T1 at 09:30 (A1, 1800 s) and T2 on 03-03 (A2, 3600 s);
        // T10 replied at 08:00, before; T3 at 10:00:15, after.
        f.metric("first-response-time", "from", "2026-03-02T09:00:00Z", "to", "2026-03-04T10:00:10Z", "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(1800, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(3600, 1e-6));
        // At 03-03 11:00:01 T10 and the reopened T2 wait, both A2's.
        f.metric("open-tickets", "at", "2026-03-03T11:00:01Z", "groupBy", "agent")
                .body("value", equalTo(2.0))
                .body("groups.find { it.key == 'A2' }.value", equalTo(2.0));
    }

    @Test
    void resolutionTimeCountsAReopenedTicketOnceAtItsLastResolution() {
        // Still resolved at `to`: T1 3600 (A1), T2 86400 (last resolution, A2), T3 600 (A1), T4 660 (A2).
        // mean 91260 / 4 = 22815; sorted 600, 660, 3600, 86400: median 660, p90 86400.
        f.metric("resolution-time", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(22815, 1e-6)).body("count", equalTo(4))
                .body("details.median", closeTo(660, 660 * Q))
                .body("details.p90", closeTo(86400, 86400 * Q))
                .body("groups.find { it.key == 'A1' }.value", closeTo(2100, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(43530, 1e-6));
    }

    @Test
    void aResolutionCountsInItsPeriodWhateverHappensAfterTheEnd() {
        // Period [03-03 00:00, 03-03 10:30): T2 (created 08:00) was resolved at 10:00 and still is at
        // 10:30: its resolvedAt before `to` is 10:00, 7,200 s, though it was reopened and resolved later.
        f.metric("resolution-time", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T10:30:00Z")
                .body("value", closeTo(7200, 1e-6)).body("count", equalTo(1));
        // Ending after the reopening (11:00) and before the last resolution: nothing resolved at `to`.
        f.metric("resolution-time", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T12:00:00Z")
                .body("value", nullValue()).body("count", equalTo(0));
    }

    @Test
    void aPeriodKeepsItsAnswerWhenTheTicketIsReopenedAndResolvedAgainLater() {
        // S1: created 03-10 09:00, resolved 03-10 10:00 (1 h). March 10 is asked, then the ticket is
        // reopened on 03-11 and resolved again on 03-12: March 10's answer stays 3,600 s; March 12 gets
        // the new resolution (03-12 09:00 - 03-10 09:00 = 172,800 s).
        Fixtures g = new Fixtures("UTC");
        g.ticket("S1", "email", null, null, "2026-03-10T09:00:00Z", status("2026-03-10T10:00:00Z", "resolved")).deliver();
        g.metric("resolution-time", "from", "2026-03-10T00:00:00Z", "to", "2026-03-11T00:00:00Z")
                .body("value", closeTo(3600, 1e-6)).body("count", equalTo(1));
        g.ticket("S1", "email", null, null, "2026-03-10T09:00:00Z", status("2026-03-10T10:00:00Z", "resolved"),
                status("2026-03-11T09:00:00Z", "open"), status("2026-03-12T09:00:00Z", "resolved")).deliver();
        g.metric("resolution-time", "from", "2026-03-10T00:00:00Z", "to", "2026-03-11T00:00:00Z")
                .body("value", closeTo(3600, 1e-6)).body("count", equalTo(1));
        g.metric("resolution-time", "from", "2026-03-12T00:00:00Z", "to", "2026-03-13T00:00:00Z")
                .body("value", closeTo(172800, 1e-6)).body("count", equalTo(1));
        // A period holding both resolutions counts the ticket once, at the latest before its end.
        g.metric("resolution-time", "from", "2026-03-10T00:00:00Z", "to", "2026-03-13T00:00:00Z")
                .body("value", closeTo(172800, 1e-6)).body("count", equalTo(1));
    }

    @Test
    void aLastResolutionReopenedAfterTheEndCounts() {
        // R1: resolved 03-10 10:00 after 1 h, reopened 03-12 and never resolved again: its resolvedAt is
        // 03-10 10:00. Resolved at 03-11, so it counts; at 03-13 it is open, so it does not.
        Fixtures g = new Fixtures("UTC");
        g.ticket("R1", "email", null, null, "2026-03-10T09:00:00Z",
                status("2026-03-10T10:00:00Z", "resolved"), status("2026-03-12T08:00:00Z", "open")).deliver();
        g.metric("resolution-time", "from", "2026-03-10T00:00:00Z", "to", "2026-03-11T00:00:00Z")
                .body("value", closeTo(3600, 1e-6)).body("count", equalTo(1));
        g.metric("resolution-time", "from", "2026-03-10T00:00:00Z", "to", "2026-03-13T00:00:00Z")
                .body("value", nullValue()).body("count", equalTo(0));
    }

    @Test
    void resolutionRateIsTheShareOfFirstAssignedTicketsResolvedAtTheEnd() {
        // First assigned in P: T1 (A1), T2 (A2), T3 (A1), T4 (A2), T9 (A1); resolved at `to`: all but T9.
        f.metric("resolution-rate", "from", FROM, "to", TO, "groupBy", "agent")
                .body("value", closeTo(80, 1e-9)).body("count", equalTo(5))
                .body("groups.find { it.key == 'A1' }.value", closeTo(200.0 / 3, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100, 1e-9));
    }

    @Test
    void speedOfAnswerAndHandleTime() {
        // ASA: T3 15 s, T4 30 s. AHT: T3 360 s, T4 560 s.
        f.metric("asa", "from", FROM, "to", TO).body("value", closeTo(22.5, 1e-9)).body("count", equalTo(2));
        f.metric("aht", "from", FROM, "to", TO).body("value", closeTo(460, 1e-9)).body("count", equalTo(2));
        // By channel: email tickets were created in P but none was answered from a queue: no email group.
        f.metric("asa", "from", FROM, "to", TO, "groupBy", "channel")
                .body("groups.find { it.key == 'chat' }.value", closeTo(15, 1e-9))
                .body("groups.key", equalTo(java.util.List.of("call", "chat")));
    }

    @Test
    void serviceLevelLeavesOutShortAbandonsAndBlockedCalls() {
        // Queued: T3 (15 s), T4 (30 s), T5 (abandoned 3 s), T6 (abandoned 8 s); T7 blocked, never queued.
        // Offered = 4 - T5 = 3; answered within 20 s: T3 -> 33.3 %.
        f.metric("service-level", "from", FROM, "to", TO)
                .body("value", closeTo(100.0 / 3, 1e-9)).body("count", equalTo(3));
        // Within 30 s: T3 and T4.
        f.metric("service-level", "from", FROM, "to", TO, "threshold", "30").body("value", closeTo(200.0 / 3, 1e-9));
        // Short abandons up to 10 s: T6 is left out too, offered = 2.
        f.metric("service-level", "from", FROM, "to", TO, "shortAbandonSeconds", "10")
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(2));
    }

    @Test
    void blocksAreBlockedCallsWithTheirShareOfCalls() {
        // Calls created in P: T4, T5, T6, T7; blocked: T7.
        f.metric("blocks", "from", FROM, "to", TO)
                .body("value", equalTo(1.0)).body("details.calls", equalTo(4)).body("details.blockRate", closeTo(25, 1e-9));
    }

    @Test
    void openTicketsAreThoseWaitingForAnAgentAtTheInstant() {
        // At 03-09: new T5, T6, T7 (no status event ever changed them), T8; open T10. T9 is pending.
        f.metric("open-tickets", "at", TO, "groupBy", "agent")
                .body("value", equalTo(5.0))
                .body("groups.find { it.key == null }.value", equalTo(4.0))
                .body("groups.find { it.key == 'A2' }.value", equalTo(1.0));
        // At 03-03 11:00 exactly the reopening of T2 has not happened yet (events strictly before t): T10 only.
        f.metric("open-tickets", "at", "2026-03-03T11:00:00Z").body("value", equalTo(1.0));
        f.metric("open-tickets", "at", "2026-03-03T11:00:01Z").body("value", equalTo(2.0));
    }

    @Test
    void backlogIsEverythingUnresolvedAtTheEnd() {
        // Not resolved at 03-09: T5, T6, T7, T8 (new), T9 (pending), T10 (open).
        f.metric("backlog", "from", FROM, "to", TO).body("value", equalTo(6.0));
    }

    @Test
    void theSummaryAnswersEveryTicketMetricAsItsOwnQueryDoes() {
        // One read of the ticket rollups serves seven metrics; each must still get its own value
        // (the values worked out in the tests above).
        f.summary(FROM, TO)
                .statusCode(200)
                .body("metrics.'ticket-volume'.value", equalTo(9.0))
                .body("metrics.blocks.value", equalTo(1.0))
                .body("metrics.'first-response-time'.value", closeTo(19353.75, 1e-6))
                .body("metrics.'resolution-time'.value", closeTo(22815, 1e-6))
                .body("metrics.'resolution-time'.count", equalTo(4))
                .body("metrics.'resolution-rate'.value", closeTo(80, 1e-9))
                .body("metrics.asa.value", closeTo(22.5, 1e-9))
                .body("metrics.aht.value", closeTo(460, 1e-9))
                .body("metrics.'service-level'.value", closeTo(100.0 / 3, 1e-9))
                .body("metrics.'open-tickets'.value", equalTo(5.0))
                .body("metrics.backlog.value", equalTo(6.0));
    }

    @Test
    void theSummaryCarriesEachMetricsSeriesWhenAskedForOne() {
        for (String metric : List.of("ticket-volume", "first-response-time", "backlog")) {
            List<Map<String, Object>> own = f.metric(metric, "from", FROM, "to", TO, "interval", "day")
                    .statusCode(200).extract().path("series");
            List<Map<String, Object>> inSummary = f.summary(FROM, TO, "interval", "day")
                    .statusCode(200).extract().path("metrics.'" + metric + "'.series");
            assertEquals(7, own.size());
            assertEquals(own, inSummary, metric);
        }
        f.summary(FROM, TO).statusCode(200).body("metrics.nps", not(hasKey("series")));
        f.summary(FROM, TO, "interval", "fortnight").statusCode(400);
    }

    @Test
    void anEmptyPeriodIsNullNotZero() {
        // value is there and null, not left out: clients read a missing field differently.
        f.metric("first-response-time", "from", "2025-01-01T00:00:00Z", "to", "2025-02-01T00:00:00Z")
                .statusCode(200).body("$", hasKey("value")).body("value", nullValue()).body("count", equalTo(0));
        f.metric("service-level", "from", "2025-01-01T00:00:00Z", "to", "2025-02-01T00:00:00Z")
                .body("value", nullValue());
        // Counts too: no ticket created, blocked, waiting or unresolved is an empty set, not 0.
        for (String metric : new String[] {"ticket-volume", "blocks", "backlog"}) {
            f.metric(metric, "from", "2025-01-01T00:00:00Z", "to", "2025-02-01T00:00:00Z")
                    .body("$", hasKey("value")).body("value", nullValue()).body("count", equalTo(0));
        }
        f.metric("open-tickets", "at", "2026-03-01T00:00:00Z").body("value", nullValue()).body("count", equalTo(0));
        // Calls in P, none blocked: no blocked call, but the rate is there.
        f.metric("blocks", "from", "2026-03-05T00:00:00Z", "to", "2026-03-06T00:00:00Z")
                .body("value", nullValue()).body("details.calls", equalTo(3)).body("details.blockRate", equalTo(0.0));
    }

    @Test
    void aDailySeriesSplitsThePeriodAtMidnight() {
        // Volume per day of P: 03-02 T1; 03-03 T2; 03-04 T3; 03-05 T4, T5, T6; 03-06 T7, T8; 03-07 T9; 03-08 none
        // (an empty set: null, like every metric).
        f.metric("ticket-volume", "from", FROM, "to", TO, "interval", "day")
                .body("series", hasSize(7))
                .body("series.value", equalTo(java.util.Arrays.asList(1.0, 1.0, 1.0, 3.0, 2.0, 1.0, null)))
                .body("series[6].count", equalTo(0))
                .body("series[0].start", equalTo("2026-03-02T00:00:00Z"))
                .body("series[6].end", equalTo(TO));
    }

    @Test
    void badParametersAreExplained() {
        f.metric("no-such-metric").statusCode(404);
        f.metric("ticket-volume", "groupBy", "touchpoint").statusCode(400);
        f.metric("ticket-volume", "from", TO, "to", FROM).statusCode(400);
        f.metric("ticket-volume", "from", "yesterday").statusCode(400);
        f.metric("service-level", "threshold", "-1").statusCode(400);
        f.metric("ticket-volume", "interval", "hour").statusCode(400);
    }
}

package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Resolution rate (docs/metrics.md: of tickets first assigned in the period, the share resolved at `to`)
 * on tickets whose resolved state changes before, at and after the periods' ends, worked out by hand
 * in the comments. The tenant is in Europe/Berlin (UTC+1 in early March), so periods cut at UTC
 * midnight start and end inside the tenant's days. P is [2026-03-02T00:00Z, 2026-03-09T00:00Z).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolutionRateTest {

    private static final String FROM = "2026-03-02T00:00:00Z";
    private static final String TO = "2026-03-09T00:00:00Z";

    private final Fixtures f = new Fixtures("Europe/Berlin");

    @BeforeEach
    void history() {
        f.once(this::tickets);
    }

    private void tickets(Fixtures f) {
        // R1 (email, A1): assigned 03-02 09:10, resolved 10:00, closed 12:00. Resolved at any later `to`.
        f.ticket("R1", "email", "tier-1", null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:10:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"),
                status("2026-03-02T12:00:00Z", "closed"));
        // R2 (email, A2): assigned 03-03 08:00, resolved 10:00, reopened 11:00, resolved again 03-04 08:00.
        f.ticket("R2", "email", "tier-2", null, "2026-03-03T08:00:00Z",
                ev("assigned", "2026-03-03T08:00:00Z", "agentId", "A2"),
                status("2026-03-03T10:00:00Z", "resolved"),
                status("2026-03-03T11:00:00Z", "open"),
                status("2026-03-04T08:00:00Z", "resolved"));
        // R3 (chat, A1): assigned 03-05 12:00, pending ever since.
        f.ticket("R3", "chat", "tier-1", null, "2026-03-05T11:00:00Z",
                ev("assigned", "2026-03-05T12:00:00Z", "agentId", "A1"),
                status("2026-03-05T12:00:00Z", "pending"));
        // R4 (email, A2): resolved 03-01 20:00, before anyone was assigned (03-02 15:00): resolved at `to`.
        f.ticket("R4", "email", "tier-2", null, "2026-03-01T19:00:00Z",
                status("2026-03-01T20:00:00Z", "resolved"),
                ev("assigned", "2026-03-02T15:00:00Z", "agentId", "A2"));
        // R5 (email, A1): first assigned 03-01, before P: not in P's denominator though resolved in P.
        f.ticket("R5", "email", "tier-1", null, "2026-03-01T09:00:00Z",
                ev("assigned", "2026-03-01T10:00:00Z", "agentId", "A1"),
                status("2026-03-03T09:00:00Z", "resolved"));
        // R6 (chat, A2): assigned 03-06 10:00, resolved 11:00, reopened 03-10 09:00 (after P), not resolved since.
        f.ticket("R6", "chat", "tier-2", null, "2026-03-06T09:00:00Z",
                ev("assigned", "2026-03-06T10:00:00Z", "agentId", "A2"),
                status("2026-03-06T11:00:00Z", "resolved"),
                status("2026-03-10T09:00:00Z", "open"));
        // R7 (social, A1): assigned 03-08 20:00, resolved 03-09 02:00, after P's end.
        f.ticket("R7", "social", "tier-1", null, "2026-03-08T19:00:00Z",
                ev("assigned", "2026-03-08T20:00:00Z", "agentId", "A1"),
                status("2026-03-09T02:00:00Z", "resolved"));
        // R8 (email): resolved, never assigned: in no denominator.
        f.ticket("R8", "email", null, null, "2026-03-04T09:00:00Z", status("2026-03-04T10:00:00Z", "resolved"));
        // R9 (chat): first assigned to A2 on 03-04 09:00, then to A1 at 10:00, resolved 11:00: A2's ticket.
        f.ticket("R9", "chat", "tier-2", null, "2026-03-04T08:00:00Z",
                ev("assigned", "2026-03-04T09:00:00Z", "agentId", "A2"),
                ev("assigned", "2026-03-04T10:00:00Z", "agentId", "A1"),
                status("2026-03-04T11:00:00Z", "resolved"));
    }

    @Test
    void theShareOfTicketsFirstAssignedInThePeriodResolvedAtItsEnd() {
        // First assigned in P: R1, R3, R7 (A1); R2, R4, R6, R9 (A2). Resolved at 03-09 00:00: R1, R2 (since
        // 03-04), R4, R6 (reopened only on 03-10), R9; not R3 (pending) nor R7 (resolved at 02:00).
        // 5 / 7; A1 1 / 3; A2 4 / 4.
        f.metric("resolution-rate", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(500.0 / 7, 1e-9)).body("count", equalTo(7))
                .body("details.assigned", equalTo(7)).body("details.resolved", equalTo(5))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'A1' }.count", equalTo(3))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100, 1e-9))
                .body("groups.find { it.key == 'A2' }.count", equalTo(4));
    }

    @Test
    void groupedByChannel() {
        // email R1, R2, R4: 3 / 3; chat R3, R6, R9: 2 / 3; social R7: 0 / 1.
        f.metric("resolution-rate", "from", FROM, "to", TO, "groupBy", "channel")
                .body("groups", hasSize(3))
                .body("groups.find { it.key == 'email' }.value", closeTo(100, 1e-9))
                .body("groups.find { it.key == 'chat' }.value", closeTo(200.0 / 3, 1e-9))
                .body("groups.find { it.key == 'social' }.value", closeTo(0, 1e-9))
                .body("groups.find { it.key == 'social' }.count", equalTo(1));
    }

    @Test
    void aResolutionReopenedAfterTheEndCountsAndOneReopenedBeforeDoesNot() {
        // [03-03 00:00, 10:30): R2 assigned at 08:00 and resolved at 10:00, reopened only at 11:00: 1 / 1.
        f.metric("resolution-rate", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T10:30:00Z")
                .body("value", closeTo(100, 1e-9)).body("count", equalTo(1));
        // [03-03 00:00, 12:00): reopened at 11:00, resolved again only on 03-04: 0 / 1.
        f.metric("resolution-rate", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T12:00:00Z")
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(1));
        // [03-06, 03-11): R6 was reopened on 03-10 and R7 resolved on 03-09: 1 / 2 (R7 only).
        f.metric("resolution-rate", "from", "2026-03-06T00:00:00Z", "to", "2026-03-11T00:00:00Z", "groupBy", "agent")
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(100, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(0, 1e-9));
    }

    @Test
    void aTicketResolvedAtTheInstantThePeriodEndsIsNotYetResolved() {
        // R7 resolved at 03-09 02:00: the state at `to` is what happened strictly before `to`.
        f.metric("resolution-rate", "from", "2026-03-08T00:00:00Z", "to", "2026-03-09T02:00:00Z")
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(1));
        f.metric("resolution-rate", "from", "2026-03-08T00:00:00Z", "to", "2026-03-09T02:00:01Z")
                .body("value", closeTo(100, 1e-9)).body("count", equalTo(1));
    }

    @Test
    void aDailySeriesJudgesEachDayAtItsOwnEnd() {
        // Berlin days from 03-08 00:00Z (01:00 local): [03-08 00:00Z, 23:00Z), [03-08 23:00Z, 03-09 23:00Z),
        // [03-09 23:00Z, 03-10 00:00Z). R7 (assigned 03-08 20:00) is unresolved at the end of the first
        // day and resolved at the end of the whole period; the other days assign nothing.
        f.metric("resolution-rate", "from", "2026-03-08T00:00:00Z", "to", "2026-03-10T00:00:00Z", "interval", "day")
                .body("value", closeTo(100, 1e-9)).body("count", equalTo(1))
                .body("series", hasSize(3))
                .body("series[0].end", equalTo("2026-03-08T23:00:00Z"))
                .body("series[0].value", closeTo(0, 1e-9)).body("series[0].count", equalTo(1))
                .body("series[1].value", nullValue()).body("series[1].count", equalTo(0))
                .body("series[2].value", nullValue());
    }

    @Test
    void anEmptyPeriodHasNoRate() {
        f.metric("resolution-rate", "from", "2026-04-01T00:00:00Z", "to", "2026-05-01T00:00:00Z")
                .body("value", nullValue()).body("count", equalTo(0));
    }

    @Test
    void aLaterVersionThatReopensTheTicketTakesItsResolutionBack() {
        Fixtures g = new Fixtures("UTC");
        g.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:10:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"));
        g.deliver();
        g.metric("resolution-rate", "from", FROM, "to", TO).body("value", closeTo(100, 1e-9));
        // Reopened on 03-04 and resolved again on 03-10, after P.
        g.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:10:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"),
                status("2026-03-04T10:00:00Z", "open"),
                status("2026-03-10T10:00:00Z", "resolved"));
        g.deliver();
        g.metric("resolution-rate", "from", FROM, "to", TO).body("value", closeTo(0, 1e-9)).body("count", equalTo(1));
        g.metric("resolution-rate", "from", FROM, "to", "2026-03-03T00:00:00Z").body("value", closeTo(100, 1e-9));
        g.metric("resolution-rate", "from", FROM, "to", "2026-03-11T00:00:00Z").body("value", closeTo(100, 1e-9));
        // Reassigned first to A2 a day later: the ticket leaves A1 and 03-02.
        g.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-03T09:10:00Z", "agentId", "A2"),
                status("2026-03-03T10:00:00Z", "resolved"));
        g.deliver();
        g.metric("resolution-rate", "from", FROM, "to", "2026-03-03T00:00:00Z").body("value", nullValue());
        g.metric("resolution-rate", "from", FROM, "to", TO, "groupBy", "agent")
                .body("value", closeTo(100, 1e-9))
                .body("groups", hasSize(1)).body("groups[0].key", equalTo("A2"));
    }
}

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
 * Next-reply time, reopen rate and first-contact resolution on a history worked out by hand from
 * docs/metrics.md, in the comments next to each assertion. The period P is the week
 * [2026-03-02, 2026-03-09) UTC.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyAndReopenMetricsTest {

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
        // N1: first reply 09:10; customer replies at 10:00 and 10:30 (one wait, from 10:00), A1 answers at
        // 11:00: 3,600 s. Customer at 12:00, A2 answers at 12:20: 1,200 s. Customer at 13:00: still open.
        f.ticket("N1", "email", "tier-1", null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-02T09:10:00Z", "agentId", "A1"),
                ev("customer_reply", "2026-03-02T10:00:00Z"),
                ev("customer_reply", "2026-03-02T10:30:00Z"),
                ev("agent_reply", "2026-03-02T11:00:00Z", "agentId", "A1"),
                ev("customer_reply", "2026-03-02T12:00:00Z"),
                ev("assigned", "2026-03-02T12:05:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-02T12:20:00Z", "agentId", "A2"),
                ev("customer_reply", "2026-03-02T13:00:00Z"));
        // N2: a customer reply before the first agent reply opens nothing; 09:00 and 09:05 open one wait that
        // A1 closes at 09:45: 2,700 s. A wait closed after the period (03-09 01:00) is not P's.
        f.ticket("N2", "chat", "tier-2", null, "2026-03-03T08:00:00Z",
                ev("customer_reply", "2026-03-03T08:05:00Z"),
                ev("agent_reply", "2026-03-03T08:30:00Z", "agentId", "A2"),
                ev("customer_reply", "2026-03-03T09:00:00Z"),
                ev("customer_reply", "2026-03-03T09:05:00Z"),
                ev("agent_reply", "2026-03-03T09:45:00Z", "agentId", "A1"),
                ev("customer_reply", "2026-03-08T23:00:00Z"),
                ev("agent_reply", "2026-03-09T01:00:00Z", "agentId", "A1"));
        // N3: a wait opened before P (03-01 22:00) and closed in it by A2 (03-02 02:00): 14,400 s, P's.
        f.ticket("N3", "email", "tier-2", null, "2026-03-01T10:00:00Z",
                ev("agent_reply", "2026-03-01T10:05:00Z", "agentId", "A2"),
                ev("customer_reply", "2026-03-01T22:00:00Z"),
                ev("agent_reply", "2026-03-02T02:00:00Z", "agentId", "A2"));

        // R1 (A1): one reply, resolved 03-02 10:00, never reopened.
        f.ticket("R1", "email", "tier-1", null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"));
        // R2 (A2): two replies, then resolved.
        f.ticket("R2", "email", "tier-1", null, "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-02T09:40:00Z", "agentId", "A2"),
                status("2026-03-02T10:00:00Z", "resolved"));
        // R3: one reply, resolved by A1 03-03 10:00, reopened 12:00, reassigned to A2, resolved 03-04 09:00.
        f.ticket("R3", "chat", "tier-1", null, "2026-03-03T08:00:00Z",
                ev("assigned", "2026-03-03T08:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-03T08:30:00Z", "agentId", "A1"),
                status("2026-03-03T10:00:00Z", "resolved"),
                status("2026-03-03T12:00:00Z", "open"),
                ev("assigned", "2026-03-03T13:00:00Z", "agentId", "A2"),
                status("2026-03-04T09:00:00Z", "resolved"));
        // R4 (A2): one reply, resolved 03-06 10:00, reopened 03-10 — after P.
        f.ticket("R4", "email", "tier-2", null, "2026-03-06T08:00:00Z",
                ev("assigned", "2026-03-06T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-06T09:00:00Z", "agentId", "A2"),
                status("2026-03-06T10:00:00Z", "resolved"),
                status("2026-03-10T10:00:00Z", "open"));
        // R5 (A2): first resolved before P (02-27), reopened 03-03, resolved again 03-05, not reopened since.
        f.ticket("R5", "email", "tier-2", null, "2026-02-26T08:00:00Z",
                ev("assigned", "2026-02-26T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-02-26T09:00:00Z", "agentId", "A2"),
                status("2026-02-27T10:00:00Z", "resolved"),
                status("2026-03-03T10:00:00Z", "open"),
                status("2026-03-05T10:00:00Z", "resolved"));
        // R6 (A2): resolved 03-07 without any reply, reopened 03-08, open at the end of P.
        f.ticket("R6", "social", "tier-2", null, "2026-03-07T08:00:00Z",
                ev("assigned", "2026-03-07T08:00:00Z", "agentId", "A2"),
                status("2026-03-07T10:00:00Z", "resolved"),
                status("2026-03-08T10:00:00Z", "open"));
    }

    @Test
    void nextReplyTimeCountsEachWaitWhereItClosed() {
        // Closed in P: 3,600 (A1), 1,200 (A2), 2,700 (A1), 14,400 (A2): mean 21,900 / 4 = 5,475; sorted
        // 1,200, 2,700, 3,600, 14,400: median rank 2 = 2,700, p90 rank 4 = 14,400. A1 (3,600 + 2,700) / 2,
        // A2 (1,200 + 14,400) / 2.
        f.metric("next-reply-time", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(5475, 1e-6)).body("count", equalTo(4))
                .body("details.median", closeTo(2700, 2700 * Q))
                .body("details.p90", closeTo(14400, 14400 * Q))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(3150, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(7800, 1e-6));
        // By channel: email N1 3,600 + 1,200 and N3 14,400; chat N2 2,700.
        f.metric("next-reply-time", "from", FROM, "to", TO, "groupBy", "channel")
                .statusCode(200)
                .body("groups.find { it.key == 'email' }.value", closeTo(19200 / 3.0, 1e-6))
                .body("groups.find { it.key == 'chat' }.value", closeTo(2700, 1e-6));
        // Until 03-09 02:00 N2's last wait (7,200 s) closes too.
        f.metric("next-reply-time", "from", FROM, "to", "2026-03-09T02:00:00Z")
                .statusCode(200)
                .body("value", closeTo(29100 / 5.0, 1e-6)).body("count", equalTo(5));
    }

    @Test
    void reopenRateCountsEachResolvedTicketOnceAndOnlyReopeningsBeforeTheEnd() {
        // Resolved in P: R1, R2, R3 (twice, once counted), R4, R5 (03-05), R6 = 6 tickets. Reopened before
        // the end: R3 (03-03 12:00) and R6 (03-08); R4's reopening is after P. 2 / 6.
        // By the agent of the ticket's first resolution of P: A1 R1, R3 (R3 reopened): 1 / 2;
        // A2 R2, R4, R5, R6 (R6 reopened): 1 / 4.
        f.metric("reopen-rate", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(100.0 / 3, 1e-9)).body("count", equalTo(6))
                .body("details.resolved", equalTo(6)).body("details.reopened", equalTo(2))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(50, 1e-9))
                .body("groups.find { it.key == 'A1' }.count", equalTo(2))
                .body("groups.find { it.key == 'A2' }.value", closeTo(25, 1e-9))
                .body("groups.find { it.key == 'A2' }.count", equalTo(4));
        // A period that ends before R3's reopening: R1, R2, R3 resolved, none reopened yet.
        f.metric("reopen-rate", "from", FROM, "to", "2026-03-03T11:00:00Z")
                .statusCode(200)
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(3));
        // A period that ends after R4's reopening: R3, R4 and R6 of the same 6.
        f.metric("reopen-rate", "from", FROM, "to", "2026-03-11T00:00:00Z")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(6));
    }

    @Test
    void reopenRateSeriesCountsATicketInEachDayItWasResolved() {
        // 03-03: R3 resolved at 10:00 and reopened at 12:00: 1 of 1. 03-04: R3's second resolution, which
        // lasts: 0 of 1. 03-05: R5: 0 of 1.
        f.metric("reopen-rate", "from", "2026-03-03T00:00:00Z", "to", "2026-03-06T00:00:00Z", "interval", "day")
                .statusCode(200)
                .body("count", equalTo(2))
                .body("series[0].value", closeTo(100, 1e-9)).body("series[0].count", equalTo(1))
                .body("series[1].value", closeTo(0, 1e-9)).body("series[1].count", equalTo(1))
                .body("series[2].value", closeTo(0, 1e-9)).body("series[2].count", equalTo(1));
    }

    @Test
    void firstContactResolutionNeedsOneReplyAndNoReopeningBeforeTheEnd() {
        // First resolved in P: R1, R2, R3, R4, R6 (R5's first was in February). After exactly one reply and
        // not reopened before the end: R1 and R4 (R2 had two replies, R3 was reopened, R6 had none): 2 / 5.
        // A1: R1, R3: 1 / 2. A2: R2, R4, R6: 1 / 3.
        f.metric("first-contact-resolution", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(40, 1e-9)).body("count", equalTo(5))
                .body("details.firstResolved", equalTo(5)).body("details.resolvedAtFirstContact", equalTo(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(50, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100.0 / 3, 1e-9));
        // Before R3's reopening R3 still counts: R1 and R3 of R1, R2, R3.
        f.metric("first-contact-resolution", "from", FROM, "to", "2026-03-03T11:00:00Z")
                .statusCode(200)
                .body("value", closeTo(200.0 / 3, 1e-9)).body("count", equalTo(3));
        // After R4's reopening only R1 is left of the five.
        f.metric("first-contact-resolution", "from", FROM, "to", "2026-03-11T00:00:00Z")
                .statusCode(200)
                .body("value", closeTo(20, 1e-9)).body("count", equalTo(5));
        // A period without resolutions has no value.
        f.metric("first-contact-resolution", "from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z")
                .statusCode(200)
                .body("value", nullValue()).body("count", equalTo(0));
    }

    /** A second tenant whose tickets were resolved, reopened or resolved again at the edges of Q = [04-06, 04-13). */
    private final Fixtures edges = new Fixtures("UTC");

    private void edgeTickets(Fixtures f) {
        // E1 (A1): resolved 04-01, reopened 04-03; resolved in Q 04-07 10:00, reopened 15:00, resolved 04-09.
        f.ticket("E1", "email", "tier-1", null, "2026-03-31T08:00:00Z",
                ev("assigned", "2026-03-31T08:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-31T09:00:00Z", "agentId", "A1"),
                status("2026-04-01T10:00:00Z", "resolved"), status("2026-04-03T10:00:00Z", "open"),
                status("2026-04-07T10:00:00Z", "resolved"), status("2026-04-07T15:00:00Z", "open"),
                status("2026-04-09T10:00:00Z", "resolved"));
        // E2 (A2): resolved 04-02, reopened 04-05; resolved in Q 04-10, reopened 04-14, after Q.
        f.ticket("E2", "email", "tier-1", null, "2026-04-01T08:00:00Z",
                ev("assigned", "2026-04-01T08:00:00Z", "agentId", "A2"),
                status("2026-04-02T10:00:00Z", "resolved"), status("2026-04-05T10:00:00Z", "open"),
                status("2026-04-10T10:00:00Z", "resolved"), status("2026-04-14T10:00:00Z", "open"));
        // E3 (A2): one reply, first resolved 04-07 12:00, reopened 04-08, resolved 04-11, reopened 04-15.
        f.ticket("E3", "chat", "tier-2", null, "2026-04-07T08:00:00Z",
                ev("assigned", "2026-04-07T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-04-07T09:00:00Z", "agentId", "A2"),
                status("2026-04-07T12:00:00Z", "resolved"), status("2026-04-08T10:00:00Z", "open"),
                status("2026-04-11T10:00:00Z", "resolved"), status("2026-04-15T10:00:00Z", "open"));
        // E4 (A2): one reply, first resolved 04-12, reopened 04-13 05:00, after Q.
        f.ticket("E4", "chat", "tier-2", null, "2026-04-12T08:00:00Z",
                ev("assigned", "2026-04-12T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-04-12T09:00:00Z", "agentId", "A2"),
                status("2026-04-12T10:00:00Z", "resolved"), status("2026-04-13T05:00:00Z", "open"));
        // E5 (A1): resolved 04-05, reopened in Q (04-06 01:00), never resolved again: no resolution in Q.
        f.ticket("E5", "email", "tier-1", null, "2026-04-04T08:00:00Z",
                ev("assigned", "2026-04-04T08:00:00Z", "agentId", "A1"),
                status("2026-04-05T10:00:00Z", "resolved"), status("2026-04-06T01:00:00Z", "open"));
        // E6 (A1): resolved 04-04, reopened 04-05, resolved again only after Q (04-14).
        f.ticket("E6", "email", "tier-1", null, "2026-04-03T08:00:00Z",
                ev("assigned", "2026-04-03T08:00:00Z", "agentId", "A1"),
                status("2026-04-04T10:00:00Z", "resolved"), status("2026-04-05T10:00:00Z", "open"),
                status("2026-04-14T10:00:00Z", "resolved"));
    }

    @Test
    void reopenRateAndFirstContactResolutionAtThePeriodsEdges() {
        edges.once(this::edgeTickets);
        // Resolved in Q: E1 (its first of Q on 04-07 follows one before Q; reopened at 15:00, so reopened; its
        // 04-09 resolution is the same ticket), E2 (first of Q follows one before Q; reopened after Q: not),
        // E3 (reopened 04-08: reopened; 04-11 is the same ticket), E4 (reopened after Q: not). 2 / 4.
        // A1: E1 1 / 1. A2: E2, E3, E4: 1 / 3.
        edges.metric("reopen-rate", "from", "2026-04-06T00:00:00Z", "to", "2026-04-13T00:00:00Z", "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(4))
                .body("details.resolved", equalTo(4)).body("details.reopened", equalTo(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(100, 1e-9))
                .body("groups.find { it.key == 'A1' }.count", equalTo(1))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'A2' }.count", equalTo(3));
        // Day by day: 04-07 E1 (reopened at 15:00) and E3 (reopened the next day): 1 / 2; 04-08 nothing resolved;
        // 04-09 E1 again, its resolution lasts: 0 / 1.
        edges.metric("reopen-rate", "from", "2026-04-07T00:00:00Z", "to", "2026-04-10T00:00:00Z", "interval", "day")
                .statusCode(200)
                .body("series[0].value", closeTo(50, 1e-9)).body("series[0].count", equalTo(2))
                .body("series[1].value", nullValue()).body("series[1].count", equalTo(0))
                .body("series[2].value", closeTo(0, 1e-9)).body("series[2].count", equalTo(1));
        // First resolutions in Q: E3 (one reply, reopened before the end) and E4 (one reply, reopened after): 1 / 2.
        // Up to 04-13 06:00, E4's reopening is inside the period too: 0 / 2.
        edges.metric("first-contact-resolution", "from", "2026-04-06T00:00:00Z", "to", "2026-04-13T00:00:00Z")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(2));
        edges.metric("first-contact-resolution", "from", "2026-04-06T00:00:00Z", "to", "2026-04-13T06:00:00Z")
                .statusCode(200)
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(2));
        // Resolution time in Q counts each ticket at its last resolution before the end, in force then:
        // E1 04-09 10:00 (784,800 s from 03-31 08:00), E2 04-10 10:00 (784,800 s), E3 04-11 10:00 (352,800 s),
        // E4 04-12 10:00 (7,200 s): mean 1,929,600 / 4 = 482,400.
        edges.metric("resolution-time", "from", "2026-04-06T00:00:00Z", "to", "2026-04-13T00:00:00Z")
                .statusCode(200)
                .body("value", closeTo(482_400, 1e-6)).body("count", equalTo(4));
    }
}

package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * SLA achievement and targets at risk, worked out by hand from docs/metrics.md (SLA policies). The
 * period P is the week [2026-03-02, 2026-03-09) UTC. Policy "Standard" (calendar clock): first reply
 * within 3,600 s, each next reply within 1,800 s, resolution within 86,400 s.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaMetricsTest {

    private static final String FROM = "2026-03-02T00:00:00Z";
    private static final String TO = "2026-03-09T00:00:00Z";
    private static final Map<String, Object> STANDARD = Map.of("id", "p-1", "name", "Standard", "firstReply", 3600,
            "nextReply", 1800, "resolution", 86400, "clock", "calendar");
    private static final List<Map<String, String>> NINE_TO_FIVE = List.of(Map.of("start", "09:00", "end", "17:00"));
    private static final Map<String, Object> OFFICE = Map.of("timeZone", "UTC", "schedule", Map.of("monday", NINE_TO_FIVE,
            "tuesday", NINE_TO_FIVE, "wednesday", NINE_TO_FIVE, "thursday", NINE_TO_FIVE, "friday", NINE_TO_FIVE));
    private static final Map<String, Object> OFFICE_HOURS = Map.of("id", "p-2", "name", "Office hours", "firstReply", 3600,
            "clock", "business");

    private final Fixtures f = new Fixtures("UTC");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void history() {
        f.once(this::tickets);
    }

    private void tickets(Fixtures f) {
        // S1 (A1): first reply after 30 min (met, 09:30); a wait of 20 min (met, 10:20); a wait from 11:00 answered
        // at 12:00 by A2 (breached at 11:30, when A1 held it); resolved after 6 h (met, 15:00).
        f.ticketWith(Map.of("slaPolicy", STANDARD, "priority", "urgent"), "S1", "email", "tier-1", "2026-03-02T09:00:00Z",
                ev("assigned", "2026-03-02T09:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A1"),
                ev("customer_reply", "2026-03-02T10:00:00Z"),
                ev("agent_reply", "2026-03-02T10:20:00Z", "agentId", "A1"),
                ev("customer_reply", "2026-03-02T11:00:00Z"),
                ev("agent_reply", "2026-03-02T12:00:00Z", "agentId", "A2"),
                status("2026-03-02T15:00:00Z", "resolved"));
        // S2 (A2): first reply after 2 h (breached at 10:00), never resolved (breached at 03-04 09:00).
        f.ticketWith(Map.of("slaPolicy", STANDARD, "priority", "high"), "S2", "chat", "tier-2", "2026-03-03T09:00:00Z",
                ev("assigned", "2026-03-03T09:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-03T11:00:00Z", "agentId", "A2"));
        // S3 (A1): no reply; the first reply breaches at 21:00 in P, the resolution on 03-09 20:00, after P.
        f.ticketWith(Map.of("slaPolicy", STANDARD, "priority", "low"), "S3", "social", "tier-1", "2026-03-08T20:00:00Z",
                ev("assigned", "2026-03-08T20:00:00Z", "agentId", "A1"));
        // S4 (A2), business hours 09–17 on weekdays: created Thursday 16:30, answered Friday 09:20: 3,000 business
        // seconds of 3,600, met (16 h 50 min of calendar time).
        f.ticketWith(Map.of("slaPolicy", OFFICE_HOURS, "businessHours", OFFICE, "priority", "high"), "S4", "email", "tier-2", "2026-03-05T16:30:00Z",
                ev("agent_reply", "2026-03-06T09:20:00Z", "agentId", "A2"));
        // S5 has no policy: no target at all.
        f.ticket("S5", "email", "tier-1", null, "2026-03-04T09:00:00Z");
        // Open now: R1 created 10 min ago (its first reply breaches in 50 min), R2 2 h ago (breached already),
        // R3 answered in time.
        f.ticketWith(Map.of("slaPolicy", STANDARD), "R1", "chat", "tier-1", now.minusSeconds(600).toString(),
                ev("assigned", now.minusSeconds(600).toString(), "agentId", "A3"));
        f.ticketWith(Map.of("slaPolicy", STANDARD), "R2", "chat", "tier-1", now.minusSeconds(7200).toString());
        f.ticketWith(Map.of("slaPolicy", STANDARD), "R3", "chat", "tier-1", now.minusSeconds(600).toString(),
                ev("agent_reply", now.minusSeconds(300).toString(), "agentId", "A3"));
    }

    @Test
    void achievementCountsEachTargetWhereItWasDecided() {
        // Met: S1 first reply, S1 first wait, S1 resolution, S4 first reply = 4. Breached: S1 second wait, S2 first
        // reply, S2 resolution, S3 first reply = 4. A1: 3 met, 2 breached (S1's second wait, S3) = 60 %;
        // A2: S4 met, S2 twice breached = 33.3 %.
        f.metric("sla-achievement", "from", FROM, "to", TO, "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(8))
                .body("details.met", equalTo(4)).body("details.breached", equalTo(4))
                .body("details.firstReply.met", equalTo(2)).body("details.firstReply.breached", equalTo(2))
                .body("details.nextReply.met", equalTo(1)).body("details.nextReply.breached", equalTo(1))
                .body("details.resolution.met", equalTo(1)).body("details.resolution.breached", equalTo(1))
                .body("details.resolution.value", closeTo(50, 1e-9))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(60, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100.0 / 3, 1e-9));
    }

    @Test
    void achievementByPriority() {
        // S1 (urgent): 3 met, 1 breached = 75 %. S2 and S4 (high): S4 met, S2 twice breached = 33.3 %. S3 (low): breached.
        f.metric("sla-achievement", "from", FROM, "to", TO, "groupBy", "priority")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(8))
                .body("groups", hasSize(3))
                .body("groups.find { it.key == 'urgent' }.value", closeTo(75, 1e-9))
                .body("groups.find { it.key == 'urgent' }.count", equalTo(4))
                .body("groups.find { it.key == 'high' }.value", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'low' }.value", closeTo(0, 1e-9));
        // High priority only, by agent: A2's S2 and S4.
        f.metric("sla-achievement", "from", FROM, "to", TO, "priority", "high", "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(3)).body("groups", hasSize(1))
                .body("groups[0].key", equalTo("A2"));
    }

    @Test
    void aTargetIsDecidedWhenItElapsesNotLater() {
        // Until 09:59 on 03-03, S2's first reply is not decided; at 10:30 it is breached although answered later.
        f.metric("sla-achievement", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T09:59:00Z")
                .statusCode(200).body("count", equalTo(0));
        f.metric("sla-achievement", "from", "2026-03-03T00:00:00Z", "to", "2026-03-03T10:30:00Z")
                .statusCode(200).body("value", closeTo(0, 1e-9)).body("details.firstReply.breached", equalTo(1));
    }

    @Test
    void openTargetsThatBreachSoonAreAtRisk() {
        // R1's first reply breaches in 50 min (and its resolution in 23 h 50 min); R2's already did; R3 was answered.
        f.metric("sla-at-risk", "within", "3600")
                .statusCode(200)
                .body("ticketId", contains("R1"))
                .body("[0].target", equalTo("firstReply"))
                .body("[0].breachesAt", equalTo(now.plusSeconds(3000).toString()))
                .body("[0].agent", equalTo("A3"));
        f.metric("sla-at-risk", "within", "600").statusCode(200).body("", hasSize(0));
        f.metric("sla-at-risk", "within", "86400").statusCode(200)
                .body("ticketId", contains("R1", "R2", "R1", "R3"))
                .body("target", contains("firstReply", "resolution", "resolution", "resolution"));
        f.metric("sla-at-risk", "within", "0").statusCode(400);
    }
}

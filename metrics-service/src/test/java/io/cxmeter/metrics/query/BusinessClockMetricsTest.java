package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code clock=business}: durations in the business hours each ticket carries, worked out by hand. The
 * office is in Vilnius, weekdays 09:00–12:00 and 13:00–17:00; summer time starts on Sunday 29 March 2026
 * (UTC+2 before, UTC+3 after). The period P is [2026-03-23, 2026-04-06) UTC.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessClockMetricsTest {

    private static final String FROM = "2026-03-23T00:00:00Z";
    private static final String TO = "2026-04-06T00:00:00Z";
    private static final List<Map<String, String>> DAY = List.of(Map.of("start", "09:00", "end", "12:00"),
            Map.of("start", "13:00", "end", "17:00"));
    private static final Map<String, Object> OFFICE = Map.of("timeZone", "Europe/Vilnius", "schedule", Map.of("monday", DAY,
            "tuesday", DAY, "wednesday", DAY, "thursday", DAY, "friday", DAY), "holidays", List.of());

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::tickets);
    }

    private void tickets(Fixtures f) {
        // B1: created Friday 16:00 local (14:00 UTC), first reply Monday 10:00 local (07:00 UTC, summer time):
        // 234,000 s of calendar time, 7,200 of business time (Fri 16–17, Mon 9–10).
        f.ticketWith(Map.of("businessHours", OFFICE), "B1", "email", "tier-1", "2026-03-27T14:00:00Z",
                ev("agent_reply", "2026-03-30T07:00:00Z", "agentId", "A1"));
        // B2: created Monday 11:30 local, reply 13:30 local: 7,200 s, business 1,800 + 1,800 (lunch closed).
        // The customer writes at 14:00 local, the answer comes Tuesday 09:30 local: 70,200 s, business
        // Mon 14–17 and Tue 9–9:30 = 12,600. Resolved Tuesday 10:00 local: 81,000 s, business
        // 1,800 + 14,400 + 3,600 = 19,800.
        f.ticketWith(Map.of("businessHours", OFFICE), "B2", "chat", "tier-2", "2026-03-30T08:30:00Z",
                ev("assigned", "2026-03-30T08:30:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-03-30T10:30:00Z", "agentId", "A2"),
                ev("customer_reply", "2026-03-30T11:00:00Z"),
                ev("agent_reply", "2026-03-31T06:30:00Z", "agentId", "A2"),
                status("2026-03-31T07:00:00Z", "resolved"));
        // B3: no business hours: every hour counts, 3,600 s in both clocks.
        f.ticket("B3", "email", "tier-1", null, "2026-03-30T00:00:00Z",
                ev("agent_reply", "2026-03-30T01:00:00Z", "agentId", "A1"));
        // B4: created Monday 09:00 local, resolved 13:00 local (14,400 s, business 10,800), reopened after P.
        f.ticketWith(Map.of("businessHours", OFFICE), "B4", "email", "tier-1", "2026-03-30T06:00:00Z",
                ev("assigned", "2026-03-30T06:00:00Z", "agentId", "A1"),
                status("2026-03-30T10:00:00Z", "resolved"),
                status("2026-04-07T08:00:00Z", "open"));
    }

    @Test
    void firstResponseTimeInBusinessSeconds() {
        // Business: B1 7,200 (A1), B2 3,600 (A2), B3 3,600 (A1): mean 4,800; A1 5,400.
        f.metric("first-response-time", "from", FROM, "to", TO, "clock", "business", "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(4800, 1e-6)).body("count", equalTo(3))
                .body("details.median", closeTo(3600, 36))
                .body("groups.find { it.key == 'A1' }.value", closeTo(5400, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(3600, 1e-6));
        // The calendar clock is the default: (234,000 + 7,200 + 3,600) / 3.
        f.metric("first-response-time", "from", FROM, "to", TO).statusCode(200).body("value", closeTo(81600, 1e-6));
        f.metric("first-response-time", "from", FROM, "to", TO, "clock", "calendar").statusCode(200)
                .body("value", closeTo(81600, 1e-6));
    }

    @Test
    void nextReplyAndResolutionTimeInBusinessSeconds() {
        f.metric("next-reply-time", "from", FROM, "to", TO, "clock", "business").statusCode(200)
                .body("value", closeTo(12600, 1e-6)).body("count", equalTo(1));
        f.metric("next-reply-time", "from", FROM, "to", TO).statusCode(200).body("value", closeTo(70200, 1e-6));
        // B2 19,800 and B4 10,800 (resolved at P's end, reopened after it): 15,300; calendar (81,000 + 14,400) / 2.
        f.metric("resolution-time", "from", FROM, "to", TO, "clock", "business").statusCode(200)
                .body("value", closeTo(15300, 1e-6)).body("count", equalTo(2));
        f.metric("resolution-time", "from", FROM, "to", TO).statusCode(200).body("value", closeTo(47700, 1e-6));
    }

    @Test
    void theClockIsCheckedAndBelongsToDurations() {
        f.metric("first-response-time", "from", FROM, "to", TO, "clock", "office").statusCode(400)
                .body("detail", containsString("clock must be calendar or business"));
        f.metric("nps", "from", FROM, "to", TO, "clock", "business").statusCode(400)
                .body("detail", containsString("Unknown parameter 'clock'"));
    }
}

package io.cxmeter.metrics.query;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.cxmeter.metrics.Fixtures.ev;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Calendar buckets in the tenant's time zone. Vilnius is UTC+2 in winter and UTC+3 from
 * 2026-03-29 03:00 local (01:00Z), so the week of 03-23 is 167 hours long.
 */
@QuarkusTest
class ZoneMetricsTest {

    @Inject
    Pool pool;

    @Test
    void weeksFollowTheTenantsCalendarAcrossTheDstChange() {
        Fixtures f = new Fixtures("Europe/Vilnius");
        // 03-29 23:30 local (still Sunday): week of 03-23.
        f.ticket("W1", "email", null, null, "2026-03-29T20:30:00Z");
        // 03-30 00:30 local (UTC+3, Monday): week of 03-30, though at UTC+2 it would still be Sunday.
        f.ticket("W2", "email", null, null, "2026-03-29T21:30:00Z");
        // 03-16 00:00 local exactly: the first week.
        f.ticket("W3", "email", null, null, "2026-03-15T22:00:00Z");
        f.deliver();
        f.metric("ticket-volume", "from", "2026-03-15T22:00:00Z", "to", "2026-04-05T21:00:00Z", "interval", "week")
                .statusCode(200)
                .body("value", equalTo(3.0))
                .body("series", hasSize(3))
                .body("series.start", equalTo(List.of("2026-03-15T22:00:00Z", "2026-03-22T22:00:00Z", "2026-03-29T21:00:00Z")))
                .body("series.end", equalTo(List.of("2026-03-22T22:00:00Z", "2026-03-29T21:00:00Z", "2026-04-05T21:00:00Z")))
                .body("series.value", equalTo(List.of(1.0, 1.0, 1.0)));
    }

    @Test
    void aPeriodStartingMidDayIsClippedAndDaysEndAtLocalMidnight() {
        Fixtures f = new Fixtures("Europe/Vilnius");
        f.ticket("D0", "chat", null, null, "2026-03-17T08:00:00Z"); // before the period
        f.ticket("D1", "chat", null, null, "2026-03-17T08:45:00Z"); // 10:45 local, first bucket
        f.ticket("D2", "chat", null, null, "2026-03-17T21:59:59Z"); // 23:59:59 local, first bucket
        f.ticket("D3", "chat", null, null, "2026-03-17T22:00:00Z"); // 03-18 00:00 local, second bucket
        f.deliver();
        f.metric("ticket-volume", "from", "2026-03-17T10:30:00+02:00", "to", "2026-03-19T00:00:00+02:00", "interval", "day")
                .body("value", equalTo(3.0))
                .body("series.start", equalTo(List.of("2026-03-17T08:30:00Z", "2026-03-17T22:00:00Z")))
                .body("series.value", equalTo(List.of(2.0, 1.0)));
    }

    @Test
    void quartersOfTheTenantsCalendarAnswerForWholeQuartersByAgent() {
        Fixtures f = new Fixtures("Europe/Vilnius");
        // First replies around the local starts of Q2 (03-31 21:00Z, UTC+3) and Q4 (09-30 21:00Z).
        f.ticket("Q0", "email", null, null, "2026-03-31T20:00:00Z",
                ev("agent_reply", "2026-03-31T20:59:59Z", "agentId", "A1")); // 23:59:59 local on 03-31: Q1
        f.ticket("Q1", "email", null, null, "2026-03-31T20:30:00Z",
                ev("agent_reply", "2026-03-31T21:00:00Z", "agentId", "A1")); // 00:00 local on 04-01: Q2, 1800 s
        f.ticket("Q2", "chat", null, null, "2026-05-10T08:00:00Z",
                ev("agent_reply", "2026-05-10T09:00:00Z", "agentId", "A2")); // Q2, 3600 s
        f.ticket("Q3", "chat", null, null, "2026-08-10T08:00:00Z",
                ev("agent_reply", "2026-08-10T08:02:00Z", "agentId", "A1")); // Q3, 120 s
        f.ticket("Q4", "email", null, null, "2026-09-30T20:00:00Z",
                ev("agent_reply", "2026-09-30T20:59:00Z", "agentId", "A2")); // 23:59 local on 09-30: Q3, 3540 s
        f.ticket("Q5", "email", null, null, "2026-09-30T20:00:00Z",
                ev("agent_reply", "2026-09-30T21:00:00Z", "agentId", "A2")); // 00:00 local on 10-01: Q4
        f.deliver();
        // Q2 and Q3 exactly (two quarter buckets): Q1..Q4, by hand 1800, 3600, 120, 3540.
        f.metric("first-response-time", "from", "2026-04-01T00:00:00+03:00", "to", "2026-10-01T00:00:00+03:00",
                        "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(4))
                .body("value", org.hamcrest.Matchers.closeTo((1800 + 3600 + 120 + 3540) / 4.0, 1e-6))
                .body("groups.find { it.key == 'A1' }.count", equalTo(2))
                .body("groups.find { it.key == 'A1' }.value", org.hamcrest.Matchers.closeTo((1800 + 120) / 2.0, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", org.hamcrest.Matchers.closeTo((3600 + 3540) / 2.0, 1e-6))
                // Nearest rank: the 2nd of 120, 1800, 3540, 3600 is 1800 (within the sketch's 1 %).
                .body("details.median", org.hamcrest.Matchers.closeTo(1800, 18));
        // A quarter and a day on each side: Q0 (local 03-31) and Q5 (local 10-01) join from day buckets.
        f.metric("first-response-time", "from", "2026-03-31T00:00:00+03:00", "to", "2026-10-02T00:00:00+03:00")
                .body("count", equalTo(6));
    }

    @Test
    void surveyMetricsOverWholeQuartersAddUpTheirMonthsWithoutQuarterRows() {
        Fixtures f = new Fixtures("Europe/Vilnius");
        // Around the local starts of Q2 (03-31 21:00Z) and Q4 (09-30 21:00Z), as for FRT above.
        f.response("N0", "S-nps", "NPS", 0, 10, null, 10, "2026-03-31T20:59:59Z", "email", "A1", null, "en"); // Q1
        f.response("N1", "S-nps", "NPS", 0, 10, null, 10, "2026-03-31T21:00:00Z", "email", "A1", null, "en"); // Q2
        f.response("N2", "S-nps", "NPS", 0, 10, null, 3, "2026-05-10T08:00:00Z", "chat", "A2", null, "en"); // Q2
        f.response("N3", "S-nps", "NPS", 0, 10, null, 8, "2026-08-10T08:00:00Z", "chat", "A1", null, "en"); // Q3
        f.response("N4", "S-nps", "NPS", 0, 10, null, 9, "2026-09-30T20:59:00Z", "email", "A2", null, "en"); // Q3
        f.response("N5", "S-nps", "NPS", 0, 10, null, 0, "2026-09-30T21:00:00Z", "email", "A2", null, "en"); // Q4
        f.ticket("T1", "email", null, null, "2026-05-10T08:00:00Z");
        f.deliver();
        // Q2 and Q3: N1..N4. By hand: promoters N1, N4; detractor N2; passive N3: 100 * (2 - 1) / 4 = 25.
        // A1: N1 promoter, N3 passive = 50; A2: N2 detractor, N4 promoter = 0.
        f.metric("nps", "from", "2026-04-01T00:00:00+03:00", "to", "2026-10-01T00:00:00+03:00", "groupBy", "agent")
                .statusCode(200)
                .body("count", equalTo(4))
                .body("value", equalTo(25.0))
                .body("groups.find { it.key == 'A1' }.value", equalTo(50.0))
                .body("groups.find { it.key == 'A2' }.value", equalTo(0.0));
        f.metric("nps", "from", "2026-03-31T00:00:00+03:00", "to", "2026-10-02T00:00:00+03:00").body("count", equalTo(6));
        // Survey families keep no quarter rows; ticket families do.
        Set<String> quarterly = new TreeSet<>();
        pool.preparedQuery("SELECT DISTINCT family FROM rollup WHERE tenant_id = $1 AND grain = 4")
                .execute(Tuple.of(f.tenant())).await().indefinitely()
                .forEach(row -> quarterly.add(row.getString("family")));
        assertEquals(Set.of("ticket", "ticket_state"), quarterly);
    }

    @Test
    void aMonthlySeriesOverAYearReadsMonthBuckets() {
        Fixtures f = new Fixtures("Europe/Vilnius");
        // One ticket at the first local instant of each month of 2026, one at the last.
        for (int month = 1; month <= 12; month++) {
            java.time.ZonedDateTime start = java.time.ZonedDateTime.of(2026, month, 1, 0, 0, 0, 0,
                    java.time.ZoneId.of("Europe/Vilnius"));
            f.ticket("M" + month + "a", "email", null, null, start.toInstant().toString());
            f.ticket("M" + month + "b", "email", null, null, start.plusMonths(1).minusSeconds(1).toInstant().toString());
        }
        f.deliver();
        f.metric("ticket-volume", "from", "2026-01-01T00:00:00+02:00", "to", "2027-01-01T00:00:00+02:00", "interval", "month")
                .body("value", equalTo(24.0))
                .body("series", hasSize(12))
                .body("series.value", equalTo(java.util.Collections.nCopies(12, 2.0)));
        // The same year read in UTC months is cut elsewhere: January 1 00:00 local is still 2025 in UTC.
        Fixtures utc = new Fixtures("UTC");
        utc.ticket("U1", "email", null, null, "2025-12-31T22:00:00Z").deliver();
        utc.metric("ticket-volume", "from", "2026-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z")
                .body("value", org.hamcrest.Matchers.nullValue()).body("count", equalTo(0));
    }

    @Test
    void aTenantThatChangesItsZoneGetsItsDaysRecut() {
        Fixtures f = new Fixtures("UTC");
        // 03-17 00:30 in Vilnius, still 03-16 in UTC.
        f.ticket("Z1", "email", null, null, "2026-03-16T22:30:00Z").deliver();
        f.zone("Europe/Vilnius");
        // Rollups are still cut in UTC days: the query reads hours, and is right anyway.
        f.metric("ticket-volume", "from", "2026-03-16T00:00:00+02:00", "to", "2026-03-18T00:00:00+02:00", "interval", "day")
                .body("series.value", equalTo(java.util.Arrays.asList(null, 1.0)));
        f.metric("ticket-volume", "from", "2026-03-16T00:00:00+02:00", "to", "2026-03-18T00:00:00+02:00", "interval", "day",
                "groupBy", "channel")
                .body("groups.key", equalTo(List.of("email")))
                .body("groups[0].series.value", equalTo(java.util.Arrays.asList(null, 1.0)));
        // The next delivery names the new zone: days are recut in it.
        f.ticket("Z2", "email", null, null, "2026-03-16T21:30:00Z").deliver();
        f.metric("ticket-volume", "from", "2026-03-16T00:00:00+02:00", "to", "2026-03-18T00:00:00+02:00", "interval", "day")
                .body("series.value", equalTo(List.of(1.0, 1.0)));
        f.metric("ticket-volume", "from", "2026-03-01T00:00:00+02:00", "to", "2026-04-01T00:00:00+03:00")
                .body("value", equalTo(2.0));
    }

    @Test
    void aTenantCutByAnEarlierLayoutReadsTheFactsUntilItsNextDeliveryRecutsIt() {
        Fixtures f = new Fixtures("UTC");
        f.ticket("L1", "email", null, null, "2026-05-04T10:30:00Z");
        f.ticket("L2", "chat", null, null, "2026-05-04T13:00:00Z").deliver();
        // As an earlier layout left it: no week or six-hour rows.
        pool.preparedQuery("UPDATE tenant_calendar SET layout = 1 WHERE tenant_id = $1").executeAndAwait(Tuple.of(f.tenant()));
        pool.preparedQuery("DELETE FROM rollup WHERE tenant_id = $1 AND grain IN (5, 6)")
                .executeAndAwait(Tuple.of(f.tenant()));
        // The period's first afternoon is a six-hour row, which this layout lacks: L2 is read from the facts instead.
        f.metric("ticket-volume", "from", "2026-05-04T10:00:00Z", "to", "2026-05-05T14:00:00Z", "groupBy", "channel")
                .body("value", equalTo(2.0))
                .body("groups.find { it.key == 'chat' }.value", equalTo(1.0))
                .body("groups.find { it.key == 'email' }.value", equalTo(1.0));
        f.ticket("L3", "chat", null, null, "2026-05-04T19:00:00Z").deliver();
        assertEquals((short) 2, (short) pool.preparedQuery("SELECT layout FROM tenant_calendar WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(f.tenant())).iterator().next().getShort("layout"));
        assertEquals(2L, pool.preparedQuery("SELECT count(*) FROM rollup WHERE tenant_id = $1 AND family = 'ticket' AND grain = 6"
                + " AND dim = 'channel' AND dim_value = 'chat'").executeAndAwait(Tuple.of(f.tenant())).iterator().next().getLong(0));
        f.metric("ticket-volume", "from", "2026-05-04T10:00:00Z", "to", "2026-05-05T14:00:00Z", "groupBy", "channel")
                .body("value", equalTo(3.0))
                .body("groups.find { it.key == 'chat' }.value", equalTo(2.0));
    }

    @Test
    void thePreviousPeriodIsEquallyLongAcrossTheDstChange() {
        // The week from Monday 03-30 00:00 local (UTC+3) is 168 hours; the 168 hours before it start on Sunday
        // 03-22 at 23:00 local (UTC+2, 21:00Z), an hour before the local midnight: the spring-forward hour is
        // not taken from the comparison.
        Fixtures f = new Fixtures("Europe/Vilnius");
        f.response("W1", "S-nps", "NPS", 0, 10, null, 10, "2026-03-31T10:00:00Z", "email", "A1", null, "en");
        f.response("V1", "S-nps", "NPS", 0, 10, null, 0, "2026-03-22T21:30:00Z", "email", "A1", null, "en");
        f.response("V2", "S-nps", "NPS", 0, 10, null, 10, "2026-03-22T20:30:00Z", "email", "A1", null, "en");
        f.response("V3", "S-nps", "NPS", 0, 10, null, 10, "2026-03-29T20:59:59Z", "email", "A1", null, "en");
        f.deliver();
        // Now: W1, 100 of 1. Before: V1 (0) and V3 (10), 0 of 2; V2 at 22:30 local is before it.
        f.metric("nps", "from", "2026-03-30T00:00:00+03:00", "to", "2026-04-06T00:00:00+03:00", "compare", "previous")
                .statusCode(200)
                .body("value", equalTo(100.0))
                .body("comparison.from", equalTo("2026-03-22T21:00:00Z"))
                .body("comparison.to", equalTo("2026-03-29T21:00:00Z"))
                .body("comparison.previous", equalTo(0.0))
                .body("comparison.previousCount", equalTo(2))
                .body("comparison.change", equalTo(100.0));
    }
}

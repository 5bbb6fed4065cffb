package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Filters (docs/metrics.md#filters) on a history worked out by hand, in the comments next to each
 * assertion: one dimension, two dimensions, a dimension repeated, beside a grouping, with a series, over
 * a period that does not start at midnight, at an instant, and with the previous period. The period P
 * is the week [2026-05-04, 2026-05-11) UTC.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterMetricsTest {

    private static final String FROM = "2026-05-04T00:00:00Z";
    private static final String TO = "2026-05-11T00:00:00Z";

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::facts);
    }

    private void facts(Fixtures f) {
        // Before P: T0 (email, tier-1) and T0b (chat, tier-2), never answered.
        f.ticket("T0", "email", "tier-1", null, "2026-05-01T09:00:00Z");
        f.ticket("T0b", "chat", "tier-2", null, "2026-05-02T09:00:00Z");
        // T1 email tier-1, A1: first reply after 600 s; resolved 05-04 10:00, reopened 12:00, resolved 05-05 09:00.
        // Priority and tags: T1 high, vip and billing; T3 high, billing; T4 urgent, vip; the others none.
        f.ticketWith(Map.of("priority", "high", "tags", List.of("vip", "billing")), "T1", "email", "tier-1", "2026-05-04T09:00:00Z",
                ev("assigned", "2026-05-04T09:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-05-04T09:10:00Z", "agentId", "A1"),
                status("2026-05-04T10:00:00Z", "resolved"),
                status("2026-05-04T12:00:00Z", "open"),
                status("2026-05-05T09:00:00Z", "resolved"));
        // T2 email tier-2, A1: 1,800 s; never resolved.
        f.ticket("T2", "email", "tier-2", null, "2026-05-05T10:00:00Z",
                ev("assigned", "2026-05-05T10:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-05-05T10:30:00Z", "agentId", "A1"));
        // T3 chat tier-1, A2: 300 s; resolved 05-06 09:00 for good.
        f.ticketWith(Map.of("priority", "high", "tags", List.of("billing")), "T3", "chat", "tier-1", "2026-05-06T08:00:00Z",
                ev("assigned", "2026-05-06T08:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-05-06T08:05:00Z", "agentId", "A2"),
                status("2026-05-06T09:00:00Z", "resolved"));
        // T4 email tier-1, A2: 3,600 s; resolved 05-07 14:00, reopened 05-08 10:00.
        f.ticketWith(Map.of("priority", "urgent", "tags", List.of("vip")), "T4", "email", "tier-1", "2026-05-07T12:00:00Z",
                ev("assigned", "2026-05-07T12:00:00Z", "agentId", "A2"),
                ev("agent_reply", "2026-05-07T13:00:00Z", "agentId", "A2"),
                status("2026-05-07T14:00:00Z", "resolved"),
                status("2026-05-08T10:00:00Z", "open"));
        // T5 social tier-1, A1: 7,200 s.
        f.ticket("T5", "social", "tier-1", null, "2026-05-08T09:00:00Z",
                ev("assigned", "2026-05-08T09:00:00Z", "agentId", "A1"),
                ev("agent_reply", "2026-05-08T11:00:00Z", "agentId", "A1"));
        // T6 email tier-1, created Sunday 22:00, answered after P.
        f.ticket("T6", "email", "tier-1", null, "2026-05-10T22:00:00Z",
                ev("agent_reply", "2026-05-11T01:00:00Z", "agentId", "A1"));

        // NPS answers in P: score, channel, agent, locale.
        f.response("P1", "S-nps", "NPS", 0, 10, null, 10, "2026-05-05T10:00:00Z", "email", "A1", null, "en");
        f.response("P2", "S-nps", "NPS", 0, 10, null, 9, "2026-05-05T11:00:00Z", "email", "A1", null, "lt");
        f.response("P3", "S-nps", "NPS", 0, 10, null, 3, "2026-05-05T12:00:00Z", "chat", "A2", null, "lt");
        f.response("P4", "S-nps", "NPS", 0, 10, null, 0, "2026-05-06T10:00:00Z", "email", "A2", null, "lt");
        f.response("P5", "S-nps", "NPS", 0, 10, null, 8, "2026-05-07T10:00:00Z", "email", "A1", null, "lt");
    }

    @Test
    void aFilterOnTwoDimensionsKeepsTheFactsThatMatchBoth() {
        // Email and tier-1, first replies in P: T1 600 (A1), T4 3,600 (A2); T6's is after P.
        f.metric("first-response-time", "from", FROM, "to", TO, "channel", "email", "team", "tier-1", "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(2100, 1e-6)).body("count", equalTo(2))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(600, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(3600, 1e-6));
    }

    @Test
    void aFilterOnOneDimensionAloneOrBesideAGrouping() {
        // Email: T1 600, T2 1,800, T4 3,600.
        f.metric("first-response-time", "from", FROM, "to", TO, "channel", "email")
                .statusCode(200)
                .body("value", closeTo(2000, 1e-6)).body("count", equalTo(3));
        // By agent: A1 T1 and T2, A2 T4.
        f.metric("first-response-time", "from", FROM, "to", TO, "channel", "email", "groupBy", "agent")
                .statusCode(200)
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'A1' }.value", closeTo(1200, 1e-6))
                .body("groups.find { it.key == 'A2' }.value", closeTo(3600, 1e-6));
    }

    @Test
    void aRepeatedDimensionMeansAnyOfItsValues() {
        // Email or chat: T1 600, T2 1,800, T3 300, T4 3,600 (T5 is social).
        f.metric("first-response-time", "from", FROM, "to", TO, "channel", "email", "channel", "chat", "groupBy", "channel")
                .statusCode(200)
                .body("value", closeTo(1575, 1e-6)).body("count", equalTo(4))
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'email' }.value", closeTo(2000, 1e-6))
                .body("groups.find { it.key == 'chat' }.value", closeTo(300, 1e-6));
    }

    @Test
    void aFilterAppliesToEveryBucketOfASeriesAndToEdgesOfAPeriod() {
        // Tier-1 tickets created in P: T1 (05-04), T3 (05-06), T4 (05-07), T5 (05-08), T6 (05-10); a day
        // without tickets has no value, as without a filter.
        f.metric("ticket-volume", "from", FROM, "to", TO, "team", "tier-1", "interval", "day")
                .statusCode(200)
                .body("value", equalTo(5.0))
                .body("series.value", equalTo(java.util.Arrays.asList(1.0, null, 1.0, 1.0, 1.0, null, 1.0)));
        // From 05-04 09:30 to 05-10 23:00: T1 (09:00) is before, T6 (22:00) inside.
        f.metric("ticket-volume", "from", "2026-05-04T09:30:00Z", "to", "2026-05-10T23:00:00Z", "team", "tier-1")
                .statusCode(200)
                .body("value", equalTo(4.0));
        f.metric("ticket-volume", "from", "2026-05-04T09:30:00Z", "to", "2026-05-10T23:00:00Z", "team", "tier-1",
                        "channel", "email")
                .statusCode(200)
                .body("value", equalTo(2.0));
    }

    @Test
    void instantMetricsCountOnlyTheMatchingTickets() {
        // Not resolved at the end of P, tier-1: T0, T4 (reopened), T5, T6; of them by e-mail: T0, T4, T6.
        f.metric("backlog", "from", FROM, "to", TO, "team", "tier-1").statusCode(200).body("value", equalTo(4.0));
        f.metric("backlog", "from", FROM, "to", TO, "team", "tier-1", "channel", "email").statusCode(200)
                .body("value", equalTo(3.0));
    }

    @Test
    void correctionsReadFromEpisodesAreFilteredToo() {
        // Email and tier-1, resolved in P: T1 (twice, once counted) and T4; both reopened before the end.
        f.metric("reopen-rate", "from", FROM, "to", TO, "channel", "email", "team", "tier-1")
                .statusCode(200)
                .body("value", closeTo(100, 1e-9)).body("count", equalTo(2));
        // Chat: T3, not reopened.
        f.metric("reopen-rate", "from", FROM, "to", TO, "channel", "chat")
                .statusCode(200)
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(1));
        // A2: T3 and T4 (reopened).
        f.metric("reopen-rate", "from", FROM, "to", TO, "agent", "A2")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(2));
    }

    @Test
    void ticketsFilterByPriorityAndTagAndGroupByPriority() {
        // High: T1 600, T3 300.
        f.metric("first-response-time", "from", FROM, "to", TO, "priority", "high")
                .statusCode(200)
                .body("value", closeTo(450, 1e-6)).body("count", equalTo(2));
        // Tagged vip: T1 600, T4 3,600; vip or billing: T1, T3, T4.
        f.metric("first-response-time", "from", FROM, "to", TO, "tag", "vip")
                .statusCode(200)
                .body("value", closeTo(2100, 1e-6)).body("count", equalTo(2));
        f.metric("first-response-time", "from", FROM, "to", TO, "tag", "vip", "tag", "billing")
                .statusCode(200)
                .body("value", closeTo(1500, 1e-6)).body("count", equalTo(3));
        // By priority: high T1, T3; urgent T4; none T2 1,800 and T5 7,200.
        f.metric("first-response-time", "from", FROM, "to", TO, "groupBy", "priority")
                .statusCode(200)
                .body("groups", hasSize(3))
                .body("groups.find { it.key == 'high' }.value", closeTo(450, 1e-6))
                .body("groups.find { it.key == 'urgent' }.value", closeTo(3600, 1e-6))
                .body("groups.find { it.key == null }.value", closeTo(4500, 1e-6));
        // Reopen rate of billing tickets: T1 reopened, T3 not; urgent: T4 reopened.
        f.metric("reopen-rate", "from", FROM, "to", TO, "tag", "billing")
                .statusCode(200)
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(2));
        f.metric("reopen-rate", "from", FROM, "to", TO, "priority", "urgent", "groupBy", "agent")
                .statusCode(200)
                .body("value", closeTo(100, 1e-9)).body("count", equalTo(1))
                .body("groups[0].key", equalTo("A2"));
        // Not resolved at the end of P and tagged vip: T4.
        f.metric("backlog", "from", FROM, "to", TO, "tag", "vip").statusCode(200).body("value", equalTo(1.0));
        f.metric("nps", "from", FROM, "to", TO, "tag", "vip").statusCode(400)
                .body("detail", containsString("nps cannot be filtered by tag"));
        f.metric("first-response-time", "from", FROM, "to", TO, "groupBy", "tag").statusCode(400)
                .body("detail", containsString("groupBy must be one of"));
    }

    @Test
    void surveyMetricsFilterByLocaleAndChannel() {
        // Lithuanian answers by e-mail: P2 promoter, P4 detractor, P5 passive: 100 * (1 - 1) / 3.
        f.metric("nps", "from", FROM, "to", TO, "channel", "email", "locale", "lt")
                .statusCode(200)
                .body("value", closeTo(0, 1e-9)).body("count", equalTo(3));
        // Lithuanian by channel: e-mail as above, chat P3 detractor alone: -100.
        f.metric("nps", "from", FROM, "to", TO, "locale", "lt", "groupBy", "channel")
                .statusCode(200)
                .body("value", closeTo(-25, 1e-9)).body("count", equalTo(4))
                .body("groups.find { it.key == 'email' }.value", closeTo(0, 1e-9))
                .body("groups.find { it.key == 'chat' }.value", closeTo(-100, 1e-9));
    }

    @Test
    void thePreviousPeriodIsFilteredAlike() {
        // Email created in P: T1, T2, T4, T6; the week before: T0 (T0b is chat).
        f.metric("ticket-volume", "from", FROM, "to", TO, "channel", "email", "compare", "previous")
                .statusCode(200)
                .body("value", equalTo(4.0))
                .body("comparison.previous", closeTo(1, 1e-9))
                .body("comparison.change", closeTo(3, 1e-9));
    }

    @Test
    void aFilteredSummaryAnswersTheMetricsThatCarryTheDimensions() {
        // Tier-1: volume T1, T3, T4, T5, T6; first replies T1 600, T3 300, T4 3,600, T5 7,200. No survey or
        // customer metric has teams.
        f.summary(FROM, TO, "team", "tier-1").statusCode(200)
                .body("metrics.'ticket-volume'.value", equalTo(5.0))
                .body("metrics.'first-response-time'.value", closeTo(2925, 1e-6))
                .body("metrics.'first-response-time'.count", equalTo(4))
                .body("metrics.'recovery-rate'.count", equalTo(0))
                .body("metrics.containsKey('nps')", equalTo(false))
                .body("metrics.containsKey('churn-rate')", equalTo(false));
        // Lithuanian e-mail answers: only survey metrics carry both.
        f.summary(FROM, TO, "channel", "email", "locale", "lt").statusCode(200)
                .body("metrics.nps.value", closeTo(0, 1e-9)).body("metrics.nps.count", equalTo(3))
                .body("metrics.keySet()", hasSize(5));
    }

    @Test
    void aFilterOnADimensionTheMetricDoesNotCarryIsRefused() {
        f.metric("first-response-time", "from", FROM, "to", TO, "locale", "lt").statusCode(400)
                .body("detail", equalTo("first-response-time cannot be filtered by locale; it can be filtered by channel, team, agent, priority, tag"));
        f.metric("churn-rate", "from", FROM, "to", TO, "channel", "email").statusCode(400)
                .body("detail", equalTo("churn-rate cannot be filtered by channel; its facts carry no dimension"));
        f.metric("first-response-time", "from", FROM, "to", TO, "team", " ").statusCode(400)
                .body("detail", containsString("team must name a team"));
    }
}

package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Recovery rate on a small hand-made history, worked out below from docs/metrics.md#recovery-rate.
 * Period: May 2026 (UTC); window 30 days unless a test says otherwise.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryRateTest {

    private static final String MAY = "2026-05-01T00:00:00Z";
    private static final String JUNE = "2026-06-01T00:00:00Z";

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::customers);
    }

    private void csat(String id, double score, String at, String customer) {
        f.response("S-csat:" + id, "S-csat", "CSAT", 1, 5, 4, score, at, "email", "A1", customer, "en");
    }

    private void nps(String id, double score, String at, String customer) {
        f.response("S-nps:" + id, "S-nps", "NPS", 0, 10, null, score, at, "email", "A1", customer, "en");
    }

    /** The follow-up ticket of an answer, worked by {@code agent} of {@code team}, resolved at {@code resolvedAt} (null: open). */
    private void followUp(String answer, String team, String agent, String openedAt, String resolvedAt) {
        if (resolvedAt == null) {
            f.ticket("followup-" + answer, "email", team, null, openedAt, ev("assigned", openedAt, "agentId", agent));
        } else {
            f.ticket("followup-" + answer, "email", team, null, openedAt, ev("assigned", openedAt, "agentId", agent),
                    status(resolvedAt, "resolved"));
        }
    }

    private void customers(Fixtures f) {
        // CA: CSAT 2, follow-up resolved May 4, CSAT 5 on May 20: recovered.
        csat("A1", 2, "2026-05-03T09:00:00Z", "CA");
        followUp("S-csat:A1", "care", "G1", "2026-05-03T09:30:00Z", "2026-05-04T10:00:00Z");
        csat("A2", 5, "2026-05-20T10:00:00Z", "CA");
        // CB: NPS 3, resolved May 6; a CSAT 5 on May 8 is another kind; NPS 8 on May 10: not recovered (a passive).
        nps("B1", 3, "2026-05-05T09:00:00Z", "CB");
        followUp("S-nps:B1", "care", "G2", "2026-05-05T09:30:00Z", "2026-05-06T10:00:00Z");
        csat("B2", 5, "2026-05-08T10:00:00Z", "CB");
        nps("B3", 8, "2026-05-10T10:00:00Z", "CB");
        // CC: CSAT 1, resolved May 1 10:00; nothing until the window closed (May 31 10:00); a CSAT 5 on June 5
        // comes after `to`: not recovered, no answer.
        csat("C1", 1, "2026-05-01T08:00:00Z", "CC");
        followUp("S-csat:C1", "sales", "G1", "2026-05-01T08:30:00Z", "2026-05-01T10:00:00Z");
        csat("C2", 5, "2026-06-05T10:00:00Z", "CC");
        // CD: CSAT 1 on May 29, resolved May 30 12:00: the window is open at `to`, pending.
        csat("D1", 1, "2026-05-29T09:00:00Z", "CD");
        followUp("S-csat:D1", "sales", "G3", "2026-05-29T09:30:00Z", "2026-05-30T12:00:00Z");
        // CE: NPS 2 whose follow-up is still open: not counted.
        nps("E1", 2, "2026-05-09T09:00:00Z", "CE");
        followUp("S-nps:E1", "care", "G2", "2026-05-09T09:30:00Z", null);
        // CF: two negative answers; the latest (May 12, resolved May 13 09:00) counts, and its next answer
        // (CSAT 3 on May 14 08:00) is not positive: not recovered. The CSAT 5 on May 5 followed the earlier one.
        csat("F1", 1, "2026-05-02T09:00:00Z", "CF");
        followUp("S-csat:F1", "care", "G2", "2026-05-02T09:30:00Z", "2026-05-03T10:00:00Z");
        csat("F2", 5, "2026-05-05T10:00:00Z", "CF");
        csat("F3", 2, "2026-05-12T09:00:00Z", "CF");
        followUp("S-csat:F3", "care", "G2", "2026-05-12T09:30:00Z", "2026-05-13T09:00:00Z");
        csat("F4", 3, "2026-05-14T08:00:00Z", "CF");
        // CH: resolved after `to`: not counted. An answer without a customer cannot be followed.
        csat("H1", 1, "2026-05-20T09:00:00Z", "CH");
        followUp("S-csat:H1", "care", "G1", "2026-05-20T09:30:00Z", "2026-06-02T10:00:00Z");
        csat("N1", 1, "2026-05-20T09:00:00Z", null);
        followUp("S-csat:N1", "care", "G1", "2026-05-20T09:30:00Z", "2026-05-21T10:00:00Z");
    }

    @Test
    void recoveredOverCustomersWhoseWindowClosedOrWhoAnsweredAgain() {
        // Recovered: CA. Not recovered: CB, CC (no answer), CF. Pending: CD. 100 * 1 / 4 = 25.
        f.metric("recovery-rate", "from", MAY, "to", JUNE, "windowDays", "30").statusCode(200)
                .body("value", equalTo(25.0)).body("count", equalTo(4))
                .body("details.recovered", equalTo(1)).body("details.notRecovered", equalTo(3))
                .body("details.noAnswer", equalTo(1)).body("details.pending", equalTo(1))
                .body("details.windowDays", equalTo(30));
    }

    @Test
    void groupedByTheFollowUpsTeamAndAgent() {
        // care: CA (recovered), CB, CF -> 100 / 3; sales: CC (no answer) -> 0, CD pending.
        f.metric("recovery-rate", "from", MAY, "to", JUNE, "windowDays", "30", "groupBy", "team").statusCode(200)
                .body("groups.key", contains("care", "sales"))
                .body("groups[0].value", equalTo(100.0 / 3)).body("groups[0].count", equalTo(3))
                .body("groups[1].value", equalTo(0.0)).body("groups[1].details.pending", equalTo(1));
        // G1: CA and CC -> 50; G2: CB and CF -> 0; G3 has only a pending customer: no group.
        f.metric("recovery-rate", "from", MAY, "to", JUNE, "windowDays", "30", "groupBy", "agent").statusCode(200)
                .body("groups.key", contains("G1", "G2")).body("groups[0].value", equalTo(50.0))
                .body("groups[1].value", equalTo(0.0));
    }

    @Test
    void aShorterWindowAndAnEarlierEnd() {
        // One day: CA's and CB's next answers come too late (no answer), CD's window closed on May 31 12:00,
        // CF still answered within the day: 0 of 5, 4 without an answer.
        f.metric("recovery-rate", "from", MAY, "to", JUNE, "windowDays", "1").statusCode(200)
                .body("value", equalTo(0.0)).body("count", equalTo(5)).body("details.noAnswer", equalTo(4))
                .body("details.pending", equalTo(0));
        // Up to May 15 (default 90 days): CA, CB and CC are pending (CB's NPS 8 came before: not recovered),
        // so only CB and CF count, both not recovered.
        f.metric("recovery-rate", "from", MAY, "to", "2026-05-15T00:00:00Z").statusCode(200)
                .body("value", equalTo(0.0)).body("count", equalTo(2)).body("details.pending", equalTo(2))
                .body("details.windowDays", equalTo(90));
        // Nothing followed up: no value.
        f.metric("recovery-rate", "from", "2026-03-01T00:00:00Z", "to", "2026-04-01T00:00:00Z").statusCode(200)
                .body("value", nullValue()).body("count", equalTo(0));
        f.metric("recovery-rate", "windowDays", "0").statusCode(400);
        f.metric("recovery-rate", "groupBy", "channel").statusCode(400);
    }
}

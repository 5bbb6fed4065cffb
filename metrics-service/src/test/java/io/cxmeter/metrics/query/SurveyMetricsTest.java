package io.cxmeter.metrics.query;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Survey and review metrics on hand-made responses; P is April 2026 (UTC). Expected values worked out in comments. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyMetricsTest {

    private static final String FROM = "2026-04-01T00:00:00Z";
    private static final String TO = "2026-05-01T00:00:00Z";

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::responses);
    }

    private void responses(Fixtures f) {
        nps("N1", 10, "email", "A1");
        nps("N2", 9, "email", "A2");
        nps("N3", 8, "chat", "A1");
        nps("N4", 7, "chat", "A2");
        nps("N5", 6, "email", "A1");
        nps("N6", 0, "call", "A2");
        nps("N7", 10, "chat", "A1");
        // Just before the period: not counted.
        f.response("N0", "S-nps", "NPS", 0, 10, null, 0, "2026-03-31T23:59:59Z", "email", "A1", null, "en");
        // CSAT on two scales: 1-5 (positive from 4) and 1-10 (positive from 8).
        f.response("C1", "S-c5", "CSAT", 1, 5, 4, 5, "2026-04-03T10:00:00Z", "email", "A1", null, "en");
        f.response("C2", "S-c5", "CSAT", 1, 5, 4, 4, "2026-04-03T11:00:00Z", "email", "A1", null, "en");
        f.response("C3", "S-c5", "CSAT", 1, 5, 4, 3, "2026-04-03T12:00:00Z", "chat", "A2", null, "lt");
        f.response("C4", "S-c5", "CSAT", 1, 5, 4, 1, "2026-04-03T13:00:00Z", "chat", "A2", null, "lt");
        f.response("C5", "S-c10", "CSAT", 1, 10, 8, 8, "2026-04-04T10:00:00Z", "email", "A1", null, "en");
        f.response("C6", "S-c10", "CSAT", 1, 10, 8, 7, "2026-04-04T11:00:00Z", "email", "A1", null, "en");
        // CES 1-7, positive (easy) from 5.
        f.response("E1", "S-ces", "CES", 1, 7, 5, 7, "2026-04-05T10:00:00Z", "web_form", null, null, "en");
        f.response("E2", "S-ces", "CES", 1, 7, 5, 5, "2026-04-05T11:00:00Z", "web_form", null, null, "en");
        f.response("E3", "S-ces", "CES", 1, 7, 5, 2, "2026-04-05T12:00:00Z", "web_form", null, null, "en");
        // A custom question on 0-10 (8, 6, 10) and another on 1-5 (4).
        f.response("K1", "S-k10", "CUSTOM", 0, 10, null, 8, "2026-04-06T10:00:00Z", "email", "A1", null, "en");
        f.response("K2", "S-k10", "CUSTOM", 0, 10, null, 6, "2026-04-06T11:00:00Z", "email", "A2", null, "en");
        f.response("K3", "S-k10", "CUSTOM", 0, 10, null, 10, "2026-04-06T12:00:00Z", "chat", "A1", null, "en");
        f.response("K4", "S-k5", "CUSTOM", 1, 5, null, 4, "2026-04-06T13:00:00Z", "chat", "A1", null, "en");
        // Invitations of the NPS survey: 4 sent in April, 2 answered.
        f.invitation("I1", "S-nps", "2026-04-01T08:00:00Z", true);
        f.invitation("I2", "S-nps", "2026-04-02T08:00:00Z", true);
        f.invitation("I3", "S-nps", "2026-04-03T08:00:00Z", false);
        f.invitation("I4", "S-nps", "2026-04-04T08:00:00Z", false);
        // Reviews: 80, 0 (a critical category got 0), 100; Q4 rated nothing (all N/A) and does not count.
        f.review("Q1", "A1", "2026-04-10T10:00:00Z", 80.0);
        f.review("Q2", "A1", "2026-04-11T10:00:00Z", 0.0);
        f.review("Q3", "A2", "2026-04-12T10:00:00Z", 100.0);
        f.review("Q4", "A2", "2026-04-13T10:00:00Z", null);
    }

    private void nps(String id, int score, String channel, String agent) {
        f.response(id, "S-nps", "NPS", 0, 10, null, score, "2026-04-02T1" + id.charAt(1) + ":00:00Z", channel, agent, null, "en");
    }

    @Test
    void npsWithItsMarginOfError() {
        // N = 7; promoters 10, 9, 10 = 3; detractors 6, 0 = 2; passives 8, 7 = 2. NPS = 100 * (3 - 2) / 7.
        double pP = 3.0 / 7;
        double pD = 2.0 / 7;
        double moe = 100 * 1.96 * Math.sqrt((pP + pD - (pP - pD) * (pP - pD)) / 7);
        f.metric("nps", "from", FROM, "to", TO, "groupBy", "channel")
                .statusCode(200)
                .body("value", closeTo(100.0 / 7, 1e-9)).body("count", equalTo(7))
                .body("details.promoters", equalTo(3)).body("details.passives", equalTo(2))
                .body("details.detractors", equalTo(2)).body("details.responses", equalTo(7))
                .body("details.marginOfError95", closeTo(moe, 1e-9))
                // email 10, 9, 6: (2 - 1) / 3; chat 8, 7, 10: (1 - 0) / 3; call 0: -100.
                .body("groups.find { it.key == 'email' }.value", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'chat' }.value", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'call' }.value", closeTo(-100, 1e-9));
    }

    @Test
    void csatAcrossScalesHasNoMeanScore() {
        // Positive: 5, 4 (of 1-5, from 4) and 8 (of 1-10, from 8) = 3 of 6.
        f.metric("csat", "from", FROM, "to", TO, "groupBy", "survey")
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(6))
                .body("details.meanScore", nullValue())
                .body("groups", hasSize(2))
                .body("groups.find { it.key == 'S-c5' }.value", closeTo(50, 1e-9))
                .body("groups.find { it.key == 'S-c10' }.value", closeTo(50, 1e-9));
        // One survey, one scale: mean (5 + 4 + 3 + 1) / 4 and the distribution.
        f.metric("csat", "from", FROM, "to", TO, "surveyId", "S-c5")
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(4))
                .body("details.meanScore", closeTo(3.25, 1e-9))
                .body("details.distribution.'1'", equalTo(1)).body("details.distribution.'5'", equalTo(1));
    }

    @Test
    void cesIsTheAverageEffortScore() {
        // (7 + 5 + 2) / 3; easy (>= 5): 2 of 3.
        f.metric("ces", "from", FROM, "to", TO)
                .body("value", closeTo(14.0 / 3, 1e-9)).body("details.easyPercent", closeTo(200.0 / 3, 1e-9));
    }

    @Test
    void aCustomQuestionIsItsMeanScoreWithItsInterval() {
        // (8 + 6 + 10) / 3 = 8; s² = (0 + 4 + 4) / 2 = 4; t(0.975, 2) · 2 / √3 = 4.9682754.
        f.metric("custom", "from", FROM, "to", TO, "surveyId", "S-k10")
                .statusCode(200)
                .body("value", closeTo(8, 1e-9)).body("count", equalTo(3))
                .body("details.ci95[0]", closeTo(8 - 4.968275423500662, 1e-6))
                .body("details.ci95[1]", closeTo(8 + 4.968275423500662, 1e-6))
                .body("details.lowSample", equalTo(true));
        // By agent: A1 8 and 10, A2 6.
        f.metric("custom", "from", FROM, "to", TO, "surveyId", "S-k10", "groupBy", "agent")
                .body("groups.find { it.key == 'A1' }.value", closeTo(9, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(6, 1e-9));
        // Both questions together mix two scales: no mean, as for CES.
        f.metric("custom", "from", FROM, "to", TO)
                .body("value", nullValue()).body("count", equalTo(4)).body("details.mixedScales", equalTo(true))
                .body("details.ci95", nullValue());
    }

    @Test
    void responseRateOfInvitationsSentInThePeriod() {
        f.metric("response-rate", "from", FROM, "to", TO, "surveyId", "S-nps")
                .body("value", closeTo(50, 1e-9)).body("count", equalTo(4));
    }

    @Test
    void iqsIsTheMeanReviewScore() {
        // (80 + 0 + 100) / 3; A1 (80 + 0) / 2; A2 100. Q4 rated nothing.
        f.metric("iqs", "from", FROM, "to", TO, "groupBy", "agent")
                .body("value", closeTo(60, 1e-9)).body("count", equalTo(3))
                .body("groups.find { it.key == 'A1' }.value", closeTo(40, 1e-9))
                .body("groups.find { it.key == 'A2' }.value", closeTo(100, 1e-9));
    }

    @Test
    void iqsHasAStudentTIntervalFromTheReviewsSpread() {
        // 80, 0, 100: mean 60, s² = (20² + 60² + 40²) / 2 = 2800, t(0.975, 2) = 4.302653:
        // 60 ± 4.302653 · √(2800 / 3) = [−71.448, 191.448]. A1 80, 0: s² = 3200, t(0.975, 1) = 12.706205:
        // 40 ± 12.706205 · 40 = [−468.248, 548.248]. A2 has one review: no interval.
        f.metric("iqs", "from", FROM, "to", TO, "groupBy", "agent")
                .body("details.ci95[0]", closeTo(-71.448212, 1e-5)).body("details.ci95[1]", closeTo(191.448212, 1e-5))
                .body("groups.find { it.key == 'A1' }.details.ci95[0]", closeTo(-468.248189, 1e-5))
                .body("groups.find { it.key == 'A1' }.details.ci95[1]", closeTo(548.248189, 1e-5))
                .body("groups.find { it.key == 'A2' }.details.ci95", nullValue());
        // A day series: each bucket from its own reviews (one each: none has an interval).
        f.metric("iqs", "from", FROM, "to", TO, "interval", "day")
                .body("series.findAll { it.count > 0 }.details.ci95", org.hamcrest.Matchers.everyItem(nullValue()));
    }

    @Test
    void surveyMetricsOfAnEmptyPeriodOrAnotherSurveyAreNull() {
        f.metric("nps", "from", "2026-06-01T00:00:00Z", "to", "2026-07-01T00:00:00Z")
                .body("value", nullValue()).body("count", equalTo(0)).body("details.marginOfError95", nullValue());
        f.metric("nps", "from", FROM, "to", TO, "surveyId", "S-c5").body("value", nullValue());
    }

    @Test
    void theSummaryHasEveryMetric() {
        f.summary(FROM, TO)
                .statusCode(200)
                .body("metrics.size()", equalTo(Metric.values().length))
                .body("metrics.nps.value", closeTo(100.0 / 7, 1e-9))
                .body("metrics.iqs.value", closeTo(60, 1e-9))
                .body("metrics.'first-response-time'.value", nullValue());
    }
}

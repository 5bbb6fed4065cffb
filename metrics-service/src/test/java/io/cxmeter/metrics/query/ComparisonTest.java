package io.cxmeter.metrics.query;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * compare=previous and low-sample flags on hand-made responses. The period is April 2026 (30 days, UTC); the previous
 * period is the 30 days before it, 2026-03-02 to 2026-04-01. Expected values worked out in comments.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonTest {

    private static final String FROM = "2026-04-01T00:00:00Z";
    private static final String TO = "2026-05-01T00:00:00Z";

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(this::responses);
    }

    private void responses(Fixtures f) {
        // April NPS: 10, 9, 6 by e-mail, 0 by call, 8 and 10 in chat, 7 in chat: P = 3, D = 2, N = 7.
        nps(f, "N1", 10, "email", "2026-04-02T10:00:00Z");
        nps(f, "N2", 9, "email", "2026-04-03T10:00:00Z");
        nps(f, "N3", 6, "email", "2026-04-04T10:00:00Z");
        nps(f, "N4", 0, "call", "2026-04-05T10:00:00Z");
        nps(f, "N5", 8, "chat", "2026-04-06T10:00:00Z");
        nps(f, "N6", 10, "chat", "2026-04-07T10:00:00Z");
        nps(f, "N7", 7, "chat", "2026-04-08T10:00:00Z");
        // The previous period: 10 and 3 by e-mail, 2 and 9 in chat: P = 2, D = 2, N = 4.
        nps(f, "M1", 10, "email", "2026-03-02T00:00:00Z");
        nps(f, "M2", 3, "email", "2026-03-15T10:00:00Z");
        nps(f, "M3", 2, "chat", "2026-03-20T10:00:00Z");
        nps(f, "M4", 9, "chat", "2026-03-31T23:59:59Z");
        // Before the previous period: in neither.
        nps(f, "M0", 10, "email", "2026-03-01T23:59:59Z");
        // CSAT 1–5, positive from 4: 40 positive in April; 20 positive of 40 in the previous period.
        for (int i = 0; i < 40; i++) {
            f.response("CA" + i, "S-csat", "CSAT", 1, 5, 4, 5, "2026-04-10T10:00:00Z", "email", null, null, "en");
            f.response("CM" + i, "S-csat", "CSAT", 1, 5, 4, i % 2 == 0 ? 5 : 2, "2026-03-10T10:00:00Z", "email", null, null, "en");
        }
    }

    private static void nps(Fixtures f, String id, double score, String channel, String at) {
        f.response(id, "S-nps", "NPS", 0, 10, null, score, at, channel, "A1", null, "en");
    }

    @Test
    void npsBesideThePreviousPeriodAndWhetherTheChangeIsSignificant() {
        // April: 100 * (3 - 2) / 7 = 14.2857; previous: 100 * (2 - 2) / 4 = 0.
        // se (April) = sqrt((3/7 + 2/7 - (1/7)²) / 7) * 100 = 31.484; se (previous) = sqrt(1 / 4) * 100 = 50;
        // 1.96 * sqrt(31.484² + 50²) = 115.8 > 14.29: not significant.
        f.metric("nps", "from", FROM, "to", TO, "compare", "previous").statusCode(200)
                .body("value", closeTo(100.0 / 7, 1e-9)).body("count", equalTo(7))
                .body("comparison.from", equalTo("2026-03-02T00:00:00Z")).body("comparison.to", equalTo(FROM))
                .body("comparison.previous", closeTo(0.0, 1e-9)).body("comparison.previousCount", equalTo(4))
                .body("comparison.change", closeTo(100.0 / 7, 1e-9))
                .body("comparison.changeSignificant", equalTo(false));
        // By channel: e-mail 100 * (2 - 1) / 3 against 100 * (1 - 1) / 2; a call only in April: no previous, no change.
        f.metric("nps", "from", FROM, "to", TO, "compare", "previous", "groupBy", "channel").statusCode(200)
                .body("groups.find { it.key == 'email' }.comparison.previous", closeTo(0.0, 1e-9))
                .body("groups.find { it.key == 'email' }.comparison.change", closeTo(100.0 / 3, 1e-9))
                .body("groups.find { it.key == 'call' }.comparison.previous", nullValue())
                .body("groups.find { it.key == 'call' }.comparison.change", nullValue())
                .body("groups.find { it.key == 'chat' }.comparison.previous", closeTo(0.0, 1e-9));
    }

    @Test
    void csatChangeBeyondItsStandardErrorsIsSignificant() {
        // April: 100 % (p = 1, se = 0); previous: 50 % (se = 100 * sqrt(0.25 / 40) = 7.906);
        // |50| > 1.96 * 7.906 = 15.5: significant.
        f.metric("csat", "from", FROM, "to", TO, "compare", "previous", "surveyId", "S-csat").statusCode(200)
                .body("value", closeTo(100.0, 1e-9)).body("comparison.previous", closeTo(50.0, 1e-9))
                .body("comparison.change", closeTo(50.0, 1e-9)).body("comparison.changeSignificant", equalTo(true));
    }

    @Test
    void theSummaryComparesEveryMetricAndOtherValuesAreRefused() {
        f.summary(FROM, TO, "compare", "previous").statusCode(200)
                .body("metrics.nps.comparison.change", closeTo(100.0 / 7, 1e-9))
                .body("metrics.'ticket-volume'.comparison.previous", nullValue());
        f.metric("nps", "from", FROM, "to", TO, "compare", "last-year").statusCode(400)
                .body("detail", equalTo("compare must be previous (the equally long period just before from)"));
        // Without compare, nothing is added.
        f.metric("nps", "from", FROM, "to", TO).statusCode(200).body("comparison", nullValue());
    }

    @Test
    void valuesOnFewAnswersSayTheirSampleIsSmall() {
        // NPS in April rests on 7 answers (below the default 30); CSAT on 40 (not below).
        f.metric("nps", "from", FROM, "to", TO, "groupBy", "channel", "interval", "month").statusCode(200)
                .body("details.lowSample", equalTo(true))
                .body("groups.find { it.key == 'email' }.details.lowSample", equalTo(true))
                .body("series[0].details.lowSample", equalTo(true));
        f.metric("csat", "from", FROM, "to", TO, "surveyId", "S-csat").statusCode(200).body("details.lowSample", equalTo(false));
        f.metric("nps", "from", FROM, "to", TO, "minSample", "7").statusCode(200).body("details.lowSample", equalTo(false));
        f.metric("nps", "from", FROM, "to", TO, "minSample", "8").statusCode(200).body("details.lowSample", equalTo(true));
        f.metric("nps", "from", FROM, "to", TO, "minSample", "0").statusCode(400)
                .body("detail", equalTo("minSample must be a whole number from 1 to 1000000"));
        // Ticket metrics rest on no sample and take no minSample.
        f.metric("ticket-volume", "from", FROM, "to", TO, "minSample", "5").statusCode(400);
        f.summary(FROM, TO).statusCode(200).body("metrics.nps.details.lowSample", equalTo(true))
                .body("metrics.'ticket-volume'.details.lowSample", nullValue());
    }
}

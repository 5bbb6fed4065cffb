package io.cxmeter.metrics.query;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cxmeter.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Customer metrics on hand-made customers; P is February 2026 (28 days, UTC). Expected values worked out in comments. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerMetricsTest {

    private static final String FROM = "2026-02-01T00:00:00Z";
    private static final String TO = "2026-03-01T00:00:00Z";

    private final Fixtures f = new Fixtures("UTC");

    @BeforeEach
    void history() {
        f.once(CustomerMetricsTest::customers);
    }

    /**
     * S (active at from) = C1, C2, C6 (C6 churns exactly at from, so it is still active then; C3 churned before).
     * L = C2, C6; C5 joined and churned within P, so it is not in S. E (active at to) = C1, C4. N = C4, C5.
     */
    static void customers(Fixtures f) {
        f.customer("C1", "2025-06-01T00:00:00Z", null, false, 100, "2026-02-10T10:00:00Z", 50, "2026-02-20T10:00:00Z");
        f.customer("C2", "2025-07-01T00:00:00Z", "2026-02-15T00:00:00Z", false, 30, "2026-02-05T10:00:00Z");
        f.customer("C3", "2025-08-01T00:00:00Z", "2026-01-10T00:00:00Z", true);
        f.customer("C4", "2026-02-05T00:00:00Z", null, true);
        f.customer("C5", "2026-02-10T00:00:00Z", "2026-02-20T00:00:00Z", false);
        f.customer("C6", "2025-09-01T00:00:00Z", FROM, false);
        f.customer("C7", TO, null, true);
        // Interactions in P: C1 twice, C4 twice (a visit and a survey response), C2 once (a ticket).
        f.engagement("C1", "visit", "2026-02-03T08:00:00Z");
        f.engagement("C1", "login", "2026-02-04T08:00:00Z");
        f.engagement("C1", "visit", "2026-01-15T08:00:00Z");
        f.engagement("C4", "visit", "2026-02-06T08:00:00Z");
        // Not counted: C3 is not active in P, C9 is no customer.
        f.engagement("C3", "visit", "2026-02-07T08:00:00Z");
        f.engagement("C9", "visit", "2026-02-07T08:00:00Z");
        f.ticket("T-C2", "email", null, "C2", "2026-02-10T09:00:00Z");
        f.response("R-C4", "S-nps", "NPS", 0, 10, null, 9, "2026-02-12T09:00:00Z", "email", null, "C4", "en");
    }

    @Test
    void churnRetentionAndReferral() {
        // churn 100 * 2 / 3; retention 100 * (E - N) / S = 100 * (2 - 2) / 3 = 0; referral: C4 of C4, C5 = 50.
        f.metric("churn-rate", "from", FROM, "to", TO)
                .statusCode(200).body("value", closeTo(200.0 / 3, 1e-9)).body("count", equalTo(3))
                .body("details.churned", equalTo(2));
        f.metric("retention-rate", "from", FROM, "to", TO).body("value", closeTo(0, 1e-9))
                .body("details.endCustomers", equalTo(2)).body("details.newCustomers", equalTo(2));
        f.metric("referral-rate", "from", FROM, "to", TO).body("value", closeTo(50, 1e-9)).body("count", equalTo(2));
    }

    @Test
    void theSummaryAnswersEveryCustomerMetricAsItsOwnQueryDoes() {
        // The five customer metrics share their reads in a summary (values as worked out in the other tests).
        f.summary(FROM, TO)
                .statusCode(200)
                .body("metrics.'churn-rate'.value", closeTo(200.0 / 3, 1e-9))
                .body("metrics.'retention-rate'.value", closeTo(0, 1e-9))
                .body("metrics.'referral-rate'.value", closeTo(50, 1e-9))
                .body("metrics.engagement.value", closeTo(1.0, 1e-9))
                .body("metrics.clv.value", closeTo(135, 1e-6));
    }

    @Test
    void engagementCountsInteractionsOfActiveCustomers() {
        // Active in P: C1, C2, C4, C5, C6 = 5; interactions 5 (C1 2, C4 2, C2 1); engaged C1, C2, C4 = 60 %.
        f.metric("engagement", "from", FROM, "to", TO)
                .body("value", closeTo(1.0, 1e-9)).body("count", equalTo(5))
                .body("details.engagedPercent", closeTo(60, 1e-9));
    }

    @Test
    void lifetimeValueIsYearlyValueOverYearlyChurn() {
        // R = 180 from C = 2 buyers over D = 28 days: V = 90 * 365 / 28; c = (2/3) * 365 / 28; V / c = 135.
        f.metric("clv", "from", FROM, "to", TO)
                .body("value", closeTo(135, 1e-6))
                .body("details.yearlyValuePerCustomer", closeTo(90.0 * 365 / 28, 1e-6));
        // No purchases in January: null with a reason.
        f.metric("clv", "from", "2026-01-01T00:00:00Z", "to", FROM)
                .body("value", nullValue()).body("details.reason", equalTo("no purchases in the period"));
    }

    @Test
    void customerMetricsHaveNoDimensions() {
        f.metric("churn-rate", "from", FROM, "to", TO, "groupBy", "channel").statusCode(400);
    }

    @Test
    void anErasedCustomerLeavesEveryMetric() {
        Fixtures g = new Fixtures("UTC");
        customers(g);
        g.deliver();
        g.erase("C1").deliver();
        // S = C2, C6 (both churn in P): churn 100 %. Active in P: C2, C4, C5, C6; interactions C4 2, C2 1.
        g.metric("churn-rate", "from", FROM, "to", TO).body("value", closeTo(100, 1e-9)).body("count", equalTo(2));
        g.metric("engagement", "from", FROM, "to", TO).body("value", closeTo(0.75, 1e-9));
        // R = 30 from C2 alone: V / c = 30 / 1.
        g.metric("clv", "from", FROM, "to", TO).body("value", closeTo(30, 1e-6));
    }

    @Test
    void anErasureTakesWhatItsOwnBatchToldOfTheCustomerBeforeIt() {
        Fixtures g = new Fixtures("UTC");
        customers(g);
        // In the same batch: a ticket of C1, C1 erased, then C1 again as a new customer with one visit.
        g.ticket("T-C1", "chat", null, "C1", "2026-02-11T09:00:00Z");
        g.erase("C1");
        g.customer("C1", "2026-02-20T00:00:00Z", null, false);
        g.engagement("C1", "visit", "2026-02-21T08:00:00Z");
        g.deliver();
        // Active in P: C1 (new), C2, C4, C5, C6 = 5. Interactions: C4 2, C2 1 and the new C1's visit = 4; the
        // erased C1's two visits and its ticket in P are gone with it. Engaged: C1, C2, C4 = 60 %.
        g.metric("engagement", "from", FROM, "to", TO)
                .body("value", closeTo(4.0 / 5, 1e-9)).body("count", equalTo(5))
                .body("details.engagedPercent", closeTo(60, 1e-9));
        // The new C1 joined in P, so S = C2, C6 (both churn): churn 100 %; it bought nothing: R = 30 from C2, V / c = 30.
        g.metric("churn-rate", "from", FROM, "to", TO).body("value", closeTo(100, 1e-9)).body("count", equalTo(2));
        g.metric("clv", "from", FROM, "to", TO).body("value", closeTo(30, 1e-6));
    }
}

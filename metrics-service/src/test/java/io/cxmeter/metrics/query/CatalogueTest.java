package io.cxmeter.metrics.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Fixtures;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The catalogue names every metric and links each to its definition in the product's docs. */
@QuarkusTest
class CatalogueTest {

    private final Fixtures f = new Fixtures("UTC");

    @Test
    void everyMetricIsListedWithAnAnchorThatTheDocsDefine() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        List<Map<String, Object>> catalogue = given().auth().oauth2(TestTokens.forTenant("catalogue-tenant"))
                .get("/api/v1/metrics").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(Arrays.stream(Metric.values()).map(Metric::id).toList(),
                catalogue.stream().map(entry -> entry.get("id")).toList());
        for (Map<String, Object> entry : catalogue) {
            String link = (String) entry.get("documentation");
            assertEquals("docs/metrics.md#" + entry.get("id"), link);
            assertTrue(docs.contains("<a id=\"" + entry.get("id") + "\"></a>"), "docs/metrics.md defines " + entry.get("id"));
        }
    }

    @Test
    void aParameterTheMetricDoesNotTakeIsRefusedByName() {
        f.metric("nps", "vs", "previous").statusCode(400)
                .body("detail", equalTo("Unknown parameter 'vs': nps takes from, to, groupBy, interval, compare, channel, agent, touchpoint, locale, surveyId, minSample"));
        f.metric("ticket-volume", "surveyId", "S-1").statusCode(400).body("detail", containsString("'surveyId'"));
        f.metric("ticket-volume", "threshold", "10").statusCode(400).body("detail", containsString("'threshold'"));
        f.metric("service-level", "threshold", "10").statusCode(200);
    }

    @Test
    void aPeriodOutsideTheAcceptedYearsIsABadRequestForEveryMetric() {
        for (Metric metric : Metric.values()) {
            f.metric(metric.id(), "from", "0001-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z").statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("from must be from 1970"));
            f.metric(metric.id(), "from", "2026-01-01T00:00:00Z", "to", "9999-12-31T00:00:00Z").statusCode(400);
        }
        f.summary("1000-01-01T00:00:00Z", "2026-01-01T00:00:00Z").statusCode(400);
        f.summary("2026-01-01T00:00:00Z", "2199-12-31T00:00:00Z").statusCode(200);
    }
}

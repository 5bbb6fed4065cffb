package io.cxmeter.metrics.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The metric endpoint alone, with the engine mocked: what a request's parameters and token become
 * (the engine's {@link MetricRequest}), and which requests never reach the engine.
 */
@QuarkusTest
class MetricsResourceTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String token = TestTokens.forTenant(tenant);

    @InjectMock
    MetricsEngine engine;

    @BeforeEach
    void answer() {
        when(engine.compute(any())).thenAnswer(call -> {
            MetricRequest request = call.getArgument(0);
            return Uni.createFrom().item(new MetricResult(request.metric().id(), request.from(), request.to(), null,
                    request.from().equals(FROM) ? 120.0 : 150.0, 40, Map.of(), List.of(), List.of()));
        });
    }

    private MetricRequest asked() {
        ArgumentCaptor<MetricRequest> request = ArgumentCaptor.forClass(MetricRequest.class);
        verify(engine).compute(request.capture());
        return request.getValue();
    }

    @Test
    void theParametersAndTheTokensTenantBecomeTheEnginesRequest() {
        given().auth().oauth2(token)
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("groupBy", "agent").queryParam("clock", "business")
                .queryParam("channel", "email").queryParam("channel", "chat")
                .get("/api/v1/metrics/first-response-time")
                .then().statusCode(200).body("metric", equalTo("first-response-time")).body("value", equalTo(120.0f))
                .body("count", equalTo(40));

        MetricRequest request = asked();
        assertEquals(tenant, request.tenantId());
        assertEquals(Metric.FIRST_RESPONSE_TIME, request.metric());
        assertEquals(FROM, request.from());
        assertEquals(TO, request.to());
        assertEquals(Dimension.AGENT, request.groupBy());
        assertTrue(request.businessClock());
        assertEquals(Map.of("channel", List.of("chat", "email")), request.filter().byName(), "values kept sorted");
        assertEquals(ZoneId.of("UTC"), request.zone());
    }

    @Test
    void comparingAsksTheEquallyLongPeriodJustBefore() {
        given().auth().oauth2(token).queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("compare", "previous").get("/api/v1/metrics/first-response-time")
                .then().statusCode(200).body("value", equalTo(120.0f)).body("comparison.previous", equalTo(150.0f));

        ArgumentCaptor<MetricRequest> requests = ArgumentCaptor.forClass(MetricRequest.class);
        verify(engine, times(2)).compute(requests.capture());
        MetricRequest previous = requests.getAllValues().get(1);
        assertEquals(FROM.minus(java.time.Duration.between(FROM, TO)), previous.from());
        assertEquals(FROM, previous.to());
        assertFalse(previous.businessClock());
        assertNull(previous.groupBy());
    }

    @Test
    void aBadParameterIsRefusedBeforeAnythingIsComputed() {
        given().auth().oauth2(token).queryParam("from", TO.toString()).queryParam("to", FROM.toString())
                .get("/api/v1/metrics/nps").then().statusCode(400).body("detail", containsString("from must be before to"));
        given().auth().oauth2(token).queryParam("priority", "high").get("/api/v1/metrics/nps")
                .then().statusCode(400).body("detail", containsString("nps cannot be filtered by priority"));
        given().auth().oauth2(token).queryParam("compare", "last-year").get("/api/v1/metrics/nps")
                .then().statusCode(400).body("detail", containsString("compare must be previous"));
        given().auth().oauth2(token).get("/api/v1/metrics/happiness").then().statusCode(404);
        verifyNoInteractions(engine);
    }
}

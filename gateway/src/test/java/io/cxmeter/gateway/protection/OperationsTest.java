package io.cxmeter.gateway.protection;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.cxmeter.testing.Management;
import io.quarkus.test.junit.QuarkusTest;

/** What operators see of each request: its id everywhere, an access-log line, a Prometheus sample. */
@QuarkusTest
class OperationsTest {

    private final String metrics = Management.url("/q/metrics");


    @Test
    void everyAnswerHasARequestId() {
        // The gateway's own answers and its refusals too (GatewayProxyTest: passed on to services); a silly one is replaced.
        given().get("/api/v1/api-keys").then().statusCode(401).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "<script>").get("/api/v1/agents")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void eachRequestLeavesAnAccessLogLineAndAMetricsSample() throws InterruptedException {
        String tenant = newTenantId();
        String key = registerTenant(tenant);
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord line = (ExtLogRecord) record;
                line.copyAll(); // the MDC fields are set only while the line is logged
                lines.add(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger access = java.util.logging.Logger.getLogger("cxmeter.access");
        access.addHandler(capture);
        try {
            given().header("X-Api-Key", key).header("X-Request-Id", "req-log-1").get("/api/v1/teams/t-9")
                    .then().statusCode(200);
            // The line is written when the answer has been sent: a moment after the client has it.
            for (int i = 0; i < 50 && lines.stream().noneMatch(r -> "req-log-1".equals(r.getMdc("requestId"))); i++) {
                Thread.sleep(100);
            }
        } finally {
            access.removeHandler(capture);
        }
        ExtLogRecord line = lines.stream().filter(r -> "req-log-1".equals(r.getMdc("requestId"))).findFirst().orElseThrow();
        assertEquals(tenant, line.getMdc("tenant"));
        assertEquals("/api/v1/teams", line.getMdc("route"));
        assertEquals("200", line.getMdc("status"));
        assertTrue(Long.parseLong(line.getMdc("latencyMs")) >= 0);
        assertTrue(line.getFormattedMessage().startsWith("GET /api/v1/teams/t-9 200 "), line.getFormattedMessage());

        // Prometheus metrics answer on the management port only.
        given().get("/q/metrics").then().statusCode(404);
        given().get(metrics).then().statusCode(200)
                .body(containsString("gateway_requests_seconds_count{method=\"GET\",route=\"/api/v1/teams\","
                        + "service=\"ticket\",status=\"200\"}"));
    }

    @Test
    void theCallersTraceContinuesIntoTheService() {
        String key = registerTenant(newTenantId());
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = given().header("X-Api-Key", key)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .get("/api/v1/agents")
                .then().statusCode(200)
                .extract().path("headers.traceparent");
        // Same trace, a new parent: the gateway's own span for the call.
        org.hamcrest.MatcherAssert.assertThat(traceparent, matchesPattern("00-" + trace + "-[0-9a-f]{16}-01"));
        assertTrue(!traceparent.contains("00f067aa0ba902b7"), traceparent);

        // Without one, the gateway starts the trace.
        String started = given().header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(200).extract().path("headers.traceparent");
        org.hamcrest.MatcherAssert.assertThat(started, matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
    }
}

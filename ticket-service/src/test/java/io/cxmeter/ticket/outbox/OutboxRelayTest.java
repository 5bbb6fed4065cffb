package io.cxmeter.ticket.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.cxmeter.internalauth.RsaKeys;
import io.cxmeter.outbox.OutboxRelay;
import io.cxmeter.testing.PeerStub;
import io.cxmeter.testing.TestKeys;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@TestProfile(OutboxRelayTest.RelayOn.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.metrics-events.url"))
class OutboxRelayTest {

    /** A delivery metrics-service took: the Authorization header and the body. */
    private record Delivery(String authorization, JsonObject body) {
    }

    /** metrics-service's event intake, as WireMock plays it. */
    @PeerStub.Server
    WireMockServer metricsService;

    /** Delivery switched on, fast, against the stub, signing with the test producer key. */
    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.outbox.enabled", "true",
                    "cxmeter.outbox.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()),
                    "cxmeter.outbox.interval", "0.2s",
                    "cxmeter.outbox.max-backoff", "PT1S");
        }
    }

    @Inject
    Pool pool;

    @Test
    void importedTicketsReachMetricsEvenAfterAnOutage() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        // Events other test classes left in the shared database would queue ahead of this test's (oldest
        // first, 500 a round); they are not this test's concern.
        pool.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL").execute()
                .await().indefinitely();
        PeerStub.outage(metricsService, () -> post(urlEqualTo("/internal/v1/events")), 2,
                okJson("{\"received\": 0, \"stored\": 0, \"duplicates\": 0}"));
        String lines = String.join("\n",
                "{\"id\":\"O-1\",\"channel\":\"email\",\"createdAt\":\"2026-02-03T08:00:00Z\"}",
                "{\"id\":\"O-2\",\"channel\":\"chat\",\"createdAt\":\"2026-02-03T09:00:00Z\"}",
                "{\"id\":\"O-3\",\"channel\":\"call\",\"createdAt\":\"2026-02-03T10:00:00Z\"}");
        given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType("application/x-ndjson")
                .body(lines.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tickets/import")
                .then().statusCode(200);

        List<Delivery> mine = awaitDeliveries(tenant, 3, Duration.ofSeconds(60));

        assertTrue(PeerStub.answered(metricsService, 503).size() >= 2, "the outage was played");
        List<JsonObject> events = mine.stream().flatMap(d -> d.body().getJsonArray("events").stream())
                .map(JsonObject.class::cast).toList();
        // Tickets of one import share a transaction, so they have no order among them; a ticket's own
        // changes carry a version for that.
        assertEquals(List.of("O-1", "O-2", "O-3"), events.stream().map(e -> e.getJsonObject("payload").getString("id")).sorted().toList());
        assertTrue(events.stream().allMatch(e -> e.getJsonObject("payload").getInteger("version") == 0));
        assertTrue(events.stream().allMatch(e -> e.getString("type").equals("ticket.upserted")));
        assertEquals(3, events.stream().map(e -> e.getString("id")).collect(Collectors.toSet()).size(), "event ids are unique");

        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(TestKeys.EVENTS.getPublic())
                .setExpectedAudience("cxmeter-metrics").setRequireExpirationTime().build()
                .processToClaims(mine.get(0).authorization().substring("Bearer ".length()));
        assertEquals(tenant, claims.getStringClaimValue("tenant"));
        // metrics-service cuts the tenant's days in the zone the delivery names.
        assertEquals("Europe/Vilnius", claims.getStringClaimValue("tz"));
        assertEquals(List.of("event-producer"), claims.getStringListClaimValue("groups"));

        // The relay marks a batch published once metrics-service has answered, in its own transaction
        // after the stub saw the delivery: wait for that, within the same bound as the deliveries.
        long pending = -1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (pending != 0 && Instant.now().isBefore(deadline)) {
            pending = pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND published_at IS NULL")
                    .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
            if (pending != 0) {
                Thread.sleep(100);
            }
        }
        assertEquals(0, pending, "everything delivered is marked published");
    }

    private List<Delivery> awaitDeliveries(String tenant, int events, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<Delivery> mine = PeerStub.answered(metricsService, 200).stream()
                    .map(r -> new Delivery(r.getHeader("Authorization"), new JsonObject(r.getBodyAsString())))
                    .filter(d -> d.body().getJsonArray("events").stream().map(JsonObject.class::cast)
                            .anyMatch(e -> e.getJsonObject("payload").getString("id").startsWith("O-")))
                    .filter(d -> tenantOf(d).equals(tenant))
                    .toList();
            if (mine.stream().mapToInt(d -> d.body().getJsonArray("events").size()).sum() >= events) {
                return mine;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("metrics-service did not receive " + events + " events within " + within);
    }

    private static String tenantOf(Delivery delivery) {
        String payload = delivery.authorization().split("\\.")[1];
        return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .getString("tenant");
    }
}

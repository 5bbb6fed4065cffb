package io.cxmeter.metrics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The ingestion store alone, on its database, without HTTP: what a delivery stores, for whom, and what it refuses. */
@QuarkusTest
class ReceivedEventsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00Z");

    @Inject
    ReceivedEvents events;

    @Inject
    ObjectMapper mapper;

    private EventEnvelope event(String type, String payload) throws Exception {
        JsonNode json = mapper.readTree(payload);
        return new EventEnvelope(UUID.randomUUID().toString(), type, AT, json);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aDeliveryIsStoredOnceForItsTenantAndAnUnknownTopicIsKept() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        EventBatch batch = new EventBatch(List.of(
                event("ticket.upserted", """
                        {"id": "T-1", "version": 1, "channel": "email", "createdAt": "2026-03-02T09:00:00Z",
                         "events": [{"type": "agent_reply", "at": "2026-03-02T09:30:00Z", "agentId": "a1"}]}"""),
                event("ticket.merged", "{\"id\": \"T-1\", \"into\": \"T-2\"}")));

        assertEquals(new IngestionResult(2, 2, 0), await(events.store(tenant, UTC, batch)));
        assertEquals(new IngestionResult(2, 0, 2), await(events.store(tenant, UTC, batch)), "delivered again: duplicates");
        assertEquals(2, await(events.freshness(tenant)).events());
        assertEquals(0, await(events.freshness("tenant-" + UUID.randomUUID())).events());
    }

    @Test
    void aPayloadWithoutARequiredFieldRefusesTheWholeBatchNamingIt() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        EventBatch batch = new EventBatch(List.of(
                event("response.deleted", "{\"id\": \"S1:R1\"}"),
                event("ticket.upserted", "{\"id\": \"T-2\", \"createdAt\": \"2026-03-02T09:00:00Z\"}")));

        ProblemException problem = assertThrows(ProblemException.class,
                () -> await(Uni.createFrom().deferred(() -> events.store(tenant, UTC, batch))));
        assertEquals(422, problem.status());
        Problem.Violation violation = problem.toProblem().errors().get(0);
        assertEquals("events[1].payload", violation.field());
        assertTrue(violation.error().contains("'channel'"), violation.error());
        assertEquals(0, await(events.freshness(tenant)).events(), "nothing of the batch was stored");
    }
}

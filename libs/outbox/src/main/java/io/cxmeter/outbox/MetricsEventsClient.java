package io.cxmeter.outbox;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** metrics-service's event intake (see its EventResource). */
@RegisterRestClient(configKey = "metrics-events")
@Path("/internal/v1/events")
interface MetricsEventsClient {

    record Envelope(String id, String type, String occurredAt, Map<String, Object> payload) {
    }

    record Batch(List<Envelope> events) {
    }

    @POST
    Uni<Map<String, Object>> deliver(@HeaderParam("Authorization") String authorization, Batch batch);
}

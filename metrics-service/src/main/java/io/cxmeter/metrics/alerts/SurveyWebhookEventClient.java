package io.cxmeter.metrics.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** survey-service's intake of events for the tenant's webhooks and notification e-mail (idempotent per type and key). */
@Path("/internal/v1/webhook-events")
@RegisterRestClient(configKey = "survey-webhook-events")
interface SurveyWebhookEventClient {

    record Event(String type, String key, String customerId, Instant at, Map<String, Object> data) {
    }

    record Batch(List<Event> events) {
    }

    record Taken(int events) {
    }

    @POST
    Uni<Taken> report(@HeaderParam("Authorization") String authorization, Batch batch);
}

package io.cxmeter.peerevents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * survey-service's intake of other services' events for the tenant's webhooks (its WebhookIntake):
 * idempotent per type and key. {@code SURVEY_SERVICE_URL} names it ({@code survey-webhook-events}).
 */
@Path("/internal/v1/webhook-events")
@RegisterRestClient(configKey = "survey-webhook-events")
public interface SurveyWebhookEvents {

    record Event(String type, String key, String customerId, Instant at, Map<String, Object> data) {
    }

    record Batch(List<Event> events) {
    }

    record Taken(int events) {
    }

    @POST
    Uni<Taken> report(@HeaderParam("Authorization") String authorization, Batch batch);
}

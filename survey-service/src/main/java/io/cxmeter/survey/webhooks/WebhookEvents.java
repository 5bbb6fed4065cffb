package io.cxmeter.survey.webhooks;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.survey.responses.ResponseDraft;
import io.cxmeter.survey.responses.ResponseStore;
import io.cxmeter.survey.responses.SurveyFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Makes webhook messages in the transaction of the change they announce, so that an accepted change
 * is never left unannounced and a rolled-back one is never announced. A message is made once per
 * event type and key, and only when the tenant has an endpoint for its type; each enabled endpoint
 * subscribed to it gets a delivery.
 */
@ApplicationScoped
public class WebhookEvents {

    /** One event: its key (what makes it once), the customer it is about, when it happened, and its data. */
    public record Event(String key, String customerId, OffsetDateTime at, Map<String, Object> data) {
    }

    private static final String PUBLISH = """
            WITH made AS (
                INSERT INTO webhook_message (tenant_id, id, event_type, event_key, customer_id, body, created_at)
                SELECT $1, gen_random_uuid(), $2, u.event_key, u.customer_id, u.body, $6
                FROM unnest($3::text[], $4::text[], $5::text[]) AS u(event_key, customer_id, body)
                WHERE EXISTS (SELECT 1 FROM webhook_endpoint e WHERE e.tenant_id = $1 AND $2 = ANY (e.event_types))
                ON CONFLICT (tenant_id, event_type, event_key) DO NOTHING
                RETURNING id)
            INSERT INTO webhook_delivery (tenant_id, id, endpoint_id, message_id, status, attempts, schedule_start,
                                          next_attempt_at, created_at)
            SELECT $1, gen_random_uuid(), e.id, made.id, 'pending', 0, 0, $6, $6
            FROM made JOIN webhook_endpoint e ON e.tenant_id = $1 AND e.enabled AND $2 = ANY (e.event_types)""";

    @Inject
    ObjectMapper mapper;

    @Inject
    WebhookConfig config;

    /** Announces events of one type for the tenant (nothing when no endpoint subscribes to it). */
    public Uni<Void> publish(SqlConnection connection, String tenantId, WebhookEventType type, List<Event> events,
            OffsetDateTime now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] bodies = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type.wireName());
            body.put("timestamp", events.get(i).at().format(DateTimeFormatter.ISO_INSTANT));
            body.put("data", events.get(i).data());
            try {
                bodies[i] = mapper.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A webhook body cannot be written", e);
            }
        }
        return connection.preparedQuery(PUBLISH).execute(Tuple.of(tenantId, type.wireName(),
                events.stream().map(Event::key).toArray(String[]::new),
                events.stream().map(Event::customerId).toArray(String[]::new), bodies, now)).replaceWithVoid();
    }

    /**
     * {@code response.created} for the answers just created and {@code response.negative} for the
     * negative ones, of answers given within the live window (imported history tells nobody).
     */
    public Uni<Void> responses(SqlConnection connection, String tenantId, SurveyFacts survey, List<ResponseDraft> responses,
            Set<String> created, OffsetDateTime now) {
        List<Event> createdEvents = new ArrayList<>();
        List<Event> negativeEvents = new ArrayList<>();
        OffsetDateTime liveFrom = now.minus(config.liveWindow());
        for (ResponseDraft response : responses) {
            if (response.submittedAt().isBefore(liveFrom.toInstant())) {
                continue;
            }
            boolean negative = response.score() != null && survey.isNegative(response.score());
            Event event = new Event(ResponseStore.aggregate(survey.id(), response.id()), response.customerId(), now,
                    data(survey, response, negative));
            if (created.contains(response.id())) {
                createdEvents.add(event);
            }
            if (negative) {
                negativeEvents.add(event);
            }
        }
        return publish(connection, tenantId, WebhookEventType.RESPONSE_CREATED, createdEvents, now)
                .flatMap(ignored -> publish(connection, tenantId, WebhookEventType.RESPONSE_NEGATIVE, negativeEvents, now));
    }

    private static Map<String, Object> data(SurveyFacts survey, ResponseDraft response, boolean negative) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("surveyId", survey.id().toString());
        data.put("surveyKind", survey.kind());
        data.put("responseId", response.id());
        data.put("score", response.score());
        data.put("negative", negative);
        data.put("comment", response.comment());
        data.put("customerId", response.customerId());
        data.put("agentId", response.agentId());
        data.put("ticketId", response.ticketId());
        data.put("channel", response.channel());
        data.put("touchpoint", response.touchpoint());
        data.put("locale", response.locale());
        data.put("submittedAt", response.submittedAt().toString());
        return data;
    }
}

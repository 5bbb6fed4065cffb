package io.cxmeter.metrics.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.metrics.facts.AggregateUpdate;
import io.cxmeter.metrics.facts.CustomerContributions;
import io.cxmeter.metrics.facts.SurveyContributions;
import io.cxmeter.metrics.facts.TicketContributions;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * Reads the producers' events (the contract between them and this service, see README) as updates
 * of aggregates. Types this service does not know are kept but change no metric, so producers may
 * add event types before metrics-service reads them.
 */
@ApplicationScoped
public class EventTranslator {

    public static final String TICKET_UPSERTED = "ticket.upserted";
    public static final String CUSTOMER_UPSERTED = "customer.upserted";
    public static final String CUSTOMER_ERASED = "customer.erased";
    public static final String ENGAGEMENT_RECORDED = "engagement.recorded";
    public static final String REVIEW_UPSERTED = "review.upserted";
    public static final String RESPONSE_UPSERTED = "response.upserted";
    public static final String RESPONSE_DELETED = "response.deleted";
    public static final String INVITATION_UPSERTED = "invitation.upserted";
    public static final String INVITATION_DELETED = "invitation.deleted";

    /** One event read: an update, or the erasure of a customer. */
    public record Translated(AggregateUpdate update, String erasedCustomer) {
    }

    private final ObjectMapper mapper;

    @Inject
    public EventTranslator(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Every event read, or a problem naming each event that cannot be read (then nothing is stored). */
    public List<Optional<Translated>> translate(List<EventEnvelope> events) {
        List<Optional<Translated>> out = new ArrayList<>(events.size());
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                out.add(translate(events.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                String message = e.getMessage() == null ? "invalid payload" : e.getMessage();
                violations.add(Problem.Violation.ofField("events[" + i + "].payload",
                        events.get(i).type() + ": " + message.lines().findFirst().orElse(message)));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("Some events cannot be read; nothing of the batch was stored",
                    violations);
        }
        return out;
    }

    Optional<Translated> translate(EventEnvelope event) {
        JsonNode payload = event.payloadOrEmpty();
        if (!payload.isObject()) {
            throw new IllegalArgumentException("payload must be an object");
        }
        long version = micros(event.occurredAt().toInstant());
        return Optional.ofNullable(switch (event.type()) {
            case TICKET_UPSERTED -> {
                TicketContributions.Ticket ticket = read(payload, TicketContributions.Ticket.class);
                yield update(TicketContributions.of(ticket.version() == null ? ticket.withVersion(version) : ticket));
            }
            case RESPONSE_UPSERTED -> update(SurveyContributions.of(read(payload, SurveyContributions.Response.class), version));
            case RESPONSE_DELETED -> update(AggregateUpdate.removal(AggregateUpdate.Source.RESPONSE, id(payload, "id"), version));
            case INVITATION_UPSERTED -> update(SurveyContributions.of(read(payload, SurveyContributions.Invitation.class), version));
            case INVITATION_DELETED -> update(AggregateUpdate.removal(AggregateUpdate.Source.INVITATION, id(payload, "id"), version));
            case CUSTOMER_UPSERTED -> update(CustomerContributions.of(read(payload, CustomerContributions.Customer.class), version));
            case CUSTOMER_ERASED -> {
                String customer = id(payload, "customerId");
                yield new Translated(AggregateUpdate.removal(AggregateUpdate.Source.CUSTOMER, customer, version), customer);
            }
            case ENGAGEMENT_RECORDED -> update(CustomerContributions.of(read(payload, CustomerContributions.Engagement.class)));
            case REVIEW_UPSERTED -> update(CustomerContributions.of(read(payload, CustomerContributions.Review.class), version));
            default -> null;
        });
    }

    private <T> T read(JsonNode payload, Class<T> type) {
        try {
            return mapper.readerFor(type).readValue(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Translated update(AggregateUpdate update) {
        return new Translated(update, null);
    }

    private static String id(JsonNode payload, String field) {
        JsonNode id = payload.get(field);
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return id.asText();
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}

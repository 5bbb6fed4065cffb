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

import io.cxmeter.events.CustomerErased;
import io.cxmeter.events.CustomerUpserted;
import io.cxmeter.events.EngagementRecorded;
import io.cxmeter.events.EventPayload;
import io.cxmeter.events.InvitationDeleted;
import io.cxmeter.events.InvitationUpserted;
import io.cxmeter.events.ResponseDeleted;
import io.cxmeter.events.ResponseUpserted;
import io.cxmeter.events.ReviewUpserted;
import io.cxmeter.events.TicketUpserted;
import io.cxmeter.events.Topic;
import io.cxmeter.metrics.facts.AggregateUpdate;
import io.cxmeter.metrics.facts.CustomerContributions;
import io.cxmeter.metrics.facts.SurveyContributions;
import io.cxmeter.metrics.facts.TicketContributions;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * Reads the producers' events, each into the record of its topic (the contract in libs/events), as
 * updates of aggregates. Topics this service does not know are kept but change no metric, so producers
 * may add topics before metrics-service reads them.
 */
@ApplicationScoped
public class EventTranslator {

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
        Optional<Topic> topic = Topic.of(event.type());
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        long version = micros(event.occurredAt().toInstant());
        EventPayload read = read(payload, topic.get().payload());
        return Optional.of(switch (topic.get()) {
            case TICKET_UPSERTED -> {
                TicketUpserted ticket = (TicketUpserted) read;
                yield update(TicketContributions.of(ticket.version() == null ? ticket.withVersion(version) : ticket));
            }
            case RESPONSE_UPSERTED -> update(SurveyContributions.of((ResponseUpserted) read, version));
            case RESPONSE_DELETED -> update(AggregateUpdate.removal(AggregateUpdate.Source.RESPONSE,
                    required(((ResponseDeleted) read).id(), "id"), version));
            case INVITATION_UPSERTED -> update(SurveyContributions.of((InvitationUpserted) read, version));
            case INVITATION_DELETED -> update(AggregateUpdate.removal(AggregateUpdate.Source.INVITATION,
                    required(((InvitationDeleted) read).id(), "id"), version));
            case CUSTOMER_UPSERTED -> update(CustomerContributions.of((CustomerUpserted) read, version));
            case CUSTOMER_ERASED -> {
                String customer = required(((CustomerErased) read).customerId(), "customerId");
                yield new Translated(AggregateUpdate.removal(AggregateUpdate.Source.CUSTOMER, customer, version), customer);
            }
            case ENGAGEMENT_RECORDED -> update(CustomerContributions.of((EngagementRecorded) read));
            case REVIEW_UPSERTED -> update(CustomerContributions.of((ReviewUpserted) read, version));
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

    private static String required(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return id;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}

package io.cxmeter.survey.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalToken;
import io.cxmeter.problem.Problem;
import io.cxmeter.survey.delivery.AlertMails;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Events other services report for the tenant's webhooks (ticket-service: follow-ups opened and
 * resolved; metrics-service: alerts fired and resolved), at least once: each is made into a message
 * once per type and key, however often it is reported. An alert's {@code recipients} are e-mailed
 * (in the same transaction's queue) and not passed on to webhooks.
 */
@Path("/internal/v1/webhook-events")
@Tag(name = "Internal: webhook events", description = "Events of other services for the tenant's webhooks (not exposed by the gateway)")
public class WebhookIntake {

    /** One event: its type, its key (what makes it once), the customer, when it happened, its data. */
    public record Reported(@NotBlank String type, @NotBlank @Size(max = 400) String key, String customerId,
            @NotNull Instant at, @NotNull Map<String, Object> data) {
    }

    public record Batch(@NotNull @Size(max = 1000) List<@Valid @NotNull Reported> events) {
    }

    public record Taken(int events) {
    }

    @Inject
    Caller caller;

    @Inject
    Pool pool;

    @Inject
    WebhookEvents webhooks;

    @Inject
    AlertMails alertMails;

    private record AlertMail(AlertMails.Transition transition, List<String> recipients) {
    }

    private static List<String> addresses(Object recipients) {
        if (!(recipients instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "reportWebhookEvents", summary = "Make webhook messages of events another service reports (idempotent)")
    public Uni<Taken> report(@NotNull @Valid Batch batch) {
        Map<WebhookEventType, List<WebhookEvents.Event>> byType = new EnumMap<>(WebhookEventType.class);
        List<AlertMail> mails = new ArrayList<>();
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < batch.events().size(); i++) {
            Reported event = batch.events().get(i);
            var type = WebhookEventType.of(event.type()).filter(WebhookEventType::reportedByAnotherService);
            if (type.isEmpty()) {
                violations.add(Problem.Violation.ofField("events[" + i + "].type", "is not an event another service reports"));
                continue;
            }
            Map<String, Object> data = event.data();
            if (type.get().alert()) {
                data = new LinkedHashMap<>(data);
                List<String> recipients = addresses(data.remove("recipients"));
                mails.add(new AlertMail(new AlertMails.Transition(event.key(), type.get() == WebhookEventType.ALERT_FIRED,
                        event.at(), data), recipients));
            }
            byType.computeIfAbsent(type.get(), key -> new ArrayList<>()).add(new WebhookEvents.Event(event.key(),
                    event.customerId(), event.at().atOffset(ZoneOffset.UTC), data));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "Some events cannot be taken; none was", violations);
        }
        String tenantId = caller.tenantId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(connection -> Multi.createFrom().iterable(byType.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> webhooks.publish(connection, tenantId, entry.getKey(),
                        entry.getValue(), now))
                .collect().last()
                .flatMap(published -> Multi.createFrom().iterable(mails)
                        .onItem().transformToUniAndConcatenate(mail -> alertMails.queue(connection, tenantId, mail.transition(),
                                mail.recipients(), now))
                        .collect().last()))
                .map(ignored -> new Taken(batch.events().size()));
    }
}

package io.cxmeter.survey.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ticket-service reports here, at least once, the state of each ticket whose status just changed.
 * A fresh resolution schedules the e-mail of every active survey that sends on resolution and
 * matches the ticket's channel and team, due after the survey's delay (once per survey and
 * resolution, however often it is reported); a ticket no longer resolved cancels the e-mails still
 * waiting for it. A customer without an e-mail address is recorded as skipped.
 */
@Path("/internal/v1/ticket-states")
@Tag(name = "Internal: ticket states", description = "Ticket resolutions and reopenings from ticket-service (not exposed by the gateway)")
@ApplicationScoped
public class TicketTriggers {

    /** A ticket as it stands after a status change, with its customer's contact details. */
    public record TicketState(@NotBlank @Size(max = 200) String ticketId, boolean resolved, Instant resolvedAt,
            Instant recordedAt, String channel, String team, String agentId, String customerId, String email, String name,
            String locale) {
    }

    public record Batch(@NotNull @Size(max = 1000) List<@Valid @NotNull TicketState> tickets) {
    }

    public record Outcome(int scheduled, int cancelled) {
    }

    @Inject
    Caller caller;

    @Inject
    Pool pool;

    @Inject
    MailMessages messages;

    @Inject
    DeliveryConfig config;

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "reportTicketStates", summary = "Schedule or cancel survey e-mails for tickets just resolved or reopened (idempotent)")
    public Uni<Outcome> report(@NotNull @Valid Batch batch) {
        String tenantId = caller.tenantId();
        String zone = caller.get().timeZone();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                SELECT d.*, s.default_locale FROM survey_delivery d JOIN survey s ON s.id = d.survey_id
                WHERE d.tenant_id = $1 AND d.on_resolution AND s.status = 'ACTIVE'""").execute(Tuple.of(tenantId))
                .flatMap(rows -> {
                    List<Row> surveys = new java.util.ArrayList<>();
                    rows.forEach(surveys::add);
                    return Multi.createFrom().iterable(batch.tickets())
                            .onItem().transformToUniAndConcatenate(ticket -> apply(connection, tenantId, zone, surveys, ticket))
                            .collect().asList()
                            .map(outcomes -> new Outcome(outcomes.stream().mapToInt(Outcome::scheduled).sum(),
                                    outcomes.stream().mapToInt(Outcome::cancelled).sum()));
                }));
    }

    private Uni<Outcome> apply(SqlConnection connection, String tenantId, String zone, List<Row> surveys, TicketState ticket) {
        if (!ticket.resolved()) {
            return messages.cancelForTicket(connection, tenantId, ticket.ticketId()).map(n -> new Outcome(0, n));
        }
        Instant recorded = ticket.recordedAt() == null ? Instant.now() : ticket.recordedAt();
        if (ticket.resolvedAt() == null || ticket.resolvedAt().isBefore(recorded.minus(config.resolutionMaxAge()))) {
            return Uni.createFrom().item(new Outcome(0, 0));
        }
        List<Row> matching = surveys.stream().filter(s -> matches(s, ticket)).toList();
        return Multi.createFrom().iterable(matching).onItem().transformToUniAndConcatenate(survey -> {
            boolean addressed = ticket.email() != null && !ticket.email().isBlank();
            UUID surveyId = survey.getUUID("survey_id");
            return messages.add(connection, new MailMessages.Draft(tenantId, surveyId, MailMessages.INVITATION,
                    MailMessages.TRIGGER_RESOLVED, null, null, ticket.customerId(), ticket.ticketId(), ticket.resolvedAt(),
                    ticket.agentId(), ticket.channel(), ticket.team(), addressed ? ticket.email().trim() : null, ticket.name(),
                    ticket.locale(), zone, addressed ? MailMessages.SCHEDULED : MailMessages.SKIPPED,
                    addressed ? null : "the customer has no e-mail address",
                    ticket.resolvedAt().plus(Duration.ofMinutes(survey.getInteger("delay_minutes")))));
        }).collect().asList().map(ids -> new Outcome((int) ids.stream().filter(java.util.Objects::nonNull).count(), 0));
    }

    private static boolean matches(Row survey, TicketState ticket) {
        List<String> channels = Arrays.asList(survey.getArrayOfStrings("channels"));
        List<String> teams = Arrays.asList(survey.getArrayOfStrings("teams"));
        return (channels.isEmpty() || channels.contains(ticket.channel())) && (teams.isEmpty() || teams.contains(ticket.team()));
    }
}

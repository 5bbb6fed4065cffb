package io.cxmeter.survey.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.imports.Fields;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.invitations.InvitationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What an API invitation owes the delivery rules. One cxmeter sends ({@code send: true}) needs an
 * address and the tenant's relay, and is scheduled for the sender, which applies the fatigue budget
 * and the suppression list when it sends. One the tenant sends itself draws on the customer's
 * fatigue budget now: over budget, it is refused (409) and the skip is recorded.
 */
@ApplicationScoped
public class InvitationDelivery {

    @Inject
    Pool pool;

    @Inject
    MailSettingsStore settings;

    @Inject
    MailMessages messages;

    @Inject
    Fatigue fatigue;

    /** Whether cxmeter sends this invitation; refuses one that cannot be made. */
    public Uni<Boolean> beforeInvitation(SqlConnection connection, String tenantId, String zone, UUID surveyId,
            InvitationRequest request, Instant now) {
        if (request.sending()) {
            if (request.email() == null || request.email().isBlank()) {
                Fields.rejectIfAny(java.util.List.of("email is required when send is true"));
            }
            return settings.find(connection, tenantId).map(found -> {
                if (found == null) {
                    throw ProblemException.conflict("No SMTP relay is configured: set one with PUT /api/v1/delivery/email-settings"
                            + " before asking cxmeter to send.");
                }
                return true;
            });
        }
        if (request.customerId() == null) {
            return Uni.createFrom().item(false);
        }
        return fatigue.decide(connection, tenantId, request.customerId(), now).flatMap(decision -> {
            if (decision.allowed()) {
                // Decided under the customer's lock, which this transaction holds: record the ask as decided.
                return Fatigue.record(connection, tenantId, request.customerId(), surveyId, Fatigue.Channel.API, decision, now)
                        .map(recorded -> false);
            }
            // The refusal rolls this transaction back; the skip is recorded apart from it.
            return Fatigue.record(pool, tenantId, request.customerId(), surveyId, Fatigue.Channel.API, decision, now)
                    .map(skipped -> {
                        throw new ProblemException(409, "Customer " + request.customerId() + " is not asked now: "
                                + decision.reason() + " (next ask possible from " + decision.nextAllowedAt() + ")");
                    });
        });
    }

    /** Schedules the e-mail of an invitation cxmeter sends; its message id. */
    public Uni<UUID> scheduleSend(SqlConnection connection, String tenantId, String zone, UUID surveyId, UUID invitationId,
            InvitationRequest request, Instant now) {
        return messages.add(connection, new MailMessages.Draft(tenantId, surveyId, MailMessages.INVITATION,
                MailMessages.TRIGGER_API, null, invitationId, request.customerId(), request.ticketId(), null,
                request.agentId(), request.channel(), null, request.email().trim(), request.name(), request.locale(), zone,
                MailMessages.SCHEDULED, null, now));
    }
}

package io.cxmeter.survey.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.TimeCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The tenant's survey e-mail: its relay, its fatigue budget, what was sent, and who is never mailed. */
@Path("/api/v1/delivery")
@Tag(name = "Delivery", description = "Survey e-mails cxmeter sends: the tenant's SMTP relay and brand, survey triggers,"
        + " the fatigue budget per customer, the message log and the suppression list")
public class DeliveryResource {

    /** A page of messages, newest first; {@code nextCursor} (null on the last page) asks for the next one as {@code cursor}. */
    @Schema(name = "EmailMessages")
    public record Messages(List<MailMessages.View> items, String nextCursor) {
    }

    /**
     * Whether a customer may be asked now and why not, with their latest asks and skips on every
     * survey and channel (newest first).
     */
    @Schema(name = "CustomerAsks")
    public record CustomerAsks(String customerId, ContactPolicy policy, boolean askableNow, String reason,
            Instant nextAskAt, List<Fatigue.Ask> asks) {
    }

    /** What the tenant has set for survey e-mail: null where nothing is set. */
    @Schema(name = "DeliverySettings")
    public record Settings(MailSettings.View emailSettings, ContactPolicy contactPolicy) {
    }

    @Inject
    AlertMails alertMails;

    @Inject
    Caller caller;

    @Inject
    Pool pool;

    @Inject
    MailSettingsStore settings;

    @Inject
    Fatigue fatigue;

    @Inject
    MailMessages messages;

    @Inject
    Suppressions suppressions;

    @GET
    @Operation(operationId = "getDeliverySettings", summary = "The relay settings and the fatigue budget in one answer (null where not set)")
    @APIResponse(responseCode = "200", description = "The settings")
    public Uni<Settings> getAll() {
        String tenantId = caller.tenantId();
        return settings.find(tenantId).flatMap(relay -> fatigue.policy(pool, tenantId)
                .map(policy -> new Settings(relay == null ? null : relay.view(), policy)));
    }

    @GET
    @Path("/email-settings")
    @Operation(operationId = "getEmailSettings", summary = "The tenant's SMTP relay, sender and brand (the password is never shown)")
    @APIResponse(responseCode = "200", description = "The settings")
    @APIResponse(responseCode = "404", description = "No relay is configured: cxmeter sends no e-mail")
    public Uni<MailSettings.View> getSettings() {
        return settings.find(caller.tenantId()).map(found -> present(found, "No SMTP relay is configured").view());
    }

    @PUT
    @Path("/email-settings")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "setEmailSettings", summary = "Set the SMTP relay, sender and brand of survey e-mails (admin)")
    @APIResponse(responseCode = "200", description = "Stored; the password sealed at rest")
    public Uni<MailSettings.View> putSettings(@NotNull @Valid MailSettings.Request request) {
        return settings.save(caller.tenantId(), request).map(MailSettings::view);
    }

    @DELETE
    @Path("/email-settings")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteEmailSettings", summary = "Forget the relay: cxmeter stops sending e-mail (admin)")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @APIResponse(responseCode = "404", description = "No relay was configured")
    public Uni<RestResponse<Void>> deleteSettings() {
        return settings.delete(caller.tenantId()).map(DeliveryResource::deleted);
    }

    @GET
    @Path("/contact-policy")
    @Operation(operationId = "getContactPolicy", summary = "The fatigue budget each customer has, across every survey and channel")
    @APIResponse(responseCode = "200", description = "The policy")
    @APIResponse(responseCode = "404", description = "No policy: customers are asked whenever a survey asks")
    public Uni<ContactPolicy> getPolicy() {
        return fatigue.policy(pool, caller.tenantId()).map(policy -> present(policy, "No contact policy is set"));
    }

    @PUT
    @Path("/contact-policy")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "setContactPolicy", summary = "Set the fatigue budget: at most maxAsks per perDays days, minDaysBetween apart (admin)")
    @APIResponse(responseCode = "200", description = "Stored; applies from the next ask")
    public Uni<ContactPolicy> putPolicy(@NotNull @Valid ContactPolicy policy) {
        return fatigue.save(caller.tenantId(), policy);
    }

    @DELETE
    @Path("/contact-policy")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteContactPolicy", summary = "Remove the fatigue budget (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No policy was set")
    public Uni<RestResponse<Void>> deletePolicy() {
        return fatigue.delete(caller.tenantId()).map(DeliveryResource::deleted);
    }

    @GET
    @Path("/customers/{customerId}/asks")
    @Operation(operationId = "getCustomerAsks", summary = "Whether a customer may be asked now, and every recent ask and skip with its reason")
    @APIResponse(responseCode = "200", description = "The decision now and the ledger, newest first")
    public Uni<CustomerAsks> asks(
            @PathParam("customerId") @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        String tenantId = caller.tenantId();
        return pool.withTransaction(connection -> fatigue.decide(connection, tenantId, customerId, Instant.now())
                .flatMap(decision -> fatigue.policy(connection, tenantId)
                        .flatMap(policy -> fatigue.ledger(connection, tenantId, customerId, limit)
                                .map(asks -> new CustomerAsks(customerId, policy, decision.allowed(), decision.reason(),
                                        decision.nextAllowedAt(), asks)))));
    }

    @GET
    @Path("/messages")
    @Operation(operationId = "listEmailMessages", summary = "Survey e-mails, newest first: scheduled, sent, answered, failed, cancelled or skipped, with why")
    @APIResponse(responseCode = "200", description = "A page of messages; pass nextCursor as 'cursor' for the next one")
    public Uni<Messages> list(@QueryParam("surveyId") UUID surveyId,
            @QueryParam("customerId") @Size(max = 200) String customerId,
            @QueryParam("ticketId") @Size(max = 200) String ticketId,
            @QueryParam("status") @Pattern(regexp = "scheduled|sent|answered|failed|cancelled|skipped",
                    message = "must be scheduled, sent, answered, failed, cancelled or skipped") String status,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return messages.list(caller.tenantId(), surveyId, customerId, ticketId, status, TimeCursor.decode(cursor), limit)
                .map(page -> new Messages(page.items(), page.nextCursor()));
    }

    @GET
    @Path("/messages/{id}")
    @Operation(operationId = "getEmailMessage", summary = "One survey e-mail and where it stands")
    @APIResponse(responseCode = "200", description = "The message")
    @APIResponse(responseCode = "404", description = "No such message")
    public Uni<MailMessages.View> message(@PathParam("id") UUID id) {
        return messages.find(caller.tenantId(), id).map(found -> present(found, "No e-mail message " + id));
    }

    @GET
    @Path("/alert-mails")
    @Operation(operationId = "listAlertMails", summary = "E-mails of alert rules' firings and resolutions, newest first, with why one failed")
    @APIResponse(responseCode = "200", description = "The e-mails")
    public Uni<List<AlertMails.View>> alertMails(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return alertMails.list(caller.tenantId(), limit);
    }

    @GET
    @Path("/suppressions/{address}")
    @Operation(operationId = "getSuppression", summary = "Whether an address is never mailed again, and why")
    @APIResponse(responseCode = "200", description = "Suppressed: unsubscribed, hard bounce or added by the tenant")
    @APIResponse(responseCode = "404", description = "Not suppressed")
    public Uni<Suppressions.Entry> suppression(@PathParam("address") @Email @Size(max = 254) String address) {
        return suppressions.find(pool, caller.tenantId(), address).map(found -> present(found, address + " is not suppressed"));
    }

    @PUT
    @Path("/suppressions/{address}")
    @RolesAllowed(InternalCaller.ROLE_WRITE)
    @Operation(operationId = "suppressAddress", summary = "Never mail an address again")
    @APIResponse(responseCode = "200", description = "Suppressed (an earlier reason is kept)")
    public Uni<Suppressions.Entry> suppress(@PathParam("address") @Email @Size(max = 254) String address) {
        return suppressions.add(pool, caller.tenantId(), address, Suppressions.Reason.MANUAL, null)
                .flatMap(done -> suppressions.find(pool, caller.tenantId(), address));
    }

    @DELETE
    @Path("/suppressions/{address}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "liftSuppression", summary = "Mail an address again, for example after the customer asked to (admin)")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "Not suppressed")
    public Uni<RestResponse<Void>> lift(@PathParam("address") @Email @Size(max = 254) String address) {
        return suppressions.lift(pool, caller.tenantId(), address).map(DeliveryResource::deleted);
    }

    /** {@code value}, or a 404 saying {@code detail} when there is none. */
    private static <T> T present(T value, String detail) {
        if (value == null) {
            throw ProblemException.notFound(detail);
        }
        return value;
    }

    private static RestResponse<Void> deleted(boolean found) {
        if (!found) {
            throw ProblemException.notFound("Nothing to delete");
        }
        return RestResponse.noContent();
    }
}

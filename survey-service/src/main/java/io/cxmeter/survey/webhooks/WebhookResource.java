package io.cxmeter.survey.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Outgoing webhooks: endpoints, their secrets, their delivery log. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Events cxmeter POSTs to the tenant's endpoints, signed as Standard Webhooks"
        + " (webhook-id, webhook-timestamp, webhook-signature), retried for more than a day")
public class WebhookResource {

    /** A new endpoint. */
    @Schema(name = "WebhookEndpointRequest")
    public record Create(
            @NotBlank @Size(max = 2000) @Schema(description = "https URL outside private networks") String url,
            @NotEmpty @Size(max = 10) List<@NotBlank String> eventTypes,
            @Size(max = 200) @Pattern(regexp = "[^\\r\\n]*", message = "must not contain line breaks") String description) {
    }

    /** A change of an endpoint: what is given changes, what is left out stays. */
    @Schema(name = "WebhookEndpointChange")
    public record Change(@Size(min = 1, max = 2000) String url, @Size(min = 1, max = 10) List<@NotBlank String> eventTypes,
            @Size(max = 200) @Pattern(regexp = "[^\\r\\n]*", message = "must not contain line breaks") String description,
            @Schema(description = "false pauses deliveries; true resumes them (and re-enables a disabled endpoint)")
            Boolean enabled) {
    }

    /** How long the replaced secret keeps signing beside the new one. */
    @Schema(name = "WebhookSecretRotation")
    public record Rotation(@Min(0) @Max(7 * 86400) @Schema(description = "seconds; default 86400 (a day), 0 ends the old secret now")
            Long overlapSeconds) {
    }

    /** An event type an endpoint can subscribe to. */
    @Schema(name = "WebhookEventType")
    public record EventType(String name, String description) {
    }

    @Inject
    Caller caller;

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    WebhookDeliveries deliveries;

    @GET
    @Path("/event-types")
    @Operation(operationId = "listWebhookEventTypes", summary = "The events an endpoint can subscribe to")
    @APIResponse(responseCode = "200", description = "The event types")
    public List<EventType> eventTypes() {
        return Arrays.stream(WebhookEventType.values()).map(type -> new EventType(type.wireName(), type.description())).toList();
    }

    @GET
    @Path("/endpoints")
    @Operation(operationId = "listWebhookEndpoints", summary = "The tenant's endpoints, oldest first, disabled ones with the reason")
    @APIResponse(responseCode = "200", description = "The endpoints")
    public Uni<List<WebhookEndpoints.View>> list() {
        return endpoints.list(caller.tenantId());
    }

    @POST
    @Path("/endpoints")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "createWebhookEndpoint", summary = "Subscribe an endpoint to event types (admin); its secret is shown once")
    @APIResponse(responseCode = "201", description = "Subscribed: events from now on are delivered")
    @APIResponse(responseCode = "400", description = "The URL or an event type is refused (the field is named)")
    public Uni<RestResponse<WebhookEndpoints.WithSecret>> create(@NotNull @Valid Create request) {
        return endpoints.create(caller.tenantId(), request.url().trim(), request.eventTypes(), blankToNull(request.description()))
                .map(made -> RestResponse.ResponseBuilder.<WebhookEndpoints.WithSecret>created(
                        java.net.URI.create("/api/v1/webhooks/endpoints/" + made.endpoint().id())).entity(made).build());
    }

    @GET
    @Path("/endpoints/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Uni<WebhookEndpoints.View> get(@PathParam("id") UUID id) {
        return endpoints.get(caller.tenantId(), id);
    }

    @PATCH
    @Path("/endpoints/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change an endpoint's URL, events or description, pause or resume it (admin)")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Uni<WebhookEndpoints.View> update(@PathParam("id") UUID id, @NotNull @Valid Change change) {
        return endpoints.update(caller.tenantId(), id, change.url() == null ? null : change.url().trim(), change.eventTypes(),
                change.description(), change.enabled());
    }

    @DELETE
    @Path("/endpoints/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Unsubscribe an endpoint and forget its deliveries (admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return endpoints.delete(caller.tenantId(), id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No such webhook endpoint");
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("/endpoints/{id}/secret/rotate")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret (admin); the old one keeps signing beside it for the overlap")
    @APIResponse(responseCode = "200", description = "The new secret, shown once")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Uni<WebhookEndpoints.WithSecret> rotate(@PathParam("id") UUID id, @Valid Rotation rotation) {
        long overlap = rotation == null || rotation.overlapSeconds() == null ? 86400 : rotation.overlapSeconds();
        return endpoints.rotate(caller.tenantId(), id, overlap);
    }

    @GET
    @Path("/endpoints/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log, newest first, every try with its answer")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Uni<WebhookDeliveries.Page> deliveries(@PathParam("id") UUID id,
            @QueryParam("status") @Pattern(regexp = "pending|succeeded|failed", message = "must be pending, succeeded or failed")
            String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit, @QueryParam("cursor") String cursor) {
        String tenantId = caller.tenantId();
        return endpoints.get(tenantId, id).flatMap(found -> deliveries.page(tenantId, id, status, cursor, limit));
    }

    @POST
    @Path("/endpoints/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed(InternalCaller.ROLE_WRITE)
    @Operation(operationId = "redeliverWebhook", summary = "Deliver a message again: a try now, then the whole retry schedule")
    @APIResponse(responseCode = "202", description = "Queued; the log shows the tries")
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery")
    @APIResponse(responseCode = "409", description = "The endpoint is disabled")
    public Uni<RestResponse<WebhookDeliveries.View>> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return deliveries.redeliver(caller.tenantId(), id, deliveryId).map(view -> RestResponse.accepted(view));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

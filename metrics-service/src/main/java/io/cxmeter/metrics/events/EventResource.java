package io.cxmeter.metrics.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalToken;
import io.smallrye.mutiny.Uni;

/**
 * Where the producers' outboxes deliver, with a token signed by the producers' key (see
 * application.properties). Not routed by the gateway.
 */
@Path("/internal/v1/events")
@Tag(name = "Internal: events",
        description = "Events from the other services (not exposed by the gateway)")
public class EventResource {

    @Inject
    Caller caller;

    @Inject
    ReceivedEvents events;

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "deliverEvents", summary = "Deliver a batch of events (idempotent by event id)")
    @APIResponse(responseCode = "200", description = "The batch is stored; duplicates were ignored")
    @APIResponse(responseCode = "400", description = "An invalid event: nothing of the batch is stored")
    public Uni<IngestionResult> deliver(@NotNull @Valid EventBatch batch) {
        return events.store(caller.tenantId(), Zones.of(caller.get().timeZone()), batch);
    }
}

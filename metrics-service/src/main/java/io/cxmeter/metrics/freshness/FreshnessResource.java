package io.cxmeter.metrics.freshness;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.metrics.events.ReceivedEvents;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/metrics/freshness")
@Tag(name = "Metrics",
        description = "Every metric of docs/metrics.md over any period: values with sample sizes and margins of error, groups, series, the catalogue and how fresh the data is")
public class FreshnessResource {

    @Inject
    Caller caller;

    @Inject
    ReceivedEvents events;

    @GET
    @Operation(operationId = "getFreshness", summary = "How much of the tenant's data metrics-service has received")
    @APIResponse(responseCode = "200", description = "Counts and times of received events")
    public Uni<Freshness> freshness() {
        return events.freshness(caller.tenantId());
    }
}

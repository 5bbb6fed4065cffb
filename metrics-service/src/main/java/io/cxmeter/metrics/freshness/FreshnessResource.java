package io.cxmeter.metrics.freshness;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Inject
    ProducerOutboxes producers;

    @GET
    @Operation(operationId = "getFreshness", summary = "Whether every change accepted for the tenant is in its metrics, and what still waits where")
    @APIResponse(responseCode = "200", description = "Up to date or not, the changes waiting and the age of the oldest, and what arrived")
    public Uni<Freshness> freshness(@Parameter(hidden = true) @HeaderParam("Authorization") String authorization) {
        return Uni.combine().all().unis(events.freshness(caller.tenantId()), producers.waiting(authorization))
                .with((received, waiting) -> combine(received, waiting, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    static Freshness combine(ReceivedEvents.Received received, List<Freshness.Waiting> waiting, OffsetDateTime now) {
        boolean known = waiting.stream().allMatch(Freshness.Waiting::reachable);
        long pending = waiting.stream().filter(Freshness.Waiting::reachable).mapToLong(Freshness.Waiting::pendingEvents).sum();
        OffsetDateTime oldest = waiting.stream().map(Freshness.Waiting::oldestPendingAt).filter(java.util.Objects::nonNull)
                .min(OffsetDateTime::compareTo).orElse(null);
        Double lag = !known ? null : oldest == null ? 0.0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        return new Freshness(received.events(), pending, known && pending == 0, received.lastReceivedAt(),
                received.latestEventAt(), lag, received.lastDeliverySeconds(), waiting);
    }
}

package io.cxmeter.ticket.reviews;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/scorecards")
@Tag(name = "Quality reviews",
        description = "Internal quality reviews of conversations against weighted scorecards (IQS)")
public class ScorecardResource {

    @Inject
    Caller caller;

    @Inject
    ReviewService reviews;

    @POST
    @Operation(operationId = "createScorecard", summary = "Create a scorecard of weighted categories (weight > 0, maxPoints, critical)")
    @APIResponse(responseCode = "201", description = "Created; its id is what reviews name",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Scorecard.class)))
    @APIResponse(responseCode = "422", description = "Categories that cannot score (duplicate names, weight ≤ 0, …)")
    public Uni<RestResponse<Scorecard>> create(@NotNull @Valid ScorecardRequest request) {
        return reviews.createScorecard(caller.tenantId(), request)
                .map(card -> RestResponse.ResponseBuilder.<Scorecard>created(UriBuilder.fromPath("/api/v1/scorecards/{id}").build(card.id()))
                        .entity(card).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getScorecard", summary = "Read a scorecard")
    @APIResponse(responseCode = "200", description = "The scorecard")
    @APIResponse(responseCode = "404", description = "No such scorecard for this tenant")
    public Uni<Scorecard> get(@PathParam("id") UUID id) {
        return reviews.scorecard(caller.tenantId(), id);
    }

    @GET
    @Operation(operationId = "listScorecards", summary = "List the tenant's scorecards")
    @APIResponse(responseCode = "200", description = "Oldest first")
    public Uni<List<Scorecard>> list() {
        return reviews.scorecards(caller.tenantId());
    }
}

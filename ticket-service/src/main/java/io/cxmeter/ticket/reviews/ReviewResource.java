package io.cxmeter.ticket.reviews;


import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.imports.ImportResult;
import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/reviews")
@Tag(name = "Quality reviews")
public class ReviewResource {

    @Inject
    Caller caller;

    @Inject
    ReviewService reviews;

    @POST
    @Operation(summary = "Create or replace a review; answers with its score")
    @APIResponse(responseCode = "201", description = "Stored, with its score (null when nothing was rated)")
    @APIResponse(responseCode = "422", description = "Unknown scorecard or category, points out of range; nothing stored")
    public Uni<RestResponse<Review>> put(@NotNull ReviewLines.ReviewLine review) {
        return reviews.put(caller.tenantId(), review)
                .map(stored -> RestResponse.ResponseBuilder.<Review>created(UriBuilder.fromPath("/api/v1/reviews/{id}").build(stored.id()))
                        .entity(stored).build());
    }

    @POST
    @Path("/import")
    @Consumes("application/x-ndjson")
    @Operation(summary = "Import reviews (NDJSON, ratings null = N/A); atomic; re-sent ids update")
    @APIResponse(responseCode = "200", description = "How many reviews were created and updated")
    @APIResponse(responseCode = "422", description = "Every bad line with its number; nothing was stored")
    public Uni<ImportResult> importReviews(String ndjson) {
        return reviews.importReviews(caller.tenantId(), ndjson == null ? "" : ndjson);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a review with its score")
    @APIResponse(responseCode = "200", description = "The review")
    @APIResponse(responseCode = "404", description = "No such review for this tenant")
    public Uni<Review> get(@PathParam("id") String id) {
        return reviews.get(caller.tenantId(), id);
    }
}

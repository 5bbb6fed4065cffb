package io.cxmeter.ticket.reviews;


import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.imports.BulkImports;
import io.cxmeter.imports.ImportDocs;
import io.cxmeter.imports.ImportJob;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.internalauth.Caller;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/reviews")
@Tag(name = "Quality reviews",
        description = "Internal quality reviews of conversations against weighted scorecards (IQS)")
public class ReviewResource {

    @Inject
    Caller caller;

    @Inject
    BulkImports imports;

    @Inject
    ReviewService reviews;

    @POST
    @Operation(operationId = "putReview", summary = "Create or replace a review; answers with its score")
    @APIResponse(responseCode = "201", description = "Stored, with its score (null when nothing was rated)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Review.class)))
    @APIResponse(responseCode = "422", description = "Unknown scorecard or category, points out of range; nothing stored")
    public Uni<RestResponse<Review>> put(@NotNull ReviewLines.ReviewLine review) {
        return reviews.put(caller.tenantId(), review)
                .map(stored -> RestResponse.ResponseBuilder.<Review>created(UriBuilder.fromPath("/api/v1/reviews/{id}").build(stored.id()))
                        .entity(stored).build());
    }

    @POST
    @Path("/import")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(operationId = "importReviews", summary = "Import reviews (NDJSON, ratings null = N/A); all or nothing; re-sent ids update")
    @APIResponse(responseCode = "200", description = ImportDocs.DONE,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "202", description = ImportDocs.JOB,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = ImportDocs.TOO_LARGE)
    @APIResponse(responseCode = "422", description = ImportDocs.BAD_LINES)
    @APIResponse(responseCode = "503", description = ImportDocs.BUSY)
    public Response importReviews(InputStream body, @Context HttpHeaders headers) {
        return imports.accept(reviews.imports(), caller.tenantId(), caller.get().timeZone(), "", body, headers).toResponse();
    }

    @GET
    @Path("/import/jobs/{id: " + ImportDocs.JOB_ID + "}")
    @Operation(operationId = "getReviewImportJob", summary = "Follow a review import that runs as a job")
    @APIResponse(responseCode = "200", description = ImportDocs.STATUS)
    @APIResponse(responseCode = "404", description = "No such import job for this tenant")
    public ImportJob reviewsImportJob(@PathParam("id") String id) {
        return imports.job(reviews.imports().name(), caller.tenantId(), "", id);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getReview", summary = "Read a review with its score")
    @APIResponse(responseCode = "200", description = "The review")
    @APIResponse(responseCode = "404", description = "No such review for this tenant")
    public Uni<Review> get(@PathParam("id") String id) {
        return reviews.get(caller.tenantId(), id);
    }
}

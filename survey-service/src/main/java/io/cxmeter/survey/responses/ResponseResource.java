package io.cxmeter.survey.responses;

import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import io.cxmeter.problem.QueryParameters;
import io.cxmeter.survey.Page;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/surveys")
@Tag(name = "Responses",
        description = "Survey answers: submitted one at a time or imported in bulk, listed, exported as CSV, erased")
public class ResponseResource {

    @Inject
    Caller caller;

    @Inject
    BulkImports imports;

    @Inject
    ResponseService responses;

    @POST
    @Path("/{surveyId}/responses")
    @Operation(operationId = "submitResponse", summary = "Submit a response (Idempotency-Key: a retry answers the first result, never a duplicate)")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResponseDraft.class)))
    @APIResponse(responseCode = "200", description = "A retry of an earlier submission: its result")
    @APIResponse(responseCode = "409", description = "The survey is paused or archived")
    @APIResponse(responseCode = "422", description = "A score off the survey's scale, a comment over 5,000 characters, …")
    public Uni<RestResponse<ResponseDraft>> submit(@PathParam("surveyId") UUID surveyId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull ResponseDraft draft) {
        return responses.submit(caller.tenantId(), surveyId, draft, idempotencyKey).map(submitted -> submitted.created()
                ? RestResponse.ResponseBuilder.<ResponseDraft>created(
                        UriBuilder.fromPath("/api/v1/surveys/{survey}/responses/{id}").build(surveyId, submitted.response().id()))
                        .entity(submitted.response()).build()
                : RestResponse.ok(submitted.response()));
    }

    @POST
    @Path("/{surveyId}/responses/import")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(operationId = "importResponses", summary = "Import responses as NDJSON (docs/api.md): all or nothing, re-imported ids update")
    @APIResponse(responseCode = "200", description = ImportDocs.DONE,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "202", description = ImportDocs.JOB,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = ImportDocs.TOO_LARGE)
    @APIResponse(responseCode = "422", description = ImportDocs.BAD_LINES)
    @APIResponse(responseCode = "503", description = ImportDocs.BUSY)
    public Response importResponses(@PathParam("surveyId") UUID surveyId, InputStream body, @Context HttpHeaders headers) {
        return imports.accept(responses.imports(), caller.tenantId(), caller.get().timeZone(), surveyId.toString(), body,
                headers).toResponse();
    }

    @GET
    @Path("/{surveyId}/responses/import/jobs/{id: " + ImportDocs.JOB_ID + "}")
    @Operation(operationId = "getResponseImportJob", summary = "Follow a response import that runs as a job")
    @APIResponse(responseCode = "200", description = ImportDocs.STATUS)
    @APIResponse(responseCode = "404", description = "No such import job for this survey")
    public ImportJob importJob(@PathParam("surveyId") UUID surveyId, @PathParam("id") String id) {
        return imports.job(responses.imports().name(), caller.tenantId(), surveyId.toString(), id);
    }

    @GET
    @Path("/{surveyId}/responses")
    @Operation(operationId = "listResponses", summary = "The survey's responses, oldest first, filtered (period, score, band, comment, channel, agent)")
    public Uni<Page<ResponseDraft>> list(@PathParam("surveyId") UUID surveyId, @BeanParam Filter filter,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return responses.list(caller.tenantId(), surveyId, filter.toFilter(), cursor, limit);
    }

    @GET
    @Path("/{surveyId}/responses/export.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportResponses", summary = "The same responses as CSV, streamed (any size)")
    public Multi<String> export(@PathParam("surveyId") UUID surveyId, @BeanParam Filter filter) {
        return responses.export(caller.tenantId(), surveyId, filter.toFilter());
    }

    /** The filter of a listing or export, as query parameters. */
    public static class Filter {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("minScore")
        Double minScore;
        @QueryParam("maxScore")
        Double maxScore;
        @QueryParam("category")
        String category;
        @QueryParam("hasComment")
        Boolean hasComment;
        @QueryParam("channel")
        String channel;
        @QueryParam("agentId")
        String agentId;

        ResponseFilter toFilter() {
            return new ResponseFilter(QueryParameters.instant("from", from, null), QueryParameters.instant("to", to, null),
                    minScore, maxScore, blankToNull(category), hasComment, blankToNull(channel), blankToNull(agentId));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    @GET
    @Path("/{surveyId}/responses/{responseId}")
    @Operation(operationId = "getResponse", summary = "One response")
    public Uni<ResponseDraft> get(@PathParam("surveyId") UUID surveyId, @PathParam("responseId") String responseId) {
        return responses.get(caller.tenantId(), surveyId, responseId);
    }

    @DELETE
    @Path("/responses")
    @Operation(operationId = "eraseCustomerResponsesEverywhere", summary = "Erase every response of a customer, in every survey (and from the metrics)")
    @APIResponse(responseCode = "200", description = "How many responses were erased")
    public Uni<Map<String, Integer>> erase(@QueryParam("customerId") String customerId) {
        return responses.eraseCustomer(caller.tenantId(), customerId).map(erased -> Map.of("erased", erased));
    }

}

package io.cxmeter.survey.surveys;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.survey.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/surveys")
@Tag(name = "Surveys",
        description = "NPS, CSAT, CES and custom surveys: texts per locale, scales, allowed origins, throttling, public keys")
public class SurveyResource {

    @Inject
    Caller caller;

    @Inject
    SurveyService surveys;

    @POST
    @Operation(operationId = "createSurvey", summary = "Create an NPS, CSAT, CES or custom survey")
    @APIResponse(responseCode = "201", description = "Created, with its public key for the widget",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SurveyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    @APIResponse(responseCode = "422", description = "A scale or threshold the kind does not allow")
    public Uni<RestResponse<SurveyView>> create(@NotNull @Valid SurveyRequest request) {
        return surveys.create(caller.tenantId(), request)
                .map(view -> RestResponse.ResponseBuilder.<SurveyView>created(UriBuilder.fromPath("/api/v1/surveys/{id}").build(view.id()))
                        .entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateSurvey", summary = "Change a survey's name, texts, labels, origins, throttling or status (archived is final)")
    @APIResponse(responseCode = "200", description = "The survey as it is now")
    @APIResponse(responseCode = "409", description = "The survey is archived")
    @APIResponse(responseCode = "422", description = "Texts, origins or labels that are not valid (problem+json lists each)")
    public Uni<SurveyView> change(@PathParam("id") UUID id, @NotNull @Valid SurveyChanges changes) {
        return surveys.change(caller.tenantId(), id, changes);
    }

    @POST
    @Path("/{id}/public-key")
    @Operation(operationId = "rotateSurveyPublicKey", summary = "Give the survey a new public key; widgets and links using the old one stop working at once")
    @APIResponse(responseCode = "200", description = "The survey with its new public key")
    @APIResponse(responseCode = "404", description = "No such survey for this tenant")
    public Uni<SurveyView> rotatePublicKey(@PathParam("id") UUID id) {
        return surveys.rotatePublicKey(caller.tenantId(), id);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSurvey", summary = "Read one survey")
    @APIResponse(responseCode = "200", description = "The survey")
    @APIResponse(responseCode = "404", description = "No such survey for this tenant")
    public Uni<SurveyView> get(@PathParam("id") UUID id) {
        return surveys.get(caller.tenantId(), id);
    }

    @GET
    @Operation(operationId = "listSurveys", summary = "List surveys, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as 'cursor' for the next one")
    public Uni<Page<SurveyView>> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return surveys.list(caller.tenantId(), cursor, limit);
    }
}

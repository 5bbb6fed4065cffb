package io.cxmeter.survey.widget;


import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.survey.texts.Locales;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;

/**
 * What the embedded widget calls, by the survey's public key (public: the gateway forwards
 * /public/v1 without credentials). The page's Origin must be one of the survey's allowedOrigins;
 * only then does the answer carry {@code Access-Control-Allow-Origin} for it. A request without
 * Origin comes from no browser page and is served without CORS headers.
 */
@Path("/public/v1/surveys/{publicKey}")
@Tag(name = "Public: widget",
        description = "What the embeddable survey widget calls from a customer's browser; no credentials, the survey's public key names it")
@PermitAll
public class WidgetResource {

    private static final String METHODS = "GET, POST, PATCH, OPTIONS";

    @Inject
    WidgetService widget;

    @GET
    @Operation(operationId = "getWidgetSurvey", summary = "The survey as the widget shows it, in the language closest to the visitor's")
    @APIResponse(responseCode = "200", description = "Question, scale, follow-up question and words; ask=false when throttled")
    @APIResponse(responseCode = "403", description = "The page's Origin is not among the survey's allowedOrigins")
    @APIResponse(responseCode = "404", description = "No survey has this public key (it may have been rotated)")
    @APIResponse(responseCode = "409", description = "The survey is paused or archived")
    public Uni<RestResponse<WidgetConfig>> config(@PathParam("publicKey") String publicKey,
            @HeaderParam("Origin") String origin, @HeaderParam("Accept-Language") String acceptLanguage,
            @QueryParam("locale") String locale, @QueryParam("visitorId") String visitorId,
            @QueryParam("customerId") String customerId, @Context HttpServerResponse response) {
        String wanted = locale != null && !locale.isBlank() ? locale : Locales.first(acceptLanguage);
        return widget.config(publicKey, origin, cors(response), wanted, visitorId, customerId)
                .map(config -> RestResponse.ResponseBuilder.ok(config).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/responses")
    @Operation(operationId = "answerWidgetSurvey", summary = "Answer the survey from the widget (the score, optionally a comment)")
    @APIResponse(responseCode = "201", description = "Stored; the id lets the page add the follow-up comment",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WidgetReceipt.class)))
    @APIResponse(responseCode = "403", description = "The page's Origin is not among the survey's allowedOrigins")
    @APIResponse(responseCode = "409", description = "The survey is paused or archived")
    @APIResponse(responseCode = "422", description = "A score off the scale, a comment over 5,000 characters, a bad locale")
    @APIResponse(responseCode = "429", description = "This visitor or customer answered within minDaysBetweenAsks (Retry-After)")
    public Uni<RestResponse<WidgetReceipt>> answer(@PathParam("publicKey") String publicKey,
            @HeaderParam("Origin") String origin, @NotNull @Valid WidgetAnswer answer, @Context HttpServerResponse response) {
        return widget.answer(publicKey, origin, cors(response), answer,
                wait -> response.putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))))
                .map(receipt -> RestResponse.ResponseBuilder.<WidgetReceipt>created(
                        UriBuilder.fromPath("/public/v1/surveys/{key}/responses/{id}").build(publicKey, receipt.id())).entity(receipt).build());
    }

    @POST
    @Path("/impressions")
    @Operation(operationId = "reportWidgetImpression", summary = "Report that the widget was shown (the response rate counts it; an identified customer's fatigue budget is drawn on)")
    @APIResponse(responseCode = "201", description = "Recorded; the answer given in this showing names the id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WidgetImpression.Receipt.class)))
    @APIResponse(responseCode = "403", description = "The page's Origin is not among the survey's allowedOrigins")
    @APIResponse(responseCode = "409", description = "The survey is paused or archived")
    public Uni<RestResponse<WidgetImpression.Receipt>> impression(@PathParam("publicKey") String publicKey,
            @HeaderParam("Origin") String origin, @Valid WidgetImpression impression, @Context HttpServerResponse response) {
        return widget.impression(publicKey, origin, cors(response),
                impression == null ? new WidgetImpression(null, null, null) : impression)
                .map(receipt -> RestResponse.status(RestResponse.Status.CREATED, receipt));
    }

    @PATCH
    @Path("/responses/{id}")
    @Operation(operationId = "commentWidgetResponse", summary = "Add the answer to the follow-up question (within 24 hours of the score)")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "404", description = "No widget answer with this id in this survey")
    @APIResponse(responseCode = "410", description = "More than 24 hours after the score")
    public Uni<WidgetReceipt> comment(@PathParam("publicKey") String publicKey, @PathParam("id") String id,
            @HeaderParam("Origin") String origin, @NotNull WidgetComment comment, @Context HttpServerResponse response) {
        return widget.comment(publicKey, origin, cors(response), id, comment);
    }

    /** The preflight of any of the above: allowed only for the survey's origins. */
    @OPTIONS
    @Path("{below: (responses(/[^/]+)?|impressions)?}")
    @Operation(summary = "CORS preflight", hidden = true)
    public Uni<RestResponse<Void>> preflight(@PathParam("publicKey") String publicKey,
            @HeaderParam("Origin") String origin, @Context HttpServerResponse response) {
        return widget.preflight(publicKey, origin, cors(response)).map(done -> RestResponse.ResponseBuilder.<Void>noContent()
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600")
                .build());
    }

    /** The answer varies by Origin; an allowed one is echoed back (never '*', never credentials). */
    private static WidgetService.Cors cors(HttpServerResponse response) {
        response.putHeader("Vary", "Origin");
        return origin -> response.putHeader("Access-Control-Allow-Origin", origin);
    }
}

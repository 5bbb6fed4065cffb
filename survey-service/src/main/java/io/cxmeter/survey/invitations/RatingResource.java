package io.cxmeter.survey.invitations;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.survey.texts.Locales;
import io.smallrye.mutiny.Uni;

/**
 * The one-click rating links of e-mail invitations and of agents' e-mail signatures (public: the
 * unguessable token is the credential; the gateway forwards /r without one).
 */
@Path("/r/{token}")
@Tag(name = "Public: rating links",
        description = "One-click rating links from invitation e-mails; no credentials, the link's token names the invitation")
@PermitAll
@APIResponse(responseCode = "404", description = "A page saying the link is not known",
        content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
@APIResponse(responseCode = "409", description = "A page saying the survey is paused, or the answer can no longer change",
        content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
@APIResponse(responseCode = "410", description = "A page saying the link has expired",
        content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
@APIResponse(responseCode = "422", description = "A page saying the score or comment is not accepted",
        content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
public class RatingResource {

    /** The cookie in which a browser keeps its signature-link answer for a day. */
    static final String ANSWER_COOKIE = "cxmeter_answer";

    @Inject
    InvitationService invitations;

    @Inject
    SignatureLinks signatures;

    @Inject
    InvitationConfig config;

    @GET
    @Path("/unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "openUnsubscribeLink", summary = "Open an e-mail's unsubscribe link: a page whose button unsubscribes (a plain fetch changes nothing)")
    @APIResponse(responseCode = "200", description = "A page asking to confirm",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> unsubscribePage(@PathParam("token") String token) {
        return invitations.unsubscribePage(token).map(RatingResource::page);
    }

    @POST
    @Path("/unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe the address the e-mail went to (RFC 8058 one-click, or the page's button)")
    @APIResponse(responseCode = "200", description = "A page saying no more surveys will come",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> unsubscribe(@PathParam("token") String token) {
        return invitations.unsubscribe(token).map(RatingResource::page);
    }

    @GET
    @Path("/{score}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "openRatingLink", summary = "Open a rating link: the score, recorded by the page's script in a browser (a plain fetch records nothing)")
    @APIResponse(responseCode = "200", description = "A page that records the score once a browser runs it",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> open(@PathParam("token") String token, @PathParam("score") String score,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        if (SignatureLinks.owns(token)) {
            return signatures.preview(token, score, Locales.first(acceptLanguage)).map(RatingResource::page);
        }
        return invitations.preview(token, score).map(RatingResource::page);
    }

    @POST
    @Path("/{score}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "submitRating", summary = "Record the score of a rating link (or change it within 24 hours); a thank-you page with a comment form")
    @APIResponse(responseCode = "200", description = "The thank-you page, with a form for a comment",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> rate(@PathParam("token") String token, @PathParam("score") String score,
            @CookieParam(ANSWER_COOKIE) String previous, @HeaderParam("Accept-Language") String acceptLanguage) {
        // The page sits at /r/{token}/{score}: its form posts to /r/{token}/comment.
        if (SignatureLinks.owns(token)) {
            return signatures.rate(token, score, previous, Locales.first(acceptLanguage), "comment")
                    .map(rated -> remember(page(rated.outcome()), token, rated.responseKey()));
        }
        return invitations.rate(token, score, "comment").map(RatingResource::page);
    }

    @POST
    @Path("/comment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "commentRating", summary = "Add a comment to the score given through the link")
    @APIResponse(responseCode = "200", description = "A page thanking for the comment",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> comment(@PathParam("token") String token, @FormParam("comment") String comment,
            @CookieParam(ANSWER_COOKIE) String previous, @HeaderParam("Accept-Language") String acceptLanguage) {
        if (SignatureLinks.owns(token)) {
            return signatures.comment(token, comment, previous, Locales.first(acceptLanguage), "comment")
                    .map(RatingResource::page);
        }
        return invitations.comment(token, comment, "comment").map(RatingResource::page);
    }

    /** A signature link's answer stays this browser's to change for a day: its id in a cookie for that link only. */
    private RestResponse<String> remember(RestResponse<String> page, String token, String responseKey) {
        if (responseKey == null) {
            return page;
        }
        NewCookie cookie = new NewCookie.Builder(ANSWER_COOKIE).value(responseKey).path("/r/" + token + "/")
                .maxAge((int) SignatureLinks.SAME_ANSWER.toSeconds()).httpOnly(true)
                .secure("https".equals(config.publicUrl().getScheme())).sameSite(NewCookie.SameSite.LAX).build();
        return RestResponse.ResponseBuilder.fromResponse(page).cookie(cookie).build();
    }

    private static RestResponse<String> page(InvitationService.Outcome outcome) {
        return RestResponse.ResponseBuilder.<String>create(outcome.status()).entity(outcome.html())
                .type(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", RatingPage.POLICY)
                .build();
    }
}

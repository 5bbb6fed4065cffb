package io.cxmeter.ticket.followups;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Tag(name = "Follow-ups",
        description = "The work of winning back a customer after a low score: owner, status (open → contacted → resolved), due time, notes")
public class FollowUpApi {

    @Inject
    Caller caller;

    @Inject
    FollowUpService followUps;

    @GET
    @Path("/follow-ups")
    @Operation(operationId = "listFollowUps", summary = "List follow-ups, newest first, filtered; a page at a time (no notes in listings)")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as 'cursor' for the next one")
    public Uni<Page<FollowUpView>> list(
            @Parameter(description = "open, contacted or resolved; several separated by commas") @QueryParam("status") String status,
            @Parameter(description = "the owning agent's id") @QueryParam("owner") String owner,
            @Parameter(description = "the owning team's id") @QueryParam("team") String team,
            @QueryParam("surveyId") String surveyId, @QueryParam("customerId") String customerId,
            @Parameter(description = "only these answers, by the response's own id (repeat the parameter, at most 200; with surveyId)")
            @QueryParam("responseId") @Size(max = 200) List<String> responseIds,
            @Parameter(description = "true: not resolved and past due; false: the others") @QueryParam("overdue") Boolean overdue,
            @QueryParam("openedFrom") OffsetDateTime openedFrom, @QueryParam("openedTo") OffsetDateTime openedTo,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        if (openedFrom != null && openedTo != null && !openedFrom.isBefore(openedTo)) {
            throw ProblemException.badRequest("openedFrom must be before openedTo (the period is [from, to)).");
        }
        FollowUpStore.Filter filter = new FollowUpStore.Filter(statuses(status), owner, team, surveyId, customerId,
                responseIds, overdue, openedFrom == null ? null : openedFrom.toInstant(),
                openedTo == null ? null : openedTo.toInstant());
        return followUps.list(caller.tenantId(), filter, cursor, limit);
    }

    private static List<FollowUpStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return List.of();
        }
        List<FollowUpStatus> statuses = new ArrayList<>();
        for (String value : Arrays.stream(status.split(",")).map(String::strip).toList()) {
            statuses.add(FollowUpStatus.parse(value).orElseThrow(() -> ProblemException.badRequest(
                    "status '" + value + "' is not one of " + FollowUpStatus.allowed() + ".")));
        }
        return statuses;
    }

    @POST
    @Path("/follow-ups")
    @Operation(operationId = "openFollowUp", summary = "Follow up an answer by hand (surveys with follow-ups on open them by themselves); "
            + "idempotent by response id")
    @APIResponse(responseCode = "201", description = "Opened, with its ticket",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "200", description = "The answer had a follow-up already; nothing changed")
    public Uni<RestResponse<FollowUpView>> open(@NotNull @Valid FollowUpRequest request) {
        return followUps.open(caller.tenantId(), request).flatMap(opened -> followUps.get(caller.tenantId(), opened.followUpId())
                .map(view -> opened.created()
                        ? RestResponse.ResponseBuilder.<FollowUpView>created(UriBuilder.fromPath("/api/v1/follow-ups/{id}")
                                .build(view.id())).entity(view).build()
                        : RestResponse.ok(view)));
    }

    @GET
    @Path("/follow-ups/{id}")
    @Operation(operationId = "getFollowUp", summary = "Read a follow-up (id: the survey's id, a colon, the response's id), with its notes")
    @APIResponse(responseCode = "200", description = "The follow-up")
    @APIResponse(responseCode = "404", description = "No such follow-up for this tenant")
    public Uni<FollowUpView> get(@PathParam("id") String id) {
        return followUps.get(caller.tenantId(), id);
    }

    @PATCH
    @Path("/follow-ups/{id}")
    @Operation(operationId = "changeFollowUp", summary = "Move a follow-up (open → contacted → resolved; resolved → open reopens), "
            + "give it another owner or due time; its ticket moves with it")
    @APIResponse(responseCode = "200", description = "The follow-up as changed")
    @APIResponse(responseCode = "404", description = "No such follow-up for this tenant")
    @APIResponse(responseCode = "409", description = "Not a move the workflow allows (or its ticket is closed); nothing changed")
    public Uni<FollowUpView> change(@PathParam("id") String id, @NotNull @Valid FollowUpRequests.Changes changes) {
        return followUps.change(caller.tenantId(), id, changes);
    }

    @POST
    @Path("/follow-ups/{id}/notes")
    @Operation(operationId = "addFollowUpNote", summary = "Add a note to a follow-up (the author is the caller)")
    @APIResponse(responseCode = "201", description = "The note",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FollowUpView.Note.class)))
    @APIResponse(responseCode = "404", description = "No such follow-up for this tenant")
    public Uni<RestResponse<FollowUpView.Note>> addNote(@PathParam("id") String id,
            @NotNull @Valid FollowUpRequests.NewNote note) {
        InternalCaller who = caller.get();
        return followUps.addNote(who.tenantId(), id, who.subject(), note.text())
                .map(added -> RestResponse.status(RestResponse.Status.CREATED, added));
    }

    @GET
    @Path("/follow-up-policy")
    @Operation(operationId = "getFollowUpPolicy", summary = "The tenant's rule for new follow-ups (default: due in 24 hours, no queue team)")
    @APIResponse(responseCode = "200", description = "The rule")
    public Uni<FollowUpRequests.Policy> policy() {
        return followUps.policy(caller.tenantId());
    }

    @PUT
    @Path("/follow-up-policy")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "putFollowUpPolicy", summary = "Set how long a new follow-up may take and which team's queue gets "
            + "the answers that name no agent")
    @APIResponse(responseCode = "200", description = "The rule as stored; follow-ups opened from now on follow it")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    public Uni<FollowUpRequests.Policy> putPolicy(@NotNull @Valid FollowUpRequests.Policy policy) {
        return followUps.putPolicy(caller.tenantId(), policy);
    }
}

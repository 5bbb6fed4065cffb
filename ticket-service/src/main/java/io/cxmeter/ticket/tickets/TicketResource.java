package io.cxmeter.ticket.tickets;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.imports.BulkImports;
import io.cxmeter.imports.ImportDocs;
import io.cxmeter.imports.ImportJob;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.internalauth.Caller;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tickets")
@Tag(name = "Tickets",
        description = "Support conversations on every channel with their full history: opened, replied to, assigned, resolved, imported in bulk")
public class TicketResource {

    @Inject
    Caller caller;

    @Inject
    TicketService tickets;

    @Inject
    BulkImports imports;

    @POST
    @Operation(operationId = "createTicket", summary = "Open a ticket (a conversation on one channel) under the tenant's own id")
    @APIResponse(responseCode = "201", description = "Created, status new",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    @APIResponse(responseCode = "409", description = "A ticket with this id exists")
    public Uni<RestResponse<TicketView>> create(@NotNull @Valid TicketRequests.NewTicket request) {
        return tickets.create(caller.tenantId(), request)
                .map(view -> RestResponse.ResponseBuilder.<TicketView>created(UriBuilder.fromPath("/api/v1/tickets/{id}").build(view.id()))
                        .entity(view).build());
    }

    @POST
    @Path("/import")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(operationId = "importTickets", summary = "Import tickets with their history (NDJSON, one ticket a line); all or nothing; re-sent ids update")
    @APIResponse(responseCode = "200", description = ImportDocs.DONE,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "202", description = ImportDocs.JOB,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = ImportDocs.TOO_LARGE)
    @APIResponse(responseCode = "422", description = ImportDocs.BAD_LINES)
    @APIResponse(responseCode = "503", description = ImportDocs.BUSY)
    public Response importTickets(InputStream body, @Context HttpHeaders headers) {
        return imports.accept(tickets.imports(), caller.tenantId(), caller.get().timeZone(), "", body, headers).toResponse();
    }

    @GET
    @Path("/import/jobs/{id: " + ImportDocs.JOB_ID + "}")
    @Operation(operationId = "getTicketImportJob", summary = "Follow a ticket import that runs as a job")
    @APIResponse(responseCode = "200", description = ImportDocs.STATUS)
    @APIResponse(responseCode = "404", description = "No such import job for this tenant")
    public ImportJob importJob(@PathParam("id") String id) {
        return imports.job(tickets.imports().name(), caller.tenantId(), "", id);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTicket", summary = "Read a ticket with its facts and full history")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(responseCode = "404", description = "No such ticket for this tenant")
    public Uni<TicketView> get(@PathParam("id") String id) {
        return tickets.get(caller.tenantId(), id);
    }

    @GET
    @Operation(operationId = "listTickets", summary = "List tickets, newest first, filtered; a page at a time (no history in listings)")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as 'cursor' for the next one")
    public Uni<Page<TicketView>> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
            @QueryParam("agent") String agent, @QueryParam("team") String team,
            @QueryParam("customerId") String customerId, @QueryParam("tag") String tag,
            @QueryParam("createdFrom") OffsetDateTime createdFrom, @QueryParam("createdTo") OffsetDateTime createdTo,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        if (status != null) {
            conditions.put("status = ?", TicketStatus.parse(status).orElseThrow(() -> ProblemException.badRequest(
                    "status '" + status + "' is not one of " + TicketStatus.allowed() + ".")).wire());
        }
        if (channel != null) {
            conditions.put("channel = ?", Channel.parse(channel).orElseThrow(() -> ProblemException.badRequest(
                    "channel '" + channel + "' is not one of " + Channel.allowed() + ".")).wire());
        }
        if (agent != null) {
            conditions.put("assignee = ?", agent);
        }
        if (team != null) {
            conditions.put("team = ?", team);
        }
        if (customerId != null) {
            conditions.put("customer_id = ?", customerId);
        }
        if (tag != null) {
            conditions.put("? = ANY(tags)", tag);
        }
        if (createdFrom != null) {
            conditions.put("created_at >= ?", createdFrom.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (createdTo != null) {
            conditions.put("created_at < ?", createdTo.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw ProblemException.badRequest("createdFrom must be before createdTo (the period is [from, to)).");
        }
        return tickets.list(caller.tenantId(), conditions, cursor, limit);
    }

    @POST
    @Path("/{id}/events")
    @Operation(operationId = "appendTicketEvent", summary = "Append an event to the ticket's history (at defaults to now)")
    @APIResponse(responseCode = "200", description = "The ticket as changed")
    @APIResponse(responseCode = "404", description = "No such ticket for this tenant")
    @APIResponse(responseCode = "409", description = "A status change the status machine does not allow; nothing changed")
    @APIResponse(responseCode = "422", description = "An event that does not fit the ticket (time, missing fields)")
    public Uni<TicketView> append(@PathParam("id") String id, @NotNull @Valid TicketRequests.NewEvent event) {
        return tickets.append(caller.tenantId(), id, event);
    }

    @POST
    @Path("/{id}/status")
    @Operation(operationId = "changeTicketStatus", summary = "Change the ticket's status: new → open ↔ pending ↔ on_hold → resolved → closed; resolved → open reopens")
    @APIResponse(responseCode = "200", description = "The ticket as changed")
    @APIResponse(responseCode = "409", description = "Not a move the status machine allows; nothing changed")
    public Uni<TicketView> changeStatus(@PathParam("id") String id, @NotNull @Valid TicketRequests.StatusChange change) {
        return tickets.append(caller.tenantId(), id,
                new TicketRequests.NewEvent(EventType.STATUS, change.at(), null, change.status(), null, null, null));
    }

    @POST
    @Path("/{id}/assignment")
    @Operation(operationId = "assignTicket", summary = "Assign the ticket to an agent")
    @APIResponse(responseCode = "200", description = "The ticket as changed")
    public Uni<TicketView> assign(@PathParam("id") String id, @NotNull @Valid TicketRequests.AgentAction action) {
        return tickets.append(caller.tenantId(), id,
                new TicketRequests.NewEvent(EventType.ASSIGNED, action.at(), action.agentId(), null, null, null, null));
    }

    @POST
    @Path("/{id}/replies")
    @Operation(operationId = "recordTicketReply", summary = "Record a public reply by an agent")
    @APIResponse(responseCode = "200", description = "The ticket as changed")
    public Uni<TicketView> reply(@PathParam("id") String id, @NotNull @Valid TicketRequests.AgentAction action) {
        return tickets.append(caller.tenantId(), id,
                new TicketRequests.NewEvent(EventType.AGENT_REPLY, action.at(), action.agentId(), null, null, null, null));
    }
}

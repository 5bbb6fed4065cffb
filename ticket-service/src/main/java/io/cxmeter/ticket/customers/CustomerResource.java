package io.cxmeter.ticket.customers;

import java.io.InputStream;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.cxmeter.imports.BulkImports;
import io.cxmeter.imports.ImportDocs;
import io.cxmeter.imports.ImportJob;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.imports.TenantIds;
import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.ticket.Page;
import io.cxmeter.ticket.erasure.CustomerErasures;
import io.cxmeter.ticket.erasure.ErasureView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/customers")
@Tag(name = "Customers",
        description = "Customers with their purchases and engagement, imported in bulk or one at a time, and erased on request")
public class CustomerResource {

    @Inject
    Caller caller;

    @Inject
    BulkImports imports;

    @Inject
    CustomerErasures erasures;

    @Inject
    CustomerService customers;

    @POST
    @Operation(operationId = "putCustomer", summary = "Create or replace a customer (since, churnedAt, referred, purchases, attributes)")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerDraft.class)))
    @APIResponse(responseCode = "422", description = "What is wrong, field by field; nothing stored")
    public Uni<RestResponse<CustomerDraft>> put(@NotNull CustomerLines.CustomerLine customer) {
        return customers.put(caller.tenantId(), customer)
                .map(stored -> RestResponse.ResponseBuilder.<CustomerDraft>created(UriBuilder.fromPath("/api/v1/customers/{id}").build(stored.id()))
                        .entity(stored).build());
    }

    @POST
    @Path("/import")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(operationId = "importCustomers", summary = "Import customers with their purchases (NDJSON); all or nothing; re-sent ids update")
    @APIResponse(responseCode = "200", description = ImportDocs.DONE,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "202", description = ImportDocs.JOB,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = ImportDocs.TOO_LARGE)
    @APIResponse(responseCode = "422", description = ImportDocs.BAD_LINES)
    @APIResponse(responseCode = "503", description = ImportDocs.BUSY)
    public Response importCustomers(InputStream body, @Context HttpHeaders headers) {
        return imports.accept(customers.customerImports(), caller.tenantId(), caller.get().timeZone(), "", body, headers).toResponse();
    }

    @GET
    @Path("/import/jobs/{id: " + ImportDocs.JOB_ID + "}")
    @Operation(operationId = "getCustomerImportJob", summary = "Follow a customer import that runs as a job")
    @APIResponse(responseCode = "200", description = ImportDocs.STATUS)
    @APIResponse(responseCode = "404", description = "No such import job for this tenant")
    public ImportJob customersImportJob(@PathParam("id") String id) {
        return imports.job(customers.customerImports().name(), caller.tenantId(), "", id);
    }

    @POST
    @Path("/events/import")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(operationId = "importEngagementEvents", summary = "Import engagement events (visit, social_reaction, login, …) (NDJSON); all or nothing; never duplicates")
    @APIResponse(responseCode = "200", description = ImportDocs.DONE,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "202", description = ImportDocs.JOB,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = ImportDocs.TOO_LARGE)
    @APIResponse(responseCode = "422", description = ImportDocs.BAD_LINES)
    @APIResponse(responseCode = "503", description = ImportDocs.BUSY)
    public Response importEngagement(InputStream body, @Context HttpHeaders headers) {
        return imports.accept(customers.engagementImports(), caller.tenantId(), caller.get().timeZone(), "", body, headers).toResponse();
    }

    @GET
    @Path("/events/import/jobs/{id: " + ImportDocs.JOB_ID + "}")
    @Operation(operationId = "getEngagementImportJob", summary = "Follow an engagement import that runs as a job")
    @APIResponse(responseCode = "200", description = ImportDocs.STATUS)
    @APIResponse(responseCode = "404", description = "No such import job for this tenant")
    public ImportJob engagementImportJob(@PathParam("id") String id) {
        return imports.job(customers.engagementImports().name(), caller.tenantId(), "", id);
    }

    @POST
    @Path("/events")
    @Operation(operationId = "recordEngagementEvent", summary = "Record one engagement event of a customer")
    @APIResponse(responseCode = "204", description = "Recorded (or already recorded)")
    @APIResponse(responseCode = "422", description = "What is wrong; nothing stored")
    public Uni<Void> engage(@NotNull CustomerLines.EngagementLine event) {
        return customers.engage(caller.tenantId(), event);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer with purchases")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No such customer for this tenant")
    public Uni<CustomerDraft> get(@PathParam("id") String id) {
        return customers.get(caller.tenantId(), id);
    }

    @GET
    @Operation(operationId = "listCustomers", summary = "List customers by id, a page at a time (purchases left out)")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as 'after' for the next one")
    public Uni<Page<CustomerDraft>> list(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return customers.list(caller.tenantId(), after, limit);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer everywhere (GDPR): tickets, purchases, engagement, survey responses and "
            + "comments, invitations, follow-ups and metrics; answers a receipt to follow")
    @APIResponse(responseCode = "202", description = "Erased in ticket-service; the receipt tells when every service is done",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "403", description = "Erasure needs the admin scope")
    public Uni<RestResponse<ErasureView>> erase(@PathParam("id") @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String id) {
        return erasures.request(caller.tenantId(), id)
                .map(receipt -> RestResponse.ResponseBuilder.<ErasureView>create(RestResponse.Status.ACCEPTED)
                        .location(UriBuilder.fromPath("/api/v1/customers/erasures/{id}").build(receipt.id()))
                        .entity(receipt).build());
    }

    @GET
    @Path("/erasures/{erasureId}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "getErasure", summary = "The receipt of an erasure: pending, then done, per service")
    @APIResponse(responseCode = "200", description = "The receipt: done once every service has erased the customer")
    @APIResponse(responseCode = "404", description = "No erasure of this tenant has this id")
    public Uni<ErasureView> erasure(@PathParam("erasureId") UUID erasureId) {
        return erasures.get(caller.tenantId(), erasureId);
    }
}

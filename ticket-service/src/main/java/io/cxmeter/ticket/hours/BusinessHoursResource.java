package io.cxmeter.ticket.hours;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Business hours: the tenant's default calendar and teams' own, which FRT, resolution time and
 * next-reply time measure with when asked for {@code clock=business}. A change re-measures all history
 * in the background; freshness is not up to date until that is done.
 */
@Path("/api/v1/business-hours")
@Tag(name = "Business hours", description = "When the tenant (or a team) is open: the clock of clock=business durations")
public class BusinessHoursResource {

    @Inject
    Caller caller;

    @Inject
    BusinessHoursStore store;

    @GET
    @Operation(operationId = "getBusinessHours", summary = "The tenant's default business hours")
    @APIResponse(responseCode = "200", description = "The calendar")
    @APIResponse(responseCode = "404", description = "None set: every hour is a business hour")
    public Uni<BusinessHoursView> getDefault() {
        return found(store.get(caller.tenantId(), BusinessHoursStore.DEFAULT), "No business hours are set; every hour counts");
    }

    @PUT
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "putBusinessHours", summary = "Set the tenant's default business hours (admin); every ticket is "
            + "measured again with them in the background")
    @APIResponse(responseCode = "200", description = "The calendar as stored")
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was changed")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    public Uni<BusinessHoursView> putDefault(@NotNull BusinessHours hours) {
        return store.put(caller.tenantId(), BusinessHoursStore.DEFAULT, hours.normalized(caller.get().timeZone()), caller.get().timeZone());
    }

    static Uni<BusinessHoursView> found(Uni<BusinessHoursView> view, String otherwise) {
        return view.map(v -> {
            if (v == null) {
                throw ProblemException.notFound(otherwise);
            }
            return v;
        });
    }
}

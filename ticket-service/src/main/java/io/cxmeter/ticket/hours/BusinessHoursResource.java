package io.cxmeter.ticket.hours;

import java.util.List;

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
    @Operation(operationId = "getBusinessHours", summary = "The tenant's default business hours; until set, open around the "
            + "clock in the tenant's zone (updatedAt null)")
    @APIResponse(responseCode = "200", description = "The calendar in force")
    public Uni<BusinessHoursView> getDefault() {
        return store.get(caller.tenantId(), BusinessHoursStore.DEFAULT)
                .map(view -> view != null ? view : BusinessHoursView.aroundTheClock(caller.get().timeZone()));
    }

    @GET
    @Path("/teams")
    @Operation(operationId = "listTeamBusinessHours", summary = "The teams that have business hours of their own, by team id; "
            + "every other team uses the default")
    @APIResponse(responseCode = "200", description = "Their calendars")
    public Uni<List<BusinessHoursView>> listTeams() {
        return store.teams(caller.tenantId());
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
}

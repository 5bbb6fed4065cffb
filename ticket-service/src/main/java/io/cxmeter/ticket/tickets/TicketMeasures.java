package io.cxmeter.ticket.tickets;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.TicketUpserted;
import io.cxmeter.ticket.hours.BusinessHoursStore;
import io.cxmeter.ticket.sla.SlaPolicy;
import io.cxmeter.ticket.sla.SlaPolicyStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a ticket is measured with besides its history, sent with it to metrics-service: the business
 * hours of its team (else the tenant's default) and the SLA policy it follows.
 */
@ApplicationScoped
public class TicketMeasures {

    /** A tenant's calendars and policies, read once per write. */
    public record Measures(Map<String, TicketUpserted.BusinessHours> calendars, List<SlaPolicy> policies) {

        /** The ticket's event as this version: its history, business hours and SLA policy. */
        TicketUpserted event(TicketView ticket, long version) {
            return new TicketUpserted(ticket.id(), version, ticket.channel(), ticket.priority(), ticket.team(),
                    ticket.customerId(), ticket.tags(), ticket.createdAt(), ticket.events(),
                    BusinessHoursStore.forTeam(calendars, ticket.team()),
                    SlaPolicyStore.forTicket(policies, ticket.priority().wire(), ticket.channel().wire()));
        }
    }

    @Inject
    BusinessHoursStore businessHours;

    @Inject
    SlaPolicyStore slaPolicies;

    public Uni<Measures> load(SqlConnection connection, String tenantId) {
        return businessHours.calendars(connection, tenantId).flatMap(calendars -> slaPolicies.policies(connection, tenantId)
                .map(policies -> new Measures(calendars, policies)));
    }
}

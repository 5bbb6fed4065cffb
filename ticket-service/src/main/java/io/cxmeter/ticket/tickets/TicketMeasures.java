package io.cxmeter.ticket.tickets;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    public record Measures(Map<String, Map<String, Object>> calendars, List<SlaPolicy> policies) {

        /** Adds {@code businessHours} and {@code slaPolicy} to the ticket's payload, where there are any. */
        void addTo(Map<String, Object> payload, TicketView ticket) {
            Map<String, Object> hours = BusinessHoursStore.forTeam(calendars, ticket.team());
            if (hours != null) {
                payload.put("businessHours", hours);
            }
            Map<String, Object> policy = SlaPolicyStore.forTicket(policies, ticket.priority().wire(), ticket.channel().wire());
            if (policy != null) {
                payload.put("slaPolicy", policy);
            }
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

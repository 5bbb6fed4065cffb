package io.cxmeter.ticket.agents;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Every query takes the tenant first: there is no way to read agents across tenants. */
@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, UUID> {

    public Uni<Agent> findByAgentId(String tenantId, String agentId) {
        return find("tenantId = :tenant and agentId = :agent",
                Parameters.with("tenant", tenantId).and("agent", agentId)).firstResult();
    }

    /** A page ordered by the tenant's agent id, starting after {@code afterAgentId} when given. */
    public Uni<List<Agent>> page(String tenantId, String afterAgentId, int limit) {
        String query = afterAgentId == null
                ? "tenantId = :tenant order by agentId"
                : "tenantId = :tenant and agentId > :after order by agentId";
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (afterAgentId != null) {
            parameters.and("after", afterAgentId);
        }
        return find(query, parameters).range(0, limit - 1).list();
    }
}

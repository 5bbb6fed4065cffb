package io.cxmeter.ticket.agents;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AgentService {

    @Inject
    AgentRepository agents;

    @WithTransaction
    public Uni<AgentView> create(String tenantId, AgentRequest request) {
        return agents.findByAgentId(tenantId, request.id()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Agent '" + request.id() + "' exists already.");
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            Agent agent = new Agent();
            agent.id = UUID.randomUUID();
            agent.tenantId = tenantId;
            agent.agentId = request.id();
            agent.name = request.name().strip();
            agent.team = request.team();
            agent.active = request.active() == null || request.active();
            agent.createdAt = now;
            agent.updatedAt = now;
            return agents.persist(agent).map(AgentView::of);
        });
    }

    @WithTransaction
    public Uni<AgentView> update(String tenantId, String agentId, AgentChanges changes) {
        return agents.findByAgentId(tenantId, agentId).map(agent -> {
            if (agent == null) {
                throw ProblemException.notFound("No agent '" + agentId + "'.");
            }
            if (changes.name() != null) {
                agent.name = changes.name().strip();
            }
            if (changes.team() != null) {
                agent.team = changes.team().isBlank() ? null : changes.team();
            }
            if (changes.active() != null) {
                agent.active = changes.active();
            }
            agent.updatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return AgentView.of(agent);
        });
    }

    @WithSession
    public Uni<AgentView> get(String tenantId, String agentId) {
        return agents.findByAgentId(tenantId, agentId).map(agent -> {
            if (agent == null) {
                throw ProblemException.notFound("No agent '" + agentId + "'.");
            }
            return AgentView.of(agent);
        });
    }

    @WithSession
    public Uni<Page<AgentView>> list(String tenantId, String after, int limit) {
        // One extra row tells whether another page follows.
        return agents.page(tenantId, after, limit + 1).map(rows -> {
            List<AgentView> items = rows.stream().limit(limit).map(AgentView::of).toList();
            String next = rows.size() > limit ? items.get(items.size() - 1).id() : null;
            return new Page<>(items, next);
        });
    }
}

package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Every query takes the tenant first: there is no way to read surveys across tenants. */
@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    public Uni<Survey> findForTenant(String tenantId, UUID id) {
        return find("tenantId = :tenant and id = :id", Parameters.with("tenant", tenantId).and("id", id)).firstResult();
    }

    /** Newest first; {@code before} is the creation time and id of the last survey of the previous page. */
    public Uni<List<Survey>> page(String tenantId, SurveyCursor before, int limit) {
        if (before == null) {
            return find("tenantId = :tenant order by createdAt desc, id desc", Parameters.with("tenant", tenantId))
                    .range(0, limit - 1).list();
        }
        return find("tenantId = :tenant and (createdAt < :at or (createdAt = :at and id < :id))"
                + " order by createdAt desc, id desc",
                Parameters.with("tenant", tenantId).and("at", before.createdAt()).and("id", before.id()))
                .range(0, limit - 1).list();
    }

    record SurveyCursor(OffsetDateTime createdAt, UUID id) {
    }
}

package io.cxmeter.gateway.tenants;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxmeter.gateway.identity.TenantRef;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Tenants by id. */
@ApplicationScoped
public class TenantDirectory implements PanacheRepositoryBase<Tenant, String> {

    /** The registered tenant, or null. */
    @WithSession
    public Uni<TenantRef> find(String tenantId) {
        return findById(tenantId).map(tenant -> tenant == null ? null : tenant.ref());
    }
}

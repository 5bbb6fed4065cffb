package io.cxmeter.gateway.tenants;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.gateway.apikeys.ApiKeyService;
import io.cxmeter.gateway.identity.Roles;
import io.cxmeter.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantService {

    @Inject
    TenantDirectory tenants;

    @Inject
    ApiKeyService apiKeys;

    /** Registers the tenant and issues its first admin key in the same transaction. */
    @WithTransaction
    public Uni<RegisteredTenant> register(TenantRequest request) {
        return tenants.findById(request.id()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Tenant '" + request.id() + "' exists already.");
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            Tenant tenant = new Tenant();
            tenant.id = request.id();
            tenant.name = request.name().strip();
            tenant.timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
            tenant.currency = request.currency();
            tenant.createdAt = now;
            tenant.updatedAt = now;
            return tenants.persist(tenant)
                    .flatMap(saved -> apiKeys.issue(saved.id, "initial admin key", Set.of(Roles.ADMIN)))
                    .map(key -> new RegisteredTenant(TenantView.of(tenant), key));
        });
    }

    @WithSession
    public Uni<TenantView> get(String tenantId) {
        return tenants.findById(tenantId).map(tenant -> {
            if (tenant == null) {
                throw ProblemException.notFound("Tenant '" + tenantId + "' is not registered.");
            }
            return TenantView.of(tenant);
        });
    }

    @WithTransaction
    public Uni<TenantView> update(String tenantId, TenantSettingsRequest changes) {
        return tenants.findById(tenantId).map(tenant -> {
            if (tenant == null) {
                throw ProblemException.notFound("Tenant '" + tenantId + "' is not registered.");
            }
            if (changes.name() != null) {
                tenant.name = changes.name().strip();
            }
            if (changes.timeZone() != null) {
                tenant.timeZone = changes.timeZone();
            }
            if (changes.currency() != null) {
                tenant.currency = changes.currency();
            }
            tenant.updatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return TenantView.of(tenant);
        });
    }
}

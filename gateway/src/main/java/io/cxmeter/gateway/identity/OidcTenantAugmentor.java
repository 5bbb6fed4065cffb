package io.cxmeter.gateway.identity;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.cxmeter.gateway.tenants.TenantDirectory;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Gives an identity verified by the tenant's OIDC provider its tenant (from the configured claim)
 * and its tenant roles. API-key identities arrive with both already and pass through.
 */
@ApplicationScoped
public class OidcTenantAugmentor implements SecurityIdentityAugmentor {

    @Inject
    OidcConfig config;

    @Inject
    TenantDirectory tenants;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = Roles.expand(identity.getRoles());
        if (roles.isEmpty()) {
            roles = Roles.expand(config.defaultRoles());
        }
        Set<String> granted = new HashSet<>(roles);
        Object claim = token.getClaim(config.tenantClaim());
        String tenantId = claim == null ? null : claim.toString();
        if (tenantId == null || tenantId.isBlank()) {
            return Uni.createFrom().item(GatewayCaller.withTenant(identity, null, null, granted));
        }
        return tenants.find(tenantId)
                .map(tenant -> GatewayCaller.withTenant(identity, tenantId, tenant, granted));
    }
}

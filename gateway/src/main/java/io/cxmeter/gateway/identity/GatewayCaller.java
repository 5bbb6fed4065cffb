package io.cxmeter.gateway.identity;

import java.util.Set;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * Reads the tenant a verified caller acts for. API keys belong to a tenant; OIDC tokens claim one,
 * which may not be registered; the platform admin acts for none.
 */
public final class GatewayCaller {

    /** The {@link TenantRef} of a registered tenant. */
    static final String TENANT = "cxmeter.tenant";
    /** The tenant id a token claims, registered or not. */
    static final String CLAIMED_TENANT = "cxmeter.claimed-tenant";

    private GatewayCaller() {
    }

    public static SecurityIdentity withTenant(SecurityIdentity identity, String claimedTenant, TenantRef tenant,
            Set<String> roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .setAnonymous(false);
        if (claimedTenant != null) {
            builder.addAttribute(CLAIMED_TENANT, claimedTenant);
        }
        if (tenant != null) {
            builder.addAttribute(TENANT, tenant);
        }
        return builder.build();
    }

    /**
     * The registered tenant of the caller; 403 when the credentials name no tenant, 404 when they
     * name one that is not registered here.
     */
    public static TenantRef requireTenant(SecurityIdentity identity) {
        TenantRef tenant = identity.getAttribute(TENANT);
        if (tenant != null) {
            return tenant;
        }
        String claimed = identity.getAttribute(CLAIMED_TENANT);
        if (claimed == null) {
            throw ProblemException.forbidden("These credentials are not bound to a tenant.");
        }
        throw ProblemException.notFound("Tenant '" + claimed + "' is not registered.");
    }

    /** The tenant a verified caller acts for, registered or only claimed; null for none (platform admin, anonymous). */
    public static String tenantIdOf(SecurityIdentity identity) {
        TenantRef tenant = identity.getAttribute(TENANT);
        return tenant != null ? tenant.id() : identity.getAttribute(CLAIMED_TENANT);
    }

    /** Whose bucket a caller's requests draw from: one per API key or OIDC subject, within its tenant. */
    public static String rateLimitKey(SecurityIdentity identity) {
        String tenant = tenantIdOf(identity);
        return (tenant == null ? "-" : tenant) + ":" + identity.getPrincipal().getName();
    }

    /** What the services are told about the caller, in the internal token. */
    public static InternalCaller toInternal(SecurityIdentity identity) {
        TenantRef tenant = requireTenant(identity);
        return new InternalCaller(tenant.id(), identity.getPrincipal().getName(), Roles.expand(identity.getRoles()),
                tenant.timeZone(), tenant.currency());
    }
}

package io.cxmeter.internalauth;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request as the gateway vouched for it. A service injects this and
 * passes {@link #tenantId()} to every query; nothing in the request body or headers can change it.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    private InternalCaller caller;

    public InternalCaller get() {
        if (caller == null) {
            String tenant = claim(InternalToken.TENANT_CLAIM);
            if (tenant == null || tenant.isBlank() || token.getSubject() == null) {
                // Signed by the gateway but not for a tenant: never serve tenant data on it.
                throw new UnauthorizedException("The internal token names no tenant");
            }
            Set<String> roles = token.getGroups() == null ? Set.of() : token.getGroups();
            caller = new InternalCaller(tenant, token.getSubject(), roles,
                    claim(InternalToken.TIME_ZONE_CLAIM), claim(InternalToken.CURRENCY_CLAIM));
        }
        return caller;
    }

    /**
     * A claim of the verified token, as text (null when absent or not text). Read from the token's
     * claims as parsed: {@link JsonWebToken#getClaim} first tries the name as a standard claim
     * ({@code Claims.valueOf}), which throws and fills a stack trace for each of our own claims,
     * three per request (3 % of metrics-service's CPU on FRT by agent).
     */
    private String claim(String name) {
        Object value = identity.getPrincipal() instanceof OidcJwtCallerPrincipal verified
                ? verified.getClaims().getClaimValue(name)
                : token.getClaim(name);
        return value instanceof String text ? text : null;
    }

    public String tenantId() {
        return get().tenantId();
    }
}

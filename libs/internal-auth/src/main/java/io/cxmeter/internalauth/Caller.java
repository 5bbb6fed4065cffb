package io.cxmeter.internalauth;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/**
 * The caller of the current request as the gateway vouched for it. A service injects this and
 * passes {@link #tenantId()} to every query; nothing in the request body or headers can change it.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    private InternalCaller caller;

    public InternalCaller get() {
        if (caller == null) {
            String tenant = token.getClaim(InternalToken.TENANT_CLAIM);
            if (tenant == null || tenant.isBlank() || token.getSubject() == null) {
                // Signed by the gateway but not for a tenant: never serve tenant data on it.
                throw new UnauthorizedException("The internal token names no tenant");
            }
            Set<String> roles = token.getGroups() == null ? Set.of() : token.getGroups();
            caller = new InternalCaller(tenant, token.getSubject(), roles,
                    token.getClaim(InternalToken.TIME_ZONE_CLAIM), token.getClaim(InternalToken.CURRENCY_CLAIM));
        }
        return caller;
    }

    public String tenantId() {
        return get().tenantId();
    }
}

package io.cxmeter.gateway.identity;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a tenant's OIDC access token maps to a tenant and roles. */
@ConfigMapping(prefix = "cxmeter.oidc")
public interface OidcConfig {

    /** The claim that carries the tenant id, as registered with {@code POST /api/v1/tenants}. */
    @WithDefault("tenant_id")
    String tenantClaim();

    /** Roles for a token whose roles claim holds none of read, write, admin. */
    @WithDefault("read")
    Set<String> defaultRoles();
}

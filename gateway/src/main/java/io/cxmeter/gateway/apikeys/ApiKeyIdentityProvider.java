package io.cxmeter.gateway.apikeys;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a presented API key into an identity: a tenant key with its scopes, or the platform admin. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ApiKeyService apiKeys;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        if (apiKeys.isPlatformAdminKey(request.key())) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(Roles.PLATFORM_ADMIN))
                    .addRole(Roles.PLATFORM_ADMIN)
                    .build());
        }
        return apiKeys.authenticate(request.key()).map(match -> {
            if (match == null) {
                throw new AuthenticationFailedException("Unknown or revoked API key");
            }
            SecurityIdentity key = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-key:" + match.keyId()))
                    .build();
            Set<String> roles = Roles.expand(match.scopes());
            return GatewayCaller.withTenant(key, match.tenant().id(), match.tenant(), roles);
        });
    }
}

package io.cxmeter.internalauth;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs internal tokens with the gateway's private key (RS256). */
public final class InternalTokenMinter {

    private final PrivateKey signingKey;
    private final Duration lifetime;

    public InternalTokenMinter(PrivateKey signingKey, Duration lifetime) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    public String mint(InternalCaller caller) {
        JwtClaimsBuilder claims = Jwt.issuer(InternalToken.ISSUER)
                .audience(InternalToken.AUDIENCE)
                .subject(caller.subject())
                .claim(InternalToken.TENANT_CLAIM, caller.tenantId())
                .claim(InternalToken.TIME_ZONE_CLAIM, caller.timeZone())
                .groups(caller.roles())
                .expiresIn(lifetime);
        if (caller.currency() != null) {
            claims.claim(InternalToken.CURRENCY_CLAIM, caller.currency());
        }
        return claims.jws().sign(signingKey);
    }
}

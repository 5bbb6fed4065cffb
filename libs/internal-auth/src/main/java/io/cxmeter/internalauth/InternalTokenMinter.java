package io.cxmeter.internalauth;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs internal tokens (RS256): the gateway's for calls it forwards, and an event producer's for
 * the batches its outbox delivers to metrics-service (own issuer, key and audience).
 */
public final class InternalTokenMinter {

    private final PrivateKey signingKey;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;

    /** The gateway's minter. */
    public InternalTokenMinter(PrivateKey signingKey, Duration lifetime) {
        this(signingKey, lifetime, InternalToken.ISSUER, InternalToken.AUDIENCE);
    }

    public InternalTokenMinter(PrivateKey signingKey, Duration lifetime, String issuer, String audience) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
    }

    /**
     * A service's minter for calls to another service's {@code /internal} endpoints: signed with the
     * producers' key (base64 PKCS#8), for the services' audience, one minute each.
     */
    public static InternalTokenMinter forPeerCalls(String producersSigningKey, String service) {
        return new InternalTokenMinter(RsaKeys.privateKey(producersSigningKey), Duration.ofMinutes(1),
                "cxmeter-" + service, InternalToken.AUDIENCE);
    }

    /** A peer call's token for a tenant, naming its zone as the gateway's token would. */
    public String mintPeerCall(String service, String tenantId, String zone) {
        return mint(new InternalCaller(tenantId, service, java.util.Set.of(InternalToken.PRODUCER_ROLE),
                zone == null ? "UTC" : zone, null));
    }

    public String mint(InternalCaller caller) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(audience)
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

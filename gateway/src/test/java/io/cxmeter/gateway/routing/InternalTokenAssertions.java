package io.cxmeter.gateway.routing;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.cxmeter.internalauth.InternalToken;
import io.cxmeter.testing.TestKeys;

/** Verifies a forwarded internal token as a service would: signature, issuer, audience, expiry. */
public final class InternalTokenAssertions {

    private InternalTokenAssertions() {
    }

    public static JwtClaims verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            throw new AssertionError("No bearer token was forwarded: " + authorizationHeader);
        }
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(TestKeys.GATEWAY.getPublic())
                    .setExpectedIssuer(InternalToken.ISSUER)
                    .setExpectedAudience(InternalToken.AUDIENCE)
                    .setRequireExpirationTime()
                    .build()
                    .processToClaims(authorizationHeader.substring("Bearer ".length()));
        } catch (InvalidJwtException e) {
            throw new AssertionError("The forwarded token does not verify: " + e.getMessage(), e);
        }
    }
}

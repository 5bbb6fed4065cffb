package io.cxmeter.testing;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.InternalToken;
import io.cxmeter.internalauth.InternalTokenMinter;
import io.smallrye.jwt.build.Jwt;

/** Internal tokens as the gateway would mint them, and the forgeries a service must refuse. */
public final class TestTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private TestTokens() {
    }

    /** A token for a tenant admin (all roles). */
    public static String forTenant(String tenantId) {
        return forTenant(tenantId, InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE, InternalCaller.ROLE_ADMIN);
    }

    public static String forTenant(String tenantId, String... roles) {
        return mint(TestKeys.GATEWAY.getPrivate(), tenantId, roles);
    }

    /** A well-formed token for the tenant, signed by a key the gateway does not hold. */
    public static String signedByStranger(String tenantId) {
        return mint(TestKeys.STRANGER.getPrivate(), tenantId, InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE);
    }

    /** A token for a tenant admin of a tenant whose time zone is {@code zone}. */
    public static String forTenantInZone(String tenantId, String zone) {
        return new InternalTokenMinter(TestKeys.GATEWAY.getPrivate(), LIFETIME).mint(new InternalCaller(tenantId, "test-user",
                Set.of(InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE, InternalCaller.ROLE_ADMIN), zone, "EUR"));
    }

    /** What an event producer's outbox sends metrics-service for one tenant's batch. */
    public static String producer(String tenantId) {
        return producer(tenantId, "UTC");
    }

    /** A producer's token for a tenant whose time zone is {@code zone}. */
    public static String producer(String tenantId, String zone) {
        return new InternalTokenMinter(TestKeys.EVENTS.getPrivate(), LIFETIME, "cxmeter-test-producer", InternalToken.EVENTS_AUDIENCE)
                .mint(new InternalCaller(tenantId, "test-producer", Set.of(InternalToken.PRODUCER_ROLE), zone, null));
    }

    /**
     * What one service sends another on {@code /internal} (survey-service opening a follow-up ticket):
     * signed with the producers' key, for the services' audience.
     */
    public static String peer(String tenantId) {
        return new InternalTokenMinter(TestKeys.EVENTS.getPrivate(), LIFETIME, "cxmeter-test-peer", InternalToken.AUDIENCE)
                .mint(new InternalCaller(tenantId, "test-peer", Set.of(InternalToken.PRODUCER_ROLE), "UTC", null));
    }

    /** Signed by the gateway's key, but expired five minutes ago. */
    public static String expired(String tenantId) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(InternalToken.ISSUER).audience(InternalToken.AUDIENCE).subject("test-user")
                .claim(InternalToken.TENANT_CLAIM, tenantId).groups(InternalCaller.ROLE_READ)
                .issuedAt(now - 900).expiresAt(now - 300)
                .jws().sign(TestKeys.GATEWAY.getPrivate());
    }

    /** Signed by the gateway's key, but meant for another audience. */
    public static String forAnotherAudience(String tenantId) {
        return Jwt.issuer(InternalToken.ISSUER).audience("someone-else").subject("test-user")
                .claim(InternalToken.TENANT_CLAIM, tenantId).groups(InternalCaller.ROLE_READ)
                .expiresIn(300).jws().sign(TestKeys.GATEWAY.getPrivate());
    }

    /** Signed by the gateway's key, but naming no tenant. */
    public static String withoutTenant() {
        return Jwt.issuer(InternalToken.ISSUER).audience(InternalToken.AUDIENCE).subject("test-user")
                .groups(InternalCaller.ROLE_READ).expiresIn(300).jws().sign(TestKeys.GATEWAY.getPrivate());
    }

    /** Signed by the gateway's key, but its tenant claim is a number, not a tenant id. */
    public static String withNumericTenant() {
        return Jwt.issuer(InternalToken.ISSUER).audience(InternalToken.AUDIENCE).subject("test-user")
                .claim(InternalToken.TENANT_CLAIM, 42).groups(InternalCaller.ROLE_READ).expiresIn(300).jws()
                .sign(TestKeys.GATEWAY.getPrivate());
    }

    private static String mint(PrivateKey key, String tenantId, String... roles) {
        return new InternalTokenMinter(key, LIFETIME)
                .mint(new InternalCaller(tenantId, "test-user", Set.of(roles), "UTC", "EUR"));
    }
}

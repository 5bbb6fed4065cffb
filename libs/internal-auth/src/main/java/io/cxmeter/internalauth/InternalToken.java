package io.cxmeter.internalauth;

/**
 * The contract of the JWT the gateway mints for every call it forwards to a service. Services
 * verify it with the gateway's public key and take the tenant only from it.
 */
public final class InternalToken {

    /** {@code iss} of every internal token; services reject any other issuer. */
    public static final String ISSUER = "cxmeter-gateway";
    /** {@code aud} of every internal token; services reject any other audience. */
    public static final String AUDIENCE = "cxmeter-services";

    /** {@code aud} of the tokens event producers (survey-, ticket-service) sign for metrics-service. */
    public static final String EVENTS_AUDIENCE = "cxmeter-metrics";
    /** The one role of a producer token: it may deliver events for its tenant, nothing else. */
    public static final String PRODUCER_ROLE = "event-producer";

    public static final String TENANT_CLAIM = "tenant";
    public static final String ROLES_CLAIM = "groups";
    public static final String TIME_ZONE_CLAIM = "tz";
    public static final String CURRENCY_CLAIM = "currency";

    private InternalToken() {
    }
}

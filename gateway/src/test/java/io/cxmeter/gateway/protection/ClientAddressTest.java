package io.cxmeter.gateway.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Whose bucket a request draws from: forwarded addresses count only from a trusted proxy. */
class ClientAddressTest {

    private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));
    private final ClientAddress exposed = new ClientAddress(List.of());

    @Test
    void aClientReachingTheGatewayDirectlyCannotChooseItsAddress() {
        assertEquals("203.0.113.7", exposed.of("203.0.113.7", null, "198.51.100.1"));
        assertEquals("203.0.113.7", behindIngress.of("203.0.113.7", "for=198.51.100.1", "198.51.100.1"));
    }

    @Test
    void behindTheTrustedIngressEachVisitorHasItsOwnAddress() {
        assertEquals("198.51.100.1", behindIngress.of("10.2.0.5", null, "198.51.100.1"));
        assertEquals("198.51.100.2", behindIngress.of("10.2.0.5", null, "198.51.100.2"));
        // A client's own X-Forwarded-For entries come first; the nearest untrusted hop is the client.
        assertEquals("198.51.100.9", behindIngress.of("10.2.0.5", null, "1.2.3.4, 198.51.100.9, 10.1.0.1"));
        assertEquals("2001:db8::7", behindIngress.of("fd00::1", "for=\"[2001:db8::7]:4711\"", null));
        assertEquals("198.51.100.3", behindIngress.of("10.2.0.5", "for=198.51.100.3:1234;proto=https", "9.9.9.9"));
    }

    @Test
    void withoutForwardedHeadersOrWithNamesTheProxyItselfCounts() {
        assertEquals("10.2.0.5", behindIngress.of("10.2.0.5", null, null));
        assertEquals("unknown-host", behindIngress.of("10.2.0.5", null, "unknown-host"));
        assertEquals("unknown", behindIngress.of(null, null, null));
    }
}

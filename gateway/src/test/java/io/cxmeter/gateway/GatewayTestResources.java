package io.cxmeter.gateway;

import io.cxmeter.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Every gateway test runs on an embedded PostgreSQL, a real token-issuing OIDC server (WireMock),
 * stand-ins for the three services, and the test key pair as the gateway's signing key.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(GatewayKeyResource.class)
public class GatewayTestResources {
}

package io.cxmeter.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services listen, and how the gateway connects to them. */
@ConfigMapping(prefix = "cxmeter.services")
public interface ServicesConfig {

    URI survey();

    URI ticket();

    URI metrics();

    @WithDefault("PT2S")
    Duration connectTimeout();

    @WithDefault("200")
    int maxConnectionsPerService();
}

package io.cxmeter.gateway.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The key and lifetime of the internal JWT the gateway mints for each forwarded call. */
@ConfigMapping(prefix = "cxmeter.internal-token")
public interface InternalTokenConfig {

    /** Base64 PKCS#8 RSA private key; the services hold the public half. */
    String privateKey();

    /** Short: a token only has to outlive one call. */
    @WithDefault("PT60S")
    Duration lifetime();
}

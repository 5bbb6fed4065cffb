package io.cxmeter.gateway.protection;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway faces the public: the address callers use and what anonymous requests may send. */
@ConfigMapping(prefix = "cxmeter.public")
public interface PublicConfig {

    /**
     * Where callers reach this installation's gateway: the API document's one server. Unset, the
     * server is "/", the host that served the document.
     */
    Optional<String> url();

    /** The largest body a request to a public path (survey widgets, links) may carry. */
    @WithDefault("64K")
    MemorySize bodyLimit();
}

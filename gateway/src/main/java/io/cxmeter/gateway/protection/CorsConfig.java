package io.cxmeter.gateway.protection;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Which browser origins may call the authenticated API. */
@ConfigMapping(prefix = "cxmeter.cors")
public interface CorsConfig {

    /** Origins of the tenants' own dashboards; the console is served by the gateway itself and needs none. */
    Optional<List<String>> dashboardOrigins();
}

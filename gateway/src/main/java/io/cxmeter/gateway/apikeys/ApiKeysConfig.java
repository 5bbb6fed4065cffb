package io.cxmeter.gateway.apikeys;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cxmeter.api-keys")
public interface ApiKeysConfig {

    /** Secret mixed into every stored key hash (at least 32 characters). */
    String pepper();

    /** The platform operator's key: it registers tenants and reads no tenant's data. */
    Optional<String> platformAdminKey();

    /**
     * How long a replica may answer from memory for a key it verified ({@link ApiKeyCache}); changes
     * to keys and tenants reach it at once regardless. 0 asks the database on every request.
     */
    @WithDefault("PT30S")
    Duration cacheFor();
}

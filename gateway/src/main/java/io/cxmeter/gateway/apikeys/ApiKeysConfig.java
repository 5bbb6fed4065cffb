package io.cxmeter.gateway.apikeys;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "cxmeter.api-keys")
public interface ApiKeysConfig {

    /** Secret mixed into every stored key hash (at least 32 characters). */
    String pepper();

    /** The platform operator's key: it registers tenants and reads no tenant's data. */
    Optional<String> platformAdminKey();
}

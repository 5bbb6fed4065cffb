package io.cxmeter.gateway.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request that presented {@code X-Api-Key}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

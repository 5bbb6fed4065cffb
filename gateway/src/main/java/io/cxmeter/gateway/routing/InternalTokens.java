package io.cxmeter.gateway.routing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.internalauth.RsaKeys;
import io.quarkus.runtime.Startup;

/** Mints the internal JWT; a missing or malformed key fails the start, not the first request. */
@Startup
@ApplicationScoped
public class InternalTokens {

    @Inject
    InternalTokenConfig config;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        minter = new InternalTokenMinter(RsaKeys.privateKey(config.privateKey()), config.lifetime());
    }

    public String mint(InternalCaller caller, String requestId) {
        return minter.mint(caller, requestId);
    }
}

package io.cxmeter.gateway.routing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.internalauth.RsaKeys;
import io.quarkus.runtime.Startup;

/**
 * Mints the internal JWT; a missing or malformed key fails the start, not the first request.
 * An RSA signature costs milliseconds of CPU, more than the rest of a forwarded call, so a
 * caller's token is reused while more than half of its lifetime is left: it names only who calls
 * (tenant, subject, roles, zone, currency), which does not change from one request to the next.
 * The request id travels as the {@code X-Request-Id} header.
 */
@Startup
@ApplicationScoped
public class InternalTokens {

    /** Callers remembered at most (API keys and signed-in users active in the last half lifetime). */
    private static final int MAX_CALLERS = 10_000;

    @Inject
    InternalTokenConfig config;

    private InternalTokenMinter minter;
    private final Map<InternalCaller, Minted> recent = new ConcurrentHashMap<>();

    private record Minted(String token, Instant reuseUntil) {
    }

    @PostConstruct
    void init() {
        minter = new InternalTokenMinter(RsaKeys.privateKey(config.privateKey()), config.lifetime());
    }

    public String mint(InternalCaller caller) {
        Instant now = Instant.now();
        Minted minted = recent.get(caller);
        if (minted != null && now.isBefore(minted.reuseUntil())) {
            return minted.token();
        }
        if (recent.size() >= MAX_CALLERS) {
            recent.values().removeIf(m -> !now.isBefore(m.reuseUntil()));
            if (recent.size() >= MAX_CALLERS) {
                recent.clear();
            }
        }
        Minted fresh = new Minted(minter.mint(caller), now.plus(config.lifetime().dividedBy(2)));
        recent.put(caller, fresh);
        return fresh.token();
    }
}

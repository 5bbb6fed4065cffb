package io.cxmeter.testing;

import java.util.Map;

import io.cxmeter.internalauth.RsaKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes a service under test trust {@link TestKeys#GATEWAY} as the gateway's key. */
public class InternalTokenResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.public-key", RsaKeys.encode(TestKeys.GATEWAY.getPublic()));
    }

    @Override
    public void stop() {
    }
}

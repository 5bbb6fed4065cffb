package io.cxmeter.gateway;

import java.util.Map;

import io.cxmeter.internalauth.RsaKeys;
import io.cxmeter.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The gateway under test signs with {@link TestKeys#GATEWAY}. */
public class GatewayKeyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("cxmeter.internal-token.private-key", RsaKeys.encode(TestKeys.GATEWAY.getPrivate()));
    }

    @Override
    public void stop() {
    }
}

package io.cxmeter.testing;

import java.util.Map;

import io.cxmeter.internalauth.RsaKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes a service under test trust {@link TestKeys#EVENTS} on /internal: event delivery, follow-up tickets. */
public class EventReceiverResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.producers.public-key", RsaKeys.encode(TestKeys.EVENTS.getPublic()));
    }

    @Override
    public void stop() {
    }
}

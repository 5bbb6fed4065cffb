package io.cxmeter.testing;

import java.security.KeyPair;

import io.cxmeter.internalauth.RsaKeys;

/** Key pairs made for this test run: nothing secret is committed, not even for tests. */
public final class TestKeys {

    /** Plays the gateway's signing key. */
    public static final KeyPair GATEWAY = RsaKeys.generate();
    /** Plays the event producers' signing key, which metrics-service trusts on /internal only. */
    public static final KeyPair EVENTS = RsaKeys.generate();
    /** A key the services must not trust. */
    public static final KeyPair STRANGER = RsaKeys.generate();

    private TestKeys() {
    }
}

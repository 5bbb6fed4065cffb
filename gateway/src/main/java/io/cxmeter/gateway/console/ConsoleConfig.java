package io.cxmeter.gateway.console;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How people sign in to the console. */
@ConfigMapping(prefix = "cxmeter.console")
public interface ConsoleConfig {

    /** The console's public OIDC client (Authorization Code with PKCE); unset, people sign in with API keys only. */
    Optional<String> oidcClientId();
}

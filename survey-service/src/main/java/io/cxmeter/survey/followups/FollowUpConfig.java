package io.cxmeter.survey.followups;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How survey-service opens follow-up tickets in ticket-service. */
@ConfigMapping(prefix = "cxmeter.follow-ups")
public interface FollowUpConfig {

    /** Off in tests that do not play ticket-service. */
    boolean enabled();

    /** Base64 PKCS#8 private key the calls are signed with (the producers' key, EVENTS_SIGNING_KEY). */
    String signingKey();

    /** How often pending follow-ups are tried. */
    @WithDefault("1s")
    Duration interval();

    /** The longest wait between two tries of one follow-up. */
    @WithDefault("5m")
    Duration maxBackoff();
}

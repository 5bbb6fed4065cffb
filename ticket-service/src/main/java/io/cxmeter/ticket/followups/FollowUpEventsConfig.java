package io.cxmeter.ticket.followups;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How follow-ups opened and resolved reach survey-service, which delivers them to the tenant's webhooks. */
@ConfigMapping(prefix = "cxmeter.follow-up-events")
public interface FollowUpEventsConfig {

    /** Off in tests that do not play survey-service. */
    boolean enabled();

    /** Base64 PKCS#8 private key the calls are signed with (the producers' key, EVENTS_SIGNING_KEY). */
    String signingKey();

    /** How often waiting events are reported. */
    @WithDefault("1s")
    Duration interval();

    /** The longest wait between two reports of one event while survey-service is down. */
    @WithDefault("PT30S")
    Duration maxBackoff();
}

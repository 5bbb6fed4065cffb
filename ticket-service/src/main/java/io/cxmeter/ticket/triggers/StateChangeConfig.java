package io.cxmeter.ticket.triggers;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How tickets' status changes reach survey-service. */
@ConfigMapping(prefix = "cxmeter.state-changes")
public interface StateChangeConfig {

    /** Off in tests that do not play survey-service. */
    boolean enabled();

    /** Base64 PKCS#8 private key the calls are signed with (the producers' key, EVENTS_SIGNING_KEY). */
    String signingKey();

    /** How often pending changes are reported. */
    @WithDefault("1s")
    Duration interval();

    /** The longest wait between two reports of one change while survey-service is down. */
    @WithDefault("PT30S")
    Duration maxBackoff();

    /**
     * How recent a status change must be to be reported: older ones arrive with imported history,
     * which triggers no survey.
     */
    @WithDefault("PT24H")
    Duration window();
}

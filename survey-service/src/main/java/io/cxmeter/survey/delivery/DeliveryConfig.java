package io.cxmeter.survey.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How survey e-mails are scheduled and sent. */
@ConfigMapping(prefix = "cxmeter.delivery")
public interface DeliveryConfig {

    /** Whether this replica sends due e-mails (off in tests that drive the sender themselves). */
    @WithDefault("true")
    boolean enabled();

    /** Base64 of the 256-bit AES key that seals tenants' SMTP passwords at rest. */
    String sealingKey();

    /** How often the sender looks for due e-mails (a scheduler period such as {@code 1s}). */
    @WithDefault("1s")
    String interval();

    /** How many due e-mails one round claims at most. */
    @WithDefault("20")
    int batchSize();

    /** How long a message that keeps failing for a passing reason (relay down, 4xx) is retried. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** The longest pause between two tries of one message. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /**
     * How recent a resolution must be, when ticket-service records it, to trigger a survey: older
     * resolutions arrive with imported history and ask nobody.
     */
    @WithDefault("PT24H")
    Duration resolutionMaxAge();

    /** How long one SMTP conversation may take. */
    @WithDefault("PT20S")
    Duration smtpTimeout();
}

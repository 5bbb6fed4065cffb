package io.cxmeter.ticket.tickets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How stored tickets are sent to metrics-service again (see {@link TicketResend}). */
@ConfigMapping(prefix = "cxmeter.ticket-resend")
public interface TicketResendConfig {

    /** How often a page is sent (a duration such as {@code 1s}, or {@code off}). */
    @WithDefault("1s")
    String interval();

    /** Tickets per page, each page in one transaction. */
    @WithDefault("1000")
    int batchSize();

    /** No page is added while this many events of the tenant wait in the outbox: the resend never outruns delivery. */
    @WithDefault("20000")
    int maxBacklog();
}

package io.cxmeter.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an event says happened, as its {@code type} names it on the wire, and the record its payload
 * reads as. A receiver keeps an event of a topic it does not know and lets it change nothing, so a
 * producer may send a new topic before its receiver reads it.
 */
public enum Topic {
    TICKET_UPSERTED("ticket.upserted", TicketUpserted.class),
    RESPONSE_UPSERTED("response.upserted", ResponseUpserted.class),
    RESPONSE_DELETED("response.deleted", ResponseDeleted.class),
    INVITATION_UPSERTED("invitation.upserted", InvitationUpserted.class),
    INVITATION_DELETED("invitation.deleted", InvitationDeleted.class),
    CUSTOMER_UPSERTED("customer.upserted", CustomerUpserted.class),
    CUSTOMER_ERASED("customer.erased", CustomerErased.class),
    ENGAGEMENT_RECORDED("engagement.recorded", EngagementRecorded.class),
    REVIEW_UPSERTED("review.upserted", ReviewUpserted.class);

    /**
     * The contract's version. Within a version a payload only gains optional fields, and a reader
     * ignores fields it does not know; removing or retyping a field is a new version.
     */
    public static final int VERSION = 1;

    private final String wire;
    private final Class<? extends EventPayload> payload;

    Topic(String wire, Class<? extends EventPayload> payload) {
        this.wire = wire;
        this.payload = payload;
    }

    /** The event's {@code type} on the wire. */
    public String wire() {
        return wire;
    }

    /** The record a payload of this topic reads as. */
    public Class<? extends EventPayload> payload() {
        return payload;
    }

    public static Optional<Topic> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}

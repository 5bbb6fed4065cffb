package io.cxmeter.events;

/**
 * The payload of one event of the contract: a producer writes it to its outbox in the transaction of
 * the change it describes, and metrics-service reads it back into the same record.
 */
public sealed interface EventPayload permits TicketUpserted, ResponseUpserted, ResponseDeleted, InvitationUpserted,
        InvitationDeleted, CustomerUpserted, CustomerErased, EngagementRecorded, ReviewUpserted {

    /** The topic it is sent on. */
    Topic topic();

    /** The aggregate it is about: the key by which a receiver orders and replaces its updates. */
    String aggregateId();
}

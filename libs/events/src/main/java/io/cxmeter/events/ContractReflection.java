package io.cxmeter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every record of the contract, for Jackson in a native executable: producers write them and
 * metrics-service reads them outside any REST signature, where Quarkus would find them itself.
 */
@RegisterForReflection(targets = {TicketUpserted.class, TicketUpserted.BusinessHours.class, TicketUpserted.Slot.class,
    TicketUpserted.SlaPolicy.class, TicketEvent.class, ResponseUpserted.class, ResponseDeleted.class,
    InvitationUpserted.class, InvitationDeleted.class, CustomerUpserted.class, CustomerUpserted.Purchase.class,
    CustomerErased.class, EngagementRecorded.class, ReviewUpserted.class})
final class ContractReflection {

    private ContractReflection() {
    }
}

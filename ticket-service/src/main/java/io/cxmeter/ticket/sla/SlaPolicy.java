package io.cxmeter.ticket.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.events.Channel;
import io.cxmeter.events.Priority;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * An SLA policy (docs/metrics.md: SLA policies): targets in seconds for the first reply, each next reply
 * and the resolution, measured in calendar or business seconds, for tickets whose priority and channel
 * it names (none named: any).
 */
@Schema(name = "SlaPolicy", example = """
        {"name":"Urgent e-mail","position":0,"priorities":["urgent","high"],"channels":["email"],\
        "firstReply":3600,"nextReply":7200,"resolution":86400,"clock":"business"}""")
public record SlaPolicy(
        @Schema(readOnly = true) UUID id,
        @Schema(required = true, maxLength = 200) String name,
        @Schema(description = "Lower first; a ticket follows the first policy that matches", minimum = "0") Integer position,
        @Schema(description = "Ticket priorities it applies to; none: any") List<String> priorities,
        @Schema(description = "Channels it applies to; none: any") List<String> channels,
        @Schema(description = "Seconds to the first agent reply", minimum = "1") Integer firstReply,
        @Schema(description = "Seconds to each next agent reply after a customer reply", minimum = "1") Integer nextReply,
        @Schema(description = "Seconds to the first resolution", minimum = "1") Integer resolution,
        @Schema(description = "calendar (default) or business: the tenant's or the ticket's team's business hours",
                enumeration = {"calendar", "business"}) String clock) {

    /** A year: no target is longer. */
    static final int MAX_TARGET = 366 * 86_400;

    /** The policy checked (each wrong field named in one 400) with its defaults filled in, under {@code id}. */
    public SlaPolicy normalized(UUID policyId) {
        List<Problem.Violation> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(Problem.Violation.ofField("name", "must be 1 to 200 characters"));
        }
        if (position != null && position < 0) {
            errors.add(Problem.Violation.ofField("position", "must be 0 or more"));
        }
        List<String> checkedPriorities = values(priorities, "priorities", errors, Priority::parse, Priority.allowed());
        List<String> checkedChannels = values(channels, "channels", errors, Channel::parse, Channel.allowed());
        target(firstReply, "firstReply", errors);
        target(nextReply, "nextReply", errors);
        target(resolution, "resolution", errors);
        if (firstReply == null && nextReply == null && resolution == null) {
            errors.add(Problem.Violation.ofField("firstReply", "at least one target (firstReply, nextReply, resolution) is needed"));
        }
        String checkedClock = clock == null ? "calendar" : clock;
        if (!checkedClock.equals("calendar") && !checkedClock.equals("business")) {
            errors.add(Problem.Violation.ofField("clock", "must be calendar or business"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "The SLA policy is not valid; nothing was changed", errors);
        }
        return new SlaPolicy(policyId, name.strip(), position == null ? 0 : position, checkedPriorities, checkedChannels,
                firstReply, nextReply, resolution, checkedClock);
    }

    private static void target(Integer seconds, String field, List<Problem.Violation> errors) {
        if (seconds != null && (seconds < 1 || seconds > MAX_TARGET)) {
            errors.add(Problem.Violation.ofField(field, "must be seconds from 1 to " + MAX_TARGET));
        }
    }

    private static List<String> values(List<String> given, String field, List<Problem.Violation> errors,
            java.util.function.Function<String, java.util.Optional<?>> parse, String allowed) {
        if (given == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i);
            if (value == null || parse.apply(value).isEmpty()) {
                errors.add(Problem.Violation.ofField(field + "[" + i + "]", "must be one of " + allowed));
            } else if (!out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }
}

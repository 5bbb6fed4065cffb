package io.cxmeter.suite.heldout;

import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An SLA policy as docs/metrics.md defines it: conditions (empty: any), targets in seconds (null:
 * none) and whether they are measured in business seconds of the ticket's calendar.
 */
record SlaPolicy(String name, int position, List<String> priorities, List<String> channels, Long firstReply, Long nextReply,
        Long resolution, boolean business) {

    boolean matches(String priority, String channel) {
        return (priorities.isEmpty() || priorities.contains(priority)) && (channels.isEmpty() || channels.contains(channel));
    }

    /** The body of POST /api/v1/sla-policies. */
    JsonObject json() {
        JsonObject body = new JsonObject().put("name", name).put("position", position)
                .put("priorities", new JsonArray(priorities)).put("channels", new JsonArray(channels))
                .put("clock", business ? "business" : "calendar");
        if (firstReply != null) {
            body.put("firstReply", firstReply);
        }
        if (nextReply != null) {
            body.put("nextReply", nextReply);
        }
        if (resolution != null) {
            body.put("resolution", resolution);
        }
        return body;
    }
}

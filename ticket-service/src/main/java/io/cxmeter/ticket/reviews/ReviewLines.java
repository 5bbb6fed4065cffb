package io.cxmeter.ticket.reviews;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.Fields;
import io.cxmeter.imports.NdjsonImport;
import io.cxmeter.imports.TenantIds;

/** Validates reviews against the tenant's scorecards, for the import and the live API alike. */
public final class ReviewLines {

    public record ReviewLine(String id, String scorecardId, String ticketId, String agentId, String reviewer,
            String createdAt, Map<String, Integer> ratings) {
    }

    private ReviewLines() {
    }

    /** The line rules of a review file, against the tenant's scorecards. */
    public static NdjsonImport<ReviewLine, Review> rules(ObjectMapper mapper, Map<UUID, Scorecard> scorecards) {
        return new NdjsonImport<>(mapper, ReviewLine.class, (line, problems) -> validate(line, scorecards, problems),
                Review::id, "review");
    }

    public static Review validate(ReviewLine line, Map<UUID, Scorecard> scorecards, List<String> problems) {
        String id = TenantIds.check(line.id(), "id", true, problems);
        String agentId = TenantIds.check(line.agentId(), "agentId", true, problems);
        String ticketId = TenantIds.check(line.ticketId(), "ticketId", false, problems);
        String reviewer = TenantIds.check(line.reviewer(), "reviewer", false, problems);
        Instant createdAt = Fields.instant(line.createdAt(), "createdAt", true, problems);
        Scorecard scorecard = null;
        if (line.scorecardId() == null) {
            problems.add("scorecardId is required");
        } else {
            try {
                scorecard = scorecards.get(UUID.fromString(line.scorecardId()));
            } catch (IllegalArgumentException e) {
                scorecard = null;
            }
            if (scorecard == null) {
                problems.add("scorecardId '" + line.scorecardId() + "' names no scorecard of this tenant");
            }
        }
        if (scorecard != null) {
            problems.addAll(scorecard.ratingProblems(line.ratings()));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Review(id, scorecard.id(), ticketId, agentId, reviewer, createdAt, line.ratings(),
                scorecard.score(line.ratings()));
    }
}

package io.cxmeter.ticket.reviews;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.problem.ProblemException;
import io.cxmeter.imports.Fields;
import io.cxmeter.imports.ImportResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@ApplicationScoped
public class ReviewService {

    @Inject
    ReviewStore store;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Uni<Scorecard> createScorecard(String tenantId, ScorecardRequest request) {
        List<String> problems = Scorecard.problems(request.categories());
        Fields.rejectIfAny(problems);
        return store.createScorecard(tenantId, request.name().strip(), request.categories());
    }

    public Uni<Scorecard> scorecard(String tenantId, UUID id) {
        return store.scorecards(tenantId).map(all -> {
            Scorecard scorecard = all.get(id);
            if (scorecard == null) {
                throw ProblemException.notFound("No scorecard " + id + ".");
            }
            return scorecard;
        });
    }

    public Uni<List<Scorecard>> scorecards(String tenantId) {
        return store.scorecards(tenantId).map(all -> List.copyOf(all.values()));
    }

    public Uni<ImportResult> importReviews(String tenantId, String ndjson) {
        return store.scorecards(tenantId)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(scorecards -> ReviewLines.parseOrReject(mapper, ndjson, scorecards))
                .flatMap(reviews -> pool.withTransaction(connection -> store.write(connection, tenantId, reviews)));
    }

    /** Creates or replaces one review, with the same rules as an import line. */
    public Uni<Review> put(String tenantId, ReviewLines.ReviewLine line) {
        return store.scorecards(tenantId).flatMap(scorecards -> {
            List<String> problems = new ArrayList<>();
            Review review = ReviewLines.validate(line, scorecards, problems);
            Fields.rejectIfAny(problems);
            return pool.withTransaction(connection -> store.write(connection, tenantId, List.of(review))).map(written -> review);
        });
    }

    public Uni<Review> get(String tenantId, String id) {
        return store.find(tenantId, id).map(review -> {
            if (review == null) {
                throw ProblemException.notFound("No review '" + id + "'.");
            }
            return review;
        });
    }
}

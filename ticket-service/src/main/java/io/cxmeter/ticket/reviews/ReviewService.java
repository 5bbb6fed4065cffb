package io.cxmeter.ticket.reviews;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.Fields;
import io.cxmeter.imports.ImportKind;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class ReviewService {

    @Inject
    ReviewStore store;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    private ImportKind<Map<UUID, Scorecard>, Review> imports;

    @PostConstruct
    void init() {
        imports = new ImportKind<>("reviews", (scope, jobId) -> "/api/v1/reviews/import/jobs/" + jobId,
                (connection, tenantId, scope) -> store.scorecards(tenantId),
                scorecards -> ReviewLines.rules(mapper, scorecards),
                (connection, tenantId, zone, scorecards, batch) -> store.write(connection, tenantId, zone, batch));
    }

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

    /** {@code POST /api/v1/reviews/import}: one review a line, checked against the tenant's scorecards; re-sent ids replace it. */
    public ImportKind<Map<UUID, Scorecard>, Review> imports() {
        return imports;
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

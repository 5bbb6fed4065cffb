package io.cxmeter.ticket.reviews;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.events.ReviewUpserted;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.ticket.agents.AgentMentions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Scorecards and reviews; a stored review goes to the outbox with its score. */
@ApplicationScoped
public class ReviewStore {


    private static final String UPSERT = """
            INSERT INTO review (id, tenant_id, review_key, scorecard_id, ticket_key, agent_id, reviewer, created_at,
                ratings, score, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (tenant_id, review_key) DO UPDATE SET scorecard_id = EXCLUDED.scorecard_id,
                ticket_key = EXCLUDED.ticket_key, agent_id = EXCLUDED.agent_id, reviewer = EXCLUDED.reviewer,
                created_at = EXCLUDED.created_at, ratings = EXCLUDED.ratings, score = EXCLUDED.score,
                updated_at = EXCLUDED.updated_at
            RETURNING (xmax = 0) AS inserted""";

    private static final TypeReference<List<Scorecard.Category>> CATEGORIES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Integer>> RATINGS = new TypeReference<>() { };

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    AgentMentions agents;



    public Uni<Scorecard> createScorecard(String tenantId, String name, List<Scorecard.Category> categories) {
        Scorecard scorecard = new Scorecard(UUID.randomUUID(), name, List.copyOf(categories));
        return pool.preparedQuery("INSERT INTO scorecard (id, tenant_id, name, categories, created_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(scorecard.id(), tenantId, name, new JsonArray(mapper.convertValue(categories, List.class)), now()))
                .map(ignored -> scorecard);
    }

    /** The tenant's scorecards by id (a tenant has a handful). */
    public Uni<Map<UUID, Scorecard>> scorecards(String tenantId) {
        return pool.preparedQuery("SELECT id, name, categories FROM scorecard WHERE tenant_id = $1 ORDER BY created_at")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    Map<UUID, Scorecard> scorecards = new LinkedHashMap<>();
                    rows.forEach(row -> scorecards.put(row.getUUID("id"), new Scorecard(row.getUUID("id"), row.getString("name"),
                            mapper.convertValue(((JsonArray) row.getValue("categories")).getList(), CATEGORIES))));
                    return scorecards;
                });
    }

    public Uni<ImportResult> write(SqlConnection connection, String tenantId, List<Review> reviews) {
        return write(connection, tenantId, outbox.zone(), reviews);
    }

    /** As above, with events in the tenant's time zone {@code zone} (work that outlives its request). */
    public Uni<ImportResult> write(SqlConnection connection, String tenantId, String zone, List<Review> reviews) {
        OffsetDateTime now = now();
        List<Tuple> rows = reviews.stream().map(r -> Tuple.wrap(new ArrayList<>(Arrays.asList(UUID.randomUUID(), tenantId,
                r.id(), r.scorecardId(), r.ticketId(), r.agentId(), r.reviewer(), OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC),
                new JsonObject(new HashMap<>(r.ratings())), r.score(), now)))).toList();
        return connection.preparedQuery(UPSERT).executeBatch(rows).flatMap(result -> {
            int created = 0;
            for (RowSet<Row> each = result; each != null; each = each.next()) {
                created += each.iterator().next().getBoolean("inserted") ? 1 : 0;
            }
            ImportResult written = new ImportResult(created, reviews.size() - created);
            List<ReviewUpserted> messages = reviews.stream()
                    .map(r -> new ReviewUpserted(r.id(), r.ticketId(), r.agentId(), r.createdAt(), r.score())).toList();
            return agents.mention(connection, tenantId, reviews.stream()
                    .flatMap(r -> Stream.of(r.agentId(), r.reviewer())).toList(), now)
                    .flatMap(ignored -> outbox.add(connection, tenantId, messages, now, zone))
                    .map(ignored -> written);
        });
    }

    public Uni<Review> find(String tenantId, String key) {
        return pool.preparedQuery("SELECT review_key, scorecard_id, ticket_key, agent_id, reviewer, created_at, ratings, score"
                + " FROM review WHERE tenant_id = $1 AND review_key = $2")
                .execute(Tuple.of(tenantId, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Review(row.getString("review_key"), row.getUUID("scorecard_id"), row.getString("ticket_key"),
                            row.getString("agent_id"), row.getString("reviewer"), row.getOffsetDateTime("created_at").toInstant(),
                            mapper.convertValue(((JsonObject) row.getValue("ratings")).getMap(), RATINGS), row.getDouble("score"));
                });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

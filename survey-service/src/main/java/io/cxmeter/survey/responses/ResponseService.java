package io.cxmeter.survey.responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.Fields;
import io.cxmeter.imports.ImportKind;
import io.cxmeter.imports.NdjsonImport;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Submitting, importing, listing and erasing responses; each write one transaction with its events. */
@ApplicationScoped
public class ResponseService {

    private static final int CHUNK = 5_000;
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    @Inject
    Pool pool;

    @Inject
    ResponseStore store;

    @Inject
    ObjectMapper mapper;

    private final ImportKind<SurveyFacts, ResponseDraft> imports = new ImportKind<>("responses",
            (surveyId, jobId) -> "/api/v1/surveys/" + surveyId + "/responses/import/jobs/" + jobId,
            (connection, tenantId, surveyId) -> accepting(connection, tenantId, UUID.fromString(surveyId)),
            this::rules,
            (connection, tenantId, zone, survey, batch) -> store.upsert(connection, tenantId, zone, survey, batch));

    private NdjsonImport<ResponseDraft, ResponseDraft> rules(SurveyFacts survey) {
        Instant now = Instant.now();
        return new NdjsonImport<>(mapper, ResponseDraft.class,
                (line, problems) -> line.id() == null ? missingId(problems) : ResponseRules.check(line, survey, now, problems),
                ResponseDraft::id, "response");
    }

    /** The stored response and whether this call created it (a retry with the same Idempotency-Key did not). */
    public record Submitted(ResponseDraft response, boolean created) {
    }

    public Uni<Submitted> submit(String tenantId, UUID surveyId, ResponseDraft draft, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return pool.withTransaction(connection -> accepting(connection, tenantId, surveyId).flatMap(survey -> {
            List<String> problems = new ArrayList<>();
            ResponseDraft response = ResponseRules.check(draft, survey, Instant.now(), problems);
            Fields.rejectIfAny(problems);
            if (idempotencyKey == null) {
                return write(connection, tenantId, survey, response);
            }
            String fingerprint = fingerprint(surveyId, draft);
            return connection.preparedQuery("""
                    INSERT INTO response_idempotency (tenant_id, idempotency_key, survey_id, response_key, created_at, fingerprint)
                    VALUES ($1, $2, $3, $4, now(), $5) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING""")
                    .execute(Tuple.of(tenantId, idempotencyKey, surveyId, response.id(), fingerprint))
                    .flatMap(inserted -> inserted.rowCount() == 1 ? write(connection, tenantId, survey, response)
                            : firstResult(connection, tenantId, idempotencyKey, fingerprint));
        }));
    }

    private Uni<Submitted> write(SqlConnection connection, String tenantId, SurveyFacts survey, ResponseDraft response) {
        return store.upsert(connection, tenantId, survey, List.of(response))
                .map(result -> new Submitted(response, result.created() == 1));
    }

    /** A retry: the response the key first stored, as it is now. */
    private Uni<Submitted> firstResult(SqlConnection connection, String tenantId, String idempotencyKey, String fingerprint) {
        return connection.preparedQuery("SELECT survey_id, response_key, fingerprint FROM response_idempotency"
                + " WHERE tenant_id = $1 AND idempotency_key = $2").execute(Tuple.of(tenantId, idempotencyKey))
                .flatMap(rows -> {
                    var row = rows.iterator().next();
                    String first = row.getString("fingerprint");
                    if (first != null && !first.equals(fingerprint)) {
                        throw ProblemException.unprocessable("This Idempotency-Key was first used for a different request;"
                                + " a new response needs a new key.", List.of(Problem.Violation.ofField("Idempotency-Key",
                                        "was first used with another body")));
                    }
                    return store.find(connection, tenantId, row.getUUID("survey_id"), row.getString("response_key"));
                })
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.conflict("The response first submitted with this Idempotency-Key was erased");
                    }
                    return new Submitted(found, false);
                });
    }

    /** What a request under an Idempotency-Key asked for: the survey and the response as read (not as completed). */
    private String fingerprint(UUID surveyId, ResponseDraft draft) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((surveyId + "\n" + mapper.writeValueAsString(draft)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint a response", e);
        }
    }

    /**
     * {@code POST /api/v1/surveys/{id}/responses/import}: one response a line, checked against the
     * survey (which must accept answers); re-imported ids update. The scope is the survey's id.
     */
    public ImportKind<SurveyFacts, ResponseDraft> imports() {
        return imports;
    }

    private static ResponseDraft missingId(List<String> problems) {
        problems.add("id is required in an import (re-importing the same id updates the response)");
        return null;
    }

    public Uni<ResponseDraft> get(String tenantId, UUID surveyId, String id) {
        return pool.withConnection(connection -> existing(connection, tenantId, surveyId)
                .flatMap(survey -> store.find(connection, tenantId, surveyId, id)))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("No response '" + id + "' in this survey");
                    }
                    return found;
                });
    }

    public Uni<Page<ResponseDraft>> list(String tenantId, UUID surveyId, ResponseFilter filter, String cursor, int limit) {
        Instant afterAt = Instant.EPOCH;
        String afterKey = "";
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8)
                        .split("\n", 2);
                afterAt = Instant.parse(parts[0]);
                afterKey = parts[1];
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor is not one this API returned");
            }
        }
        Instant after = afterAt;
        String key = afterKey;
        return pool.withConnection(connection -> existing(connection, tenantId, surveyId)
                .flatMap(survey -> store.page(connection, tenantId, survey, filter, after, key, limit + 1)))
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<ResponseDraft> items = more ? rows.subList(0, limit) : rows;
                    String next = null;
                    if (more) {
                        ResponseDraft last = items.get(items.size() - 1);
                        next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                                (last.submittedAt() + "\n" + last.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return new Page<>(List.copyOf(items), next);
                });
    }

    /**
     * Every response that passes the filter as CSV (header first), read a page at a time so that an
     * export of any size streams. Cells that a spreadsheet would run as a formula are quoted.
     */
    public Multi<String> export(String tenantId, UUID surveyId, ResponseFilter filter) {
        int pageSize = 1000;
        Uni<SurveyFacts> survey = pool.withConnection(connection -> existing(connection, tenantId, surveyId))
                .invoke(filter::checkFor).memoize().indefinitely();
        Instant[] afterAt = {Instant.EPOCH};
        String[] afterKey = {""};
        Multi<List<ResponseDraft>> pages = Multi.createBy().repeating()
                .uni(() -> survey.flatMap(facts -> pool.withConnection(connection ->
                        store.page(connection, tenantId, facts, filter, afterAt[0], afterKey[0], pageSize))))
                .whilst(page -> {
                    if (!page.isEmpty()) {
                        afterAt[0] = page.get(page.size() - 1).submittedAt();
                        afterKey[0] = page.get(page.size() - 1).id();
                    }
                    return page.size() == pageSize;
                });
        return survey.onItem().transformToMulti(facts -> Multi.createBy().concatenating().streams(
                Multi.createFrom().item(Csv.HEADER),
                pages.onItem().transform(page -> page.stream().map(Csv::line).collect(java.util.stream.Collectors.joining()))
                        .select().where(chunk -> !chunk.isEmpty())));
    }

    public Uni<Integer> eraseCustomer(String tenantId, String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ProblemException.badRequest("customerId is required: whose responses to erase");
        }
        return pool.withTransaction(connection -> store.eraseCustomer(connection, tenantId, customerId));
    }

    /** The survey, which must exist (404) and take answers (409: paused and archived surveys take none). */
    private Uni<SurveyFacts> accepting(SqlConnection connection, String tenantId, UUID surveyId) {
        return existing(connection, tenantId, surveyId).map(survey -> {
            if (!survey.acceptsResponses()) {
                throw ProblemException.conflict("The survey is " + survey.status().toLowerCase() + "; it accepts no responses");
            }
            return survey;
        });
    }

    private Uni<SurveyFacts> existing(SqlConnection connection, String tenantId, UUID surveyId) {
        return store.survey(connection, tenantId, surveyId).map(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("No survey " + surveyId);
            }
            return survey;
        });
    }
}

package io.cxmeter.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs bulk imports of any accepted size in bounded memory, all or nothing (docs/api.md, "Imports";
 * docs/design/bulk-imports.md). The body is copied to a file as it arrives (never held in memory);
 * every line is then checked, and only when all are valid are they read again and written in batches
 * inside one transaction. A small file is imported while the caller waits; a larger one becomes a
 * job that answers 202 at once and reports its progress in the {@code import_job} table. A job
 * whose service stops leaves an uncommitted transaction, which PostgreSQL discards: it is reported
 * failed, never half-applied. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class BulkImports {

    private static final Logger LOG = Logger.getLogger(BulkImports.class);
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    @Inject
    Pool pool;

    @Inject
    ImportsConfig config;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private Semaphore slots;
    private ExecutorService jobs;
    private Path spool;

    /** What an import request gets: the result at once (200), or its job (202). */
    public record Answer(ImportResult result, ImportJob job, String location) {

        public Response toResponse() {
            if (job == null) {
                return Response.ok(result).build();
            }
            return Response.accepted(job).location(UriBuilder.fromPath(location).build()).build();
        }
    }

    @PostConstruct
    void start() {
        slots = new Semaphore(config.concurrentJobs());
        AtomicInteger count = new AtomicInteger();
        jobs = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "import-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        spool = Path.of(System.getProperty("java.io.tmpdir"), "cxmeter-imports", service);
        try {
            Files.createDirectories(spool);
            // Files left by a stopped instance of this service belong to jobs that can no longer finish.
            try (Stream<Path> left = Files.list(spool)) {
                left.forEach(file -> file.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the import spool " + spool, e);
        }
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    /**
     * Takes an import request: the body read into a spool file up to the size limit (413 beyond), then
     * imported at once when small and {@code async} is not asked for, else started as a job.
     *
     * {@code Prefer: respond-async} asks for a job whatever the size.
     */
    public <C, R> Answer accept(ImportKind<C, R> kind, String tenantId, String zone, String scope, InputStream body,
            HttpHeaders headers) {
        long announced = headers.getLength();
        String prefer = headers.getHeaderString("Prefer");
        boolean async = prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async");
        long max = config.maxSize().asLongValue();
        if (announced > max) {
            throw tooLarge(announced, max);
        }
        // A missing survey or a closed one is said before the file is read.
        C context = context(kind, tenantId, scope);
        Path file = receive(body, max);
        boolean handedOver = false;
        try {
            long bytes = size(file);
            if (bytes <= config.inlineLimit().asLongValue() && !async) {
                NdjsonImport.Scan scan = check(kind, context, file, Progress.NONE);
                if (!scan.clean()) {
                    throw scan.rejection();
                }
                return new Answer(store(kind, tenantId, zone, scope, file, Progress.NONE, LastStep.NONE), null, null);
            }
            if (!slots.tryAcquire()) {
                throw ProblemException.unavailable("This service is running " + config.concurrentJobs()
                        + " large imports already; send the file again in a minute.", 30);
            }
            try {
                ImportJob job = insertJob(kind.name(), tenantId, scope, bytes);
                jobs.submit(() -> run(kind, tenantId, zone, scope, file, job.id()));
                handedOver = true;
                return new Answer(null, job, kind.jobPath().of(scope, job.id().toString()));
            } finally {
                if (!handedOver) {
                    slots.release();
                }
            }
        } finally {
            if (!handedOver) {
                delete(file);
            }
        }
    }

    /** A job of this tenant, kind and scope, or 404; a job whose instance stopped reporting is reported failed. */
    public ImportJob job(String kind, String tenantId, String scope, String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No import job '" + id + "'.");
        }
        return pool.withConnection(connection -> connection.preparedQuery("""
                UPDATE import_job SET state = $5, detail = $6, finished_at = heartbeat_at
                WHERE id = $1 AND tenant_id = $2 AND kind = $3 AND scope = $4 AND finished_at IS NULL
                  AND heartbeat_at < now() - make_interval(secs => $7)""")
                .execute(Tuple.from(List.of(jobId, tenantId, kind, scope, ImportJob.FAILED,
                        "The service stopped while importing; nothing was stored. Send the file again.",
                        (double) config.staleAfter().toSeconds())))
                .flatMap(ignored -> connection.preparedQuery("""
                        SELECT * FROM import_job WHERE id = $1 AND tenant_id = $2 AND kind = $3 AND scope = $4""")
                        .execute(Tuple.of(jobId, tenantId, kind, scope))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No import job '" + id + "'.");
                    }
                    return view(rows.iterator().next());
                }).await().indefinitely();
    }

    private <C, R> void run(ImportKind<C, R> kind, String tenantId, String zone, String scope, Path file, UUID id) {
        try {
            JobProgress progress = new JobProgress(id);
            // Read again: the job runs later than its request.
            NdjsonImport.Scan scan = check(kind, context(kind, tenantId, scope), file, progress);
            if (!scan.clean()) {
                finish(pool, id, ImportJob.FAILED, scan, null, scan.rejection().getMessage());
                return;
            }
            progress.storing(scan);
            store(kind, tenantId, zone, scope, file, progress, (connection, stored, result) -> {
                if (!finish(connection, id, ImportJob.COMPLETED, stored, result, null)) {
                    throw new IllegalStateException("Import job " + id + " was reported failed while it ran");
                }
            });
        } catch (ProblemException e) {
            finishQuietly(id, e.getMessage() + " Nothing was stored.", e.toProblem().errors());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Import job %s (%s) failed", id, kind.name());
            finishQuietly(id, "The import stopped on an internal error; nothing was stored. Send the file again.", null);
        } finally {
            delete(file);
            slots.release();
        }
    }

    private <C> C context(ImportKind<C, ?> kind, String tenantId, String scope) {
        return pool.withConnection(connection -> kind.context().read(connection, tenantId, scope)).await().indefinitely();
    }

    /** Checks every line of the file against the kind's rules; writes nothing. */
    private static <C, R> NdjsonImport.Scan check(ImportKind<C, R> kind, C context, Path file, Progress progress) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return kind.rules().apply(context).scan(in, record -> {
            }, progress::lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the checked file again and writes it in batches, in one transaction; {@code last} runs in
     * that transaction before it commits (a job records its completion there, so that the two are one).
     */
    private <C, R> ImportResult store(ImportKind<C, R> kind, String tenantId, String zone, String scope, Path file,
            Progress progress, LastStep last) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                C context = kind.context().read(connection, tenantId, scope).await().indefinitely();
                List<R> batch = new ArrayList<>(config.batchSize());
                ImportResult[] total = {new ImportResult(0, 0)};
                Runnable flush = () -> {
                    total[0] = total[0].plus(kind.writer().write(connection, tenantId, zone, context, batch).await().indefinitely());
                    batch.clear();
                    progress.stored(total[0].created() + total[0].updated());
                };
                NdjsonImport.Scan again;
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    again = kind.rules().apply(context).scan(in, record -> {
                        batch.add(record);
                        if (batch.size() == config.batchSize()) {
                            flush.run();
                        }
                    }, progress::lines);
                }
                if (!again.clean()) {
                    // What the lines are checked against changed since they were (a survey closed).
                    throw again.rejection();
                }
                if (!batch.isEmpty()) {
                    flush.run();
                }
                last.run(connection, again, total[0]);
                transaction.commit().await().indefinitely();
                return total[0];
            } catch (IOException e) {
                transaction.rollback().await().indefinitely();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                transaction.rollback().onFailure().recoverWithNull().await().indefinitely();
                throw e;
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private Path receive(InputStream body, long max) {
        Path file;
        try {
            file = Files.createTempFile(spool, "import-", ".ndjson");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            int n;
            while (in != null && (n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(total, max);
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static ProblemException tooLarge(long bytes, long max) {
        return new ProblemException(413, "The file has " + (bytes > max ? "more than " + max : bytes) + " bytes; at most "
                + max + " are accepted. Split the import into several files.");
    }

    private ImportJob insertJob(String kind, String tenantId, String scope, long bytes) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery("""
                DELETE FROM import_job WHERE tenant_id = $1 AND finished_at < now() - interval '30 days'""")
                .execute(Tuple.of(tenantId))
                .flatMap(ignored -> connection.preparedQuery("""
                        INSERT INTO import_job (id, tenant_id, kind, scope, state, bytes, submitted_at, heartbeat_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *""")
                        .execute(Tuple.from(List.of(id, tenantId, kind, scope, ImportJob.VALIDATING, bytes, now)))))
                .map(rows -> view(rows.iterator().next())).await().indefinitely();
    }

    /**
     * A job's end, recorded unless the job was reported failed before (then false). It may run inside
     * the import's long transaction, hence clock_timestamp(), not the transaction's start (now()).
     */
    private static boolean finish(SqlClient client, UUID id, String state, NdjsonImport.Scan scan, ImportResult result,
            String detail) {
        JsonArray errors = errorsJson(scan.errors());
        return client.preparedQuery("""
                UPDATE import_job SET state = $2, lines_read = $9, lines_valid = $3, lines_invalid = $4, errors = $5,
                    created = $6::bigint, updated = $7::bigint, stored = coalesce($6::bigint + $7::bigint, stored),
                    detail = $8, heartbeat_at = clock_timestamp(), finished_at = clock_timestamp()
                WHERE id = $1 AND finished_at IS NULL""")
                .execute(Tuple.from(Arrays.asList(id, state, scan.valid(), scan.invalid(), errors,
                        result == null ? null : (long) result.created(), result == null ? null : (long) result.updated(),
                        detail, scan.read())))
                .await().indefinitely().rowCount() == 1;
    }

    private void finishQuietly(UUID id, String detail, List<Problem.Violation> violations) {
        JsonArray errors = errorsJson(violations == null ? List.of() : violations);
        try {
            pool.preparedQuery("""
                    UPDATE import_job SET state = $2, detail = $3, errors = $4, heartbeat_at = now(), finished_at = now()
                    WHERE id = $1 AND finished_at IS NULL""")
                    .execute(Tuple.of(id, ImportJob.FAILED, detail, errors)).await().indefinitely();
        } catch (RuntimeException e) {
            // The job is then reported failed once its heartbeat is stale.
            LOG.warnf(e, "Could not record the end of import job %s", id);
        }
    }

    /** Bad lines as the {@code errors} column keeps them. */
    private static JsonArray errorsJson(List<Problem.Violation> violations) {
        JsonArray errors = new JsonArray();
        violations.forEach(error -> errors.add(new JsonObject().put("line", error.line()).put("error", error.error())));
        return errors;
    }

    private static ImportJob view(Row row) {
        List<Problem.Violation> errors = new ArrayList<>();
        JsonArray stored = row.getJsonArray("errors");
        for (int i = 0; stored != null && i < stored.size(); i++) {
            JsonObject error = stored.getJsonObject(i);
            errors.add(new Problem.Violation(null, error.getInteger("line"), error.getString("error")));
        }
        return new ImportJob(row.getUUID("id"), row.getString("kind"), row.getString("state"), row.getLong("bytes"),
                row.getLong("lines_read"), row.getLong("lines_valid"), row.getLong("lines_invalid"), row.getLong("stored"),
                row.getLong("created"), row.getLong("updated"), errors.isEmpty() ? null : errors, row.getString("detail"),
                row.getOffsetDateTime("submitted_at"), row.getOffsetDateTime("finished_at"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the import spool file %s", file);
        }
    }

    /** The last statements of an import's transaction. */
    @FunctionalInterface
    private interface LastStep {

        LastStep NONE = (connection, scan, result) -> {
        };

        void run(SqlConnection connection, NdjsonImport.Scan scan, ImportResult result);
    }

    /** Where a run reports how far it got. */
    private interface Progress {

        Progress NONE = new Progress() {
        };

        default void lines(long read, long valid, long invalid) {
        }

        default void stored(long stored) {
        }
    }

    /** Writes a job's progress (and so its heartbeat) at most once a second. */
    private final class JobProgress implements Progress {

        private final UUID id;
        private long last = System.nanoTime();
        private long read;
        private long valid;
        private long invalid;
        private long stored;
        private String state = ImportJob.VALIDATING;

        JobProgress(UUID id) {
            this.id = id;
        }

        @Override
        public void lines(long read, long valid, long invalid) {
            this.read = read;
            if (ImportJob.VALIDATING.equals(state)) {
                this.valid = valid;
                this.invalid = invalid;
            }
            maybeWrite();
        }

        @Override
        public void stored(long stored) {
            this.stored = stored;
            maybeWrite();
        }

        void storing(NdjsonImport.Scan scan) {
            state = ImportJob.STORING;
            valid = scan.valid();
            invalid = scan.invalid();
            read = 0;
            write();
        }

        private void maybeWrite() {
            if (System.nanoTime() - last >= PROGRESS_EVERY_NANOS) {
                write();
            }
        }

        private void write() {
            last = System.nanoTime();
            var written = pool.preparedQuery("""
                    UPDATE import_job SET state = $2, lines_read = $3, lines_valid = $4, lines_invalid = $5, stored = $6,
                        heartbeat_at = now()
                    WHERE id = $1 AND finished_at IS NULL""")
                    .execute(Tuple.from(List.of(id, state, read, valid, invalid, stored))).await().indefinitely();
            if (written.rowCount() == 0) {
                throw new IllegalStateException("Import job " + id + " was reported failed while it ran");
            }
        }
    }
}

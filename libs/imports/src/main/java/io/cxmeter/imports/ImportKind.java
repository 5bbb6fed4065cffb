package io.cxmeter.imports;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One kind of bulk import (tickets, customers, responses of a survey, …) as {@link BulkImports} runs it.
 *
 * @param name    the name in the job resource ({@code tickets}, {@code responses}, …)
 * @param jobPath the path of a job's resource, from the scope and the job id
 * @param context what the lines are checked against (a survey, the scorecards), read in the given
 *                connection; read again in the writing transaction
 * @param rules   the line rules, given the context
 * @param writer  stores one batch of valid records in the transaction of the connection
 * @param <C>     the context type; {@code Void} when the lines need nothing but themselves
 * @param <R>     a valid record
 */
public record ImportKind<C, R>(String name, JobPath jobPath, ContextReader<C> context,
        Function<C, NdjsonImport<?, R>> rules, Writer<C, R> writer) {

    @FunctionalInterface
    public interface JobPath {
        String of(String scope, String jobId);
    }

    @FunctionalInterface
    public interface ContextReader<C> {
        Uni<C> read(SqlConnection connection, String tenantId, String scope);
    }

    /** Events of the batch carry the tenant's time zone {@code zone}. */
    @FunctionalInterface
    public interface Writer<C, R> {
        Uni<ImportResult> write(SqlConnection connection, String tenantId, String zone, C context, List<R> batch);
    }

    /** Stores one batch of records, with events in {@code zone}. */
    @FunctionalInterface
    public interface BatchWriter<R> {
        Uni<ImportResult> write(SqlConnection connection, String tenantId, String zone, List<R> batch);
    }

    /** A kind whose lines need nothing but themselves, with its jobs under {@code jobsPath}. */
    public static <R> ImportKind<Void, R> of(String name, String jobsPath, NdjsonImport<?, R> rules, BatchWriter<R> writer) {
        return new ImportKind<>(name, (scope, jobId) -> jobsPath + "/" + jobId,
                (connection, tenantId, scope) -> Uni.createFrom().voidItem(), context -> rules,
                (connection, tenantId, zone, context, batch) -> writer.write(connection, tenantId, zone, batch));
    }
}

package io.cxmeter.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cxmeter.problem.Problem;

/**
 * A bulk import that runs after its request was answered (docs/api.md, "Imports").
 *
 * @param id          the job's id
 * @param kind        what is imported: tickets, customers, engagement, reviews, responses
 * @param state       {@code validating} (every line is checked; nothing is written), {@code storing} (all lines
 *                    are valid and are being written in one transaction), then {@code completed} (everything is
 *                    stored) or {@code failed} (nothing is stored)
 * @param bytes       the size of the file
 * @param linesRead   non-blank lines read so far (again from 0 while storing)
 * @param valid       valid lines so far
 * @param invalid     bad lines so far
 * @param stored      records written so far; visible to reads only once the job is completed
 * @param created     records created, once completed
 * @param updated     records updated (same id sent again), once completed
 * @param errors      the first bad lines, {@code {line, error}}
 * @param detail      why the job failed
 * @param submittedAt when the file was received
 * @param finishedAt  when the job completed or failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(UUID id, String kind, String state, long bytes, long linesRead, long valid, long invalid,
        long stored, Long created, Long updated, List<Problem.Violation> errors, String detail,
        OffsetDateTime submittedAt, OffsetDateTime finishedAt) {

    public static final String VALIDATING = "validating";
    public static final String STORING = "storing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}

package io.cxmeter.problem;

import java.util.List;

/**
 * A failure that the caller can act on. Domain code throws it with a clear detail; the service's
 * exception mapper turns it into problem+json with the given status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final transient List<Problem.Violation> violations;
    private long retryAfterSeconds;

    public ProblemException(int status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(int status, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.violations = violations == null ? null : List.copyOf(violations);
    }

    /** 503 with the Retry-After a caller should wait. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        ProblemException e = new ProblemException(503, detail);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, detail);
    }

    public static ProblemException unprocessable(String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, detail, violations);
    }

    /** Seconds to wait before trying again; 0 when the answer does not depend on waiting. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        Problem problem = Problem.of(status, getMessage());
        return violations == null ? problem : problem.withErrors(violations);
    }

    /** Problems are expected outcomes, not bugs: a stack trace would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package io.cxmeter.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document: the one error shape of the whole suite.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    the short, stable summary of that kind
 * @param status   the HTTP status, repeated for clients that lost it
 * @param detail   what went wrong with this request, for a human to act on
 * @param instance the request path the problem is about
 * @param errors   one entry per invalid field or line, when the request carried several mistakes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid part of a request: a JSON field or query parameter ({@code field}) or an import
     * line ({@code line}, 1-based), with what is wrong with it ({@code error}, as docs/api.md shows).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = ProblemResponses.VIOLATION)
    public record Violation(String field, Integer line, String error) {

        public static Violation ofField(String field, String error) {
            return new Violation(field, null, error);
        }

        public static Violation ofLine(int line, String error) {
            return new Violation(null, line, error);
        }
    }

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", titleOf(status), status, detail, null, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, violations);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        };
    }
}

package io.cxmeter.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure that reaches the REST layer into problem+json, so that tenants see one error
 * shape from every service. Failures outside REST (authentication on plain routes) are rendered by
 * {@link ProblemRoutes}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = e.toProblem().at(uri.getPath()).toResponse();
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException e, UriInfo uri) {
        boolean ourFault = e.getConstraintViolations().stream()
                .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
        if (ourFault) {
            LOG.error("A response failed its own validation", e);
            return Problem.of(500, "The server produced an invalid response.").at(uri.getPath()).toResponse();
        }
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> Problem.Violation.ofField(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::error))
                .toList();
        String fields = violations.stream().map(Problem.Violation::field).distinct()
                .collect(Collectors.joining(", "));
        return Problem.of(400, "The request is invalid: check " + fields + ".")
                .at(uri.getPath()).withErrors(violations).toResponse();
    }

    /** Named apart because Quarkus ships its own mapper for this subtype, and the most specific one wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        JsonErrors.Mistake mistake = JsonErrors.describe(e);
        String detail = mistake.field() == null ? "The request body " + mistake.error() + "."
                : "The request body has an invalid value for " + mistake.field() + ": it " + mistake.error() + ".";
        return Problem.of(400, detail).at(uri.getPath()).withErrors(JsonErrors.violations(mistake)).toResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Problem.of(401, ProblemRoutes.UNAUTHENTICATED).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problem.of(401, ProblemRoutes.UNAUTHENTICATED).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, ProblemRoutes.FORBIDDEN).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON reader wraps what it could not read (malformed JSON, NaN, an overflow) in a bare 400.
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        // A query parameter that cannot be converted to its declared type is a 404 by the JAX-RS rules
        // (as if no resource matched); for a caller it is a bad parameter, so name it.
        if (status == 404 && e.getCause() != null) {
            String parameter = unconvertibleQueryParameter(uri, e.getCause());
            if (parameter != null) {
                return Problem.of(400, "The query parameter " + parameter + " has a value of the wrong type.")
                        .at(uri.getPath())
                        .withErrors(List.of(Problem.Violation.ofField(parameter, "has a value of the wrong type")))
                        .toResponse();
            }
        }
        String detail = switch (status) {
            case 404 -> "Nothing exists at " + uri.getPath() + ".";
            case 405 -> "This method is not allowed on " + uri.getPath() + ".";
            case 406 -> "None of the accepted media types can be produced here.";
            case 415 -> "This media type is not accepted here.";
            default -> e.getMessage();
        };
        return Problem.of(status, detail).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return Problem.of(500, "An unexpected error occurred. It has been logged.").at(uri.getPath()).toResponse();
    }

    /** The name of the field a violation is about, without the method and parameter prefix. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // An element of a list or map carries its index or key on the node that follows the
                    // container; an element of a set has neither, and the set's name says enough.
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (node.isInIterable() && !names.isEmpty() && position != null) {
                        String container = names.remove(names.size() - 1);
                        names.add(container + "[" + position + "]");
                    }
                    // Container elements are named like "<iterable element>": not a field.
                    if (node.getName() != null && !node.getName().isEmpty() && !node.getName().startsWith("<")) {
                        names.add(node.getName());
                    }
                }
            }
        }
        return names.isEmpty() ? String.valueOf(parameter) : String.join(".", names);
    }

    /** The query parameter whose value the conversion failure quotes, if any. */
    private static String unconvertibleQueryParameter(UriInfo uri, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        for (var parameter : uri.getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (message.contains("\"" + value + "\"") || message.endsWith(" " + value) || message.equals(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new ArrayList<>();
        path.forEach(node -> kinds.add(node.getKind()));
        return kinds;
    }

}

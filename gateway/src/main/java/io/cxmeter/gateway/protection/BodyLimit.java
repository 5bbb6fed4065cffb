package io.cxmeter.gateway.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body announced larger than the limit with a 413 problem before anything else happens
 * (no credential lookup, no connection to a service). Bodies sent in chunks are held to the same
 * limit by the service that receives them.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before CORS (300) and authentication (200). */
    static final int PRIORITY = 400;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced < 0 || announced > maxBodySize.asLongValue()) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ProblemRoutes.send(ctx, announced < 0 ? Problem.of(400, "Content-Length '" + length + "' is not a size.")
                        : Problem.of(413, "The body has " + announced + " bytes; at most " + maxBodySize.asLongValue()
                                + " are accepted. Split the import into several files."));
                return;
            }
        }
        ctx.next();
    }
}

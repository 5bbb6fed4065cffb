package io.cxmeter.gateway.routing;

import jakarta.enterprise.event.Observes;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.vertx.ext.web.Router;

/** A path nobody serves gets the same problem+json as every other error. */
public class NotFoundRoute {

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> ProblemRoutes.send(ctx,
                Problem.of(404, "Nothing exists at " + ctx.normalizedPath() + ".")));
    }
}

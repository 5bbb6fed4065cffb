package io.cxmeter.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which service owns which public path, and which paths need no credentials. */
public final class RouteTable {

    public enum Service { SURVEY, TICKET, METRICS }

    /** A path prefix and everything below it. */
    public record Route(String prefix, Service service, boolean open) {

        public String regex() {
            return Pattern.quote(prefix) + "(/.*)?";
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("/api/v1/surveys", Service.SURVEY, false),
            new Route("/api/v1/delivery", Service.SURVEY, false),
            new Route("/api/v1/webhooks", Service.SURVEY, false),
            new Route("/public/v1", Service.SURVEY, true),
            new Route("/widget", Service.SURVEY, true),
            new Route("/r", Service.SURVEY, true),
            new Route("/api/v1/tickets", Service.TICKET, false),
            new Route("/api/v1/customers", Service.TICKET, false),
            new Route("/api/v1/agents", Service.TICKET, false),
            new Route("/api/v1/teams", Service.TICKET, false),
            new Route("/api/v1/scorecards", Service.TICKET, false),
            new Route("/api/v1/reviews", Service.TICKET, false),
            new Route("/api/v1/follow-ups", Service.TICKET, false),
            new Route("/api/v1/follow-up-policy", Service.TICKET, false),
            new Route("/api/v1/business-hours", Service.TICKET, false),
            new Route("/api/v1/sla-policies", Service.TICKET, false),
            new Route("/api/v1/metrics", Service.METRICS, false),
            new Route("/api/v1/alerts", Service.METRICS, false));

    private RouteTable() {
    }

    /** The route {@code path} lies under (its prefix itself or anything below it), if any. */
    public static Optional<Route> of(String path) {
        for (Route route : ROUTES) {
            if (path.equals(route.prefix()) || path.startsWith(route.prefix() + "/")) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} lies under a route that needs no credentials (widget, public API, rating links). */
    public static boolean isOpen(String path) {
        return of(path).map(Route::open).orElse(false);
    }
}

package io.cxmeter.gateway.console;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The tenant console's pages come from the console module's jar ({@code META-INF/resources/app}).
 * Here: {@code /app} leads to them, {@code /app/config.json} tells them how people sign in (the
 * OIDC provider the gateway trusts and the console's public client, when both are set), and they
 * may load and call nothing but this origin and that provider.
 */
public class ConsoleRoutes {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'%s; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidcEnabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> issuer;

    @Inject
    ConsoleConfig console;

    void register(@Observes Router router) {
        Optional<String> provider = oidcEnabled && console.oidcClientId().isPresent() ? issuer : Optional.empty();
        String policy = POLICY.formatted(provider.map(url -> " " + origin(url)).orElse(""));
        JsonObject config = new JsonObject().put("oidc", provider
                .map(url -> new JsonObject().put("issuer", url.replaceAll("/+$", "")).put("clientId", console.oidcClientId().get()))
                .orElse(null));
        router.getWithRegex("/app").handler(ctx -> ctx.redirect("/app/"));
        router.route("/app/*").order(-1).handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", policy)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            ctx.next();
        });
        router.get("/app/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(config.encode()));
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}

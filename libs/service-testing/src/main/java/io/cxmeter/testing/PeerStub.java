package io.cxmeter.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Another service a service calls, played by WireMock for the tests of one class: the REST client
 * property named by the {@value #URL_PROPERTY} argument points at it, and the test's field
 * annotated {@link Server} receives it to stub answers and read what it was sent.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
 *         initArgs = &#64;ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.survey-webhook-events.url"))
 * class AlertRulesTest {
 *     &#64;PeerStub.Server
 *     WireMockServer surveyService;
 * </pre>
 */
public class PeerStub implements QuarkusTestResourceLifecycleManager {

    /** The configuration property that gets the stub's base URL. */
    public static final String URL_PROPERTY = "url-property";

    /** The field that receives the running stub. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private String urlProperty;
    private WireMockServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        urlProperty = initArgs.get(URL_PROPERTY);
        if (urlProperty == null) {
            throw new IllegalArgumentException("PeerStub needs the " + URL_PROPERTY + " argument");
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        return Map.of(urlProperty, server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    /**
     * Plays an outage: the next {@code refusals} requests {@code request} matches are answered 503,
     * every one after that with {@code answer}. {@code request} makes a fresh matcher each time.
     */
    public static void outage(WireMockServer server, Supplier<MappingBuilder> request, int refusals,
            ResponseDefinitionBuilder answer) {
        String scenario = "outage-" + UUID.randomUUID();
        for (int i = 0; i < refusals; i++) {
            server.stubFor(request.get().inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "refused-" + i)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("refused-" + (i + 1)));
        }
        server.stubFor(request.get().inScenario(scenario)
                .whenScenarioStateIs(refusals == 0 ? Scenario.STARTED : "refused-" + refusals).willReturn(answer));
    }

    /** The requests the server answered with {@code status}, oldest first. */
    public static List<LoggedRequest> answered(WireMockServer server, int status) {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (event.getResponse().getStatus() == status) {
                out.add(event.getRequest());
            }
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

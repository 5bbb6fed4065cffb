package io.cxmeter.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

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
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(urlProperty, server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

package io.cxmeter.survey.surveys;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the jar, or the native executable when built with -Dnative). */
@QuarkusIntegrationTest
class SurveyResourceIT extends SurveyResourceTest {
}

package io.cxmeter.survey.surveys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.texts.Locales;

/**
 * Checks and applies what visitors see of a survey: its texts per locale, labels, allowed origins and
 * throttling. Anything malformed is a 422 naming every bad field, and nothing changes.
 */
final class SurveyPresentation {

    private SurveyPresentation() {
    }

    static void apply(Survey survey, SurveyChanges changes) {
        List<Problem.Violation> problems = new ArrayList<>();
        Map<String, String> questions = changes.questions() == null ? survey.questions
                : texts("questions", changes.questions(), problems);
        Map<String, String> followUpQuestion = changes.followUpQuestion() == null ? survey.followUpQuestion
                : texts("followUpQuestion", changes.followUpQuestion(), problems);
        String defaultLocale = survey.defaultLocale;
        if (changes.defaultLocale() != null) {
            if (!Locales.TAG.matcher(changes.defaultLocale()).matches()) {
                problems.add(Problem.Violation.ofField("defaultLocale", "must be a language tag like en or lt-LT"));
            } else {
                defaultLocale = changes.defaultLocale();
            }
        }
        coversDefault("questions", questions, defaultLocale, problems);
        coversDefault("followUpQuestion", followUpQuestion, defaultLocale, problems);
        List<String> origins = changes.allowedOrigins() == null ? survey.allowedOrigins
                : origins(changes.allowedOrigins(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("The survey's texts, origins or labels are not valid.", problems);
        }
        survey.questions = questions;
        survey.followUpQuestion = followUpQuestion;
        survey.defaultLocale = defaultLocale;
        survey.allowedOrigins = origins;
        if (changes.askComment() != null) {
            survey.askComment = changes.askComment();
        }
        if (changes.touchpoint() != null) {
            survey.touchpoint = changes.touchpoint().isBlank() ? null : changes.touchpoint().strip();
        }
        if (changes.channel() != null) {
            survey.channel = changes.channel().isBlank() ? null : changes.channel().strip();
        }
        if (changes.minDaysBetweenAsks() != null) {
            survey.minDaysBetweenAsks = changes.minDaysBetweenAsks();
        }
    }

    /** Texts per locale; an empty map means the built-in texts (null). */
    private static Map<String, String> texts(String field, Map<String, String> given, List<Problem.Violation> problems) {
        Map<String, String> texts = new LinkedHashMap<>();
        given.forEach((locale, text) -> {
            if (!Locales.TAG.matcher(locale).matches()) {
                problems.add(Problem.Violation.ofField(field + "." + locale, "the key must be a language tag like en or lt-LT"));
            } else {
                texts.put(locale, text.strip());
            }
        });
        return texts.isEmpty() ? null : texts;
    }

    private static void coversDefault(String field, Map<String, String> texts, String defaultLocale,
            List<Problem.Violation> problems) {
        if (texts != null && !texts.containsKey(defaultLocale)) {
            problems.add(Problem.Violation.ofField(field, "needs a text for the default locale '" + defaultLocale
                    + "', which visitors of every other locale get"));
        }
    }

    /**
     * Origins as browsers send them: {@code scheme://host[:port]}, lower case, without the default
     * port; no paths and no wildcards (any site could then post answers).
     */
    private static List<String> origins(List<String> given, List<Problem.Violation> problems) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String origin = origin(given.get(i).strip());
            if (origin == null) {
                problems.add(Problem.Violation.ofField("allowedOrigins[" + i + "]", "'" + given.get(i)
                        + "' is not an origin like https://www.example.com (scheme, host and optional port; no path or wildcard)"));
            } else {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }

    static String origin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                    || uri.getHost().contains("*")) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

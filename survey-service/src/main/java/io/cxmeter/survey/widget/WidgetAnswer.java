package io.cxmeter.survey.widget;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;

/**
 * An answer given in the widget: the score (on the survey's scale), an optional comment, the
 * visitor's locale, the widget's anonymous visitor id, the customer id the page named, if any, and
 * the impression it answers.
 */
@Schema(name = "WidgetAnswer", example = "{\"score\":9,\"locale\":\"lt-LT\",\"visitorId\":\"4f1c…\"}")
public record WidgetAnswer(Double score, String comment, String locale, @Size(min = 1, max = 100) String visitorId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId,
        @Schema(description = "The id of the impression this answer was given in (the response rate counts it answered)")
        java.util.UUID impressionId) {
}

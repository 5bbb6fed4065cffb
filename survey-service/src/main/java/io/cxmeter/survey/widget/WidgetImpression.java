package io.cxmeter.survey.widget;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;

/** The widget reporting that it was shown: to whom (the page's customer id, if any) and in which language. */
@Schema(name = "WidgetImpression")
public record WidgetImpression(@Size(max = 35) String locale, @Size(min = 1, max = 100) String visitorId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId) {

    /** The impression's id: the answer given in this showing names it. */
    @Schema(name = "WidgetImpressionReceipt")
    public record Receipt(String id) {
    }
}

package io.cxmeter.gateway.tenants;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.problem.OptionalText;

/** Changes to a tenant's settings; absent fields stay as they are. */
@Schema(name = "TenantSettingsRequest", example = "{\"timeZone\":\"America/New_York\",\"currency\":\"USD\"}")
public record TenantSettingsRequest(
        @Size(max = 200) @Pattern(regexp = OptionalText.NOT_BLANK, message = OptionalText.NOT_BLANK_RULE) String name,
        @IanaTimeZone String timeZone,
        @Iso4217Currency String currency) {
}

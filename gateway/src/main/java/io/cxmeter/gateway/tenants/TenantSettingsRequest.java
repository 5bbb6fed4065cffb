package io.cxmeter.gateway.tenants;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Changes to a tenant's settings; absent fields stay as they are. */
@Schema(name = "TenantSettingsRequest", example = "{\"timeZone\":\"America/New_York\",\"currency\":\"USD\"}")
public record TenantSettingsRequest(
        @Size(max = 200) @Pattern(regexp = "\\s*\\S[\\s\\S]*", message = "must not be blank") String name, @IanaTimeZone String timeZone,
        @Iso4217Currency String currency) {
}

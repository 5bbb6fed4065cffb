package io.cxmeter.gateway.tenants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant to register. {@code id} is what the tenant's OIDC tokens carry in the tenant claim. */
@Schema(name = "TenantRequest", example = "{\"id\":\"acme\",\"name\":\"Acme Ltd\",\"timeZone\":\"Europe/Vilnius\",\"currency\":\"EUR\"}")
public record TenantRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2–63 lowercase letters, digits or '-'")
        String id,
        @NotBlank @Size(max = 200) String name,
        @IanaTimeZone String timeZone,
        @Iso4217Currency String currency) {
}

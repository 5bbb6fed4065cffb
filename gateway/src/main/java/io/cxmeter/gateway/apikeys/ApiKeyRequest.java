package io.cxmeter.gateway.apikeys;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key to issue: {@code admin} includes {@code write}, which includes {@code read}. */
@Schema(name = "ApiKeyRequest", example = "{\"name\":\"helpdesk sync\",\"scopes\":[\"write\"]}")
public record ApiKeyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty Set<@NotNull @Pattern(regexp = "read|write|admin", message = "must be read, write or admin") String> scopes) {
}

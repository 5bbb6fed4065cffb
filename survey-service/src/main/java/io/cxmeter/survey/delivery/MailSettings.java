package io.cxmeter.survey.delivery;

import java.time.Instant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A tenant's SMTP relay, sender and brand, as stored (the password sealed). */
public record MailSettings(String tenantId, String host, int port, Security security, String username, String passwordSealed,
        String fromAddress, String fromName, String brandColor, String logoUrl, Instant updatedAt) {

    /** The From header of every e-mail sent through the relay: the sender's name, if any, and address. */
    public String sender() {
        return fromName == null || fromName.isBlank() ? fromAddress : "\"" + fromName + "\" <" + fromAddress + ">";
    }

    /** How the connection to the relay is protected. */
    @Schema(name = "SmtpSecurity")
    public enum Security {
        /** Plain SMTP (a relay on the same private network). */
        NONE,
        /** Plain connection upgraded with STARTTLS, which is required. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    static MailSettings of(Row row) {
        return new MailSettings(row.getString("tenant_id"), row.getString("host"), row.getInteger("port"),
                Security.valueOf(row.getString("security")), row.getString("username"), row.getString("password_sealed"),
                row.getString("from_address"), row.getString("from_name"), row.getString("brand_color"),
                row.getString("logo_url"), row.getOffsetDateTime("updated_at").toInstant());
    }

    /** What a tenant sets. The password is write-only: left out, the stored one is kept. */
    @Schema(name = "EmailSettingsRequest")
    public record Request(
            @NotBlank @Size(max = 253) @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?",
                    message = "must be a host name or an IP address") String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @NotNull Security security,
            @Size(max = 200) String username,
            @Schema(description = "Kept sealed at rest and never returned; left out, the stored one is kept")
            @Size(max = 500) String password,
            @NotBlank @Email @Size(max = 254) String fromAddress,
            @Size(max = 100) @Pattern(regexp = "[^\\r\\n<>\"]*", message = "must not contain line breaks, <, > or \"")
            String fromName,
            @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour like #1a73e8") String brandColor,
            @Size(max = 2000) @Pattern(regexp = "https://[^\\s\"'<>]+", message = "must be an https URL")
            String logoUrl) {
    }

    /** What the API shows: everything but the password, which is only said to be set. */
    @Schema(name = "EmailSettings")
    public record View(String host, int port, Security security, String username, boolean passwordSet, String fromAddress,
            String fromName, String brandColor, String logoUrl, Instant updatedAt) {
    }

    View view() {
        return new View(host, port, security, username, passwordSealed != null, fromAddress, fromName, brandColor, logoUrl,
                updatedAt);
    }
}

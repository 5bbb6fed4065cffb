package io.cxmeter.survey.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Addresses a tenant never mails again: unsubscribed by the customer, hard-bounced by a relay, or
 * added by the tenant. Kept by the SHA-256 of the lower-cased address, so the list holds no address.
 */
@ApplicationScoped
public class Suppressions {

    /** Why an address is suppressed. */
    @Schema(name = "SuppressionReason")
    public enum Reason { UNSUBSCRIBED, HARD_BOUNCE, MANUAL }

    /** An address's suppression, as the API shows it. */
    @Schema(name = "Suppression")
    public record Entry(String address, Reason reason, String detail, Instant since) {
    }

    static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Entry> find(SqlClient client, String tenantId, String address) {
        return client.preparedQuery("SELECT * FROM suppression WHERE tenant_id = $1 AND address_hash = $2")
                .execute(Tuple.of(tenantId, hash(address)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Entry(address, Reason.valueOf(row.getString("reason")), row.getString("detail"),
                            row.getOffsetDateTime("created_at").toInstant());
                });
    }

    /** Suppresses the address (the first reason stays). */
    public Uni<Void> add(SqlClient client, String tenantId, String address, Reason reason, String detail) {
        return client.preparedQuery("""
                INSERT INTO suppression (tenant_id, address_hash, reason, detail, created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, address_hash) DO NOTHING""")
                .execute(Tuple.of(tenantId, hash(address), reason.name(), detail, OffsetDateTime.now(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Boolean> lift(SqlClient client, String tenantId, String address) {
        return client.preparedQuery("DELETE FROM suppression WHERE tenant_id = $1 AND address_hash = $2")
                .execute(Tuple.of(tenantId, hash(address))).map(rows -> rows.rowCount() > 0);
    }
}

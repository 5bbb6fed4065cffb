package io.cxmeter.survey.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tenants' mail settings in PostgreSQL. */
@ApplicationScoped
public class MailSettingsStore {

    @Inject
    Pool pool;

    @Inject
    Sealing sealing;

    public Uni<MailSettings> find(SqlClient client, String tenantId) {
        return client.preparedQuery("SELECT * FROM mail_settings WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 0 ? null : MailSettings.of(rows.iterator().next()));
    }

    public Uni<MailSettings> find(String tenantId) {
        return find(pool, tenantId);
    }

    /** Stores the settings; a request without a password keeps the stored one. */
    public Uni<MailSettings> save(String tenantId, MailSettings.Request request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String sealed = request.password() == null ? null : sealing.seal(tenantId, request.password());
        return pool.preparedQuery("""
                INSERT INTO mail_settings (tenant_id, host, port, security, username, password_sealed, from_address,
                                           from_name, brand_color, logo_url, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (tenant_id) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port,
                    security = EXCLUDED.security, username = EXCLUDED.username,
                    password_sealed = COALESCE(EXCLUDED.password_sealed, mail_settings.password_sealed),
                    from_address = EXCLUDED.from_address, from_name = EXCLUDED.from_name,
                    brand_color = EXCLUDED.brand_color, logo_url = EXCLUDED.logo_url, updated_at = EXCLUDED.updated_at
                RETURNING *""")
                .execute(Tuple.tuple(Arrays.asList(tenantId, request.host(), request.port(), request.security().name(),
                        request.username(), sealed, request.fromAddress(), request.fromName(), request.brandColor(),
                        request.logoUrl(), now)))
                .map(rows -> MailSettings.of(rows.iterator().next()));
    }

    public Uni<Boolean> delete(String tenantId) {
        return pool.preparedQuery("DELETE FROM mail_settings WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount() > 0);
    }
}

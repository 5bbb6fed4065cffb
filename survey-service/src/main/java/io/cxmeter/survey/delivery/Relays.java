package io.cxmeter.survey.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * One SMTP client per tenant relay. quarkus-mailer configures its mailers at build time; a tenant's
 * relay is data, so its client is built from the stored settings (on the same Vert.x mail client
 * quarkus-mailer runs on) and rebuilt when the settings change.
 */
@ApplicationScoped
public class Relays {

    private record Entry(java.time.Instant version, MailClient client) {
    }

    @Inject
    Vertx vertx;

    @Inject
    Sealing sealing;

    @Inject
    DeliveryConfig config;

    private final Map<String, Entry> clients = new ConcurrentHashMap<>();

    public Uni<Void> send(MailSettings settings, MailMessage message) {
        return client(settings).sendMail(message).replaceWithVoid()
                .ifNoItem().after(config.smtpTimeout())
                .failWith(() -> new java.util.concurrent.TimeoutException("The SMTP relay " + settings.host() + ":"
                        + settings.port() + " did not answer within " + config.smtpTimeout().toSeconds() + " s"));
    }

    private MailClient client(MailSettings settings) {
        Entry entry = clients.compute(settings.tenantId(), (tenant, current) -> {
            if (current != null && current.version().equals(settings.updatedAt())) {
                return current;
            }
            if (current != null) {
                current.client().close().subscribe().with(done -> { }, failure -> { });
            }
            return new Entry(settings.updatedAt(), MailClient.create(vertx, mailConfig(settings)));
        });
        return entry.client();
    }

    private MailConfig mailConfig(MailSettings settings) {
        MailConfig mail = new MailConfig().setHostname(settings.host()).setPort(settings.port())
                .setStarttls(settings.security() == MailSettings.Security.STARTTLS ? StartTLSOptions.REQUIRED
                        : StartTLSOptions.DISABLED)
                .setSsl(settings.security() == MailSettings.Security.TLS)
                .setKeepAlive(true).setMaxPoolSize(2)
                .setConnectTimeout((int) config.smtpTimeout().toMillis());
        if (settings.username() != null && !settings.username().isBlank()) {
            mail.setLogin(LoginOption.REQUIRED).setUsername(settings.username())
                    .setPassword(settings.passwordSealed() == null ? "" : sealing.open(settings.tenantId(), settings.passwordSealed()));
        } else {
            mail.setLogin(LoginOption.DISABLED);
        }
        return mail;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(entry -> entry.client().closeAndAwait());
    }
}

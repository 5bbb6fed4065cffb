package io.cxmeter.gateway.apikeys;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * The keys this replica verified lately, so that a busy key costs no database round trip per request,
 * while a revocation, a rotation or a tenant's new settings still take effect on every replica within
 * milliseconds: the database announces every such change on {@link #CHANNEL} (a trigger of the schema), and each
 * replica holds one connection that LISTENs to it and forgets everything it cached on each notice.
 * <p>
 * The cache is only used while that connection is known to listen: before it first does, after it
 * closes, or once a ping goes unanswered ({@link #PING_MILLIS}), every request asks the database, as
 * without a cache. A lookup that started before a change cannot put its stale answer back (each notice
 * moves a generation the lookup must still see). Entries also expire after {@code cxmeter.api-keys.cache-for}
 * (0 turns the cache off), which bounds what a notice lost in some unforeseen way could leave behind, and
 * the least used keys make room for new ones beyond {@link #MAX_KEYS} (a Caffeine cache). Only keys that
 * matched are cached: an unknown key always asks the database.
 */
@ApplicationScoped
public class ApiKeyCache {

    /** The channel the schema's trigger announces on. */
    static final String CHANNEL = "cxmeter_api_keys";
    static final long PING_MILLIS = 5_000;
    /** The listening connection's application_name in pg_stat_activity. */
    static final String APPLICATION_NAME = "cxmeter-gateway-key-changes";
    private static final long RECONNECT_MILLIS = 1_000;
    private static final long MAX_RECONNECT_MILLIS = 10_000;
    /** Keys remembered at most. */
    private static final int MAX_KEYS = 10_000;
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);

    @Inject
    ApiKeysConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private Cache<String, ApiKeyService.Match> entries;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile PgConnection connection;
    /** Attempts to listen that failed in a row (touched on the connection's event loop only). */
    private int failures;

    @PostConstruct
    void create() {
        entries = Caffeine.newBuilder().maximumSize(MAX_KEYS)
                .expireAfterWrite(enabled() ? config.cacheFor() : java.time.Duration.ZERO).build();
    }

    void start(@Observes StartupEvent event) {
        if (enabled()) {
            connect();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        listening = false;
        if (connection != null) {
            connection.close();
        }
    }

    private boolean enabled() {
        return !config.cacheFor().isZero() && !config.cacheFor().isNegative();
    }

    /** The generation a lookup starts at: pass it to {@link #put} with the lookup's answer. */
    long generation() {
        return generation.get();
    }

    /** The cached match of the key whose hash is {@code hash}, or null (ask the database). */
    ApiKeyService.Match get(String hash) {
        if (!listening) {
            return null;
        }
        return entries.getIfPresent(hash);
    }

    /** Remembers a lookup's match, unless a change was announced since the lookup began. */
    void put(String hash, ApiKeyService.Match match, long startedAt) {
        if (!listening) {
            return;
        }
        entries.put(hash, match);
        if (generation.get() != startedAt) {
            // A change was announced while the lookup ran: its answer may predate it.
            entries.invalidate(hash);
        }
    }

    /** Forgets everything: a key, its tenant or the channel itself changed. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:")
                ? url.substring("vertx-reactive:".length()) : url)
                .setUser(username).setPassword(password);
        // Named, so that operators (and a test) can tell it from the pool's connections.
        options.addProperty("application_name", APPLICATION_NAME);
        PgConnection.connect(vertx, options).compose(conn -> {
            connection = conn;
            conn.notificationHandler(notice -> invalidate());
            conn.closeHandler(ignored -> lost("closed"));
            return conn.query("LISTEN " + CHANNEL).execute().map(conn);
        }).onSuccess(conn -> {
            // Anything cached before was cached while no notice could arrive.
            invalidate();
            listening = true;
            if (failures > 0) {
                LOG.infof("API key cache: listening for changes again after %d failed attempts", failures);
            }
            failures = 0;
            ping(conn);
        }).onFailure(failure -> {
            // Once per outage at WARN; the attempts that follow, further and further apart, at DEBUG.
            failures++;
            if (failures == 1) {
                LOG.warnf("API key cache: cannot listen for changes (%s); every request asks the database until it can",
                        failure.toString());
            } else {
                LOG.debugf("API key cache: still cannot listen for changes (%s)", failure.toString());
            }
            PgConnection half = connection;
            // Its close is this failure, not a second loss.
            connection = null;
            listening = false;
            if (half != null) {
                half.close();
            }
            long delay = Math.min(MAX_RECONNECT_MILLIS, RECONNECT_MILLIS << Math.min(failures, 4));
            vertx.setTimer(delay, id -> connect());
        });
    }

    /** Checks the listening connection now and then; one that does not answer in time is given up. */
    private void ping(PgConnection conn) {
        vertx.setTimer(PING_MILLIS, id -> {
            if (conn != connection || stopped) {
                return;
            }
            boolean[] answered = {false};
            conn.query("SELECT 1").execute().onComplete(result -> {
                answered[0] = true;
                if (result.succeeded()) {
                    ping(conn);
                } else {
                    conn.close();
                }
            });
            vertx.setTimer(PING_MILLIS, late -> {
                if (!answered[0] && conn == connection) {
                    lost("no answer to a ping");
                    conn.close();
                }
            });
        });
    }

    private void lost(String why) {
        if (!listening && connection == null) {
            return;
        }
        listening = false;
        invalidate();
        connection = null;
        if (!stopped) {
            LOG.warnf("API key cache: the connection listening for changes was lost (%s); reconnecting", why);
            vertx.setTimer(RECONNECT_MILLIS, id -> connect());
        }
    }

    /** Whether the cache is in use (tests). */
    boolean listening() {
        return listening;
    }
}

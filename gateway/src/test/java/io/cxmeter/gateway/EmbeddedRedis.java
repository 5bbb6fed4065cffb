package io.cxmeter.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary ships inside the embedded-redis test jar) on a free port, so tests
 * of shared rate limits need no Redis on the machine.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** For a @QuarkusTest: the gateway's rate limits in this Redis. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private EmbeddedRedis redis;

        @Override
        public Map<String, String> start() {
            redis = EmbeddedRedis.start();
            return Map.of("cxmeter.rate-limits.redis-url", redis.url());
        }

        @Override
        public void stop() {
            if (redis != null) {
                redis.stop();
            }
        }
    }
}

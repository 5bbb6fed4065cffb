package io.cxmeter.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Retrying what is safe to retry: connecting again after a connection could not be made (nothing was
 * sent yet), for idempotent methods only, after short pauses.
 */
final class Retries {

    static final List<Duration> PAUSES = List.of(Duration.ofMillis(100), Duration.ofMillis(300));

    private Retries() {
    }

    static <T> Future<T> withPauses(Vertx vertx, Supplier<Future<T>> attempt, List<Duration> pauses) {
        Future<T> result = attempt.get();
        for (Duration pause : pauses) {
            result = result.recover(failure -> {
                Promise<T> next = Promise.promise();
                vertx.setTimer(Math.max(1, pause.toMillis()), id -> attempt.get().onComplete(next));
                return next.future();
            });
        }
        return result;
    }
}

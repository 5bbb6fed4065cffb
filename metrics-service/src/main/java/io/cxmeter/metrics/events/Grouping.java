package io.cxmeter.metrics.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Applies the work of concurrent requests that share a key together (group commit): at most
 * {@code width} groups of one key run at a time; a request that arrives meanwhile waits, and the next
 * group takes everything that waited, up to {@code maxWeight}. Each request still gets its own result.
 * If a group of several fails, its requests are applied one by one, so that one request's failure
 * is its own and never another's.
 *
 * @param <K> what requests are grouped by
 * @param <T> one request's work
 * @param <R> one request's result; the work of a group answers one per request, in order
 */
final class Grouping<K, T, R> {

    private final int width;
    private final int maxWeight;
    private final ToIntFunction<T> weight;
    private final BiFunction<K, List<T>, Uni<List<R>>> work;
    /** The keys with a group running; guarded by {@code this}. */
    private final Map<K, Lane> lanes = new HashMap<>();

    Grouping(int width, int maxWeight, ToIntFunction<T> weight, BiFunction<K, List<T>, Uni<List<R>>> work) {
        if (width < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("width and maxWeight must be at least 1");
        }
        this.width = width;
        this.maxWeight = maxWeight;
        this.weight = weight;
        this.work = work;
    }

    private final class Lane {
        final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
        int running;
    }

    /** A request waiting for its result, answered on the Vert.x context it came from (if any). */
    private record Pending<T, R>(T item, Context context, UniEmitter<? super R> emitter) {

        void succeed(R result) {
            on(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            on(() -> emitter.fail(failure));
        }

        private void on(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /** Requests waiting for a group of their key to end, over every key. */
    synchronized int waiting() {
        int waiting = 0;
        for (Lane lane : lanes.values()) {
            waiting += lane.waiting.size();
        }
        return waiting;
    }

    /** The result of {@code item}'s work, applied alone or together with other requests of {@code key}. */
    Uni<R> submit(K key, T item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending<T, R>> group;
            synchronized (this) {
                Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
                lane.waiting.add(new Pending<>(item, Vertx.currentContext(), emitter));
                if (lane.running >= width) {
                    return;
                }
                lane.running++;
                group = take(lane);
            }
            run(key, group);
        });
    }

    /** The next group: requests in arrival order while they fit (the first always does). Under the lock. */
    private List<Pending<T, R>> take(Lane lane) {
        List<Pending<T, R>> group = new ArrayList<>();
        int total = 0;
        while (!lane.waiting.isEmpty()) {
            int next = weight.applyAsInt(lane.waiting.peek().item());
            if (!group.isEmpty() && total + next > maxWeight) {
                break;
            }
            group.add(lane.waiting.poll());
            total += next;
        }
        return group;
    }

    /** The work of {@code items}; a failure thrown while building it is the group's failure too. */
    private Uni<List<R>> apply(K key, List<T> items) {
        return Uni.createFrom().deferred(() -> work.apply(key, items));
    }

    private void run(K key, List<Pending<T, R>> group) {
        apply(key, group.stream().map(Pending::item).toList()).subscribe().with(results -> {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).succeed(results.get(i));
            }
            next(key);
        }, failure -> {
            if (group.size() == 1) {
                group.get(0).fail(failure);
                next(key);
            } else {
                oneByOne(key, group, 0);
            }
        });
    }

    private void oneByOne(K key, List<Pending<T, R>> group, int index) {
        if (index == group.size()) {
            next(key);
            return;
        }
        Pending<T, R> pending = group.get(index);
        apply(key, List.of(pending.item())).subscribe().with(results -> {
            pending.succeed(results.get(0));
            oneByOne(key, group, index + 1);
        }, failure -> {
            pending.fail(failure);
            oneByOne(key, group, index + 1);
        });
    }

    /** A group of {@code key} ended: the next one starts with what waited, or the lane closes. */
    private void next(K key) {
        List<Pending<T, R>> group;
        synchronized (this) {
            Lane lane = lanes.get(key);
            if (lane.waiting.isEmpty()) {
                if (--lane.running == 0) {
                    lanes.remove(key);
                }
                return;
            }
            group = take(lane);
        }
        run(key, group);
    }
}

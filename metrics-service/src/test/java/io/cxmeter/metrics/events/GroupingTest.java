package io.cxmeter.metrics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Group commit of concurrent requests: who is applied with whom, and whose failure is whose. */
class GroupingTest {

    /** Work the test completes by hand: each call is one group, answered once the test says so. */
    private static final class Work {
        final List<List<String>> groups = new ArrayList<>();
        final List<CompletableFuture<List<String>>> pending = new ArrayList<>();

        Uni<List<String>> apply(String key, List<String> items) {
            CompletableFuture<List<String>> done = new CompletableFuture<>();
            synchronized (this) {
                groups.add(items);
                pending.add(done);
            }
            return Uni.createFrom().completionStage(done);
        }

        /** Answers group {@code index} item by item ("ok:" + item), or fails it. */
        void finish(int index, String failWhenItContains) {
            List<String> items = groups.get(index);
            if (failWhenItContains != null && items.stream().anyMatch(i -> i.contains(failWhenItContains))) {
                pending.get(index).completeExceptionally(new IllegalStateException("bad " + failWhenItContains));
            } else {
                pending.get(index).complete(items.stream().map(i -> "ok:" + i).toList());
            }
        }
    }

    /** One group of a key at a time, groups of up to 100 characters. */
    private static Grouping<String, String, String> oneAtATime(Work work) {
        return new Grouping<>(1, 100, String::length, work::apply);
    }

    private static CompletableFuture<String> submit(Grouping<String, String, String> grouping, String key, String item) {
        return grouping.submit(key, item).subscribeAsCompletionStage();
    }

    @Test
    void requestsThatArriveWhileAGroupRunsAreAppliedTogetherEachWithItsOwnAnswer() throws Exception {
        Work work = new Work();
        Grouping<String, String, String> grouping = oneAtATime(work);
        CompletableFuture<String> a = submit(grouping, "t1", "a");
        CompletableFuture<String> b = submit(grouping, "t1", "b");
        CompletableFuture<String> c = submit(grouping, "t1", "c");
        assertEquals(List.of(List.of("a")), work.groups, "the first runs at once, the others wait");
        work.finish(0, null);
        assertEquals("ok:a", a.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("b", "c"), work.groups.get(1), "what waited goes together");
        assertFalse(b.isDone());
        work.finish(1, null);
        assertEquals("ok:b", b.get(1, TimeUnit.SECONDS));
        assertEquals("ok:c", c.get(1, TimeUnit.SECONDS));
        assertEquals(2, work.groups.size());
    }

    @Test
    void keysDoNotWaitForEachOther() {
        Work work = new Work();
        Grouping<String, String, String> grouping = oneAtATime(work);
        submit(grouping, "t1", "a");
        submit(grouping, "t2", "b");
        assertEquals(List.of(List.of("a"), List.of("b")), work.groups);
    }

    @Test
    void aGroupTakesWhatWaitedInOrderUpToTheWeightLimitAndTheWidthBoundsGroupsAtOnce() throws Exception {
        Work work = new Work();
        Grouping<String, String, String> grouping = new Grouping<>(2, 5, String::length, work::apply);
        submit(grouping, "t1", "x");
        submit(grouping, "t1", "y");
        assertEquals(2, work.groups.size(), "two groups at once");
        CompletableFuture<String> big = submit(grouping, "t1", "sixsix");
        submit(grouping, "t1", "aa");
        submit(grouping, "t1", "bbb");
        submit(grouping, "t1", "c");
        assertEquals(2, work.groups.size(), "the third waits");
        work.finish(0, null);
        assertEquals(List.of("sixsix"), work.groups.get(2), "a request heavier than the limit still goes, alone");
        work.finish(1, null);
        assertEquals(List.of("aa", "bbb"), work.groups.get(3), "up to the limit, in arrival order");
        work.finish(2, null);
        assertEquals("ok:sixsix", big.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("c"), work.groups.get(4));
    }

    @Test
    void aRequestOfTheFullWeightIsAppliedAloneWhereverItStands() {
        Work work = new Work();
        Grouping<String, String, String> grouping = new Grouping<>(1, 5, i -> i.startsWith("!") ? 5 : 1, work::apply);
        submit(grouping, "t1", "a");
        submit(grouping, "t1", "b");
        submit(grouping, "t1", "!erase");
        submit(grouping, "t1", "c");
        submit(grouping, "t1", "d");
        work.finish(0, null);
        work.finish(1, null);
        work.finish(2, null);
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("!erase"), List.of("c", "d")), work.groups);
    }

    @Test
    void aFailedGroupIsAppliedOneByOneSoThatTheFailureStaysTheFailingRequests() throws Exception {
        Work work = new Work();
        Grouping<String, String, String> grouping = oneAtATime(work);
        CompletableFuture<String> first = submit(grouping, "t1", "first");
        CompletableFuture<String> good = submit(grouping, "t1", "good");
        CompletableFuture<String> bad = submit(grouping, "t1", "bad");
        CompletableFuture<String> alsoGood = submit(grouping, "t1", "also");
        work.finish(0, null);
        assertEquals("ok:first", first.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("good", "bad", "also"), work.groups.get(1));
        work.finish(1, "bad");
        // Then alone, in order, each waiting for the one before.
        assertEquals(List.of("good"), work.groups.get(2));
        work.finish(2, "bad");
        assertEquals("ok:good", good.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("bad"), work.groups.get(3));
        work.finish(3, "bad");
        assertTrue(bad.isCompletedExceptionally());
        assertEquals(List.of("also"), work.groups.get(4));
        CompletableFuture<String> later = submit(grouping, "t1", "later");
        assertEquals(5, work.groups.size(), "the lane is still busy with the retries");
        work.finish(4, "bad");
        assertEquals("ok:also", alsoGood.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("later"), work.groups.get(5));
        work.finish(5, null);
        assertEquals("ok:later", later.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aFailureOfASingleRequestIsItsOwnAndTheLaneGoesOn() throws Exception {
        Work work = new Work();
        Grouping<String, String, String> grouping = oneAtATime(work);
        CompletableFuture<String> bad = submit(grouping, "t1", "bad");
        work.finish(0, "bad");
        assertTrue(bad.isCompletedExceptionally());
        CompletableFuture<String> next = submit(grouping, "t1", "next");
        work.finish(1, null);
        assertEquals("ok:next", next.get(1, TimeUnit.SECONDS));
    }
}

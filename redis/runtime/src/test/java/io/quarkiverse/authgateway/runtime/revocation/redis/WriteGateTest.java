package io.quarkiverse.authgateway.runtime.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class WriteGateTest {

    @Test
    void atMostTwoInFlightTheRestInOrderAndBusyWhenTheQueueIsFull() {
        WriteGate gate = new WriteGate(2, 3);
        List<UniEmitter<? super Integer>> sent = new ArrayList<>();
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            int number = i;
            gate.<Integer>through(() -> Uni.createFrom().emitter(emitter -> sent.add(emitter)))
                    .subscribe().with(item -> outcomes.add(number + "=" + item), outcomes::add);
        }
        // two sent, three waiting, the sixth refused at once
        assertEquals(2, sent.size());
        assertEquals(1, outcomes.size());
        assertInstanceOf(WriteGate.Busy.class, outcomes.get(0));
        sent.get(0).complete(10);
        assertEquals(3, sent.size(), "the first waiting write is sent when one completes");
        sent.get(1).fail(new IllegalStateException("redis said no"));
        sent.get(2).complete(12);
        sent.get(3).complete(13);
        sent.get(4).complete(14);
        assertEquals(5, sent.size());
        assertEquals("0=10", outcomes.get(1));
        assertInstanceOf(IllegalStateException.class, outcomes.get(2));
        assertEquals(List.of("2=12", "3=13", "4=14"), outcomes.subList(3, 6));
    }

    @Test
    void aWaitingWriteThatIsCancelledIsNeverSent() {
        WriteGate gate = new WriteGate(1, 5);
        List<UniEmitter<? super Integer>> sent = new ArrayList<>();
        gate.<Integer>through(() -> Uni.createFrom().emitter(emitter -> sent.add(emitter))).subscribe().with(item -> {
        });
        var waiting = gate.<Integer>through(() -> Uni.createFrom().emitter(emitter -> sent.add(emitter))).subscribe()
                .with(item -> {
                });
        waiting.cancel();
        sent.get(0).complete(1);
        assertEquals(1, sent.size());
    }
}

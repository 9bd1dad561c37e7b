package dev.cluster.runtime.elect;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FencingTest {

    @Test
    void defaultTtlStopsTheChildOneAndAHalfSecondsBeforeTheLeaseCouldExpire() {
        Fencing fencing = Fencing.forTtl(Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(3500), fencing.renewalDeadline());
        assertEquals(Duration.ofMillis(750), fencing.stopGrace());
        assertFalse(fencing.mustStop(Duration.ofMillis(3500)));
        assertTrue(fencing.mustStop(Duration.ofMillis(3501)));
    }

    @Test
    void theMarginMustLeaveRoomToStopTheChild() {
        assertThrows(IllegalArgumentException.class,
                () -> new Fencing(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class,
                () -> new Fencing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Fencing.forTtl(Duration.ofSeconds(1)));
    }
}

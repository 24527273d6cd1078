package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The bounds and the flood policy of the device-event lanes, on an executor the test runs by hand. */
class DeviceEventLanesTest {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final CounterTally counters = new CounterTally();
    private final DeviceEventLanes lanes = new DeviceEventLanes(tasks::add, 8, 12, why -> counters.increment("dropped", why));

    private void runAll() {
        while (!tasks.isEmpty()) tasks.poll().run();
    }

    @Test
    void aFloodingDeviceLosesItsOwnOldestReportsAndTheOthersKeepTheirRoom() {
        List<String> ran = new ArrayList<>();
        DeviceEventLanes.Lane flood = lanes.lane("flood");
        DeviceEventLanes.Lane quiet = lanes.lane("quiet");
        for (int i = 0; i < 20; i++) {
            int n = i;
            flood.offer(true, () -> ran.add("flood" + n));
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            quiet.offer(true, () -> ran.add("quiet" + n));
        }
        assertThat(counters.count("dropped", "device_queue_full")).isEqualTo(12);
        assertThat(lanes.queued()).isEqualTo(11);

        runAll();

        assertThat(ran).filteredOn(s -> s.startsWith("flood"))
                .containsExactly("flood12", "flood13", "flood14", "flood15", "flood16", "flood17", "flood18", "flood19");
        assertThat(ran).filteredOn(s -> s.startsWith("quiet")).containsExactly("quiet0", "quiet1", "quiet2");
        assertThat(lanes.queued()).isZero();
    }

    @Test
    void pastTheSharedBoundEveryDevicesReportsAreDroppedAndCounted() {
        for (int d = 0; d < 3; d++) {
            DeviceEventLanes.Lane lane = lanes.lane("d" + d);
            for (int i = 0; i < 6; i++) lane.offer(true, () -> { });
        }
        assertThat(lanes.queued()).isEqualTo(12);
        assertThat(counters.count("dropped", "queue_full")).isEqualTo(6);
    }

    @Test
    void linkEventsAreKeptWhenReportsNoLongerFitAndStayInOrder() {
        List<String> ran = new ArrayList<>();
        DeviceEventLanes.Lane lane = lanes.lane("lamp");
        for (int i = 0; i < 8; i++) lane.offer(true, () -> ran.add("report"));
        assertThat(lane.offer(true, () -> ran.add("late report"))).isTrue();
        assertThat(lane.offer(false, () -> ran.add("offline"))).isTrue();

        runAll();

        assertThat(ran).hasSize(9).endsWith("late report", "offline");
        assertThat(counters.count("dropped", "device_queue_full")).isEqualTo(1);
    }

    @Test
    void oneBusyDeviceGivesTheWorkerUpAfterABatch() {
        List<String> ran = new ArrayList<>();
        DeviceEventLanes wide = new DeviceEventLanes(tasks::add, 1_000, 2_000, why -> { });
        DeviceEventLanes.Lane busy = wide.lane("busy");
        DeviceEventLanes.Lane other = wide.lane("other");
        for (int i = 0; i < 3 * DeviceEventLanes.BATCH; i++) busy.offer(true, () -> ran.add("busy"));
        other.offer(true, () -> ran.add("other"));

        runAll();

        assertThat(ran.indexOf("other")).isEqualTo(DeviceEventLanes.BATCH);
    }

    @Test
    void aFailingHandlerDoesNotStopTheLane() {
        List<String> ran = new ArrayList<>();
        DeviceEventLanes.Lane lane = lanes.lane("lamp");
        lane.offer(true, () -> { throw new IllegalStateException("boom"); });
        lane.offer(true, () -> ran.add("next"));

        runAll();

        assertThat(ran).containsExactly("next");
    }
}

package dev.hearth.core.devices;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A driver for unit tests: opens sessions that only record what is asked of them. */
final class FakeDriver implements DeviceDriver {
    /** The latest session opened per device. */
    final Map<String, FakeSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every session opened, in order. */
    final List<FakeSession> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean started;
    boolean stopped;

    @Override public String protocol() { return "fake"; }

    @Override public Set<String> serviceTypes() { return Set.of("_fake._tcp.local."); }

    @Override
    public Optional<DiscoveredDevice> recognize(Announcement a) {
        return Optional.empty();
    }

    @Override public void start(DriverContext context) { started = true; }

    @Override
    public DeviceSession open(DiscoveredDevice device, DeviceSink sink) {
        FakeSession s = new FakeSession(device.deviceId(), device.address(), sink);
        sessions.put(device.deviceId(), s);
        opened.add(s);
        return s;
    }

    @Override public void stop() { stopped = true; }

    static final class FakeSession implements DeviceSession {
        final String id;
        final InetSocketAddress address;
        final DeviceSink sink;
        int probes;
        final List<InetSocketAddress> moves = new ArrayList<>();
        final List<DeviceCommand> commands = new ArrayList<>();
        CompletableFuture<CommandOutcome> next = new CompletableFuture<>();
        boolean closed;

        FakeSession(String id, InetSocketAddress address, DeviceSink sink) {
            this.id = id;
            this.address = address;
            this.sink = sink;
        }

        @Override public String deviceId() { return id; }

        @Override
        public CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout) {
            commands.add(command);
            return next;
        }

        @Override public void addressChanged(InetSocketAddress address) { moves.add(address); }

        @Override public void probeNow() { probes++; }

        @Override public void close() { closed = true; }
    }
}

package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.SystemScheduler;

import dev.hearth.driver.api.Scheduler;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What simulated devices share: one small Netty event-loop group for their sockets, a clock, a
 * scheduler for their timers and, optionally, an mDNS advertiser to announce them with. Closing
 * it stops the event loops (and the scheduler, when the runtime made it).
 */
public final class SimulatorRuntime implements AutoCloseable {
    private final EventLoopGroup group;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Optional<MdnsAdvertiser> advertiser;
    private final Optional<AutoCloseable> ownedScheduler;

    /** A runtime on the given clock and scheduler (tests pass fakes), with {@code ioThreads} event loops. */
    public SimulatorRuntime(Clock clock, Scheduler scheduler, Optional<MdnsAdvertiser> advertiser, int ioThreads) {
        this(clock, scheduler, advertiser, ioThreads, Optional.empty());
    }

    private SimulatorRuntime(Clock clock, Scheduler scheduler, Optional<MdnsAdvertiser> advertiser, int ioThreads,
                             Optional<AutoCloseable> ownedScheduler) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.advertiser = Objects.requireNonNull(advertiser, "advertiser");
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be at least 1");
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.ownedScheduler = ownedScheduler;
    }

    /** A runtime on the system clock with its own timer thread and one event loop. */
    public static SimulatorRuntime system(Optional<MdnsAdvertiser> advertiser) {
        SystemScheduler scheduler = new SystemScheduler("simulator-timers");
        return new SimulatorRuntime(Clock.systemUTC(), scheduler, advertiser, 1, Optional.of(scheduler));
    }

    public Clock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Optional<MdnsAdvertiser> advertiser() {
        return advertiser;
    }

    EventLoop nextLoop() {
        return group.next();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        ownedScheduler.ifPresent(s -> {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the simulator's scheduler", e);
            }
        });
    }
}

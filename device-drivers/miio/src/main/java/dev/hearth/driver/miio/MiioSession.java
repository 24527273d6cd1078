package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * One miIO device: liveness, polling and commands over a {@link MiioExchange}.
 *
 * <p>Liveness follows Xiaomi's LAN client: while the device is quiet it is probed
 * ({@code miIO.info}, encrypted, so a device holding another token stays silent) at an interval
 * that grows with every answered probe, with jitter. An unanswered probe, poll or command starts
 * up to {@code pings} pings {@code pingInterval} apart; when none is answered the device is
 * OFFLINE (NO_RESPONSE) and is re-probed at a growing interval until it answers, which starts a
 * new link. All state is confined to the driver's I/O thread.
 */
public final class MiioSession implements DeviceSession {
    static final String NO_REPLY = "no reply — wrong token or device unreachable";
    private static final RpcCall INFO = RpcCall.query("miIO.info", JsonNodeFactory.instance.arrayNode());

    private enum Health { CONNECTING, HEALTHY, PINGING, OFFLINE, CLOSED }

    private final String deviceId;
    private final DeviceModel model;
    private final MiioApi api;
    private final MiioOptions options;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor loop;
    private final DeviceSink sink;
    private final RandomGenerator random;
    /** The quiet-time probe interval's growth, also the cap of re-probing while OFFLINE. */
    private final Backoff probes;
    private final SessionRegistry registry;
    private final MiioExchange exchange;
    private final Object reportLock = new Object();
    private volatile boolean closed;

    private Health health = Health.CONNECTING;
    private long link;
    private boolean online;
    private boolean offlineReported;
    private Duration probeDelay;
    private int pingsLeft;
    /** When the device last sent an authenticated reply, in the clock's milliseconds. */
    private long lastHeardMs;
    /** Counts poll rounds, so only the latest one goes on to its next call. */
    private long pollRound;
    private Scheduler.Cancellable probeTimer = () -> { };
    private Scheduler.Cancellable pollTimer = () -> { };
    private final Map<String, Value> lastReported = new HashMap<>();

    MiioSession(String deviceId, DeviceModel model, MiioApi api, MiioOptions options, Clock clock, Scheduler scheduler,
                Executor loop, DeviceSink sink, RandomGenerator random, SessionRegistry registry,
                java.util.function.Function<MiioExchange.Listener, MiioExchange> exchangeFactory) {
        this.deviceId = deviceId;
        this.model = model;
        this.api = api;
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.loop = loop;
        this.sink = sink;
        this.random = random;
        this.registry = registry;
        this.probes = Backoff.doubling(options.probeInitial(), options.probeMax());
        this.probeDelay = options.probeInitial();
        this.exchange = exchangeFactory.apply(new MiioExchange.Listener() {
            @Override
            public void heard(long nowMs) {
                lastHeardMs = nowMs;
            }

            @Override
            public void otherDevice(long did) {
                replacedBy(did, "answered under our token");
            }
        });
    }

    /** Starts connecting in the background. */
    void start() {
        onLoop(this::connect);
    }

    /** A datagram from this device's address; called on the I/O thread. */
    void onPacket(byte[] packet) {
        if (health != Health.CLOSED) exchange.onPacket(packet);
    }

    InetSocketAddress address() {
        return exchange.address();
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<CommandOutcome> out = new CompletableFuture<>();
        Scheduler.Cancellable deadline = scheduler.schedule(timeout, () -> out.completeExceptionally(
                new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no outcome within " + timeout.toMillis() + " ms")));
        out.whenComplete((r, e) -> deadline.cancel());
        if (!onLoop(() -> run(command, out))) out.completeExceptionally(offline());
        return out;
    }

    /**
     * Sends one raw miIO call (e.g. {@code get_prop ["power"]}) and returns the device's reply:
     * for diagnostics and benchmarks. Fails with DEVICE_OFFLINE while the device is offline.
     */
    public CompletionStage<MiioRpcMessage.Reply> call(String method, JsonNode params) {
        CompletableFuture<MiioRpcMessage.Reply> out = new CompletableFuture<>();
        RpcCall call = RpcCall.query(method, params);
        boolean queued = onLoop(() -> {
            if (!online) {
                out.completeExceptionally(offline());
                return;
            }
            exchange.call(call, options.retries() + 1).whenComplete((r, e) -> complete(out, r, e));
        });
        if (!queued) out.completeExceptionally(offline());
        return out;
    }

    @Override
    public void addressChanged(InetSocketAddress address) {
        onLoop(() -> {
            InetSocketAddress old = exchange.address();
            if (old.equals(address)) return;
            exchange.address(address);
            registry.moved(this, old, address);
        });
    }

    /** An encrypted {@code miIO.info} now; unanswered, the usual pings follow and then OFFLINE NO_RESPONSE. */
    @Override
    public void probeNow() {
        onLoop(() -> {
            if (health == Health.HEALTHY) probe(1);
        });
    }

    @Override
    public void close() {
        synchronized (reportLock) {
            closed = true;
        }
        onLoop(() -> {
            health = Health.CLOSED;
            probeTimer.cancel();
            pollTimer.cancel();
            exchange.failAll(offline());
            registry.closed(this, exchange.address());
        });
    }

    private void connect() {
        health = Health.CONNECTING;
        exchange.forgetStamp();
        probe(options.retries() + 1);
    }

    /** A {@code miIO.info} probe; any encrypted reply proves the device is there and holds our token. */
    private void probe(int attempts) {
        exchange.call(INFO, attempts).whenComplete((reply, failure) -> {
            if (health == Health.CLOSED) return;
            if (reply != null) {
                answered(reply);
            } else if (health == Health.OFFLINE) {
                probeDelay = grow(probeDelay);
                scheduleProbe();
            } else {
                startPinging();
            }
        });
    }

    private void answered(MiioRpcMessage.Reply reply) {
        JsonNode info = reply instanceof MiioRpcMessage.Result r ? r.result() : JsonNodeFactory.instance.objectNode();
        if (!online) {
            online = true;
            offlineReported = false;
            link++;
            lastReported.clear();
            probeDelay = options.probeInitial();
            report(new DeviceEvent.CameOnline(link, DeviceInfo.firmware(info), clock.instant()));
            schedulePoll(Duration.ZERO);
        } else if (health == Health.HEALTHY) {
            probeDelay = grow(probeDelay);
        } else {
            probeDelay = options.probeInitial();
            if (health == Health.PINGING) schedulePoll(Duration.ZERO); // polling paused while pinging
        }
        health = Health.HEALTHY;
        reportChanges(DeviceInfo.values(model, info));
        scheduleProbe();
    }

    private void scheduleProbe() {
        probeTimer.cancel();
        probeTimer = scheduler.schedule(jitter(probeDelay), () -> onLoop(this::probeDue));
    }

    private void probeDue() {
        if (health == Health.OFFLINE) {
            exchange.forgetStamp();
            probe(1);
        } else if (health == Health.HEALTHY) {
            if (clock.millis() - lastHeardMs < probeDelay.toMillis()) {
                scheduleProbe(); // not quiet: polls and commands are being answered
            } else {
                probe(1);
            }
        }
    }

    private void startPinging() {
        if (health != Health.HEALTHY && health != Health.CONNECTING) return;
        health = Health.PINGING;
        // no polls while the liveness probe runs: a poll queued mid-ping would take the device's
        // attempts and hellos and push OFFLINE past the documented time
        pollTimer.cancel();
        pingsLeft = options.pings();
        schedulePing();
    }

    private void schedulePing() {
        probeTimer.cancel();
        probeTimer = scheduler.schedule(options.pingInterval(), () -> onLoop(this::ping));
    }

    private void ping() {
        if (health != Health.PINGING) return;
        exchange.call(INFO, 1).whenComplete((reply, failure) -> {
            if (health != Health.PINGING) return;
            if (reply != null) {
                answered(reply);
            } else if (--pingsLeft > 0) {
                schedulePing();
            } else {
                goOffline();
            }
        });
    }

    private void goOffline() {
        // silent under our token, but another device answers hellos here: it took the address
        var other = exchange.otherDeviceAnsweringHellos();
        if (other.isPresent()) {
            replacedBy(other.getAsLong(), "answers hellos, not our token's requests");
            return;
        }
        health = Health.OFFLINE;
        pollTimer.cancel();
        if (online || !offlineReported) {
            report(new DeviceEvent.WentOffline(link, OfflineReason.NO_RESPONSE, NO_REPLY, clock.instant()));
        }
        online = false;
        offlineReported = true;
        exchange.failAll(offline());
        probeDelay = options.probeInitial();
        scheduleProbe();
    }

    /**
     * Another device answers at this address: OFFLINE DEVICE_REPLACED, the other device offered to
     * the core (never adopted here), and slow re-probing as after any OFFLINE, in case ours returns.
     */
    private void replacedBy(long otherDid, String how) {
        if (health == Health.CLOSED) return;
        health = Health.OFFLINE;
        pollTimer.cancel();
        if (online || !offlineReported) {
            InetSocketAddress at = exchange.address();
            String detail = "device " + otherDid + " " + how + " at " + at.getAddress().getHostAddress() + ", in place of " + deviceId;
            DiscoveredDevice successor = new DiscoveredDevice(MiioInstanceName.gatewayDeviceId(otherDid), "miio", model.model(), at,
                    Map.of("did", Long.toString(otherDid), "replaces", deviceId));
            report(new DeviceEvent.Replaced(link, successor, detail, clock.instant()));
        }
        online = false;
        offlineReported = true;
        exchange.failAll(offline());
        probeDelay = options.probeInitial();
        scheduleProbe();
    }

    private void schedulePoll(Duration delay) {
        pollTimer.cancel();
        pollTimer = scheduler.schedule(delay, () -> onLoop(this::poll));
    }

    /**
     * Reads every polled property, in as many calls as the model's per-request limit needs, one
     * after another (so a poll never has more than one request in flight), and reports what changed
     * once, when the round ends: a device that answers one property per call (the SA1) is one state
     * change per poll for the registry and the cloud, not one per property.
     */
    private void poll() {
        if (!online || health != Health.HEALTHY) return;
        List<MiioApi.Poll> polls = api.polls();
        if (polls.isEmpty()) return;
        pollFrom(polls, 0, ++pollRound, new LinkedHashMap<>());
    }

    private void pollFrom(List<MiioApi.Poll> polls, int index, long round, Map<String, Value> read) {
        MiioApi.Poll p = polls.get(index);
        exchange.call(p.call(), options.retries() + 1).whenComplete((reply, failure) -> {
            // a newer round (a command asked for fresh values) reads everything again: this one's
            // values predate the command, so they are dropped rather than reported over its outcome
            if (!online || round != pollRound) return;
            if (reply instanceof MiioRpcMessage.Result r) {
                read.putAll(p.read().apply(r.result()));
            } else if (isTimeout(failure)) {
                startPinging();
            }
            if (health != Health.HEALTHY) {
                reportChanges(read); // cut short by the liveness probe: what was read is still the device's
                return;
            }
            if (index + 1 < polls.size()) {
                pollFrom(polls, index + 1, round, read);
            } else {
                reportChanges(read);
                schedulePoll(options.pollInterval());
            }
        });
    }

    private void run(DeviceCommand command, CompletableFuture<CommandOutcome> out) {
        if (!online) {
            out.completeExceptionally(offline());
            return;
        }
        List<RpcCall> calls;
        try {
            calls = api.plan(command);
        } catch (JsonValues.InvalidValue e) {
            out.completeExceptionally(new CommandFailure(CommandFailure.Code.INVALID_ARGUMENT, e.getMessage()));
            return;
        }
        // an action is not idempotent: only sets are retried after a timeout
        int attempts = command instanceof DeviceCommand.SetProperties ? options.retries() + 1 : 1;
        List<CompletableFuture<List<CommandOutcome.Item>>> parts = new ArrayList<>();
        for (RpcCall c : calls) parts.add(exchange.call(c, attempts).thenApply(c.outcome()));
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (isTimeout(cause)) startPinging();
                out.completeExceptionally(cause);
                return;
            }
            List<CommandOutcome.Item> items = new ArrayList<>();
            parts.forEach(p -> items.addAll(p.join()));
            out.complete(new CommandOutcome(items));
            if (online && health == Health.HEALTHY) schedulePoll(Duration.ZERO);
        });
    }

    private void reportChanges(Map<String, Value> values) {
        Map<String, Value> changed = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.equals(lastReported.put(k, v))) changed.put(k, v);
        });
        if (!changed.isEmpty()) report(new DeviceEvent.StateReported(changed, clock.instant()));
    }

    private void report(DeviceEvent event) {
        synchronized (reportLock) {
            if (!closed) sink.accept(event);
        }
    }

    private Duration grow(Duration d) {
        return probes.grow(d);
    }

    /** Up to a fifth off, so many devices probed from one gateway do not stay in step; never past probeMax. */
    private Duration jitter(Duration d) {
        return probes.jittered(d, random::nextDouble);
    }

    private boolean onLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    private static boolean isTimeout(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof CommandFailure f && f.code() == CommandFailure.Code.DEVICE_TIMEOUT;
    }

    private static CommandFailure offline() {
        return new CommandFailure(CommandFailure.Code.DEVICE_OFFLINE, "device is offline");
    }

    private static <T> void complete(CompletableFuture<T> out, T value, Throwable failure) {
        if (failure != null) out.completeExceptionally(failure);
        else out.complete(value);
    }
}

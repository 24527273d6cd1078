package dev.hearth.driver.miio;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.miio.MiioCipher;
import dev.hearth.protocols.miio.MiioDecodeResult;
import dev.hearth.protocols.miio.MiioHeader;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioRpcCodec;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.protocols.miio.MiioToken;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.OptionalLong;

/**
 * The request/reply layer with one device: the hello handshake and stamp tracking, encryption,
 * request ids, retries with a new id (on timeout and on errors -30001 / -9999) and correlation of
 * replies. Confined to one thread ({@code loop}); timers hop back onto it.
 */
final class MiioExchange {
    /** Errors after which a device wants the request again (busy, or stamp/id trouble). */
    private static final int RETRY_LATER = -30001;
    private static final int RETRY_STAMP = -9999;

    private final long deviceId;
    private final MiioOptions options;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor loop;
    private final PacketLink link;
    private final DriverCounters counters;
    /** What the exchange tells its session. Called on {@code loop}. */
    interface Listener {
        /** An authenticated reply of the session's device arrived at {@code nowMs}: the device is alive. */
        void heard(long nowMs);

        /** A reply under our token carried {@code deviceId}, not the session's: another device answers here. */
        void otherDevice(long deviceId);
    }

    private final Listener listener;
    private final MiioPacketCodec codec;
    /** The token's AES and MD5 engines, made once: confined to {@code loop} like the rest. */
    private final MiioCipher cipher;
    private final MiioRpcCodec rpc = new MiioRpcCodec();
    private final RequestTracker requests;

    private InetSocketAddress address;
    private long helloDeviceId;
    /** The device id of the last hello reply when it was not the session's (unauthenticated: only a hint). */
    private OptionalLong otherHello = OptionalLong.empty();
    private boolean stampKnown;
    private long stampOffset;
    private long stampLearnedAtMs;
    private boolean helloPending;
    private int helloAttemptsLeft;
    private Scheduler.Cancellable helloTimer = () -> { };
    private Scheduler.Cancellable sweepTimer = () -> { };
    private boolean sweepScheduled;

    MiioExchange(long deviceId, MiioToken token, InetSocketAddress address, MiioOptions options, Clock clock,
                 Scheduler scheduler, Executor loop, PacketLink link, DriverCounters counters, MiioPacketCodec codec,
                 Listener listener, RequestIds ids) {
        this.deviceId = deviceId;
        this.helloDeviceId = deviceId;
        this.address = address;
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.loop = loop;
        this.link = link;
        this.counters = counters;
        this.codec = codec;
        this.cipher = MiioCipher.of(token);
        this.listener = listener;
        this.requests = new RequestTracker(options.maxInFlight(), options.maxQueued(), ids);
    }

    InetSocketAddress address() {
        return address;
    }

    void address(InetSocketAddress moved) {
        address = moved;
        stampKnown = false;
    }

    /**
     * The device id the last hello reply gave when it was not the session's. A hello reply is not
     * authenticated: this only names who answers at the address when our device does not.
     */
    OptionalLong otherDeviceAnsweringHellos() {
        return otherHello;
    }

    /** Forgets the device's stamp, so the next request starts with a hello. */
    void forgetStamp() {
        stampKnown = false;
    }

    /** Sends {@code call}, trying up to {@code attempts} times; completes with the device's reply. */
    CompletableFuture<MiioRpcMessage.Reply> call(RpcCall call, int attempts) {
        RequestTracker.Pending p = requests.submit(call, attempts);
        pump(clock.millis());
        return p.result;
    }

    void failAll(RuntimeException failure) {
        helloTimer.cancel();
        sweepTimer.cancel();
        sweepScheduled = false;
        helloPending = false;
        requests.failAll(failure);
    }

    /** A datagram from the device's address. */
    void onPacket(byte[] packet) {
        MiioDecodeResult r = codec.decode(packet, cipher);
        if (r instanceof MiioDecodeResult.HelloReply h) {
            onHelloReply(h);
        } else if (r instanceof MiioDecodeResult.Message m) {
            onMessage(m);
        } else if (r instanceof MiioDecodeResult.Malformed bad) {
            counters.increment("malformed_packets", bad.reason());
        } else {
            counters.increment("malformed_packets", "hello_from_device");
        }
    }

    private void onHelloReply(MiioDecodeResult.HelloReply h) {
        if (!helloPending) return;
        helloTimer.cancel();
        helloPending = false;
        if (h.deviceId() != deviceId) counters.increment("malformed_packets", "unexpected_device_id");
        otherHello = h.deviceId() == deviceId ? OptionalLong.empty() : OptionalLong.of(h.deviceId());
        helloDeviceId = h.deviceId();
        long now = clock.millis();
        learnStamp(h.stamp(), now);
        pump(now);
    }

    private void onMessage(MiioDecodeResult.Message m) {
        MiioRpcMessage msg = rpc.parse(m.json());
        if (msg instanceof MiioRpcMessage.Malformed bad) {
            counters.increment("malformed_packets", bad.reason());
            return;
        }
        if (!(msg instanceof MiioRpcMessage.Reply reply)) {
            counters.increment("malformed_packets", "request_from_device");
            return;
        }
        if (m.header().deviceId() != deviceId) {
            // our token, another device id: not our device's answer, and not a sign of its life
            counters.increment("foreign_replies", "device_id");
            listener.otherDevice(m.header().deviceId());
            return;
        }
        // a checksum that matched our token proves the device holds it: the device is alive
        long now = clock.millis();
        learnStamp(m.header().stamp(), now);
        listener.heard(now);
        requests.answered(reply.id()).ifPresent(p -> {
            if (reply instanceof MiioRpcMessage.Failure f && (f.code() == RETRY_LATER || f.code() == RETRY_STAMP)
                    && requests.retry(p)) {
                if (f.code() == RETRY_STAMP) stampKnown = false;
            } else {
                p.result.complete(reply);
            }
        });
        pump(now);
    }

    private void learnStamp(long deviceStamp, long nowMs) {
        stampLearnedAtMs = nowMs;
        stampOffset = deviceStamp - Math.floorDiv(nowMs, 1000);
        stampKnown = true;
    }

    private void pump(long nowMs) {
        if (!requests.hasQueued()) return;
        // after a long quiet spell the device may have rebooted: re-learn its stamp first
        if (stampKnown && nowMs - stampLearnedAtMs > options.rehandshakeAfter().toMillis()) {
            stampKnown = false;
        }
        if (!stampKnown) {
            hello();
            return;
        }
        for (var next = requests.nextToSend(); next.isPresent(); next = requests.nextToSend()) {
            transmit(next.get(), nowMs);
        }
    }

    /**
     * Learns the stamp, trying as often as the request waiting for it may still be tried (a ping
     * has one attempt, so its hello has one too): a silent device is then declared OFFLINE after
     * the pings' time, not after a full set of hello retries per ping.
     */
    private void hello() {
        if (helloPending) return;
        helloPending = true;
        helloAttemptsLeft = Math.max(1, Math.min(options.retries() + 1, requests.headAttemptsLeft()));
        sendHello();
    }

    private void sendHello() {
        helloAttemptsLeft--;
        helloTimer = scheduler.schedule(options.requestTimeout(), () -> loop.execute(this::onHelloTimeout));
        link.send(address, MiioPacketCodec.hello());
    }

    private void onHelloTimeout() {
        if (!helloPending) return;
        if (helloAttemptsLeft > 0) {
            sendHello();
            return;
        }
        helloPending = false;
        requests.failQueued(new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no reply to hello"));
    }

    private void transmit(RequestTracker.Pending p, long nowMs) {
        int id = p.id;
        byte[] json = rpc.encode(new MiioRpcMessage.Request(id, p.call.method(), p.call.params()));
        long stamp = (Math.floorDiv(nowMs, 1000) + stampOffset) & 0xffff_ffffL;
        byte[] packet;
        try {
            packet = codec.encode(MiioHeader.of(helloDeviceId, stamp), json, cipher);
        } catch (IllegalArgumentException tooBig) {
            requests.timedOut(p, id);
            p.result.completeExceptionally(new CommandFailure(CommandFailure.Code.INVALID_ARGUMENT, "request too large for a miIO packet"));
            return;
        }
        p.deadlineMs = nowMs + options.requestTimeout().toMillis();
        // one timer per device, not one per request: replies usually beat it and a timer costs a thread wake-up
        if (!sweepScheduled) scheduleSweep(options.requestTimeout());
        link.send(address, packet);
    }

    private void scheduleSweep(Duration delay) {
        sweepScheduled = true;
        sweepTimer = scheduler.schedule(delay, () -> loop.execute(this::sweep));
    }

    /** Times out every attempt past its deadline, then waits for the earliest one left. */
    private void sweep() {
        sweepScheduled = false;
        long now = clock.millis();
        for (RequestTracker.Pending p : requests.inFlight()) {
            if (p.deadlineMs <= now) onAttemptTimeout(p, p.id, now);
        }
        requests.inFlight().stream().mapToLong(p -> p.deadlineMs).min()
                .ifPresent(next -> {
                    if (!sweepScheduled) scheduleSweep(Duration.ofMillis(next - now));
                });
    }

    private void onAttemptTimeout(RequestTracker.Pending p, int id, long nowMs) {
        if (!requests.timedOut(p, id)) return;
        // no reply: the device may have rebooted (new stamp) or moved; re-learn its stamp first
        stampKnown = false;
        if (!requests.retry(p)) {
            p.result.completeExceptionally(new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no reply to " + p.call.method()));
        }
        pump(nowMs);
    }
}

package dev.hearth.core.cloud.mqtt;

import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.cloud.outbox.OutboxEntry;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import java.time.Clock;
import java.time.Duration;
import dev.hearth.core.logging.ratelimit.RateLimitedLog;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT 5 connection to the cloud (Paho async client), kept up forever.
 *
 * <p>Each connection is a fresh Paho client with clean start: on success the link subscribes to the
 * commands topic, publishes the birth (retained ONLINE status, a new session number; the will is
 * the OFFLINE status of the same session), re-publishes the retained snapshot (availability and
 * state of every device), then drains the {@link Outbox}. At most {@code min(Receive Maximum from
 * CONNACK, settings.maxInFlight)} publishes are unacknowledged; each PUBACK confirms its outbox
 * entry. On loss, in-flight entries go back to QUEUED and the link reconnects after the
 * {@link dev.hearth.driver.api.Backoff}'s delay, on the injected scheduler.
 *
 * <p>Several brokers (the nodes of one cluster): the link connects to the first that answers; a
 * failed attempt or a loss moves it to the next node in the list (round), with the same backoff;
 * it goes back to the first, preferred node only when asked ({@link #returnToPreferred()}). The
 * birth names the node. Nothing else changes with the node: the session number rises, the snapshot
 * is re-published and the outbox re-sends what was not acknowledged, in order.
 *
 * <p>All state is confined to one thread ("hearth-cloud-link"); Paho callbacks hop onto it.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    /** A link lost this soon after the oldest unacknowledged publish went out is blamed on that publish. */
    static final Duration SUSPECT_WITHIN = Duration.ofSeconds(5);

    private final BridgeSettings settings;
    private final Outbox outbox;
    private final Supplier<List<OutboundMessage>> retainedSnapshot;
    private final Consumer<InboundCommand> commands;
    private final Scheduler scheduler;
    private final Clock clock;
    private final CloudCounters counters;
    private final DoubleSupplier random;
    private final SocketFactory sockets;
    /** The broker nodes as Paho URIs, the preferred first. */
    private final List<String> brokers;
    private final ExecutorService thread;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    /**
     * Publish outcomes (PUBACKs, failures) waiting for the link thread, in the order Paho reported
     * them: one task takes them all, then drains once, instead of a task and a drain per PUBACK.
     * Bounded by the window: each publish reports one outcome.
     */
    private final ConcurrentLinkedQueue<Runnable> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean outcomesQueued = new AtomicBoolean();
    /** While the link thread runs a batch of outcomes: each outcome skips its own drain. */
    private boolean inOutcomes;
    private final ExecutorService cleanup;

    // Confined to the link thread.
    private MqttAsyncClient client;
    private int generation;
    private boolean connected;
    private boolean closed;
    private int window;
    private int inFlight;
    private int failedAttempts;
    private long session;
    private boolean retryScheduled;
    private final ArrayDeque<OutboundMessage> priority = new ArrayDeque<>();
    /** This connection's unacknowledged publishes in the order they went out: outbox id (0: not from the outbox), when. */
    private final LinkedHashMap<Long, Unacked> unacked = new LinkedHashMap<>();
    private long publishes;
    /** The last outbox entry the broker refused on this connection: Paho drops the link right after such a PUBACK. */
    private Optional<Unacked> lastRefused = Optional.empty();
    private boolean retryDrainScheduled;
    private final RateLimitedLog warnings;
    /** Its own limit: a flood of bad commands must not hide the link's other warnings. */
    private final RateLimitedLog commandWarnings;
    private volatile LinkStatus status;
    /** The index in {@link #brokers} of the node connected to, or tried next. */
    private int node;
    /** The node of the last connection that succeeded; -1 before the first. */
    private int lastConnectedNode = -1;

    /**
     * @param retainedSnapshot the retained messages (availability and state of every device, the
     *     registry) to re-publish on every connection; it must reflect at least everything already
     *     handed to the outbox
     * @param commands receives what arrives on the commands topic; must not block (hand off)
     * @param random uniform values in [0, 1) for the reconnect jitter
     */
    public MqttLink(BridgeSettings settings, Outbox outbox, Supplier<List<OutboundMessage>> retainedSnapshot,
            Consumer<InboundCommand> commands, Scheduler scheduler, Clock clock, CloudCounters counters, DoubleSupplier random) {
        this.settings = settings;
        this.outbox = outbox;
        this.retainedSnapshot = retainedSnapshot;
        this.commands = commands;
        this.scheduler = scheduler;
        this.clock = clock;
        this.counters = counters;
        this.random = random;
        this.sockets = settings.tls().<SocketFactory>map(t -> NoDelaySockets.tls(TlsSocketFactories.create(t))).orElseGet(NoDelaySockets::plain);
        this.brokers = settings.brokers().stream().map(java.net.URI::toString).toList();
        this.status = LinkStatus.initial(brokers.get(0));
        this.thread = Executors.newSingleThreadExecutor(r -> daemon(r, "hearth-cloud-link"));
        this.cleanup = Executors.newSingleThreadExecutor(r -> daemon(r, "hearth-cloud-link-cleanup"));
        this.warnings = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
        this.commandWarnings = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
        outbox.packetSize(MessageProperties::packetBytes);
        // one drain task at a time, however many messages arrive meanwhile: it clears the flag
        // before it looks at the outbox, so a message enqueued after that starts a new one
        outbox.onReady(() -> {
            if (drainQueued.compareAndSet(false, true)) run(() -> {
                drainQueued.set(false);
                drain();
            });
        });
    }

    /** A publish waiting for its PUBACK. */
    private record Unacked(long id, long atMs) { }

    /** The node connected to, or tried next. Link thread only. */
    private String broker() {
        return brokers.get(node);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts connecting (asynchronously); the link then stays up until {@link #close()}. */
    public void start() {
        run(this::connect);
    }

    public LinkStatus status() {
        return status;
    }

    /**
     * Moves the link back to the first, preferred broker node: when it is on another, it
     * disconnects there (cleanly: no will) and connects to the first; unacknowledged publishes go
     * back to the outbox and are sent again on the new connection. On the preferred node already,
     * or while waiting to reconnect (the next attempt then goes to the first node), nothing is dropped.
     */
    public void returnToPreferred() {
        run(() -> {
            if (closed || node == 0) return;
            node = 0;
            if (!connected) return; // the pending reconnect takes the first node
            generation++;
            connected = false;
            inFlight = 0;
            priority.clear();
            unacked.clear();
            lastRefused = Optional.empty();
            int requeued = outbox.requeueInFlight(Optional.empty());
            MqttAsyncClient old = client;
            client = null;
            cleanup.execute(() -> {
                try {
                    if (old.isConnected()) old.disconnect(2000).waitForCompletion(2500);
                } catch (MqttException | RuntimeException e) {
                    log.debug("disconnect before returning to the preferred broker: {}", e.getMessage());
                }
                try {
                    old.close(true);
                } catch (MqttException | RuntimeException e) {
                    log.debug("close before returning to the preferred broker: {}", e.getMessage());
                }
                run(this::connect);
            });
            log.info("cloud link: returning to the preferred broker {}; {} messages back in the queue", broker(), requeued);
        });
    }

    /** On Paho's callback thread: queues a publish's outcome for the link thread (see {@link #outcomes}). */
    private void outcome(Runnable task) {
        outcomes.add(task);
        if (outcomesQueued.compareAndSet(false, true)) run(() -> {
            outcomesQueued.set(false);
            inOutcomes = true;
            try {
                for (Runnable o = outcomes.poll(); o != null; o = outcomes.poll()) o.run();
            } finally {
                inOutcomes = false;
            }
            drain();
        });
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: late callbacks have nothing left to do
        }
    }

    private void connect() {
        if (closed) return;
        int gen = ++generation;
        counters.connectAttempt();
        session = outbox.nextSession();
        try {
            client = new MqttAsyncClient(broker(), settings.clientId(), new MemoryPersistence());
            client.setCallback(new LinkCallback(gen, settings.topics().commands(), this::run, commands, this::lost,
                    settings.replyTopics(), counters, commandWarnings));
            client.connect(MessageProperties.connection(settings, session, clock.millis(), sockets, broker()), null,
                    listener(tok -> run(() -> connected(gen, tok)), (tok, e) -> run(() -> lost(gen, e))));
        } catch (MqttException | RuntimeException e) {
            lost(gen, e);
        }
    }

    private void connected(int gen, IMqttToken token) {
        if (gen != generation || closed) return;
        MqttProperties p = token.getResponseProperties();
        Integer receiveMax = p == null ? null : p.getReceiveMaximum();
        window = Math.min(receiveMax == null || receiveMax <= 0 ? 65535 : receiveMax, settings.maxInFlight());
        Long maxPacket = p == null ? null : p.getMaximumPacketSize();
        outbox.brokerMaxPacket(maxPacket == null ? 0 : maxPacket);
        connected = true;
        counters.connected();
        if (lastConnectedNode >= 0 && lastConnectedNode != node) counters.brokerChanged();
        lastConnectedNode = node;
        log.info("cloud link up: {} as {} (session {}, window {}{})", broker(), settings.clientId(), session, window,
                failedAttempts > 0 ? ", after " + failedAttempts + " failed attempts" : "");
        failedAttempts = 0;
        try {
            // The status says "connected" once commands can arrive, i.e. after the SUBACK.
            client.subscribe(settings.topics().commands(), 1, null, listener(t -> run(() -> subscribed(gen, t)),
                    (t, e) -> run(() -> subscribeFailed(gen, e))));
        } catch (MqttException e) {
            lost(gen, e);
            return;
        }
        priority.add(MessageProperties.status(settings, GatewayStatus.State.ONLINE, session, clock.millis(), broker()));
        // Older queued retained messages for the same topics are superseded by this snapshot.
        long mark = outbox.lastId();
        List<OutboundMessage> snapshot = retainedSnapshot.get();
        outbox.supersedeRetained(mark, snapshot.stream().map(OutboundMessage::topic).collect(Collectors.toSet()));
        priority.addAll(snapshot);
        drain();
    }

    private void subscribed(int gen, IMqttToken token) {
        if (gen != generation || !connected) return;
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            subscribeRefused(gen, codes[0]);
            return;
        }
        status = new LinkStatus(true, session, 0, Optional.empty(), window, broker());
    }

    private void subscribeFailed(int gen, Throwable e) {
        if (e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() <= 0xFF) {
            subscribeRefused(gen, m.getReasonCode());
        } else {
            lost(gen, e);
        }
    }

    /**
     * The broker will not let this gateway read its own commands (its ACL does not name this
     * gateway, or names it under another home): no command can arrive on this connection, so it is
     * not counted as up; it is dropped and tried again (on the next node) with the backoff.
     */
    private void subscribeRefused(int gen, int code) {
        counters.subscribeRefused(code);
        warnings.warn("cloud link: " + broker() + " refused the subscription to " + settings.topics().commands()
                + " (reason code 0x" + Integer.toHexString(code) + "): check the broker's rules for user "
                + settings.username().orElse("(none)"));
        lost(gen, new IllegalStateException("the broker refused the subscription to the commands topic (reason code 0x"
                + Integer.toHexString(code) + ")"));
    }

    private void drain() {
        if (inOutcomes) return; // the batch drains once at its end
        while (connected && inFlight < window) {
            long id;
            OutboundMessage m;
            if (!priority.isEmpty()) {
                id = 0;
                m = priority.poll();
                if (!outbox.fits(m)) {
                    // Paho would refuse it locally ("packet too large") or the broker drop the link.
                    counters.dropped(m.kind(), CloudCounters.DropReason.TOO_LARGE);
                    warnings.warn("cloud link: " + m + " is larger than the broker's maximum packet size ("
                            + outbox.maxPacket() + " bytes); not sent");
                    continue;
                }
            } else {
                Optional<OutboxEntry> next = outbox.takeNext();
                if (next.isEmpty()) {
                    scheduleRetryDrain();
                    return;
                }
                id = next.get().id();
                m = next.get().message();
            }
            // Refused at once (Paho busy, or its connection already gone while our lost() still
            // waits in this thread's queue): stop here. Draining on would take the same entry again,
            // forever, and lost() would never run; a PUBACK, a retry or the reconnect drains again.
            if (!publish(id, m)) return;
        }
    }

    /** Entries that failed wait in the outbox: drain again when the first of them may go. */
    private void scheduleRetryDrain() {
        if (retryDrainScheduled) return;
        Optional<Long> in = outbox.nextRetryInMs();
        if (in.isEmpty()) return;
        retryDrainScheduled = true;
        scheduler.schedule(Duration.ofMillis(Math.max(1, in.get())), () -> run(() -> {
            retryDrainScheduled = false;
            drain();
        }));
    }

    /** False when Paho refused the message at once (it is back in the queue, or retried shortly). */
    private boolean publish(long id, OutboundMessage m) {
        int gen = generation;
        long no = ++publishes;
        inFlight++;
        unacked.put(no, new Unacked(id, clock.millis()));
        // Bounded: failed publishes stay until the loss; should no loss come, forget the oldest.
        if (unacked.size() > 2 * window + 16) unacked.remove(unacked.keySet().iterator().next());
        try {
            client.publish(m.topic(), MessageProperties.message(m), null,
                    listener(tok -> outcome(() -> delivered(gen, no, id, m.kind(), tok)), (tok, e) -> outcome(() -> publishFailed(gen, no, id, e, true))));
            return true;
        } catch (MqttException | RuntimeException e) {
            publishFailed(gen, no, id, e, false);
            return false;
        }
    }

    /**
     * The outbox entry the link was probably lost for: the oldest unacknowledged publish, if it is
     * an outbox entry and went out less than {@link #SUSPECT_WITHIN} ago. The broker (and Paho, which
     * drops the connection on a refused PUBACK) handles publishes in order, so the entries before it
     * were acknowledged and the ones after it are innocent; a loss long after the publish is the network.
     */
    private Optional<Long> suspect(Throwable cause) {
        long now = clock.millis();
        if (lastRefused.isPresent() && now - lastRefused.get().atMs() <= SUSPECT_WITHIN.toMillis()) {
            return Optional.of(lastRefused.get().id());
        }
        if (!causedByAMessage(cause) || unacked.isEmpty()) return Optional.empty();
        Unacked first = unacked.values().iterator().next();
        if (first.id() <= 0 || clock.millis() - first.atMs() > SUSPECT_WITHIN.toMillis()) return Optional.empty();
        return Optional.of(first.id());
    }

    /**
     * Whether a loss names a message rather than the network: Paho's encoder refusing one (an
     * IllegalArgumentException, e.g. a control character in a topic) or the broker's DISCONNECT
     * for something we sent. An I/O error, a timeout or the broker going away blames nothing.
     */
    private static boolean causedByAMessage(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) return false;
            if (c instanceof BrokerDisconnect d) return d.causedByAMessage();
            if (c instanceof IllegalArgumentException) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    private void delivered(int gen, long no, long id, dev.hearth.core.cloud.MessageKind kind, IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            counters.publishRefused(kind, codes[0]);
            publishFailed(gen, no, id, new IllegalStateException("PUBACK reason code 0x" + Integer.toHexString(codes[0])), true);
            return;
        }
        if (id > 0) outbox.acked(id);
        if (gen == generation) {
            unacked.remove(no);
            inFlight--;
            drain();
        }
    }

    /** {@code later}: the failure came through the token's listener, not from the publish call itself. */
    private void publishFailed(int gen, long no, long id, Throwable e, boolean later) {
        if (gen != generation) return; // that connection is gone and its entries already re-queued
        boolean busy = e instanceof MqttException m0 && m0.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT;
        // Paho refusing the message itself (a wildcard in the topic) is a refusal too: it would never go.
        boolean refused = isRefusal(e) || (!later && e instanceof IllegalArgumentException);
        // A publish that failed with its connection stays in the order of this connection's
        // publishes until the loss arrives: the loss may be its doing (see suspect).
        if (!later || busy || refused) unacked.remove(no);
        inFlight--;
        if (refused) {
            log.debug("the broker refused a publish: {}", LinkErrors.describe(e, broker()));
            if (id > 0) {
                lastRefused = Optional.of(new Unacked(id, clock.millis()));
                outbox.failed(id);
            }
        } else if (id > 0) {
            // Not the broker's verdict (Paho busy: 32202, or the connection going): send it again later.
            outbox.release(id);
        }
        if (e instanceof MqttException m && m.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
            // Paho counts its in-flight slots a moment after our listener ran: retry shortly.
            if (!retryScheduled) {
                retryScheduled = true;
                scheduler.schedule(Duration.ofMillis(2), () -> run(() -> {
                    retryScheduled = false;
                    drain();
                }));
            }
            return;
        }
        if (later && client != null && client.isConnected()) drain();
    }

    /** A PUBACK reason code of 0x80 or more: the broker will not take this message. */
    private static boolean isRefusal(Throwable e) {
        if (e instanceof IllegalStateException) return true; // our own check of the PUBACK reason code
        return e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() <= 0xFF;
    }

    private void lost(int gen, Throwable cause) {
        if (gen != generation) return;
        generation++;
        boolean wasConnected = connected;
        connected = false;
        inFlight = 0;
        priority.clear();
        Optional<Long> suspect = suspect(cause);
        unacked.clear();
        lastRefused = Optional.empty();
        int requeued = outbox.requeueInFlight(suspect);
        dispose(client);
        client = null;
        if (closed) return;
        String why = LinkErrors.describe(cause, broker());
        failedAttempts++;
        // the next node of the cluster (the same one when there is only one)
        node = (node + 1) % brokers.size();
        status = new LinkStatus(false, session, failedAttempts, Optional.of(why), 0, broker());
        Duration delay = settings.reconnect().delay(failedAttempts - 1, random);
        if (wasConnected) {
            counters.connectionLost();
            log.warn("cloud link lost: {}; {} messages back in the queue; reconnecting to {} in {} ms", why, requeued, broker(), delay.toMillis());
        } else {
            log.warn("cloud link attempt {} failed: {}; next to {} in {} ms", failedAttempts, why, broker(), delay.toMillis());
        }
        scheduler.schedule(delay, () -> run(this::connect));
    }

    private void dispose(MqttAsyncClient old) {
        if (old == null) return;
        cleanup.execute(() -> {
            try {
                if (old.isConnected()) old.disconnectForcibly(0, 100, false);
            } catch (MqttException | RuntimeException e) {
                log.debug("disconnect of a lost client: {}", e.getMessage());
            }
            try {
                old.close(true);
            } catch (MqttException | RuntimeException e) {
                log.debug("close of a lost client: {}", e.getMessage());
            }
        });
    }

    /**
     * Drops the connection without DISCONNECT, as a crash would (the broker publishes the will), and
     * stops. For tests and for a gateway that must go down at once.
     */
    public void abort() {
        stop(false);
    }

    /** Publishes the OFFLINE status (a clean stop: no will), disconnects and stops. */
    @Override
    public void close() {
        stop(true);
    }

    private void stop(boolean clean) {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        run(() -> {
            closed = true;
            generation++;
            MqttAsyncClient c = client;
            client = null;
            connected = false;
            try {
                if (c != null && c.isConnected()) {
                    if (clean) {
                        OutboundMessage bye = MessageProperties.status(settings, GatewayStatus.State.OFFLINE, session, clock.millis(), broker());
                        c.publish(bye.topic(), MessageProperties.message(bye)).waitForCompletion(2000);
                        c.disconnect(2000).waitForCompletion(2500);
                    } else {
                        c.disconnectForcibly(0, 100, false);
                    }
                }
            } catch (MqttException | RuntimeException e) {
                log.debug("stopping the cloud link: {}", e.getMessage());
            }
            outbox.requeueInFlight();
            unacked.clear();
            if (c != null) {
                try {
                    c.close(true);
                } catch (MqttException e) {
                    log.debug("close: {}", e.getMessage());
                }
            }
            status = new LinkStatus(false, session, failedAttempts, status.lastError(), 0, broker());
            done.complete(null);
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("the cloud link did not stop in time: {}", e.toString());
        }
        thread.shutdown();
        cleanup.shutdown();
        try {
            cleanup.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MqttActionListener listener(Consumer<IMqttToken> ok, java.util.function.BiConsumer<IMqttToken, Throwable> failed) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                ok.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failed.accept(token, e);
            }
        };
    }
}

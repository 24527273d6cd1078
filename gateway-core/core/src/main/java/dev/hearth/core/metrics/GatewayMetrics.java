package dev.hearth.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleBiFunction;

/**
 * Every metric the gateway exposes on {@code /metrics}, named once here. Prometheus names: all
 * start with {@code hearth_}, snake_case, base units, {@code _total} on counters (Micrometer adds
 * the suffixes: counter {@code hearth.commands} is scraped as {@code hearth_commands_total}).
 * Components report through small interfaces of their own; the assembly adapts them to these methods.
 */
public final class GatewayMetrics implements AutoCloseable {
    public static final List<String> DEVICE_STATUSES = List.of("online", "offline", "unknown");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * Counters and timers by name and tag values, so a hot path (a telemetry message, a privacy
     * decision) finds its meter with one map lookup instead of building and registering a meter
     * id every time.
     */
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code hearth_devices{protocol,status}}: how many devices of each protocol are in each status. */
    public void deviceGauges(Collection<String> protocols, ToDoubleBiFunction<String, String> count) {
        for (String protocol : protocols) {
            for (String status : DEVICE_STATUSES) {
                Gauge.builder("hearth.devices", () -> (Number) count.applyAsDouble(protocol, status))
                        .description("Devices by protocol and online status")
                        .tags("protocol", protocol, "status", status)
                        .register(registry);
            }
        }
    }

    /** {@code hearth_device_transitions_total{status,reason}}: online/offline transitions. */
    public void transition(String status, String reason) {
        counter("hearth.device.transitions", "Online/offline transitions by reason", "status", lower(status), "reason", lower(reason)).increment();
    }

    /** {@code hearth_discovery_announcements_total{service_type}}. */
    public void announcement(String serviceType) {
        counter("hearth.discovery.announcements", "mDNS announcements seen", "service_type", serviceType).increment();
    }

    /** {@code hearth_telemetry_messages_total{direction="in"|"out"}}. */
    public void telemetry(String direction) {
        counter("hearth.telemetry.messages", "Telemetry messages from devices (in) and to the cloud (out)", "direction", direction).increment();
    }

    /** {@code hearth_privacy_decisions_total{class,action,reason="declared"}}: a decision by the declared class. */
    public void privacyDecision(String dataClass, String action, long count) {
        privacyDecision(dataClass, action, "declared", count);
    }

    /**
     * {@code hearth_privacy_decisions_total{class,action,reason}}: what the privacy filter did per
     * value and why (declared, type_mismatch, unknown_field, detector, owner_allowed, withdrawn_user).
     */
    public void privacyDecision(String dataClass, String action, String reason, long count) {
        counter("hearth.privacy.decisions", "Privacy filter decisions by data class, action and reason", "class", lower(dataClass),
                "action", lower(action), "reason", lower(reason)).increment(count);
    }

    /**
     * {@code hearth_privacy_records_withheld_total{reason}}: whole records the privacy filter kept home
     * (nothing_left: every field was dropped; withdrawn_user: the record named a user who withdrew consent).
     */
    public void privacyRecordWithheld(String reason) {
        counter("hearth.privacy.records.withheld", "Records the privacy filter kept home whole, by reason", "reason", lower(reason)).increment();
    }

    /** {@code hearth_device_values_rejected_total{protocol,reason}}: reported values that failed validation against the model. */
    public void rejectedValues(String protocol, String reason, long count) {
        counter("hearth.device.values.rejected", "Reported values dropped before the registry, by reason", "protocol", protocol,
                "reason", lower(reason)).increment(count);
    }

    /** {@code hearth_unknown_fields_unrecorded_total}: undeclared fields the review record had no room for. */
    public void unknownFieldsUnrecorded(long count) {
        counter("hearth.unknown.fields.unrecorded", "Undeclared fields not recorded for review because the record is full").increment(count);
    }

    /** {@code hearth_outbox_messages} and {@code hearth_outbox_bytes} gauges. */
    public void outboxGauges(DoubleSupplier depth, DoubleSupplier bytes) {
        Gauge.builder("hearth.outbox.messages", () -> (Number) depth.getAsDouble()).description("Messages waiting in the outbox").register(registry);
        Gauge.builder("hearth.outbox.bytes", () -> (Number) bytes.getAsDouble()).description("Bytes waiting in the outbox").baseUnit("bytes").register(registry);
    }

    /** {@code hearth_outbox_dropped_total{reason}}. */
    public void outboxDropped(String reason, long count) {
        counter("hearth.outbox.dropped", "Outbox messages dropped", "reason", reason).increment(count);
    }

    /** {@code hearth_storage_errors_total{store}}: failed database writes (disk full, read-only). */
    public void storageError(String store) {
        counter("hearth.storage.errors", "Failed database writes", "store", store).increment();
    }

    /** {@code hearth_mqtt_connected} (1 or 0). */
    public void mqttConnectedGauge(DoubleSupplier connected) {
        Gauge.builder("hearth.mqtt.connected", () -> (Number) connected.getAsDouble()).description("1 while the cloud link is up").register(registry);
    }

    /** {@code hearth_device_events_queued}: device events waiting for a device-event worker (drops: hearth_driver_events_total{counter="device_events_dropped"}). */
    public void deviceEventsQueuedGauge(DoubleSupplier queued) {
        Gauge.builder("hearth.device.events.queued", () -> (Number) queued.getAsDouble())
                .description("Device events waiting for a device-event worker").register(registry);
    }

    /**
     * {@code hearth_mqtt_refused_total{packet,kind,reason}}: a PUBLISH (kind: the message's) or the
     * commands SUBSCRIBE (kind {@code commands}) the broker refused, by reason code (0x87: not
     * authorised: the broker's per-home rules).
     */
    public void mqttRefused(String packet, String kind, int reasonCode) {
        counter("hearth.mqtt.refused", "Publishes and subscriptions the broker refused", "packet", packet, "kind", lower(kind),
                "reason", "0x" + Integer.toHexString(reasonCode)).increment();
    }

    /** {@code hearth_mqtt_broker_changes_total}: connections made to another broker node than the last one. */
    public void mqttBrokerChanged() {
        counter("hearth.mqtt.broker.changes", "Connections to another broker node than the last").increment();
    }

    /** {@code hearth_mqtt_reconnects_total}. */
    public void mqttReconnect() {
        counter("hearth.mqtt.reconnects", "Attempts to reconnect to the broker").increment();
    }

    /** {@code hearth_commands_total{operation,result}}; result is allowed, forbidden, failed, ok, or a reply status. */
    public void command(String operation, String result) {
        counter("hearth.commands", "Commands by operation and result", "operation", lower(operation), "result", lower(result)).increment();
    }

    /**
     * {@code hearth_cloud_state_trimmed_total{how}}: text values cut short ({@code truncated}) and
     * properties left out ({@code omitted}) so a retained state fits the broker's maximum packet size.
     */
    public void stateTrimmed(int truncated, int omitted) {
        if (truncated > 0) counter("hearth.cloud.state.trimmed", "Retained state values cut or left out to fit the broker's packet size",
                "how", "truncated").increment(truncated);
        if (omitted > 0) counter("hearth.cloud.state.trimmed", "Retained state values cut or left out to fit the broker's packet size",
                "how", "omitted").increment(omitted);
    }

    /**
     * {@code hearth_commands_refused_total{origin,reason}}: commands refused by the command gate or
     * the access policy (wrong_gateway, replayed, unsupported_schema_version, no_access, ...).
     */
    public void commandRefused(String origin, String reason) {
        counter("hearth.commands.refused", "Commands refused, by origin and reason", "origin", lower(origin), "reason", lower(reason)).increment();
    }

    /**
     * {@code hearth_command_duration_seconds{operation,result}} histogram: from a command's arrival
     * to its reply, recorded by the command path for every command (result: ok, forbidden, ...).
     */
    public void commandLatency(String operation, String result, Duration latency) {
        String op = lower(operation);
        String res = lower(result);
        timers.computeIfAbsent(new MeterKey("hearth.command.duration", List.of(op, res)), k -> Timer.builder(k.name())
                .description("Time from a command's arrival to its reply")
                .tags("operation", op, "result", res)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry))
                .record(latency);
    }

    /** {@code hearth_malformed_messages_total{protocol,reason}}: bad frames, packets and payloads. */
    public void malformed(String protocol, String reason) {
        counter("hearth.malformed.messages", "Malformed frames, packets and payloads by protocol", "protocol", protocol, "reason", reason).increment();
    }

    /** {@code hearth_driver_events_total{protocol,counter,reason}}: anything else a driver counts. */
    public void driverCounter(String protocol, String name, String reason) {
        counter("hearth.driver.events", "Driver counters (refused devices, floods, retries)", "protocol", protocol, "counter", name, "reason", reason).increment();
    }

    /** {@code hearth_http_requests_total{route,status}}. */
    public void httpRequest(String route, int status) {
        counter("hearth.http.requests", "Local HTTP API requests", "route", route, "status", Integer.toString(status)).increment();
    }

    /** {@code hearth_http_bad_requests_total{reason}}. */
    public void httpBadRequest(String reason) {
        counter("hearth.http.bad.requests", "Refused local HTTP requests by reason", "reason", reason).increment();
    }

    /** {@code hearth_access_walks_cut_short}: decisions refused because the walk up the granters hit its bound. */
    public void accessWalksCutShortGauge(DoubleSupplier count) {
        Gauge.builder("hearth.access.walks.cut.short", () -> (Number) count.getAsDouble())
                .description("Access decisions refused because the chain of granters was too long or too wide").register(registry);
    }

    /** {@code hearth_share_refusals_total{reason}}: offers, answers and revocations refused. */
    /** A user-signed grant, accept, revoke or enrolment refused (issue 16), by reason. */
    public void policyRefused(String reason) {
        counter("hearth.policy.refusals", "Refused user-signed policy objects and enrolments by reason", "reason", reason).increment();
    }

    public void shareRefused(String reason) {
        counter("hearth.share.refusals", "Refused share changes by reason", "reason", reason).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(new MeterKey(name, List.of(tags)),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    /** A meter's name and its tags' keys and values, in the order given. */
    private record MeterKey(String name, List<String> tags) {
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

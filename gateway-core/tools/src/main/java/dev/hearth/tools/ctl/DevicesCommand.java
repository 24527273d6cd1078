package dev.hearth.tools.ctl;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.DeviceState;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ctl devices}: the retained availability and state of every device of the gateway. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List the gateway's devices from their retained availability and state.")
final class DevicesCommand implements Callable<Integer> {
    private static final long QUIET_MS = 300;

    @Spec CommandSpec spec;
    @Mixin CtlOptions options;

    @Override
    public Integer call() {
        Map<String, String> status = new TreeMap<>();
        Map<String, String> state = new TreeMap<>();
        var last = new long[] {System.nanoTime()};
        String root = options.topics().root() + "/devices/";
        try (var session = new CloudSession(options, root + "#", (topic, m) -> {
            if (!m.isRetained()) return;
            String rest = topic.substring(root.length());
            int slash = rest.indexOf('/');
            if (slash < 0) return;
            String device = rest.substring(0, slash);
            try {
                synchronized (status) {
                    if (rest.endsWith("/availability")) {
                        Availability a = Availability.parseFrom(m.getPayload());
                        status.put(device, a.getStatus() + (a.getReason().isEmpty() ? "" : " (" + a.getReason() + ")"));
                    } else if (rest.endsWith("/state")) {
                        state.put(device, JsonFormat.printer().omittingInsignificantWhitespace().print(DeviceState.parseFrom(m.getPayload())));
                    }
                    last[0] = System.nanoTime();
                }
            } catch (InvalidProtocolBufferException e) {
                synchronized (status) {
                    status.put(device, "undecodable: " + e.getMessage());
                }
            }
        })) {
            // Retained messages arrive right after the SUBACK: wait until they stop coming. The quiet
            // window starts now, once subscribed: started before connecting, a connect slower than
            // the window (a cold JVM takes ~0.5 s) ended the wait before the first message came.
            synchronized (status) {
                last[0] = System.nanoTime();
            }
            long deadline = System.nanoTime() + options.timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (status) {
                    if (System.nanoTime() - last[0] > QUIET_MS * 1_000_000) break;
                }
                LockSupport.parkNanos(20_000_000);
            }
        } catch (MqttException e) {
            spec.commandLine().getErr().println("cannot read devices from " + options.broker + ": " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        var devices = new TreeMap<String, Boolean>();
        status.keySet().forEach(d -> devices.put(d, true));
        state.keySet().forEach(d -> devices.put(d, true));
        if (devices.isEmpty()) out.println("no devices (nothing retained under " + root + ")");
        devices.keySet().forEach(d -> out.println(d + "  " + status.getOrDefault(d, "UNKNOWN") + "  " + state.getOrDefault(d, "{}")));
        out.flush();
        return 0;
    }
}

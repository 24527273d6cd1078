package dev.hearth.tools.demo;

import dev.hearth.config.SecretsFileWriter;
import dev.hearth.config.DeviceAddress;
import dev.hearth.config.SecretRef;
import dev.hearth.config.StaticDevice;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's simulated home: six native devices (two lamps, a plug, a sensor, a door lock, a
 * vacuum) on 127.0.0.1 and two miIO devices (a fan, a MIoT plug) on 127.0.0.2 and .3, announced
 * by mDNS when asked. Each device has a role in the story (its display name and room).
 */
public final class DemoDevices implements AutoCloseable {
    /** Native kinds in fleet order: device ids native-lamp-001, native-lamp-002, native-plug-003, ... */
    static final List<DeviceKind> NATIVE_KINDS = List.of(DeviceKind.LAMP, DeviceKind.LAMP, DeviceKind.PLUG,
            DeviceKind.SENSOR, DeviceKind.LOCK, DeviceKind.VACUUM);
    static final String LIVING_ROOM = "Living room";
    static final String BEDROOM = "Bedroom";

    /** A device's part in the story. */
    public record Role(String id, String name, String room, String protocol, String model) {
    }

    private final Optional<MdnsAdvertiser> advertiser;
    private final SimulatorRuntime runtime;
    private final NativeFleet nativeFleet;
    private final MiioFleet miioFleet;
    private final Map<String, Role> roles = new LinkedHashMap<>();

    private DemoDevices(Optional<MdnsAdvertiser> advertiser, SimulatorRuntime runtime, NativeFleet nativeFleet, MiioFleet miioFleet) {
        this.advertiser = advertiser;
        this.runtime = runtime;
        this.nativeFleet = nativeFleet;
        this.miioFleet = miioFleet;
        List<String> nativeIds = nativeFleet.ids();
        String[][] nativeRoles = {
                {"Living-room lamp", LIVING_ROOM}, {"Bedroom lamp", BEDROOM}, {"Coffee plug", LIVING_ROOM},
                {"Climate sensor", LIVING_ROOM}, {"Front door", LIVING_ROOM}, {"Robot vacuum", LIVING_ROOM}};
        for (int i = 0; i < nativeIds.size(); i++) {
            SimulatedDevice d = nativeFleet.device(nativeIds.get(i));
            roles.put(d.deviceId(), new Role(d.deviceId(), nativeRoles[i][0], nativeRoles[i][1], "native", d.model().model()));
        }
        SimulatedMiioDevice fan = miioFleet.devices().get(0);
        SimulatedMiioDevice plug = miioFleet.devices().get(1);
        roles.put(fan.gatewayDeviceId(), new Role(fan.gatewayDeviceId(), "Desk fan", LIVING_ROOM, "miio", fan.model()));
        roles.put(plug.gatewayDeviceId(), new Role(plug.gatewayDeviceId(), "Bedside heater plug", BEDROOM, "miio", plug.model()));
    }

    /** The miIO devices' addresses (each must be on an interface for mDNS). */
    public static List<InetAddress> miioAddresses() {
        return List.of(MiioFleet.address(127, 0, 0, 2), MiioFleet.address(127, 0, 0, 3));
    }

    /** Starts every device; with {@code mdns}, announces them on 127.0.0.1 (native) and their own addresses (miIO). */
    public static DemoDevices start(boolean mdns) throws IOException {
        InetAddress lo = InetAddress.getByAddress("demo-devices", new byte[] {127, 0, 0, 1});
        Optional<MdnsAdvertiser> advertiser = mdns ? Optional.of(MdnsAdvertiser.on(lo, "hearth-demo-devices")) : Optional.empty();
        SimulatorRuntime runtime = SimulatorRuntime.system(advertiser);
        NativeFleet natives = NativeFleet.start(NativeFleet.Spec.of(NATIVE_KINDS.size(), lo).withKinds(NATIVE_KINDS)
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(2)), runtime);
        MiioFleet miio = MiioFleet.start(new MiioFleet.Options(2, List.of(MiioDeviceKind.LEGACY_FAN, MiioDeviceKind.MIOT_PLUG),
                miioAddresses().get(0), 54321, mdns));
        return new DemoDevices(advertiser, runtime, natives, miio);
    }

    /** Every device's part, in story order (natives, then miIO). */
    public List<Role> roles() {
        return List.copyOf(roles.values());
    }

    public Role role(String id) {
        return roles.get(id);
    }

    public String idOf(String name) {
        return roles.values().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo device named " + name)).id();
    }

    /** The simulated door lock, which someone unlocks by hand in the story. */
    public SimulatedDevice lock() {
        return nativeFleet.device(idOf("Front door"));
    }

    /**
     * Writes every device's key or token, hex, as the gateway's secrets file
     * ({@code devices: {id: "..."}}), created owner-only before anything is written.
     */
    public void writeSecretsFile(Path file) throws IOException {
        HexFormat hex = HexFormat.of();
        java.util.Map<String, String> secrets = new java.util.LinkedHashMap<>();
        nativeFleet.keys().forEach((id, key) -> secrets.put(id, hex.formatHex(key.bytes())));
        for (SimulatedMiioDevice d : miioFleet.devices()) secrets.put(d.gatewayDeviceId(), d.token().toHex());
        SecretsFileWriter.writeDevices(file, "generated by hearth demo: simulated devices' keys and tokens", secrets);
    }

    /** Static entries for every device (keys by reference into the secrets file): the gateway's list when there is no mDNS. */
    public List<StaticDevice> staticEntries() {
        List<StaticDevice> entries = new ArrayList<>();
        for (SimulatedDevice d : nativeFleet.devices()) {
            entries.add(new StaticDevice(d.deviceId(), "native", d.model().model(),
                    new DeviceAddress(d.address().getAddress().getHostAddress(), OptionalInt.of(d.port())),
                    Optional.of(new SecretRef(d.deviceId())), Optional.empty(), Optional.empty()));
        }
        for (SimulatedMiioDevice d : miioFleet.devices()) {
            entries.add(new StaticDevice(d.gatewayDeviceId(), "miio", d.model(),
                    new DeviceAddress(d.address().getAddress().getHostAddress(), OptionalInt.of(d.address().getPort())),
                    Optional.of(new SecretRef(d.gatewayDeviceId())), Optional.empty(), Optional.empty()));
        }
        return entries;
    }

    /**
     * Stops the devices. Withdrawing mDNS announcements takes jmdns seconds per responder, so
     * the native devices (one responder) and the miIO devices (one each) stop side by side.
     */
    @Override
    public void close() throws IOException {
        CompletableFuture<Void> natives = CompletableFuture.runAsync(() -> {
            try {
                nativeFleet.close();
                runtime.close();
            } finally {
                advertiser.ifPresent(a -> closeUnchecked(a));
            }
        });
        // each miIO device is its own responder: withdraw them side by side, then stop the fleet's thread
        CompletableFuture<Void> miio = CompletableFuture.allOf(miioFleet.devices().stream()
                        .map(d -> CompletableFuture.runAsync(() -> closeUnchecked(d))).toArray(CompletableFuture[]::new))
                .thenRun(() -> closeUnchecked(miioFleet));
        try {
            CompletableFuture.allOf(natives, miio).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IOException("stopping the simulated devices failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the simulated devices did not stop within 30 s", e);
        }
    }

    private static void closeUnchecked(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

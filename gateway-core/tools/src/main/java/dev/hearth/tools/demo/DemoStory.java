package dev.hearth.tools.demo;

import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.ShareResult;
import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.core.discovery.InboxEntry;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.DeviceEventRecord;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Property;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The gateway's part of the story: discovery and adoption, rooms and a share, what reached the
 * cloud and what the privacy filter kept home. The commands are {@link DemoCommands}' part.
 */
final class DemoStory {
    private static final Duration DISCOVERY_WAIT = Duration.ofSeconds(40);
    private static final Duration CLOUD_WAIT = Duration.ofSeconds(15);

    private final Narrator story;
    private final GatewayAssembly gateway;
    private final DemoDevices devices;
    private final CloudObserver cloud;
    private final Clock clock;
    private final AtomicBoolean reportAvailability = new AtomicBoolean(true);
    private final Map<String, String> rooms = new LinkedHashMap<>();
    /** Devices whose ONLINE the story has told (so "all online" never comes before the last of them). */
    private final Set<String> toldOnline = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DemoStory(Narrator story, GatewayAssembly gateway, DemoDevices devices, CloudObserver cloud, Clock clock) {
        this.story = story;
        this.gateway = gateway;
        this.devices = devices;
        this.cloud = cloud;
        this.clock = clock;
        gateway.registry().addListener(this::availability);
    }

    /** From now on, devices going on- or offline are not told (the demo is stopping). */
    void quiet() {
        reportAvailability.set(false);
    }

    private void availability(RegistryChange change) {
        if (!reportAvailability.get() || !(change instanceof RegistryChange.AvailabilityChanged a)) return;
        var av = a.device().availability();
        String why = av.reason().map(r -> " (" + r + ")").orElse("");
        story.detail(String.format("%-8s %-22s %s%s", av.status(), a.device().id(), label(a.device().id()), why));
        if (av.online()) toldOnline.add(a.device().id()); else toldOnline.remove(a.device().id());
    }

    private String label(String id) {
        DemoDevices.Role r = devices.role(id);
        return r == null ? "" : r.name();
    }

    /** Step: mDNS discovery, then adoption of every demo device (its key is in the generated secrets file). */
    boolean discoverAndAdopt(boolean mdns) {
        Set<String> expected = devices.roles().stream().map(DemoDevices.Role::id).collect(Collectors.toSet());
        Set<String> adopted = new HashSet<>();
        long deadline = System.nanoTime() + DISCOVERY_WAIT.toNanos();
        while (!allOnline(expected) && System.nanoTime() < deadline) {
            if (mdns) {
                for (InboxEntry e : gateway.inbox().entries()) {
                    String id = e.deviceId();
                    if (!expected.contains(id) || adopted.contains(id)) continue;
                    story.detail(String.format("found    %-22s %s %s at %s by mDNS; adopting it (%s from the secrets file)",
                            id, e.device().protocol(), e.device().model(), hostPort(e.device().address()),
                            e.device().protocol().equals("miio") ? "token" : "key"));
                    AdoptResult r = gateway.adoption().adopt(id);
                    if (r == AdoptResult.ADOPTED || r == AdoptResult.ALREADY_ADOPTED) {
                        adopted.add(id);
                    } else {
                        story.detail("cannot adopt " + id + ": " + r);
                    }
                }
            }
            pause();
        }
        if (!allOnline(expected)) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(toldOnline);
            story.detail("not online after " + DISCOVERY_WAIT.toSeconds() + " s: " + missing);
            return false;
        }
        story.detail("all " + expected.size() + " devices online");
        return true;
    }

    private boolean allOnline(Set<String> ids) {
        return toldOnline.containsAll(ids);
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Step: two rooms, each device named and placed, and the owner shares the bedroom with the guest. */
    void roomsAndShare() {
        for (String name : List.of(DemoDevices.LIVING_ROOM, DemoDevices.BEDROOM)) {
            RoomResult r = gateway.rooms().create(name);
            if (r instanceof RoomResult.Done done) {
                rooms.put(name, done.room().id());
            } else {
                gateway.rooms().list().stream().filter(x -> x.name().equals(name)).findFirst().ifPresent(x -> rooms.put(name, x.id()));
            }
        }
        for (DemoDevices.Role role : devices.roles()) {
            gateway.registry().rename(role.id(), role.name());
            gateway.registry().assign(role.id(), Optional.ofNullable(rooms.get(role.room())));
        }
        for (String room : rooms.keySet()) {
            String names = devices.roles().stream().filter(r -> r.room().equals(room)).map(DemoDevices.Role::name)
                    .collect(Collectors.joining(", "));
            story.detail(String.format("%-12s %s", room + ":", names));
        }
        ShareResult offer = gateway.shares().offer(DemoConfig.OWNER, DemoConfig.GUEST, new RoomScope(rooms.get(DemoDevices.BEDROOM)),
                Privilege.OPERATE, Optional.empty(), clock.instant());
        if (!(offer instanceof ShareResult.Done offered)) {
            story.detail("the share was refused: " + ((ShareResult.Refused) offer).reason());
            return;
        }
        story.detail(DemoConfig.OWNER + " (owner) shares the Bedroom with " + DemoConfig.GUEST + " (OPERATE): "
                + offered.share().state());
        ShareResult accepted = gateway.shares().accept(DemoConfig.GUEST, offered.share().id(), clock.instant());
        story.detail(DemoConfig.GUEST + " accepts: " + (accepted instanceof ShareResult.Done d
                ? d.share().state() : ((ShareResult.Refused) accepted).reason()));
    }

    /** Step: what a cloud subscriber received, beside what the gateway knows and kept home. */
    boolean whatReachedTheCloud() {
        String vacuum = devices.idOf("Robot vacuum");
        String sensor = devices.idOf("Climate sensor");
        boolean arrived = waitFor(() -> cloud.state(vacuum).isPresent() && cloud.state(sensor).isPresent()
                && gateway.registry().find(vacuum).map(d -> d.state().containsKey("2.3")).orElse(false));
        if (!arrived) {
            story.detail("no state reached the cloud within " + CLOUD_WAIT.toSeconds() + " s");
            return false;
        }
        for (String id : List.of(vacuum, sensor)) {
            DeviceState s = cloud.state(id).orElseThrow();
            story.detail(label(id) + " -> cloud (retained .../devices/" + id + "/state): " + describe(s));
            withheld(id, s).forEach((dataClass, names) -> story.detail("    kept in the home (" + dataClass + "): " + names));
        }
        String lock = devices.idOf("Front door");
        devices.lock().unlockBy(DemoConfig.OWNER, "fingerprint");
        story.detail("someone opens the Front door by fingerprint; the lock reports unlocked {user=\"" + DemoConfig.OWNER
                + "\", method=\"fingerprint\"}");
        if (!waitFor(() -> !cloud.events(lock).isEmpty())) {
            story.detail("no lock event reached the cloud within " + CLOUD_WAIT.toSeconds() + " s");
            return false;
        }
        DeviceEventRecord e = cloud.events(lock).get(cloud.events(lock).size() - 1);
        String args = e.getArgsMap().entrySet().stream().map(a -> a.getKey() + "=" + ValueText.of(a.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        story.detail("    the cloud received event " + e.getName() + " " + args
                + (e.getArgsMap().containsKey("user") ? "" : ": the user is personal and stayed home"));
        return true;
    }

    private String describe(DeviceState s) {
        Optional<DeviceModel> model = gateway.models().find(s.getModel());
        List<String> parts = new ArrayList<>();
        for (Property p : s.getPropertiesList()) parts.add(name(model, p.getKey()) + "=" + ValueText.of(p.getValue()));
        return String.join(", ", parts);
    }

    /** Names of the properties the gateway holds for {@code id} that the cloud did not get, by data class. */
    private Map<String, String> withheld(String id, DeviceState s) {
        Set<String> sent = s.getPropertiesList().stream().map(Property::getKey).collect(Collectors.toSet());
        DeviceRecord local = gateway.registry().find(id).orElseThrow();
        Optional<DeviceModel> model = gateway.models().find(local.model());
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String key : local.state().keySet()) {
            if (sent.contains(key)) continue;
            DataClass c = model.flatMap(m -> m.property(key)).map(r -> r.property().dataClass()).orElse(DataClass.PERSONAL);
            String why = c == DataClass.DIAGNOSTIC ? "diagnostic, no UX-programme consent" : c.name().toLowerCase(java.util.Locale.ROOT);
            byClass.computeIfAbsent(why, k -> new ArrayList<>()).add(name(model, key));
        }
        Map<String, String> out = new LinkedHashMap<>();
        byClass.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }

    private static String name(Optional<DeviceModel> model, String key) {
        return model.flatMap(m -> m.property(key)).map(r -> r.property().name()).orElse(key);
    }

    String roomId(String name) {
        return rooms.get(name);
    }

    private boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + CLOUD_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            pause();
        }
        return true;
    }

    /** The story polls the gateway a few times a second; it is a demo, not a hot path. */
    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

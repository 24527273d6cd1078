package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Device models, consent and filters for privacy tests; public so other test suites can reuse them. */
public final class PrivacyFixtures {

    public static final String LAMP = "hearth.light.lamp1";
    public static final String LOCK = "hearth.lock.door1";

    private PrivacyFixtures() {
    }

    public static PropertySpec prop(int piid, String name, ValueType type, DataClass dataClass) {
        return new PropertySpec(piid, name, type, Optional.empty(), Optional.empty(), Set.of(Access.READ, Access.NOTIFY),
                dataClass, Optional.empty());
    }

    /**
     * A lamp: 2.1 on, 2.2 brightness, 2.3 color_temp (TELEMETRY); 3.1 rssi, 3.2 firmware
     * (DIAGNOSTIC); 4.1 wifi_ssid, 4.2 ip_address, 4.3 location, 4.4 last_seen_time (PERSONAL);
     * 5.1 token (SECRET); legacy name "power" for 2.1.
     */
    public static DeviceModel lamp() {
        PropertySpec on = new PropertySpec(1, "on", ValueType.BOOL, Optional.empty(), Optional.empty(),
                Set.of(Access.READ, Access.WRITE), DataClass.TELEMETRY, Optional.of("power"));
        return new DeviceModel(LAMP, "native", "test lamp", Map.of(), List.of(
                new ServiceSpec(2, "light", List.of(on, prop(2, "brightness", ValueType.INT, DataClass.TELEMETRY),
                        prop(3, "color_temp", ValueType.INT, DataClass.TELEMETRY)), List.of(), List.of()),
                new ServiceSpec(3, "diagnostics", List.of(prop(1, "rssi", ValueType.INT, DataClass.DIAGNOSTIC),
                        prop(2, "firmware", ValueType.STRING, DataClass.DIAGNOSTIC)), List.of(), List.of()),
                new ServiceSpec(4, "network", List.of(prop(1, "wifi_ssid", ValueType.STRING, DataClass.PERSONAL),
                        prop(2, "ip_address", ValueType.STRING, DataClass.PERSONAL),
                        prop(3, "location", ValueType.JSON, DataClass.PERSONAL),
                        prop(4, "last_seen_time", ValueType.INT, DataClass.PERSONAL)), List.of(), List.of()),
                new ServiceSpec(5, "secrets", List.of(prop(1, "token", ValueType.STRING, DataClass.SECRET)), List.of(), List.of())));
    }

    /** A door lock: 2.1 locked (TELEMETRY); event 2.1 "unlocked" with user (PERSONAL) and method (TELEMETRY). */
    public static DeviceModel lock() {
        return new DeviceModel(LOCK, "native", "test lock", Map.of(), List.of(
                new ServiceSpec(2, "lock", List.of(prop(1, "locked", ValueType.BOOL, DataClass.TELEMETRY)), List.of(),
                        List.of(new EventSpec(1, "unlocked", List.of(
                                new ArgSpec("user", ValueType.STRING, DataClass.PERSONAL),
                                new ArgSpec("method", ValueType.INT, DataClass.TELEMETRY)))))));
    }

    public static ModelCatalog catalog() {
        return new ModelCatalog(List.of(lamp(), lock()));
    }

    /** Consent held in memory, for unit tests of pure logic. */
    public static final class MemoryConsent implements ConsentState {
        private volatile boolean ux;
        private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();

        public MemoryConsent(boolean ux) {
            this.ux = ux;
        }

        public MemoryConsent withdraw(String user) {
            withdrawn.add(user);
            return this;
        }

        public void setUx(boolean joined) {
            ux = joined;
        }

        @Override public boolean uxProgrammeJoined() { return ux; }
        @Override public boolean withdrawn(String userId) { return withdrawn.contains(userId); }
        @Override public boolean anyWithdrawn() { return !withdrawn.isEmpty(); }
    }

    public static HomeKey key(int seed) {
        byte[] k = new byte[HomeKey.LENGTH];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (seed * 31 + i);
        return HomeKey.of(k);
    }

    public static PrivacyFilter filter(PrivacyPolicy policy, ConsentState consent) {
        return filter(policy, consent, Decisions.NONE);
    }

    public static PrivacyFilter filter(PrivacyPolicy policy, ConsentState consent, Decisions decisions) {
        return new PrivacyFilter(policy, consent, new PersonalDataDetector(), new Pseudonymiser(key(1)), new Generaliser(),
                decisions);
    }
}

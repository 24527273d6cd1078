package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.value.Value;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What each kind of device does on its own (sensor drift, a vacuum cleaning, a plug metering) and
 * how it runs its actions. Deterministic for a given seed. Mutates a {@link DeviceState} and
 * returns the keys that changed so the device can report them.
 */
final class KindBehaviour {
    /** An action's effect: its code (0 ok), changed values and, for a lock, the event it raised. */
    record ActionEffect(int code, String message, Map<String, Value> changed, Optional<Unlock> unlock) {
    }

    /** The lock's {@code unlocked} event (siid 2, eiid 1). */
    record Unlock(String user, String method) {
        static final int SIID = 2;
        static final int EIID = 1;
    }

    private final DeviceKind kind;
    private final DeviceState state;
    private final Random random;

    KindBehaviour(DeviceKind kind, DeviceState state, long seed) {
        this.kind = kind;
        this.state = state;
        this.random = new Random(seed);
    }

    void initialise(String firmware, InetAddress address) {
        state.put("1.1", Value.of("HomeNet-" + (100 + random.nextInt(900))));
        state.put("1.2", Value.of(address.getHostAddress()));
        state.put("1.3", Value.of(firmware));
        state.put("1.4", Value.of((long) (-40 - random.nextInt(30))));
        switch (kind) {
            case LAMP -> {
                state.put("2.1", Value.of(false));
                state.put("2.2", Value.of(50L));
                state.put("2.3", Value.of(4000L));
            }
            case PLUG -> {
                state.put("2.1", Value.of(true));
                state.put("2.2", Value.of(round(30 + random.nextDouble() * 20)));
                state.put("2.3", Value.of(round(random.nextDouble() * 100)));
            }
            case SENSOR -> {
                state.put("2.1", Value.of(round(18 + random.nextDouble() * 6)));
                state.put("2.2", Value.of(round(35 + random.nextDouble() * 20)));
                state.put("3.1", Value.of(100L));
            }
            case LOCK -> {
                state.put("2.1", Value.of(true));
                state.put("3.1", Value.of(90L));
            }
            case VACUUM -> {
                state.put("2.1", Value.of("docked"));
                state.put("2.2", Value.of(0.0));
                state.put("2.3", position(0, 0));
                state.put("2.4", Value.of("Living room"));
                state.put("3.1", Value.of(100L));
            }
        }
    }

    /** One report interval passed: let the world change a little. */
    Map<String, Value> tick(Duration elapsed) {
        Map<String, Value> changed = new LinkedHashMap<>();
        double hours = elapsed.toMillis() / 3_600_000.0;
        switch (kind) {
            case PLUG -> {
                boolean on = state.flag("2.1");
                double watts = on ? round(Math.max(1, state.number("2.2") + random.nextGaussian() * 2)) : 0.0;
                change(changed, "2.2", Value.of(watts));
                change(changed, "2.3", Value.of(round(state.number("2.3") + watts * hours / 1000)));
            }
            case SENSOR -> {
                change(changed, "2.1", Value.of(round(clamp(state.number("2.1") + random.nextGaussian() * 0.1, -40, 125))));
                change(changed, "2.2", Value.of(round(clamp(state.number("2.2") + random.nextGaussian() * 0.3, 0, 100))));
            }
            case VACUUM -> vacuumTick(changed);
            default -> { }
        }
        return changed;
    }

    private void vacuumTick(Map<String, Value> changed) {
        String mode = state.text("2.1");
        long battery = (long) state.number("3.1");
        if (mode.equals("cleaning")) {
            Value.Struct at = (Value.Struct) state.get("2.3").orElse(position(0, 0));
            double x = ((Value.Real) at.fields().get("x")).value() + random.nextGaussian() * 0.3;
            double y = ((Value.Real) at.fields().get("y")).value() + random.nextGaussian() * 0.3;
            change(changed, "2.3", position(clamp(x, -10, 10), clamp(y, -10, 10)));
            change(changed, "2.2", Value.of(round(state.number("2.2") + 0.5)));
            change(changed, "3.1", Value.of(Math.max(0, battery - 1)));
            if (battery - 1 <= 15) change(changed, "2.1", Value.of("returning"));
        } else if (mode.equals("returning")) {
            change(changed, "2.3", position(0, 0));
            change(changed, "2.1", Value.of("docked"));
        } else if (mode.equals("docked") && battery < 100) {
            change(changed, "3.1", Value.of(Math.min(100, battery + 2)));
        }
    }

    ActionEffect act(int siid, int aiid, List<Value> args) {
        Map<String, Value> changed = new LinkedHashMap<>();
        String key = siid + "." + aiid;
        switch (kind + ":" + key) {
            case "LAMP:2.1", "PLUG:2.1" -> change(changed, "2.1", Value.of(!state.flag("2.1")));
            case "LOCK:2.1" -> change(changed, "2.1", Value.of(true));
            case "LOCK:2.2" -> {
                change(changed, "2.1", Value.of(false));
                return new ActionEffect(0, "", changed, Optional.of(new Unlock("remote", "app")));
            }
            case "VACUUM:2.1" -> change(changed, "2.1", Value.of("cleaning"));
            case "VACUUM:2.2" -> change(changed, "2.1", Value.of("idle"));
            case "VACUUM:2.3" -> change(changed, "2.1", Value.of("returning"));
            default -> {
                return new ActionEffect(DeviceState.NOT_FOUND, "no such action " + key, Map.of(), Optional.empty());
            }
        }
        return new ActionEffect(0, "", changed, Optional.empty());
    }

    /** Someone unlocked the door by hand (lock only). */
    Map<String, Value> unlockedByHand() {
        if (kind != DeviceKind.LOCK) throw new IllegalStateException("only a lock can be unlocked");
        Map<String, Value> changed = new LinkedHashMap<>();
        change(changed, "2.1", Value.of(false));
        return changed;
    }

    private void change(Map<String, Value> changed, String key, Value value) {
        if (state.put(key, value)) changed.put(key, value);
    }

    private static Value position(double x, double y) {
        Map<String, Value> xy = new LinkedHashMap<>();
        xy.put("x", Value.of(round(x)));
        xy.put("y", Value.of(round(y)));
        return new Value.Struct(xy);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}

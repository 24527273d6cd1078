package dev.hearth.bench.devices;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/** The simulator logs a line per device it starts; at 1,000 devices that drowns the benchmark's own output. */
public final class SimulatorLogs {
    private SimulatorLogs() {
    }

    public static void quiet() {
        if (LoggerFactory.getLogger("dev.hearth.simulator") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }
}

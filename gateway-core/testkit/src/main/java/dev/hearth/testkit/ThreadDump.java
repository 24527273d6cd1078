package dev.hearth.testkit;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stacks of this JVM's threads whose names start with one of the given prefixes, as text: for
 * the failure message of a wait that may have timed out because a thread is stuck.
 */
public final class ThreadDump {
    private ThreadDump() {
    }

    public static String of(String... namePrefixes) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(namePrefixes).anyMatch(p -> e.getKey().getName().startsWith(p)))
                .map(ThreadDump::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Map.Entry<Thread, StackTraceElement[]> e) {
        return "\"" + e.getKey().getName() + "\" " + e.getKey().getState() + "\n"
                + Arrays.stream(e.getValue()).map(f -> "    at " + f).collect(Collectors.joining("\n"));
    }
}

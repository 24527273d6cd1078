package dev.hearth.tools.demo;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints the demo's story for people: numbered steps and indented details, each with the time
 * since the demo started ({@code [  5.3s]}), one line each, flushed at once (the host process
 * forwards the lines as they come).
 */
public final class Narrator {
    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;
    private final int steps;
    private int step;

    public Narrator(PrintWriter out, Clock clock, int steps) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
        this.steps = steps;
    }

    /** The next numbered step: {@code [  1.2s] 2/6 text}. */
    public synchronized void step(String text) {
        step++;
        line(step + "/" + steps + " " + text);
    }

    /** A detail of the current step, indented under it. */
    public synchronized void detail(String text) {
        line("    " + text);
    }

    /** A line without a step number (the start, the end). */
    public synchronized void note(String text) {
        line(text);
    }

    private void line(String text) {
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        out.println(String.format(Locale.ROOT, "[%5.1fs] %s", seconds, text));
        out.flush();
    }
}

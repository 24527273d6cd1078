package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.DataClass;
import java.util.Arrays;

/**
 * How many fields of one record got each action, by data class. A field the model does not
 * declare counts as PERSONAL when the detector flagged it (or the policy drops every undeclared
 * field), as TELEMETRY when it was found clean.
 */
public final class DecisionSummary {

    private static final int ACTIONS = PrivacyAction.values().length;
    private final int[] counts;

    DecisionSummary(int[] counts) {
        this.counts = counts.clone();
    }

    static int[] newCounts() {
        return new int[DataClass.values().length * ACTIONS];
    }

    static void add(int[] counts, DataClass dataClass, PrivacyAction action) {
        counts[dataClass.ordinal() * ACTIONS + action.ordinal()]++;
    }

    public int count(DataClass dataClass, PrivacyAction action) {
        return counts[dataClass.ordinal() * ACTIONS + action.ordinal()];
    }

    /** All fields decided in the record. */
    public int total() {
        return Arrays.stream(counts).sum();
    }

    /** Hands every non-zero count to {@code decisions}. */
    public void reportTo(Decisions decisions) {
        report(counts, decisions);
    }

    static void report(int[] counts, Decisions decisions) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                decisions.decided(DataClass.values()[i / ACTIONS], PrivacyAction.values()[i % ACTIONS], counts[i]);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DecisionSummary[");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            if (sb.charAt(sb.length() - 1) != '[') sb.append(", ");
            sb.append(DataClass.values()[i / ACTIONS]).append('/').append(PrivacyAction.values()[i % ACTIONS])
                    .append('=').append(counts[i]);
        }
        return sb.append(']').toString();
    }
}

package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;

import dev.hearth.driver.api.model.DataClass;
import java.util.Arrays;

/**
 * How many fields of one record got each action, by data class and reason, and in how many
 * undeclared fields the detector found each category. A field the model does not declare counts
 * as PERSONAL when the detector flagged it (or the policy drops every undeclared field), as
 * TELEMETRY when it was found clean, as the owner's class when the owner allowed it.
 */
public final class DecisionSummary {

    private static final int ACTIONS = PrivacyAction.values().length;
    private static final int REASONS = DecisionReason.values().length;
    private static final int DECISIONS = DataClass.values().length * ACTIONS * REASONS;
    private final int[] counts;

    DecisionSummary(int[] counts) {
        this.counts = counts.clone();
    }

    static int[] newCounts() {
        return new int[DECISIONS + PiiCategory.values().length];
    }

    static void add(int[] counts, DataClass dataClass, PrivacyAction action) {
        add(counts, dataClass, action, DecisionReason.DECLARED);
    }

    static void add(int[] counts, DataClass dataClass, PrivacyAction action, DecisionReason reason) {
        counts[index(dataClass, action, reason)]++;
    }

    static void detected(int[] counts, PiiCategory category) {
        counts[DECISIONS + category.ordinal()]++;
    }

    private static int index(DataClass dataClass, PrivacyAction action, DecisionReason reason) {
        return (dataClass.ordinal() * ACTIONS + action.ordinal()) * REASONS + reason.ordinal();
    }

    /** Fields of {@code dataClass} that got {@code action}, for any reason. */
    public int count(DataClass dataClass, PrivacyAction action) {
        int n = 0;
        for (DecisionReason r : DecisionReason.values()) n += counts[index(dataClass, action, r)];
        return n;
    }

    public int count(DataClass dataClass, PrivacyAction action, DecisionReason reason) {
        return counts[index(dataClass, action, reason)];
    }

    /** Undeclared fields in which the detector found {@code category} first. */
    public int detected(PiiCategory category) {
        return counts[DECISIONS + category.ordinal()];
    }

    /** All fields decided in the record. */
    public int total() {
        return Arrays.stream(counts, 0, DECISIONS).sum();
    }

    /** Hands every non-zero count to {@code decisions}. */
    public void reportTo(Decisions decisions) {
        report(counts, decisions);
    }

    static void report(int[] counts, Decisions decisions) {
        for (int i = 0; i < DECISIONS; i++) {
            if (counts[i] != 0) {
                decisions.decided(DataClass.values()[i / (ACTIONS * REASONS)], PrivacyAction.values()[i / REASONS % ACTIONS],
                        DecisionReason.values()[i % REASONS], counts[i]);
            }
        }
        for (PiiCategory c : PiiCategory.values()) {
            if (counts[DECISIONS + c.ordinal()] != 0) decisions.detected(c, counts[DECISIONS + c.ordinal()]);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DecisionSummary[");
        for (int i = 0; i < DECISIONS; i++) {
            if (counts[i] == 0) continue;
            if (sb.charAt(sb.length() - 1) != '[') sb.append(", ");
            sb.append(DataClass.values()[i / (ACTIONS * REASONS)]).append('/').append(PrivacyAction.values()[i / REASONS % ACTIONS])
                    .append('/').append(DecisionReason.values()[i % REASONS].tag()).append('=').append(counts[i]);
        }
        return sb.append(']').toString();
    }
}

package dev.hearth.app.cli;

import dev.hearth.config.PrivacyAction;

import dev.hearth.core.privacy.DecisionReason;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.PiiCategory;
import dev.hearth.driver.api.model.DataClass;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counts, over a {@code hearth redact} run, the fields that stayed home by reason: by declared
 * class, for a type mismatch, as unknown fields, and by the category the detector found.
 * One run, one thread.
 */
final class DropTally implements Decisions {
    private final Map<DataClass, Long> byClass = new EnumMap<>(DataClass.class);
    private final Map<DecisionReason, Long> byReason = new EnumMap<>(DecisionReason.class);
    private final Map<PiiCategory, Long> byCategory = new EnumMap<>(PiiCategory.class);

    @Override
    public void decided(DataClass dataClass, PrivacyAction action, int count) {
        decided(dataClass, action, DecisionReason.DECLARED, count);
    }

    @Override
    public void decided(DataClass dataClass, PrivacyAction action, DecisionReason reason, int count) {
        if (action != PrivacyAction.DROP) return;
        byReason.merge(reason, (long) count, Long::sum);
        if (reason == DecisionReason.DECLARED || reason == DecisionReason.OWNER_ALLOWED) byClass.merge(dataClass, (long) count, Long::sum);
    }

    @Override
    public void detected(PiiCategory category, int count) {
        byCategory.merge(category, (long) count, Long::sum);
    }

    /** E.g. {@code dropped fields: declared class 3 (personal 2, secret 1), type mismatch 1, unknown 2, detector 1 (phone 1)}. */
    String line() {
        StringJoiner j = new StringJoiner(", ", "dropped fields: ", "");
        long declared = byReason.getOrDefault(DecisionReason.DECLARED, 0L) + byReason.getOrDefault(DecisionReason.OWNER_ALLOWED, 0L);
        j.add("declared class " + declared + breakdown(byClass));
        j.add("type mismatch " + byReason.getOrDefault(DecisionReason.TYPE_MISMATCH, 0L));
        j.add("unknown " + byReason.getOrDefault(DecisionReason.UNKNOWN_FIELD, 0L));
        j.add("detector " + byReason.getOrDefault(DecisionReason.DETECTOR, 0L) + breakdown(byCategory));
        long withdrawn = byReason.getOrDefault(DecisionReason.WITHDRAWN_USER, 0L);
        if (withdrawn > 0) j.add("withdrawn user " + withdrawn);
        return j.toString();
    }

    private static <E extends Enum<E>> String breakdown(Map<E, Long> counts) {
        if (counts.isEmpty()) return "";
        StringJoiner j = new StringJoiner(", ", " (", ")");
        counts.forEach((k, n) -> j.add(k.name().toLowerCase(Locale.ROOT) + " " + n));
        return j.toString();
    }
}

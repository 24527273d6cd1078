package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.util.Map;

/**
 * Whether a record names a user who withdrew consent: a key or value equal to their id, or text
 * containing it as a word ("unlocked by u42 at the front door"). Words split at anything that is
 * not a letter, a digit or one of {@code - _ . @}, which user ids may contain.
 */
final class WithdrawnUsers {

    private final ConsentState consent;

    WithdrawnUsers(ConsentState consent) {
        this.consent = consent;
    }

    boolean mentionedIn(Map<String, Value> fields) {
        if (!consent.anyWithdrawn()) return false;
        for (Map.Entry<String, Value> e : fields.entrySet()) {
            if (inText(e.getKey()) || inValue(e.getValue())) return true;
        }
        return false;
    }

    boolean mentionedIn(String text) {
        return consent.anyWithdrawn() && inText(text);
    }

    private boolean inValue(Value v) {
        if (v instanceof Value.Text t) return inText(t.value());
        if (v instanceof Value.Int i) return consent.withdrawn(Long.toString(i.value()));
        if (v instanceof Value.Array a) {
            for (Value item : a.items()) if (inValue(item)) return true;
            return false;
        }
        if (v instanceof Value.Struct s) return mentionedIn(s.fields());
        return false;
    }

    private boolean inText(String s) {
        return IdWords.contains(s, consent::withdrawn);
    }
}

package dev.hearth.core.access;

import dev.hearth.core.privacy.Pseudonymiser;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may be a user id, checked wherever one enters (a share's granter and grantee, a command's
 * user, the local API): not blank, at most {@link #MAX_LENGTH} characters, no control or
 * line-breaking characters (they would forge log lines), and none of the ids Hearth writes in a
 * user's place: {@link ShareBook#ERASED_USER} (the granter of shares whose granter was erased),
 * {@link AuditEntry#ANONYMOUS} (the user of anonymised audit entries) and anything shaped like a
 * pseudonym ({@code p_} and 16 hex digits, the audit log's user field). A user holding one of
 * those would act as, or be confused with, erased and anonymised people.
 */
public final class UserIds {
    /** The longest user id accepted. */
    public static final int MAX_LENGTH = 128;
    /** Ids Hearth itself writes where a user id goes. */
    public static final Set<String> RESERVED = Set.of(ShareBook.ERASED_USER, AuditEntry.ANONYMOUS);
    private static final Pattern PSEUDONYM = Pattern.compile(Pattern.quote(Pseudonymiser.PREFIX) + "[0-9a-fA-F]{16}");

    private UserIds() {
    }

    /** Why {@code id} cannot be a user id, or empty when it can. */
    public static Optional<String> problem(String id) {
        if (id == null || id.isBlank()) return Optional.of("a user id cannot be blank");
        if (id.length() > MAX_LENGTH) return Optional.of("a user id has at most " + MAX_LENGTH + " characters, not " + id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("a user id cannot hold control or line-breaking characters");
            }
        }
        if (reserved(id)) {
            return Optional.of("\"" + id.strip() + "\" is reserved by Hearth and cannot be a user id");
        }
        return Optional.empty();
    }

    /** Whether {@code id} is one Hearth writes in a user's place (the erasure placeholder, a pseudonym...). */
    public static boolean reserved(String id) {
        return id != null && (RESERVED.contains(id.strip()) || PSEUDONYM.matcher(id.strip()).matches());
    }

    public static boolean valid(String id) {
        return problem(id).isEmpty();
    }
}

package dev.hearth.config;

import java.nio.file.Path;
import java.util.function.Supplier;

/** What every section reader shares: the problem list, the environment, and the config file's directory. */
record ReadContext(Problems problems, EnvSubstitution env, Path baseDir) {

    /**
     * Builds a record, turning a constructor's refusal into a problem at {@code path} (unless one was
     * already reported there) and returning {@code fallback}. Fallbacks never reach a caller: any problem
     * makes the whole result invalid.
     */
    <T> T build(String path, Supplier<T> make, Supplier<T> fallback) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException refused) {
            if (!problems.reportedAtOrBelow(path)) problems.add(path, String.valueOf(refused.getMessage()));
            return fallback.get();
        }
    }

    Path resolve(String file) {
        return baseDir.resolve(file).normalize();
    }
}

package dev.hearth.config;

import java.util.Objects;

/** A secret written in the config file (after {@code ${env:NAME}} substitution). */
public record InlineSecret(Secret secret) implements SecretSource {
    public InlineSecret {
        Objects.requireNonNull(secret, "secret");
    }
}

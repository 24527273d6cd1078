package dev.hearth.config;

/** A reference, by name, to an entry of the secrets file's {@code devices} map. */
public record SecretRef(String name) implements SecretSource {
    public SecretRef {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a secret ref needs a name");
    }
}

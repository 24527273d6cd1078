package dev.hearth.config;

/**
 * Where a secret comes from: written in the config file itself ({@link InlineSecret}, usually through
 * {@code ${env:NAME}}), or a named entry of the secrets file ({@link SecretRef}, written
 * {@code { ref: NAME }}). Resolve with {@link SecretsFile#resolve(SecretSource)}.
 */
public sealed interface SecretSource permits InlineSecret, SecretRef {
}

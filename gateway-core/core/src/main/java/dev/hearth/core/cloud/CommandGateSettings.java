package dev.hearth.core.cloud;

import dev.hearth.config.TrustedKey;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the command gate accepts.
 *
 * @param home the home this gateway serves: a command for another home is refused
 * @param gateway this gateway's id: a command signed for another gateway is refused
 * @param trustedKeys the keys that may sign commands
 * @param clockSkew tolerance between the signer's clock and ours, both ways
 * @param maxValidity a command may not be valid longer than this (bounds the replay cache)
 * @param maxCommandBytes larger payloads are refused as malformed before parsing
 * @param replayCacheSize nonces remembered (in memory and in SQLite, so across restarts); when full
 *     of unexpired nonces, commands are refused BUSY
 * @param deviceTimeout how long a device gets to answer before DEVICE_TIMEOUT
 */
public record CommandGateSettings(
        String home,
        String gateway,
        List<TrustedKey> trustedKeys,
        Duration clockSkew,
        Duration maxValidity,
        int maxCommandBytes,
        int replayCacheSize,
        Duration deviceTimeout) {

    public CommandGateSettings {
        CloudTopics.requireSegment("home", home);
        CloudTopics.requireSegment("gateway", gateway);
        trustedKeys = List.copyOf(trustedKeys);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxValidity, "maxValidity");
        Objects.requireNonNull(deviceTimeout, "deviceTimeout");
        var ids = new HashSet<String>();
        for (TrustedKey k : trustedKeys) {
            if (!ids.add(k.id())) throw new IllegalArgumentException("key id \"" + k.id() + "\" listed twice");
        }
        if (clockSkew.isNegative()) throw new IllegalArgumentException("clock skew must not be negative");
        if (maxValidity.isNegative() || maxValidity.isZero()) throw new IllegalArgumentException("maxValidity must be positive");
        if (maxCommandBytes < 64 || maxCommandBytes > 16 * 1024 * 1024) throw new IllegalArgumentException("maxCommandBytes must be 64 B-16 MB");
        if (replayCacheSize < 1) throw new IllegalArgumentException("replayCacheSize must be positive");
        if (deviceTimeout.isNegative() || deviceTimeout.isZero()) throw new IllegalArgumentException("deviceTimeout must be positive");
    }

    /** Skew 30 s, validity at most 5 min, 64 KB commands, 100k nonces, 10 s device timeout. */
    public static CommandGateSettings defaults(String home, String gateway, List<TrustedKey> keys) {
        return new CommandGateSettings(home, gateway, keys, Duration.ofSeconds(30), Duration.ofMinutes(5), 64 * 1024, 100_000,
                Duration.ofSeconds(10));
    }

    public CommandGateSettings withReplayCacheSize(int size) {
        return new CommandGateSettings(home, gateway, trustedKeys, clockSkew, maxValidity, maxCommandBytes, size, deviceTimeout);
    }

    public CommandGateSettings withDeviceTimeout(Duration timeout) {
        return new CommandGateSettings(home, gateway, trustedKeys, clockSkew, maxValidity, maxCommandBytes, replayCacheSize, timeout);
    }
}

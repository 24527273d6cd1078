package dev.hearth.core.devices;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device keys and tokens, in memory, by device id: filled from the secrets file
 * ({@code dev.hearth.config.SecretsFile}, which reads and checks it) and by adoption.
 */
public final class DeviceSecrets implements SecretStore {
    private final Map<String, DeviceSecret> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<DeviceSecret> deviceSecret(String deviceId) {
        return Optional.ofNullable(secrets.get(deviceId));
    }

    public void put(String deviceId, DeviceSecret secret) {
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        secrets.put(deviceId, secret);
    }

    public void remove(String deviceId) {
        secrets.remove(deviceId);
    }
}

package dev.hearth.driver.api;

import java.util.Optional;

/** Where a driver finds a device's secret. Implemented by the core over its secret file. */
@FunctionalInterface
public interface SecretStore {
    Optional<DeviceSecret> deviceSecret(String deviceId);
}

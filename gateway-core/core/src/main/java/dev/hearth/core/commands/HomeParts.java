package dev.hearth.core.commands;

import dev.hearth.core.access.AuditedAccess;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.model.ModelCatalog;
import java.time.Clock;
import java.util.Objects;

/**
 * What the home commands work on: the home, its rooms, shares and devices, the audited access
 * policy that decides every request, the privacy filter that state passes through before it
 * leaves, and {@code registryChanged}, told after every change so the retained registry topic
 * follows (the cloud uplink's {@code registryChanged}).
 */
public record HomeParts(HomeBook home, RoomBook rooms, ShareBook shares, Registry registry, ModelCatalog models,
                        PrivacyFilter privacy, AuditedAccess access, Clock clock, Runnable registryChanged) {
    public HomeParts {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registryChanged, "registryChanged");
    }
}

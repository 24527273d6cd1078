package dev.hearth.core.access;

import java.time.Clock;
import java.util.Objects;

/**
 * The access policy as callers use it (the cloud bridge per command, the local API per request):
 * decides at the clock's {@code now} and appends every decision to the audit log.
 */
public final class AuditedAccess {
    private final AccessPolicy policy;
    private final AuditLog log;
    private final Clock clock;

    public AuditedAccess(AccessPolicy policy, AuditLog log, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Decision decide(String user, Scope target, Operation op) {
        var now = clock.instant();
        Decision d = policy.decide(user, target, op, now);
        log.record(d, now);
        return d;
    }
}

package dev.hearth.core.devices;

import dev.hearth.core.privacy.AllowedFields;
import dev.hearth.core.privacy.MismatchLog;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.ReportValidator;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.LoggerFactory;

/**
 * Where what a device reports is checked against its model, before the registry, the event
 * listeners, the API, the event stream, SQLite or the cloud see it (DESIGN.md section 4).
 *
 * <p>Why here, and not in each driver: every event of every driver's session enters the core
 * through the one sink {@link SessionTable} hands the driver when it opens the session, and that
 * sink calls this gate before it routes anything, so no driver (present or future) can forget it
 * and no event can go around it. The check itself ({@link ReportValidator}) lives in driver-api
 * beside the model, so a driver may run the same check earlier, but it never has to.
 *
 * <p>A device's state is limited to the properties its model declares, the undeclared fields the
 * owner allowed, and — only in the opt-in detect mode — a bounded number of other undeclared
 * fields. Rejected values are counted by reason and logged once per (model, property), by key and
 * types only; undeclared fields are handed to the review record, never logged.
 */
public final class ReportGate {

    /** Told of rejected values, for the counter; called on the driver's thread. */
    @FunctionalInterface
    public interface Rejections {
        void rejected(String protocol, ReportValidator.Reason reason, int count);

        Rejections NONE = (protocol, reason, count) -> { };
    }

    /** Told of the undeclared fields of a report (the owner's review record); never stores values. */
    @FunctionalInterface
    public interface Undeclared {
        void seen(String model, Map<String, Value> fields, int seenInAll, Instant at);

        Undeclared NONE = (model, fields, seen, at) -> { };
    }

    private final ModelCatalog models;
    private final ReportValidator validator;
    private final AllowedFields allowed;
    private final BiPredicate<String, Value> keepUnreviewed;
    private final Undeclared undeclared;
    private final Rejections rejections;
    private final MismatchLog log = new MismatchLog(LoggerFactory.getLogger(ReportGate.class), 1024);

    /**
     * @param keepUnreviewed whether an undeclared field nobody reviewed may be kept (the detect
     *                       mode: true unless the value looks secret); always false in drop mode
     */
    public ReportGate(ModelCatalog models, ReportValidator validator, AllowedFields allowed,
                      BiPredicate<String, Value> keepUnreviewed, Undeclared undeclared, Rejections rejections) {
        this.models = Objects.requireNonNull(models, "models");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.keepUnreviewed = Objects.requireNonNull(keepUnreviewed, "keepUnreviewed");
        this.undeclared = Objects.requireNonNull(undeclared, "undeclared");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
    }

    /** The default gate: model checks with the default limits, no undeclared field kept, nothing recorded. */
    public static ReportGate strict(ModelCatalog models) {
        return new ReportGate(models, new ReportValidator(ReportValidator.Limits.defaults()), AllowedFields.NONE,
                (field, value) -> false, Undeclared.NONE, Rejections.NONE);
    }

    /** What of a state report may be stored; {@code stored} is the device's current state. */
    public Map<String, Value> state(String protocol, String model, Map<String, Value> stored, DeviceEvent.StateReported report) {
        Optional<DeviceModel> m = models.find(model);
        Set<String> storedUndeclared = new HashSet<>();
        for (String k : stored.keySet()) {
            if (m.flatMap(x -> x.property(k)).isEmpty()) storedUndeclared.add(k);
        }
        ReportValidator.Result r = validator.state(m, report.values(), storedUndeclared, rules(model));
        settle(protocol, model, r, report.at());
        return r.kept();
    }

    /** The event with only the arguments that passed. */
    public DeviceEvent.EventTriggered event(String protocol, String model, DeviceEvent.EventTriggered event) {
        ReportValidator.Result r = validator.event(models.find(model), event.event(), event.args(), rules(model));
        settle(protocol, model, r, event.at());
        return r.rejectedTotal() == 0 ? event : new DeviceEvent.EventTriggered(event.event(), r.kept(), event.at());
    }

    private ReportValidator.UnknownFields rules(String model) {
        return new ReportValidator.UnknownFields() {
            @Override public Optional<dev.hearth.driver.api.model.DataClass> allowed(String field) {
                return allowed.allowed(model, field);
            }
            @Override public boolean keepUnreviewed(String field, Value value) {
                return keepUnreviewed.test(field, value);
            }
        };
    }

    private void settle(String protocol, String model, ReportValidator.Result r, Instant at) {
        r.rejected().forEach((reason, n) -> rejections.rejected(protocol, reason, n));
        for (ReportValidator.Rejection x : r.samples()) {
            // undeclared keys are the device's own words and may be personal: they go to the review record, not the log
            if (x.reason() == ReportValidator.Reason.UNKNOWN_FIELD || x.reason() == ReportValidator.Reason.TOO_MANY_FIELDS) continue;
            log.once(model, x.key(), reasonText(x.reason()), x.expected(), x.received());
        }
        if (r.undeclaredSeen() > 0) undeclared.seen(model, r.undeclared(), r.undeclaredSeen(), at);
    }

    private static String reasonText(ReportValidator.Reason reason) {
        return switch (reason) {
            case TYPE_MISMATCH -> "type mismatch";
            case OUT_OF_RANGE -> "value outside the declared range";
            case TOO_LONG -> "string too long";
            case TOO_LARGE -> "value too large";
            case SECRET -> "secret property kept in the session";
            case UNKNOWN_FIELD, TOO_MANY_FIELDS -> "undeclared field";
        };
    }
}

package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;

import dev.hearth.driver.api.model.DataClass;

/**
 * Told what the privacy filter decided, once per record, so the core can count
 * {@code hearth_privacy_decisions_total{class,action,reason}} without the filter knowing about metrics.
 * Called on the filtering thread: keep it cheap.
 */
public interface Decisions {

    /** Why a whole record stayed home. */
    enum RecordDrop {
        /** Every field was dropped. */
        NOTHING_LEFT,
        /** The record named a user who withdrew consent. */
        WITHDRAWN_USER
    }

    /** {@code count} fields of {@code dataClass} got {@code action} in one record. */
    void decided(DataClass dataClass, PrivacyAction action, int count);

    /** {@code count} fields of {@code dataClass} got {@code action} for {@code reason} in one record. */
    default void decided(DataClass dataClass, PrivacyAction action, DecisionReason reason, int count) {
        decided(dataClass, action, count);
    }

    /** {@code count} undeclared fields of one record in which the detector found {@code category} first. */
    default void detected(PiiCategory category, int count) {
    }

    /** A whole record was not sent. */
    default void recordDropped(RecordDrop reason) {
    }

    /** Counts nothing. */
    Decisions NONE = (dataClass, action, count) -> { };
}

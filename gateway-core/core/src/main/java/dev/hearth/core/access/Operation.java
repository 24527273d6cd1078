package dev.hearth.core.access;

import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.Privilege;
import java.util.Locale;
import java.util.Objects;

/**
 * Something a user asks to do, with the privilege it needs (DESIGN.md section 6). Every kind has a
 * fixed requirement except INVOKE_ACTION, whose requirement comes from the device model
 * ({@link ActionSpec#required()}: OPERATE unless the model raises it). Use the constants, or
 * {@link #invokeAction}.
 */
public record Operation(Kind kind, Privilege required) {

    /** What is asked, and on which kinds of target it makes sense. */
    public enum Kind {
        /** Read a device's state. */
        READ_STATE(Privilege.VIEW, Targets.DEVICE),
        /** Set properties of a device. */
        SET_PROPERTIES(Privilege.OPERATE, Targets.DEVICE),
        /** Run an action of a device. */
        INVOKE_ACTION(Privilege.OPERATE, Targets.DEVICE),
        /** Rename a device. */
        RENAME_DEVICE(Privilege.MANAGE, Targets.DEVICE),
        /** Move a device into a room or out of any room. */
        ASSIGN_DEVICE(Privilege.MANAGE, Targets.DEVICE),
        /** Rename or delete a room (target: the room), or create one (target: the home). */
        EDIT_ROOM(Privilege.MANAGE, Targets.ROOM_OR_HOME),
        /** Offer a share on the target scope. */
        SHARE(Privilege.MANAGE, Targets.ANY),
        /** Revoke a share on the target scope. */
        REVOKE(Privilege.MANAGE, Targets.ANY),
        /** Delete the home. */
        DELETE_HOME(Privilege.OWNER, Targets.HOME),
        /** Give the home to another user. */
        CHANGE_OWNER(Privilege.OWNER, Targets.HOME);

        private final Privilege base;
        private final Targets targets;
        private final String label;

        Kind(Privilege base, Targets targets) {
            this.base = base;
            this.targets = targets;
            this.label = name().toLowerCase(Locale.ROOT);
        }

        /** The lower-case name used in reasons and logs, e.g. {@code set_properties}. */
        public String label() {
            return label;
        }

        /** Whether this kind of operation applies to {@code target}. */
        public boolean appliesTo(Scope target) {
            return switch (targets) {
                case DEVICE -> target instanceof DeviceScope;
                case ROOM_OR_HOME -> target instanceof RoomScope || target instanceof HomeScope;
                case HOME -> target instanceof HomeScope;
                case ANY -> true;
            };
        }

        String targetsDescription() {
            return switch (targets) {
                case DEVICE -> "a device";
                case ROOM_OR_HOME -> "a room or the home";
                case HOME -> "the home";
                case ANY -> "any scope";
            };
        }
    }

    private enum Targets { DEVICE, ROOM_OR_HOME, HOME, ANY }

    public static final Operation READ_STATE = new Operation(Kind.READ_STATE, Privilege.VIEW);
    public static final Operation SET_PROPERTIES = new Operation(Kind.SET_PROPERTIES, Privilege.OPERATE);
    /** Running an action the model does not raise. */
    public static final Operation INVOKE_ACTION = new Operation(Kind.INVOKE_ACTION, Privilege.OPERATE);
    public static final Operation RENAME_DEVICE = new Operation(Kind.RENAME_DEVICE, Privilege.MANAGE);
    public static final Operation ASSIGN_DEVICE = new Operation(Kind.ASSIGN_DEVICE, Privilege.MANAGE);
    public static final Operation EDIT_ROOM = new Operation(Kind.EDIT_ROOM, Privilege.MANAGE);
    public static final Operation SHARE = new Operation(Kind.SHARE, Privilege.MANAGE);
    public static final Operation REVOKE = new Operation(Kind.REVOKE, Privilege.MANAGE);
    public static final Operation DELETE_HOME = new Operation(Kind.DELETE_HOME, Privilege.OWNER);
    public static final Operation CHANGE_OWNER = new Operation(Kind.CHANGE_OWNER, Privilege.OWNER);

    public Operation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(required, "required");
        if (kind == Kind.INVOKE_ACTION ? !required.covers(kind.base) : required != kind.base) {
            throw new IllegalArgumentException(kind.label + " cannot require " + required);
        }
    }

    /** Running an action that needs {@code required} (at least OPERATE). */
    public static Operation invokeAction(Privilege required) {
        return required == Privilege.OPERATE ? INVOKE_ACTION : new Operation(Kind.INVOKE_ACTION, required);
    }

    /** Running the given action of a device model. */
    public static Operation invokeAction(ActionSpec action) {
        return invokeAction(action.required());
    }

    /** The operation of {@code kind} with its fixed requirement (INVOKE_ACTION: OPERATE). */
    public static Operation of(Kind kind) {
        return new Operation(kind, kind.base);
    }
}

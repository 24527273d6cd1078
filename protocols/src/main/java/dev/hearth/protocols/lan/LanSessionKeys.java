package dev.hearth.protocols.lan;

/**
 * The two AES-256-GCM keys of one v2 session, one per direction, derived by {@link LanTranscript}.
 * Never logged: {@link #toString()} redacts.
 */
public final class LanSessionKeys {
    static final int KEY_BYTES = 32;

    private final byte[] deviceToGateway;
    private final byte[] gatewayToDevice;

    LanSessionKeys(byte[] deviceToGateway, byte[] gatewayToDevice) {
        if (deviceToGateway.length != KEY_BYTES || gatewayToDevice.length != KEY_BYTES) {
            throw new IllegalArgumentException("session keys must be " + KEY_BYTES + " bytes");
        }
        this.deviceToGateway = deviceToGateway.clone();
        this.gatewayToDevice = gatewayToDevice.clone();
    }

    /** The sealer and opener for the gateway's end: it seals gateway-to-device, opens device-to-gateway. */
    public SealedFrames gatewayEnd() {
        return new SealedFrames(new SealedFrames.Sealer(gatewayToDevice), new SealedFrames.Opener(deviceToGateway));
    }

    /** The sealer and opener for the device's end. */
    public SealedFrames deviceEnd() {
        return new SealedFrames(new SealedFrames.Sealer(deviceToGateway), new SealedFrames.Opener(gatewayToDevice));
    }

    @Override
    public String toString() {
        return "LanSessionKeys[redacted]";
    }
}

package dev.hearth.protocols.lan;

import dev.hearth.protocols.lan.v1.Hello;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * What a v2 handshake agreed on, and everything derived from it (DESIGN.md §11): the transcript
 * hash binds the protocol version chosen, the versions the device offered, the device id and both
 * nonces; the proofs and the session keys are HKDF-SHA256 outputs over the device key, salted with
 * both nonces, with the transcript hash in every {@code info}. Change any of those on the way and
 * the other side's proof does not verify.
 *
 * <p>Every field of the device's first Hello that the gateway uses is in the transcript, so a relay
 * cannot change the heartbeat interval or the firmware either; the second Hello only carries the
 * proof (the gateway reads nothing else from it).
 *
 * @param version        the version the gateway chose (2)
 * @param offered        the versions the device's Hello offered, in its order
 * @param deviceId       the device's id from its Hello
 * @param model          the model its Hello names
 * @param firmware       the firmware its Hello names
 * @param heartbeatMs    the heartbeat interval its Hello announces (uint32 bits)
 * @param deviceNonce    the device's fresh nonce, from its first Hello
 * @param gatewayNonce   the gateway's fresh nonce, from Challenge
 */
public record LanTranscript(int version, List<Integer> offered, String deviceId, String model, String firmware, int heartbeatMs,
                            byte[] deviceNonce, byte[] gatewayNonce) {
    public static final int NONCE_BYTES = LanAuth.NONCE_BYTES;
    public static final int PROOF_BYTES = 32;
    private static final byte[] LABEL = ascii("hearth-lan-v2 transcript");

    public LanTranscript {
        if (version < 2) throw new IllegalArgumentException("a transcript is for protocol v2 or later, got " + version);
        offered = List.copyOf(offered);
        if (offered.size() > 16) throw new IllegalArgumentException("too many offered versions: " + offered.size());
        for (String text : List.of(Objects.requireNonNull(deviceId, "deviceId"), Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(firmware, "firmware"))) {
            if (text.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) throw new IllegalArgumentException("Hello text field too long");
        }
        deviceNonce = requireNonce(deviceNonce, "deviceNonce");
        gatewayNonce = requireNonce(gatewayNonce, "gatewayNonce");
    }

    /** The transcript of a handshake whose device said {@code firstHello} and whose gateway chose {@code version}. */
    public static LanTranscript of(Hello firstHello, int version, byte[] gatewayNonce) {
        return new LanTranscript(version, firstHello.getSupportedVersionsList(), firstHello.getDeviceId(), firstHello.getModel(),
                firstHello.getFirmware(), firstHello.getHeartbeatIntervalMs(), firstHello.getDeviceNonce().toByteArray(), gatewayNonce);
    }

    @Override
    public byte[] deviceNonce() {
        return deviceNonce.clone();
    }

    @Override
    public byte[] gatewayNonce() {
        return gatewayNonce.clone();
    }

    /** SHA-256 of the transcript's canonical encoding (lengths and counts first, so no two transcripts collide). */
    public byte[] hash() {
        byte[] id = deviceId.getBytes(StandardCharsets.UTF_8);
        byte[] m = model.getBytes(StandardCharsets.UTF_8);
        byte[] fw = firmware.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(LABEL.length + 4 + 1 + 4 * offered.size() + 6 + id.length + m.length + fw.length + 4
                + 2 * NONCE_BYTES);
        b.put(LABEL).putInt(version).put((byte) offered.size());
        offered.forEach(b::putInt);
        b.putShort((short) id.length).put(id).putShort((short) m.length).put(m).putShort((short) fw.length).put(fw);
        b.putInt(heartbeatMs).put(deviceNonce).put(gatewayNonce);
        try {
            return MessageDigest.getInstance("SHA-256").digest(b.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The gateway's proof of the key, sent in Challenge. */
    public byte[] gatewayProof(byte[] key) {
        return derive(key, "gateway proof", PROOF_BYTES);
    }

    /** The device's proof of the key, sent in its second Hello. */
    public byte[] deviceProof(byte[] key) {
        return derive(key, "device proof", PROOF_BYTES);
    }

    /** Whether {@code proof} is the gateway's proof for this transcript; constant time. */
    public boolean verifyGateway(byte[] key, byte[] proof) {
        return MessageDigest.isEqual(gatewayProof(key), proof);
    }

    /** Whether {@code proof} is the device's proof for this transcript; constant time. */
    public boolean verifyDevice(byte[] key, byte[] proof) {
        return MessageDigest.isEqual(deviceProof(key), proof);
    }

    /** The session's two direction keys. */
    public LanSessionKeys sessionKeys(byte[] key) {
        return new LanSessionKeys(derive(key, "device-to-gateway key", LanSessionKeys.KEY_BYTES),
                derive(key, "gateway-to-device key", LanSessionKeys.KEY_BYTES));
    }

    private byte[] derive(byte[] key, String purpose, int length) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) throw new IllegalArgumentException("the device key must not be empty");
        byte[] salt = ByteBuffer.allocate(2 * NONCE_BYTES).put(deviceNonce).put(gatewayNonce).array();
        byte[] prk = Hkdf.extract(salt, key);
        byte[] label = ascii("hearth-lan-v2 " + purpose);
        byte[] info = ByteBuffer.allocate(label.length + 1 + Hkdf.HASH_BYTES).put(label).put((byte) 0).put(hash()).array();
        return Hkdf.expand(prk, info, length);
    }

    private static byte[] requireNonce(byte[] nonce, String name) {
        Objects.requireNonNull(nonce, name);
        if (nonce.length != NONCE_BYTES) throw new IllegalArgumentException(name + " must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        return nonce.clone();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LanTranscript t && t.version == version && t.offered.equals(offered) && t.deviceId.equals(deviceId)
                && t.model.equals(model) && t.firmware.equals(firmware) && t.heartbeatMs == heartbeatMs
                && java.util.Arrays.equals(t.deviceNonce, deviceNonce) && java.util.Arrays.equals(t.gatewayNonce, gatewayNonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, offered, deviceId, model, firmware, heartbeatMs, java.util.Arrays.hashCode(deviceNonce), java.util.Arrays.hashCode(gatewayNonce));
    }

    @Override
    public String toString() {
        return "LanTranscript[v" + version + ", offered " + offered + ", " + deviceId + "]";
    }
}

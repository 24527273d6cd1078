package dev.hearth.protocols.lan;

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
 * @param version        the version the gateway chose (2)
 * @param offered        the versions the device's Hello offered, in its order
 * @param deviceId       the device's id from its Hello
 * @param deviceNonce    the device's fresh nonce, from its first Hello
 * @param gatewayNonce   the gateway's fresh nonce, from Challenge
 */
public record LanTranscript(int version, List<Integer> offered, String deviceId, byte[] deviceNonce, byte[] gatewayNonce) {
    public static final int NONCE_BYTES = LanAuth.NONCE_BYTES;
    public static final int PROOF_BYTES = 32;
    private static final byte[] LABEL = ascii("hearth-lan-v2 transcript");

    public LanTranscript {
        if (version < 2) throw new IllegalArgumentException("a transcript is for protocol v2 or later, got " + version);
        offered = List.copyOf(offered);
        if (offered.size() > 16) throw new IllegalArgumentException("too many offered versions: " + offered.size());
        Objects.requireNonNull(deviceId, "deviceId");
        if (deviceId.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) throw new IllegalArgumentException("device id too long");
        deviceNonce = requireNonce(deviceNonce, "deviceNonce");
        gatewayNonce = requireNonce(gatewayNonce, "gatewayNonce");
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
        ByteBuffer b = ByteBuffer.allocate(LABEL.length + 4 + 1 + 4 * offered.size() + 2 + id.length + 2 * NONCE_BYTES);
        b.put(LABEL).putInt(version).put((byte) offered.size());
        offered.forEach(b::putInt);
        b.putShort((short) id.length).put(id).put(deviceNonce).put(gatewayNonce);
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
                && java.util.Arrays.equals(t.deviceNonce, deviceNonce) && java.util.Arrays.equals(t.gatewayNonce, gatewayNonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, offered, deviceId, java.util.Arrays.hashCode(deviceNonce), java.util.Arrays.hashCode(gatewayNonce));
    }

    @Override
    public String toString() {
        return "LanTranscript[v" + version + ", offered " + offered + ", " + deviceId + "]";
    }
}

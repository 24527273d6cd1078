package dev.hearth.protocols.miio;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Bytes to and from miIO packets. Pure: no sockets, threads or clocks; thread-safe.
 *
 * <p>Packet layout (big-endian): magic {@code 0x2131} (2), total length (2), unknown (4),
 * device id (4), stamp (4), checksum (16), then the payload: JSON encrypted with AES-128-CBC,
 * key = MD5(token), IV = MD5(key ‖ token), PKCS#7 padding. The checksum is
 * MD5(header[0..16] ‖ token ‖ payload). A hello is {@code 21310020} and 28 bytes of {@code ff};
 * the device answers it with a 32-byte packet carrying its id and stamp.
 */
public final class MiioPacketCodec {
    /** The header's size, which is also the size of a hello and of a hello reply. */
    public static final int HEADER_LENGTH = 32;
    /** The largest packet the length field can describe. */
    public static final int MAX_WIRE_LENGTH = 0xffff;

    private static final int MAGIC = 0x2131;
    private static final long ALL_ONES = 0xffff_ffffL;
    private static final byte[] HELLO = hexBytes("21310020" + "ff".repeat(28));

    private final int maxPacketSize;

    /** @param maxPacketSize the largest datagram {@link #decode} accepts and {@link #encode} produces */
    public MiioPacketCodec(int maxPacketSize) {
        if (maxPacketSize < HEADER_LENGTH || maxPacketSize > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("maxPacketSize must be in [" + HEADER_LENGTH + ", " + MAX_WIRE_LENGTH + "]: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** The hello (handshake request) packet. */
    public static byte[] hello() {
        return HELLO.clone();
    }

    /**
     * A device's answer to a hello. Provisioned devices do not reveal their token: the checksum
     * field is all zeros.
     */
    public static byte[] helloReply(long deviceId, long stamp) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        writeHeader(b, HEADER_LENGTH, MiioHeader.of(deviceId, stamp));
        return b.array();
    }

    /**
     * Encrypts {@code json} for the device and frames it under {@code header}.
     *
     * @throws IllegalArgumentException if the packet would exceed the maximum packet size
     */
    public byte[] encode(MiioHeader header, byte[] json, MiioToken token) {
        return encode(header, json, MiioCipher.of(token));
    }

    /**
     * As {@link #encode(MiioHeader, byte[], MiioToken)}, with the token's engines set up once
     * (the caller's {@code cipher}, used from one thread).
     *
     * @throws IllegalArgumentException if the packet would exceed the maximum packet size
     */
    public byte[] encode(MiioHeader header, byte[] json, MiioCipher cipher) {
        int length = HEADER_LENGTH + MiioCipher.encryptedLength(json.length);
        if (length > maxPacketSize) {
            throw new IllegalArgumentException("packet of " + length + " bytes exceeds the limit of " + maxPacketSize);
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        writeHeader(b, length, header);
        byte[] packet = b.array();
        cipher.encryptInto(json, packet, HEADER_LENGTH);
        byte[] sum = cipher.checksum(packet);
        System.arraycopy(sum, 0, packet, 16, 16);
        return packet;
    }

    /** Decodes one datagram. Never throws: bad input is {@link MiioDecodeResult.Malformed}. */
    public MiioDecodeResult decode(byte[] packet, MiioToken token) {
        return decode(packet, MiioCipher.of(token));
    }

    /**
     * As {@link #decode(byte[], MiioToken)}, with the token's engines set up once (the caller's
     * {@code cipher}, used from one thread). Never throws.
     */
    public MiioDecodeResult decode(byte[] packet, MiioCipher cipher) {
        if (packet.length < HEADER_LENGTH) return new MiioDecodeResult.Malformed("truncated");
        if (packet.length > maxPacketSize) return new MiioDecodeResult.Malformed("oversized");
        ByteBuffer b = ByteBuffer.wrap(packet);
        if ((b.getShort() & 0xffff) != MAGIC) return new MiioDecodeResult.Malformed("bad_magic");
        if ((b.getShort() & 0xffff) != packet.length) return new MiioDecodeResult.Malformed("length_mismatch");
        long unknown = b.getInt() & ALL_ONES;
        long deviceId = b.getInt() & ALL_ONES;
        long stamp = b.getInt() & ALL_ONES;
        if (packet.length == HEADER_LENGTH) {
            if (unknown == ALL_ONES && deviceId == ALL_ONES && stamp == ALL_ONES) return new MiioDecodeResult.Hello();
            return new MiioDecodeResult.HelloReply(deviceId, stamp);
        }
        int payloadLength = packet.length - HEADER_LENGTH;
        if (payloadLength % 16 != 0) return new MiioDecodeResult.Malformed("unaligned_payload");
        if (!checksumMatches(packet, cipher.checksum(packet))) {
            return new MiioDecodeResult.Malformed("bad_checksum");
        }
        byte[] plain;
        try {
            plain = cipher.decrypt(packet, HEADER_LENGTH, payloadLength);
        } catch (IllegalStateException e) {
            return new MiioDecodeResult.Malformed("bad_padding");
        }
        // devices and python-miio end the JSON with NUL bytes
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) end--;
        if (end == 0) return new MiioDecodeResult.Malformed("empty_payload");
        return new MiioDecodeResult.Message(new MiioHeader(unknown, deviceId, stamp),
                end == plain.length ? plain : Arrays.copyOf(plain, end));
    }

    private static void writeHeader(ByteBuffer b, int length, MiioHeader header) {
        b.putShort((short) MAGIC);
        b.putShort((short) length);
        b.putInt((int) header.unknown());
        b.putInt((int) header.deviceId());
        b.putInt((int) header.stamp());
        b.position(b.position() + 16); // the checksum, zero until computed
    }

    /** Compares in constant time, like {@link MessageDigest#isEqual}, without copying the field out. */
    private static boolean checksumMatches(byte[] packet, byte[] expected) {
        int diff = 0;
        for (int i = 0; i < 16; i++) diff |= packet[16 + i] ^ expected[i];
        return diff == 0;
    }

    private static byte[] hexBytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}

package dev.hearth.protocols.miio;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-128-CBC and MD5 engines for one token, set up once and reused for every packet to or
 * from that device: creating them costs more than encrypting a small packet. Key and IV are fixed
 * by the token, and {@link Cipher#doFinal} returns a cipher to its initialised state, so nothing
 * needs re-initialising between packets. <b>Not thread-safe</b>: one per thread that codes packets
 * (a session confined to its I/O thread). {@link #toString()} never shows the token.
 */
public final class MiioCipher {
    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

    private final MiioToken token;
    private final Cipher encrypt;
    private final Cipher decrypt;
    private final MessageDigest md5;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    private MiioCipher(MiioToken token) {
        this.token = token;
        this.key = new SecretKeySpec(token.aesKey(), "AES");
        this.iv = new IvParameterSpec(token.aesIv());
        try {
            this.encrypt = Cipher.getInstance(TRANSFORMATION);
            this.encrypt.init(Cipher.ENCRYPT_MODE, key, iv);
            this.decrypt = Cipher.getInstance(TRANSFORMATION);
            this.decrypt.init(Cipher.DECRYPT_MODE, key, iv);
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding and MD5 are part of every Java platform", e);
        }
    }

    /** The engines for {@code token}; use from one thread at a time. */
    public static MiioCipher of(MiioToken token) {
        return new MiioCipher(token);
    }

    public MiioToken token() {
        return token;
    }

    /** The size of {@code plainLength} bytes once padded and encrypted. */
    static int encryptedLength(int plainLength) {
        return (plainLength / 16 + 1) * 16;
    }

    /** Encrypts {@code plain} into {@code out} at {@code offset}, which has room for {@link #encryptedLength}. */
    void encryptInto(byte[] plain, byte[] out, int offset) {
        try {
            encrypt.doFinal(plain, 0, plain.length, out, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting with padding into a buffer of the right size cannot fail", e);
        }
    }

    /** Decrypts {@code length} bytes at {@code offset}; IllegalStateException on bad padding. */
    byte[] decrypt(byte[] input, int offset, int length) {
        try {
            return decrypt.doFinal(input, offset, length);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            // after a failed doFinal a Cipher may keep partial state: start it afresh for the next packet
            try {
                decrypt.init(Cipher.DECRYPT_MODE, key, iv);
            } catch (GeneralSecurityException cannot) {
                throw new IllegalStateException("re-initialising AES with a key that worked before", cannot);
            }
            throw new IllegalStateException("bad padding", e);
        }
    }

    /** MD5(packet[0..16] ‖ token ‖ packet[32..]): the checksum of a framed packet. */
    byte[] checksum(byte[] packet) {
        md5.update(packet, 0, 16);
        md5.update(token.raw());
        md5.update(packet, MiioPacketCodec.HEADER_LENGTH, packet.length - MiioPacketCodec.HEADER_LENGTH);
        return md5.digest();
    }

    @Override
    public String toString() {
        return "MiioCipher[redacted]";
    }
}

package dev.hearth.protocols.lan;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One end of a v2 session's sealing: a {@link Sealer} for what it sends and an {@link Opener} for
 * what it receives, each with its own key and counter. A sealed frame body (inside the varint32
 * length prefix) is
 * <pre>
 *   offset 0   1 byte   0x02 (never the first byte of a LanMessage: protobuf has no field 0)
 *   offset 1   8 bytes  counter, big-endian: 0 for the first frame in this direction, then +1
 *   offset 9   8 bytes  ack, big-endian: how many frames this end had opened from the peer
 *   offset 17  n bytes  AES-256-GCM ciphertext of the serialized LanMessage
 *   then      16 bytes  GCM tag; associated data = the 17 header bytes; nonce = 4 zero bytes || counter
 * </pre>
 * The opener accepts exactly the next counter, so a replayed, reordered or dropped frame is refused
 * as surely as a forged one. Confined to one channel's event loop.
 */
public record SealedFrames(Sealer sealer, Opener opener) {
    public static final byte MARKER = 0x02;
    public static final int HEADER_BYTES = 17;
    public static final int TAG_BYTES = 16;
    /** Header and tag: what sealing adds to a message. */
    public static final int OVERHEAD = HEADER_BYTES + TAG_BYTES;

    public SealedFrames {
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(opener, "opener");
    }

    /** Seals with {@code ack} = the number of frames this end has opened so far. */
    public byte[] seal(byte[] plaintext) {
        return sealer.seal(plaintext, opener.opened());
    }

    public OpenResult open(byte[] body) {
        return opener.open(body);
    }

    /** Whether a frame body is sealed (starts with the marker), without opening it. */
    public static boolean looksSealed(byte[] body) {
        return body.length > 0 && body[0] == MARKER;
    }

    /** What opening one frame gave. */
    public sealed interface OpenResult {
        /** Authentic, in order: the message bytes, and the peer's ack. */
        record Opened(byte[] plaintext, long counter, long ack) implements OpenResult {
            public Opened {
                plaintext = plaintext.clone();
            }
        }

        /** Refused: never a partial result; {@code reason} never echoes the frame's bytes. */
        record Refused(Failure failure, String reason) implements OpenResult {
            public Refused {
                Objects.requireNonNull(failure, "failure");
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Why a frame was refused: each a different thing a relay may have done. */
    public enum Failure {
        /** Not a sealed frame at all (plaintext after the handshake, or too short for a header and tag). */
        NOT_SEALED,
        /** A counter already seen: a replayed frame. */
        REPLAYED,
        /** A counter ahead of the next expected: a frame was dropped, or frames were reordered. */
        MISSING,
        /** The tag does not verify: the header or ciphertext was changed, or it was sealed with another key. */
        FORGED,
        /** An earlier frame was refused; nothing on this session is opened any more. */
        CLOSED
    }

    /** Seals outgoing frames with one key and a counter that only goes up. */
    public static final class Sealer {
        private final SecretKeySpec key;
        private final Cipher cipher = gcm();
        private long next;

        Sealer(byte[] key) {
            this.key = new SecretKeySpec(key, "AES");
        }

        /** The sealed body for {@code plaintext}; {@code ack} goes in the header. */
        public byte[] seal(byte[] plaintext, long ack) {
            if (next == Long.MAX_VALUE) throw new IllegalStateException("counter exhausted; the session must end");
            long counter = next++;
            byte[] out = new byte[HEADER_BYTES + plaintext.length + TAG_BYTES];
            ByteBuffer.wrap(out).put(MARKER).putLong(counter).putLong(ack);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(counter));
                cipher.updateAAD(out, 0, HEADER_BYTES);
                cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES);
            } catch (GeneralSecurityException e) {
                // a fresh nonce per counter and a 32-byte key: AES-GCM cannot refuse
                throw new IllegalStateException("AES-GCM refused to seal", e);
            }
            return out;
        }

        /** How many frames it has sealed. */
        public long sealed() {
            return next;
        }
    }

    /** Opens incoming frames with one key, accepting only the next counter. */
    public static final class Opener {
        private final SecretKeySpec key;
        private final Cipher cipher = gcm();
        private long expected;
        private boolean failed;

        Opener(byte[] key) {
            this.key = new SecretKeySpec(key, "AES");
        }

        public OpenResult open(byte[] body) {
            if (failed) return new OpenResult.Refused(Failure.CLOSED, "an earlier frame of this session was refused");
            OpenResult r = tryOpen(body);
            if (r instanceof OpenResult.Refused) failed = true;
            else expected++;
            return r;
        }

        /** How many frames it has opened: the next counter it accepts. */
        public long opened() {
            return expected;
        }

        private OpenResult tryOpen(byte[] body) {
            if (body.length < OVERHEAD || body[0] != MARKER) {
                return new OpenResult.Refused(Failure.NOT_SEALED, body.length < OVERHEAD && body.length > 0 && body[0] == MARKER
                        ? "a sealed frame of " + body.length + " bytes is shorter than its header and tag"
                        : "the frame is not sealed, and after the handshake every frame must be");
            }
            ByteBuffer header = ByteBuffer.wrap(body, 1, HEADER_BYTES - 1);
            long counter = header.getLong();
            long ack = header.getLong();
            if (counter < expected) {
                return new OpenResult.Refused(Failure.REPLAYED, "replayed frame: counter " + counter + " was already used (expected " + expected + ")");
            }
            if (counter > expected) {
                return new OpenResult.Refused(Failure.MISSING, "frame " + expected + " is missing (got counter " + counter
                        + "): frames were dropped or reordered");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(counter));
                cipher.updateAAD(body, 0, HEADER_BYTES);
                byte[] plaintext = cipher.doFinal(body, HEADER_BYTES, body.length - HEADER_BYTES);
                return new OpenResult.Opened(plaintext, counter, ack);
            } catch (AEADBadTagException e) {
                return new OpenResult.Refused(Failure.FORGED, "frame " + counter + " fails authentication: changed on the way or sealed with another key");
            } catch (GeneralSecurityException e) {
                return new OpenResult.Refused(Failure.FORGED, "frame " + counter + " cannot be opened: " + e.getClass().getSimpleName());
            }
        }
    }

    private static GCMParameterSpec nonce(long counter) {
        return new GCMParameterSpec(TAG_BYTES * 8, ByteBuffer.allocate(12).putInt(0).putLong(counter).array());
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding unavailable", e);
        }
    }
}

package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.v1.PolicyHead;
import dev.hearth.protocols.cloud.v1.PolicyLogEntry;
import dev.hearth.protocols.cloud.v1.SignedLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hash-chained, gateway-signed policy log (DESIGN.md section 6). Every entry carries the
 * previous entry's hash and its own sequence number and is signed by the {@link GatewayLogKey}, so
 * history cannot be rewritten, reordered or cut in the middle without the check at start failing;
 * the head (sequence, hash) is published in the retained registry topic, so a phone that saw a
 * later head detects a shortened log. Not thread-safe: the {@link TrustBook} serialises access.
 */
final class PolicyLog {
    static final ByteString GENESIS = ByteString.copyFrom(new byte[32]);

    private final PolicyLogStore store;
    private final GatewayLogKey key;
    private final List<SignedLogEntry> entries = new ArrayList<>();
    private ByteString headHash = GENESIS;
    private Optional<String> invalid = Optional.empty();

    private PolicyLog(PolicyLogStore store, GatewayLogKey key) {
        this.store = store;
        this.key = key;
    }

    /** Loads and checks every entry; {@link #invalid()} says why when a check failed (then nothing loaded counts). */
    static PolicyLog open(Database db, GatewayLogKey key) {
        PolicyLog log = new PolicyLog(new PolicyLogStore(db), Objects.requireNonNull(key, "key"));
        long expected = 1;
        for (PolicyLogStore.Row row : log.store.loadAll()) {
            Optional<String> problem = log.check(row, expected);
            if (problem.isPresent()) {
                log.invalid = Optional.of("entry " + expected + ": " + problem.get());
                log.entries.clear();
                return log;
            }
            log.entries.add(SignedLogEntry.newBuilder().setEntry(ByteString.copyFrom(row.entry()))
                    .setSignature(ByteString.copyFrom(row.signature())).build());
            log.headHash = PolicyObjects.hash(ByteString.copyFrom(row.entry()));
            expected++;
        }
        return log;
    }

    private Optional<String> check(PolicyLogStore.Row row, long expected) {
        if (row.seq() != expected) return Optional.of("sequence " + row.seq() + " where " + expected + " was due");
        if (!key.publicKey().verifies(row.entry(), row.signature())) return Optional.of("the gateway's signature does not hold");
        PolicyLogEntry e;
        try {
            e = PolicyLogEntry.parseFrom(row.entry());
        } catch (InvalidProtocolBufferException ex) {
            return Optional.of("not a policy log entry");
        }
        if (e.getSeq() != expected) return Optional.of("it names sequence " + e.getSeq());
        if (!e.getPrevHash().equals(headHash)) return Optional.of("its previous hash is not the hash of the entry before it");
        return Optional.empty();
    }

    /** Why the log failed its check at start, if it did. */
    Optional<String> invalid() {
        return invalid;
    }

    /** The entries, oldest first (each parses: they were checked at start or written here). */
    List<PolicyLogEntry> parsed() {
        List<PolicyLogEntry> out = new ArrayList<>(entries.size());
        for (SignedLogEntry s : entries) {
            try {
                out.add(PolicyLogEntry.parseFrom(s.getEntry()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a checked log entry no longer parses", e);
            }
        }
        return out;
    }

    List<SignedLogEntry> entries() {
        return List.copyOf(entries);
    }

    /** Appends an entry (sequence and previous hash filled in here); durable when this returns. */
    PolicyLogEntry append(PolicyLogEntry.Builder entry, long atMs) {
        if (invalid.isPresent()) throw new IllegalStateException("the policy log is invalid: nothing may be appended");
        long seq = entries.size() + 1L;
        PolicyLogEntry e = entry.setSchemaVersion(1).setSeq(seq).setPrevHash(headHash).setAtMs(atMs).build();
        byte[] bytes = e.toByteArray();
        byte[] signature = key.sign(bytes);
        store.append(seq, bytes, signature);
        entries.add(SignedLogEntry.newBuilder().setEntry(ByteString.copyFrom(bytes)).setSignature(ByteString.copyFrom(signature)).build());
        headHash = PolicyObjects.hash(ByteString.copyFrom(bytes));
        return e;
    }

    PolicyHead head() {
        return PolicyHead.newBuilder().setSeq(entries.size()).setHash(entries.isEmpty() ? ByteString.EMPTY : headHash)
                .setGatewayKey(key.publicKey().raw()).build();
    }
}

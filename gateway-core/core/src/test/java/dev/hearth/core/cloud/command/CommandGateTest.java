package dev.hearth.core.cloud.command;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.protocols.cloud.CommandSigner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.testkit.ManualClock;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.Value;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandGateTest {
    private static final KeyPair KEY = Ed25519KeyFiles.generate();
    private static final KeyPair OTHER = Ed25519KeyFiles.generate();
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final CommandGateSettings settings = CommandGateSettings.defaults("home1", "gw1",
            List.of(TrustedKey.ofBase64("k1", Ed25519KeyFiles.publicKeyBase64(KEY))));
    private final CommandSigner signer = new CommandSigner("k1", KEY.getPrivate(), clock, new SecureRandom(), Duration.ofSeconds(60));
    @TempDir Path dir;
    private Database db;
    private CommandGate gate;

    @BeforeEach
    void open() {
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        gate = new CommandGate(settings, db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CommandBody.Builder body() {
        return signer.newBody("u1", "home1", "gw1", "lamp").setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true))));
    }

    private static Status status(GateResult r) {
        return r instanceof GateResult.Refused f ? f.status() : Status.OK;
    }

    private static String reason(GateResult r) {
        return r instanceof GateResult.Refused f ? f.reasonCode() : "";
    }

    @Test
    void acceptsAWellSignedFreshCommand() {
        GateResult r = gate.check(signer.sign(body().build()).toByteArray());
        assertThat(r).isInstanceOf(GateResult.Accepted.class);
        assertThat(((GateResult.Accepted) r).command().user()).isEqualTo("u1");
    }

    @Test
    void refusesEmptyRandomAndOversizedPayloadsAsMalformed() {
        assertThat(status(gate.check(new byte[0]))).isEqualTo(Status.MALFORMED);
        byte[] junk = new byte[200];
        new SecureRandom(new byte[] {1}).nextBytes(junk);
        junk[0] = (byte) 0xFF; // an invalid tag, so it is never accidentally a valid message
        assertThat(status(gate.check(junk))).isEqualTo(Status.MALFORMED);
        assertThat(reason(gate.check(new byte[settings.maxCommandBytes() + 1]))).isEqualTo("too_large");
        assertThat(reason(gate.check(SignedCommand.newBuilder().setKeyId("k1").build().toByteArray()))).isEqualTo("incomplete");
    }

    @Test
    void refusesACommandSignedByAnUnknownKey() {
        var other = new CommandSigner("k9", OTHER.getPrivate(), clock, new SecureRandom(), Duration.ofSeconds(60));
        GateResult r = gate.check(other.sign(body().build()).toByteArray());
        assertThat(status(r)).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(reason(r)).isEqualTo("unknown_key");
    }

    @Test
    void refusesACommandSignedWithTheWrongKeyUnderAKnownId() {
        var impostor = new CommandSigner("k1", OTHER.getPrivate(), clock, new SecureRandom(), Duration.ofSeconds(60));
        assertThat(reason(gate.check(impostor.sign(body().build()).toByteArray()))).isEqualTo("bad_signature");
    }

    @Test
    void refusesATamperedBody() {
        SignedCommand good = signer.sign(body().build());
        CommandBody changed = body().setUser("mallory").build();
        SignedCommand tampered = good.toBuilder().setBody(changed.toByteString()).build();
        assertThat(status(gate.check(tampered.toByteArray()))).isEqualTo(Status.BAD_SIGNATURE);
        SignedCommand zeroSig = good.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build();
        assertThat(status(gate.check(zeroSig.toByteArray()))).isEqualTo(Status.BAD_SIGNATURE);
        // the decoder's rule: an Ed25519 signature is 64 bytes, anything else is malformed
        SignedCommand shortSig = good.toBuilder().setSignature(ByteString.copyFrom(new byte[3])).build();
        assertThat(reason(gate.check(shortSig.toByteArray()))).isEqualTo("bad_signature_length");
    }

    @Test
    void refusesACommandForAnotherHome() {
        GateResult r = gate.check(signer.sign(body().setHome("home2").build()).toByteArray());
        assertThat(status(r)).isEqualTo(Status.FORBIDDEN);
        assertThat(reason(r)).isEqualTo("wrong_home");
    }

    @Test
    void refusesExpiredNotYetValidAndTooLongCommandsButToleratesTheSkew() {
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        assertThat(reason(gate.check(signer.sign(body().setIssuedAtMs(now - 120_000).setExpiresAtMs(now - skew - 1).build()).toByteArray())))
                .isEqualTo("expired");
        assertThat(status(gate.check(signer.sign(body().setIssuedAtMs(now - 120_000).setExpiresAtMs(now - skew + 1).build()).toByteArray())))
                .isEqualTo(Status.OK);
        assertThat(reason(gate.check(signer.sign(body().setIssuedAtMs(now + skew + 1).setExpiresAtMs(now + 60_000).build()).toByteArray())))
                .isEqualTo("not_yet_valid");
        assertThat(reason(gate.check(signer.sign(body().setIssuedAtMs(now).setExpiresAtMs(now + Duration.ofHours(1).toMillis()).build()).toByteArray())))
                .isEqualTo("validity_too_long");
        assertThat(reason(gate.check(signer.sign(body().setIssuedAtMs(now).setExpiresAtMs(now - 1).build()).toByteArray())))
                .isEqualTo("expires_before_issued");
    }

    @Test
    void refusesAReplayWithinTheValidityWindow() {
        byte[] cmd = signer.sign(body().build()).toByteArray();
        assertThat(status(gate.check(cmd))).isEqualTo(Status.OK);
        clock.advance(Duration.ofSeconds(30));
        assertThat(status(gate.check(cmd))).isEqualTo(Status.REPLAYED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(status(gate.check(cmd))).isEqualTo(Status.EXPIRED);
    }

    @Test
    void refusesBusyWhenTheReplayCacheIsFullOfLiveNoncesAndRecoversOnceTheyExpire() {
        try (var tinyDb = GatewaySchemas.open(dir.resolve("tiny.db"))) {
            var tiny = new CommandGate(settings.withReplayCacheSize(2), tinyDb, clock);
            assertThat(status(tiny.check(signer.sign(body().build()).toByteArray()))).isEqualTo(Status.OK);
            assertThat(status(tiny.check(signer.sign(body().build()).toByteArray()))).isEqualTo(Status.OK);
            assertThat(status(tiny.check(signer.sign(body().build()).toByteArray()))).isEqualTo(Status.BUSY);
            clock.advance(Duration.ofSeconds(60).plus(settings.clockSkew()).plusMillis(1));
            assertThat(status(tiny.check(signer.sign(body().build()).toByteArray()))).isEqualTo(Status.OK);
        }
    }

    @Test
    void refusesShortNoncesAndMissingUsers() {
        assertThat(reason(gate.check(signer.sign(body().setNonce(ByteString.copyFrom(new byte[4])).build()).toByteArray()))).isEqualTo("bad_nonce");
        assertThat(reason(gate.check(signer.sign(body().setUser("").build()).toByteArray()))).isEqualTo("no_user");
    }

    @Test
    void refusesReservedAndInvalidUserIdsBeforeTheNonceIsSpent() {
        for (String reserved : new String[] {"erased", "anonymous", "p_0123456789abcdef"}) {
            CommandBody b = body().setUser(reserved).build();
            GateResult r = gate.check(signer.sign(b).toByteArray());
            assertThat(reason(r)).as(reserved).isEqualTo("reserved_user");
            assertThat(((GateResult.Refused) r).status()).isEqualTo(Status.FORBIDDEN);
            assertThat(((GateResult.Refused) r).verifiedUser()).hasValue(reserved);
            // the same nonce from a real user is still fresh: the refused command spent nothing
            assertThat(gate.check(signer.sign(b.toBuilder().setUser("u1").build()).toByteArray())).isInstanceOf(GateResult.Accepted.class);
        }
        assertThat(reason(gate.check(signer.sign(body().setUser("u\n1").build()).toByteArray()))).isEqualTo("invalid_user");
        assertThat(reason(gate.check(signer.sign(body().setUser("u".repeat(129)).build()).toByteArray()))).isEqualTo("invalid_user");
    }

    @Test
    void refusesACommandSignedForAnotherGatewayOfTheSameHome() {
        GateResult r = gate.check(signer.sign(body().setGateway("gw2").build()).toByteArray());
        assertThat(status(r)).isEqualTo(Status.FORBIDDEN);
        assertThat(reason(r)).isEqualTo("wrong_gateway");
        assertThat(reason(gate.check(signer.sign(body().clearGateway().build()).toByteArray()))).isEqualTo("no_gateway");
    }

    @Test
    void refusesAWellSignedCommandOfTheOldSchemaVersionAsMalformed() {
        GateResult r = gate.check(signer.sign(body().setSchemaVersion(1).clearGateway().build()).toByteArray());
        assertThat(status(r)).isEqualTo(Status.MALFORMED);
        assertThat(reason(r)).isEqualTo("unsupported_schema_version");
        assertThat(reason(gate.check(signer.sign(body().setSchemaVersion(CommandDecoder.SCHEMA_VERSION + 1).build()).toByteArray())))
                .isEqualTo("unsupported_schema_version");
    }

    @Test
    void refusesAReplayAfterARestartOnTheSameDatabase() {
        byte[] cmd = signer.sign(body().build()).toByteArray();
        assertThat(status(gate.check(cmd))).isEqualTo(Status.OK);
        db.close();
        clock.advance(Duration.ofSeconds(10));

        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        CommandGate restarted = new CommandGate(settings, db, clock);
        assertThat(status(restarted.check(cmd))).isEqualTo(Status.REPLAYED);
        assertThat(status(restarted.check(signer.sign(body().build()).toByteArray()))).isEqualTo(Status.OK);
    }

    @Test
    void forgetsStoredNoncesOnceTheirCommandsExpiredPlusTheSkew() {
        gate.check(signer.sign(body().build()).toByteArray());
        gate.check(signer.sign(body().build()).toByteArray());
        NonceStore store = new NonceStore(db);
        assertThat(store.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(60).plus(settings.clockSkew()).plusMillis(1));
        new CommandGate(settings, db, clock);
        assertThat(store.size()).isZero();
    }

    @Test
    void refusesACommandWhoseNonceCannotBeStoredRatherThanRunItUnremembered() {
        db.close();
        GateResult r = gate.check(signer.sign(body().build()).toByteArray());
        assertThat(status(r)).isEqualTo(Status.BUSY);
        assertThat(reason(r)).isEqualTo("replay_store_failed");
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
    }

    @Test
    void storesNoMoreNoncesThanTheCacheHolds() {
        try (var tinyDb = GatewaySchemas.open(dir.resolve("bounded.db"))) {
            var tiny = new CommandGate(settings.withReplayCacheSize(3), tinyDb, clock);
            for (int i = 0; i < 10; i++) tiny.check(signer.sign(body().build()).toByteArray());
            assertThat(new NonceStore(tinyDb).size()).isEqualTo(3);
        }
    }
}

package dev.hearth.bench.cloud;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Ed25519 verification of a 160-byte command body, as the command gate does for every command:
 * Java 17's own {@code Signature("Ed25519")} against Bouncy Castle's {@code Ed25519Signer} (what
 * {@code Ed25519Verifier} uses). {@code ./hearth bench jmh Ed25519VerifyBench -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ed25519VerifyBench {
    private KeyPair pair;
    private Ed25519PublicKeyParameters bcKey;
    private byte[] body;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        bcKey = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(pair.getPublic().getEncoded());
        body = new byte[160];
        ThreadLocalRandom.current().nextBytes(body);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(body);
        signature = s.sign();
    }

    @Benchmark
    public boolean jdk() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(pair.getPublic());
        s.update(body);
        return s.verify(signature);
    }

    @Benchmark
    public boolean bouncyCastle() {
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, bcKey);
        s.update(body, 0, body.length);
        return s.verifySignature(signature);
    }
}

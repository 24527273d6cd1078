package dev.hearth.core.cloud;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA with a server certificate for 127.0.0.1/localhost and a client certificate, as PEM files. */
public final class TestCertificates {
    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    private TestCertificates(Path dir) {
        caCert = dir.resolve("ca.pem");
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client.key");
    }

    public static TestCertificates generate(Path dir, String caName) throws Exception {
        var c = new TestCertificates(dir);
        KeyPair ca = keyPair();
        X500Name caSubject = new X500Name("CN=" + caName);
        X509CertificateHolder caHolder = sign(caSubject, ca, caSubject, ca, true, null);
        write(c.caCert, caHolder);
        KeyPair server = keyPair();
        write(c.serverCert, sign(caSubject, ca, new X500Name("CN=localhost"), server, false,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")})));
        write(c.serverKey, new JcaPKCS8Generator(server.getPrivate(), null).generate());
        KeyPair client = keyPair();
        write(c.clientCert, sign(caSubject, ca, new X500Name("CN=hearth-gateway"), client, false, null));
        write(c.clientKey, new JcaPKCS8Generator(client.getPrivate(), null).generate());
        return c;
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509CertificateHolder sign(X500Name issuer, KeyPair issuerKey, X500Name subject, KeyPair subjectKey, boolean isCa,
            GeneralNames san) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli() ^ System.nanoTime()).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        if (san != null) b.addExtension(Extension.subjectAlternativeName, false, san);
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
    }

    private static void write(Path file, Object pem) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(pem);
        }
    }
}

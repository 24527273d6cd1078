package dev.hearth.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.protocols.miio.MiioDecodeResult;
import dev.hearth.protocols.miio.MiioHeader;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioRpcCodec;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.protocols.miio.MiioToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starts real simulated devices on loopback addresses and stops them once the test has talked to them. */
class SimulateCommandIT {
    private static final MiioPacketCodec CODEC = new MiioPacketCodec(MiioPacketCodec.MAX_WIRE_LENGTH);

    private static String run(SimulateCommand.StopSignal whileRunning, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand(whileRunning));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    private static String run(String... args) {
        return run(() -> { }, args);
    }

    @Test
    void printsDevicesAndWritesAnOwnerOnlyKeysFile(@TempDir Path tmp) throws Exception {
        Path keys = tmp.resolve("secrets.yaml");
        String out = run("--native", "3", "--kinds", "lamp,lock", "--no-mdns", "--keys-file", keys.toString(),
                "--faults", "lock:SILENT");

        assertThat(out).contains("native-lamp-001", "native-lock-002", "native-lamp-003", "hearth.lock.v1", "127.0.0.1:")
                .contains("fault=SILENT").doesNotContain("key=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        String yaml = Files.readString(keys);
        assertThat(yaml).startsWith("# Hearth device secrets").contains("devices:\n");
        assertThat(yaml.lines().filter(l -> l.matches("  native-[a-z]+-\\d{3}: \"[0-9a-f]{64}\""))).hasSize(3);
    }

    @Test
    void printsKeysWhenNoKeysFileIsGiven() {
        String out = run("--native", "1", "--no-mdns");
        assertThat(out).containsPattern("native-lamp-001 .* key=[0-9a-f]{64}");
    }

    @Test
    void miioDevicesAnswerOnTheirOwnAddressesWithTheTokensInTheSharedSecretsFile(@TempDir Path tmp) throws Exception {
        Path keys = tmp.resolve("secrets.yaml");
        CompletableFuture<byte[]> helloReply = new CompletableFuture<>();
        CompletableFuture<MiioRpcMessage> infoReply = new CompletableFuture<>();
        String out = run(() -> {
            InetSocketAddress plug = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 62}), 54321);
            byte[] reply = exchange(plug, MiioPacketCodec.hello());
            helloReply.complete(reply);
            // a real encrypted call with the token the file gives for that device
            MiioDecodeResult.HelloReply hello = (MiioDecodeResult.HelloReply) CODEC.decode(reply, MiioToken.of(new byte[16]));
            MiioToken token = MiioToken.fromHex(tokenIn(Files.readString(keys), "miio-" + hello.deviceId()));
            byte[] request = CODEC.encode(MiioHeader.of(hello.deviceId(), hello.stamp()),
                    new MiioRpcCodec().encode(new MiioRpcMessage.Request(7, "miIO.info", JsonNodeFactory.instance.arrayNode())), token);
            MiioDecodeResult r = CODEC.decode(exchange(plug, request), token);
            infoReply.complete(new MiioRpcCodec().parse(((MiioDecodeResult.Message) r).json()));
        }, "--native", "1", "--miio", "2", "--miio-kinds", "fan,plug", "--miio-address", "127.0.0.61", "--no-mdns",
                "--keys-file", keys.toString());

        Matcher fan = Pattern.compile("(miio-\\d+) +zhimi\\.fan\\.v3 +127\\.0\\.0\\.61:54321").matcher(out);
        Matcher plug = Pattern.compile("(miio-\\d+) +cuco\\.plug\\.v3 +127\\.0\\.0\\.62:54321").matcher(out);
        assertThat(fan.find()).as(out).isTrue();
        assertThat(plug.find()).as(out).isTrue();
        assertThat(out).contains("2 miIO device(s) running", "1 native key(s), 2 miIO token(s)").doesNotContain("token=", "key=");

        byte[] reply = helloReply.get(0, TimeUnit.SECONDS);
        assertThat(reply).hasSize(32);
        MiioDecodeResult.HelloReply hello = (MiioDecodeResult.HelloReply) CODEC.decode(reply, MiioToken.of(new byte[16]));
        assertThat("miio-" + hello.deviceId()).isEqualTo(plug.group(1));
        // a provisioned device never reveals its token in the hello reply
        assertThat(Arrays.copyOfRange(reply, 16, 32)).containsOnly(0);
        MiioRpcMessage info = infoReply.get(0, TimeUnit.SECONDS);
        assertThat(info).isInstanceOf(MiioRpcMessage.Result.class);
        assertThat(((MiioRpcMessage.Result) info).result().path("model").asText()).isEqualTo("cuco.plug.v3");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        String yaml = Files.readString(keys);
        assertThat(yaml).contains("  native-lamp-001: \"", "  " + fan.group(1) + ": \"", "  " + plug.group(1) + ": \"");
    }

    @Test
    void printsTokensWhenNoKeysFileIsGiven() {
        String out = run("--miio", "1", "--miio-address", "127.0.0.63", "--no-mdns");
        assertThat(out).containsPattern("miio-\\d+ +zhimi\\.fan\\.v3 +127\\.0\\.0\\.63:54321  token=[0-9a-f]{32}")
                .doesNotContain("native device(s)");
    }

    @Test
    void miioDevicesAreAnnouncedByMdnsOnTheirOwnAddress() throws Exception {
        assumeTrue(insidePrivateNamespace(), "mDNS runs only inside a private network namespace");
        Process ip = new ProcessBuilder("ip", "addr", "replace", "127.0.0.64/32", "dev", "lo").inheritIO().start();
        assumeTrue(ip.waitFor(10, TimeUnit.SECONDS) && ip.exitValue() == 0, "needs root to add 127.0.0.64 to lo");
        CompletableFuture<ServiceInfo> resolved = new CompletableFuture<>();
        CompletableFuture<byte[]> helloReply = new CompletableFuture<>();
        String out = run(() -> {
            JmDNS browser = JmDNS.create(InetAddress.getByAddress("gw", new byte[] {127, 0, 0, 1}), "gw");
            try {
                browser.addServiceListener("_miio._udp.local.", new ServiceListener() {
                    @Override
                    public void serviceAdded(ServiceEvent event) {
                        browser.requestServiceInfo(event.getType(), event.getName(), 1);
                    }

                    @Override
                    public void serviceRemoved(ServiceEvent event) {
                    }

                    @Override
                    public void serviceResolved(ServiceEvent event) {
                        if (event.getInfo().getInet4Addresses().length > 0) resolved.complete(event.getInfo());
                    }
                });
                ServiceInfo info = resolved.get(30, TimeUnit.SECONDS);
                helloReply.complete(exchange(new InetSocketAddress(info.getInet4Addresses()[0], info.getPort()), MiioPacketCodec.hello()));
            } catch (Exception e) {
                resolved.completeExceptionally(e);
            } finally {
                browser.close();
            }
        }, "--miio", "1", "--miio-address", "127.0.0.64");

        assertThat(out).contains("announced by mDNS");
        ServiceInfo info = resolved.get(0, TimeUnit.SECONDS);
        assertThat(info.getName()).matches("zhimi-fan-v3_miio\\d+");
        assertThat(info.getInet4Addresses()[0].getHostAddress()).isEqualTo("127.0.0.64");
        assertThat(helloReply.get(0, TimeUnit.SECONDS)).hasSize(32);
    }

    private static byte[] exchange(InetSocketAddress device, byte[] packet) throws java.io.IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0))) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(packet, packet.length, device));
            DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
            s.receive(in);
            return Arrays.copyOf(in.getData(), in.getLength());
        }
    }

    private static String tokenIn(String yaml, String id) {
        Matcher m = Pattern.compile("  " + Pattern.quote(id) + ": \"([0-9a-f]{32})\"").matcher(yaml);
        if (!m.find()) throw new AssertionError("no token for " + id + " in the secrets file");
        return m.group(1);
    }

    private static boolean insidePrivateNamespace() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isLoopback()) return false;
        }
        return true;
    }
}

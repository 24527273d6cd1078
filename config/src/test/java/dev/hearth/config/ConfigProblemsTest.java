package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigProblemsTest {
    private static final String HEAD = "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n";
    private static final String ED25519 = "MCowBQYDK2VwAyEAuxTn/MFYJEfuWsHYpq7+nQSNX0ZgtzmznlYjPMNfJcs=";
    private static final String X25519 = "MCowBQYDK2VuAyEAZfrowVa6MWEYX+7quFNruIP5MgaE2zh60azw4I/IwDk=";

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        ConfigResult r = new ConfigLoader(Map.of()).parse(yaml, dir);
        assertThat(r).as("expected problems for:\n" + yaml).isInstanceOf(ConfigResult.Invalid.class);
        return ((ConfigResult.Invalid) r).problems().stream().map(ConfigProblem::toString).toList();
    }

    private HearthConfig valid(String yaml) {
        ConfigResult r = new ConfigLoader(Map.of()).parse(yaml, dir);
        assertThat(r).as(r.toString()).isInstanceOf(ConfigResult.Valid.class);
        return ((ConfigResult.Valid) r).config();
    }

    @Test
    void reportsFiveMistakesAtOnceWithTheirPaths() {
        String yaml = """
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices:
                  - { id: a, protocol: native, model: m, address: "127.0.0.1:7001" }
                  - { id: b, protocol: native, model: m, address: "127.0.0.1:99999" }
                cloud:
                  brokr: "tcp://127.0.0.1:1883"
                  keepAlive: 30 seconds
                http: { port: 70000 }
                online: { heartbeatMisses: 0 }
                """;
        assertThat(problems(yaml)).containsExactly(
                "devices[1].address: port must be between 1 and 65535, got 99999",
                "cloud.keepAlive: expected a duration like 500ms, 30s, 5m, 2h or 7d, got \"30 seconds\"",
                "cloud.brokr: unknown key (did you mean 'broker'?)",
                "http.port: must be at most 65535, got 70000",
                "online.heartbeatMisses: must be at least 1, got 0");
    }

    @Test
    void readsTheDiscoveryRequeryIntervalAndInboxBoundsAndRefusesNonsense() {
        DiscoveryConfig d = valid(HEAD + "discovery: { requeryEvery: 15s, inboxMaxEntries: 32, inboxExpireAfter: 2h }\n").discovery();
        assertThat(d.requeryEvery()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(d.inboxMaxEntries()).isEqualTo(32);
        assertThat(d.inboxExpireAfter()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(valid(HEAD).discovery().inboxMaxEntries()).isEqualTo(DiscoveryConfig.DEFAULT_INBOX_MAX);
        assertThat(problems(HEAD + "discovery: { requeryEvery: 0s, inboxMaxEntries: 0 }\n")).hasSize(2)
                .anyMatch(p -> p.contains("requeryEvery")).anyMatch(p -> p.contains("inboxMaxEntries"));
    }

    @Test
    void requiresHomeAndGatewayAndTheirIds() {
        assertThat(problems("discovery: { enabled: false }\n"))
                .containsExactly("home: is required (id, owner)", "gateway: is required (id)",
                        "home.id: is required", "home.owner: is required", "gateway.id: is required");
        assertThat(problems("home: { id: 'a/b', owner: ' ' }\ngateway: { id: gw }\n")).containsExactly(
                "home.id: \"a/b\" is not a valid id (letters, digits, '.', '_', '-'; at most 64; no '/', '+', '#')",
                "home.owner: must not be blank");
    }

    @Test
    void rejectsBrokerWithAnotherScheme() {
        assertThat(problems(HEAD + "cloud: { broker: 'htp://x' }\n"))
                .containsExactly("cloud.broker: \"htp://x\" is not a tcp://, ssl://, ws:// or wss:// URI");
    }

    @Test
    void reportsWrongTypes() {
        assertThat(problems(HEAD + "discovery: [a, b]\nhttp: { enabled: maybe, port: abc }\nonline: { reconnect: 5s }\n"))
                .containsExactly("discovery: expected a mapping (key: value), got a list",
                        "http.enabled: expected true or false, got \"maybe\"",
                        "http.port: expected a whole number, got \"abc\"",
                        "online.reconnect: expected a mapping (key: value), got \"5s\"");
        // devices may be a mapping ({ allowInsecureV1, static }), so a device written without its list is an unknown key
        assertThat(problems(HEAD + "devices: { id: x }\n")).containsExactly("devices.id: unknown key");
        assertThat(problems(HEAD + "devices: 5\n")).containsExactly("devices: expected a list, got \"5\"");
        assertThat(problems("home: { id: [1, 2], owner: u1 }\ngateway: { id: gw }\n"))
                .containsExactly("home.id: expected a single value, got a list");
    }

    @Test
    void reportsDuplicateDeviceIds() {
        assertThat(problems(HEAD + """
                devices:
                  - { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7001" }
                  - { id: lamp-2, protocol: native, model: m, address: "127.0.0.1:7002" }
                  - { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7003" }
                """)).containsExactly("devices[2].id: duplicate device id \"lamp-1\" (also devices[0])");
    }

    @Test
    void reportsBadDevices() {
        assertThat(problems(HEAD + """
                devices:
                  - { id: x, protocol: Native!, address: "300.1.1.1" }
                  - { id: y, protocol: miio, model: m, address: "127.0.0.5", secret: "00ff", token: "00ff" }
                  - { id: z, protocol: miio, model: m, address: "127.0.0.5", token: "not-hex-topsecret" }
                  - { id: w, protocol: miio, model: m, address: "127.0.0.5", token: 1234 }
                  -
                """)).containsExactly(
                "devices[0].protocol: \"Native!\" is not a protocol name (lower case, like native or miio)",
                "devices[0].model: is required",
                "devices[0].address: \"300.1.1.1\" is not host[:port] (IPv4 address or host name, optional port)",
                "devices[1].token: give either secret or token, not both",
                "devices[2].token: must be an even number of hexadecimal digits (value not shown)",
                "devices[3].token: must be quoted text, so that YAML keeps it exactly",
                "devices[4]: empty entry");
    }

    @Test
    void acceptsDevicesWithInlineSecretsRefsAndHostNames() {
        HearthConfig c = valid(HEAD + """
                devices:
                  - { id: a, protocol: native, model: m, address: "lamp.local:7001", secret: "00ff", name: Lamp, room: Study }
                  - { id: "17", protocol: miio, model: m, address: "127.0.0.5", token: { ref: fan-1 } }
                """);
        StaticDevice a = c.device("a").orElseThrow();
        assertThat(a.address()).hasToString("lamp.local:7001");
        assertThat(a.secret()).containsInstanceOf(InlineSecret.class);
        assertThat(a.name()).contains("Lamp");
        assertThat(a.room()).contains("Study");
        StaticDevice fan = c.device("17").orElseThrow();
        assertThat(fan.address().port()).isEmpty();
        assertThat(fan.secret()).contains(new SecretRef("fan-1"));
    }

    @Test
    void reportsBadDurationsSizesAndBackoffs() {
        assertThat(problems(HEAD + """
                cloud:
                  outbox: { maxMessages: 0, maxBytes: 64 parsecs, maxAge: 0s }
                  reconnect: { min: 10s, max: 1s }
                online: { miioProbe: { initial: 1m, max: 10s } }
                """)).containsExactly(
                "cloud.reconnect.max: must not be below min (10s), got 1s",
                "cloud.outbox.maxMessages: must be at least 1, got 0",
                "cloud.outbox.maxBytes: expected a size like 512KB, 64MB or 1GB, got \"64 parsecs\"",
                "cloud.outbox.maxAge: must be longer than 0",
                "online.miioProbe.max: must not be below initial (1m), got 10s");
    }

    @Test
    void reportsInvalidAddressesAndServiceTypes() {
        assertThat(problems(HEAD + """
                discovery: { interfaces: ["127.0.0.1", "256.0.0.1", "::1"], serviceTypes: ["_hearth._tcp"] }
                http: { bind: localhost }
                """)).containsExactly(
                "discovery.interfaces[1]: \"256.0.0.1\" is not an IPv4 address",
                "discovery.interfaces[2]: \"::1\" is not an IPv4 address",
                "discovery.serviceTypes[0]: \"_hearth._tcp\" is not an mDNS service type like _hearth._tcp.local.",
                "http.bind: \"localhost\" is not an IPv4 address");
    }

    @Test
    void reportsPrivacyMistakes() {
        assertThat(problems(HEAD + """
                privacy:
                  unknownFields: ignore
                  classes: { personal: share, secret: keep }
                  overrides:
                    - { model: m, property: "three", action: drop }
                    - { model: m, property: "3.2" }
                    - { model: m, property: "3.2", action: keep }
                    - { model: m, property: "3.2", action: drop }
                """)).containsExactly(
                "privacy.unknownFields: expected one of detect, drop, got \"ignore\"",
                "privacy.classes.personal: expected one of keep, drop, pseudonymise, generalise, got \"share\"",
                "privacy.classes.secret: cannot be configured: secret data never leaves the home, it is always dropped",
                "privacy.overrides[0].property: \"three\" is not siid.piid, like 3.2",
                "privacy.overrides[1].action: is required",
                "privacy.overrides[3].property: a second override for m 3.2 (also overrides[2])");
    }

    @Test
    void checksTlsFilesAndScheme() throws Exception {
        assertThat(problems(HEAD + "cloud: { broker: 'tcp://127.0.0.1:1883', tls: { caFile: ca.pem, certFile: c.pem } }\n"))
                .containsExactly("cloud.tls: TLS settings need an ssl:// or wss:// broker, got tcp://",
                        "cloud.tls.caFile: file " + dir.resolve("ca.pem") + " does not exist",
                        "cloud.tls.certFile: file " + dir.resolve("c.pem") + " does not exist",
                        "cloud.tls: certFile and keyFile go together; keyFile is missing");
        Files.writeString(dir.resolve("ca.pem"), "x");
        Files.writeString(dir.resolve("c.pem"), "x");
        Files.writeString(dir.resolve("c.key"), "x");
        CloudConfig c = valid(HEAD + "cloud: { broker: 'ssl://127.0.0.1:8883', tls: { caFile: ca.pem, certFile: c.pem, keyFile: c.key } }\n").cloud();
        assertThat(c.tls().orElseThrow()).isEqualTo(new TlsConfig(java.util.Optional.of(dir.resolve("ca.pem")),
                java.util.Optional.of(dir.resolve("c.pem")), java.util.Optional.of(dir.resolve("c.key"))));
    }

    @Test
    void checksTrustedKeysAreEd25519() {
        assertThat(problems(HEAD + "cloud:\n  trustedKeys:\n"
                + "    - { id: a, publicKey: 'not base64!' }\n"
                + "    - { id: b, publicKey: '" + X25519 + "' }\n"
                + "    - { id: c, publicKey: '" + ED25519 + "' }\n"
                + "    - { id: c, publicKey: '" + ED25519 + "' }\n"
                + "    - { publicKey: '" + ED25519 + "' }\n")).containsExactly(
                "cloud.trustedKeys[0].publicKey: is not valid base64",
                "cloud.trustedKeys[1].publicKey: is not an Ed25519 public key (expected base64 of its X.509 SubjectPublicKeyInfo)",
                "cloud.trustedKeys[3].id: duplicate key id \"c\" (also trustedKeys[2])",
                "cloud.trustedKeys[4].id: is required");
        CloudConfig c = valid(HEAD + "cloud: { trustedKeys: [ { id: k1, publicKey: '" + ED25519 + "' } ] }\n").cloud();
        assertThat(c.trustedKey("k1").orElseThrow().publicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
    }

    @Test
    void checksTheReplyTopicsFilter() {
        assertThat(problems(HEAD + "cloud: { replyTopics: 'replies/#/x' }\n")).containsExactly(
                "cloud.replyTopics: \"replies/#/x\" is not a topic filter ('+' and '#' only as whole levels, '#' last, no leading '$')");
        assertThat(problems(HEAD + "cloud: { replyTopics: '$SYS/#' }\n")).hasSize(1);
        assertThat(valid(HEAD + "cloud: { replyTopics: 'cloud/+/replies/#' }\n").cloud().replyTopics()).contains("cloud/+/replies/#");
        assertThat(valid(HEAD + "cloud: { enabled: true }\n").cloud().replyTopics()).as("the gateway's default then").isEmpty();
    }

    @Test
    void checksTopicPrefixAndNestedUnknownKeys() {
        assertThat(problems(HEAD + "cloud: { topicPrefix: 'hearth/#', outbox: { maxMesages: 5 } }\nonlin: {}\n")).containsExactly(
                "cloud.topicPrefix: \"hearth/#\" is not a topic prefix (levels separated by '/', no wildcards, no leading or trailing '/')",
                "cloud.outbox.maxMesages: unknown key (did you mean 'maxMessages'?)",
                "onlin: unknown key (did you mean 'online'?)");
        assertThat(problems(HEAD + "flavour: vanilla\n")).containsExactly("flavour: unknown key");
    }

    @Test
    void reportsBrokenYamlWithLineAndColumn() {
        List<String> p = problems("home: { id: h1, owner: u1 }\ngateway: [ oops\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("config: invalid YAML at line ").contains("column");
        assertThat(problems("home: { id: h1, owner: u1 }\nhome: { id: h2 }\ngateway: { id: g }\n").get(0))
                .startsWith("config: invalid YAML at line 2").contains("Duplicate field 'home'");
    }

    @Test
    void reportsMissingEmptyAndNonMappingFiles() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        Path missing = dir.resolve("nope.yaml");
        assertThat(loader.load(missing)).isEqualTo(new ConfigResult.Invalid(List.of(new ConfigProblem(missing.toString(), "file not found"))));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");
        assertThat(loader.load(empty)).isEqualTo(new ConfigResult.Invalid(List.of(new ConfigProblem(empty.toString(), "is empty"))));
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThat(((ConfigResult.Invalid) loader.load(list)).problems()).extracting(ConfigProblem::message)
                .containsExactly("expected a mapping of sections (home:, gateway:, ...) at the top");
        assertThat(((ConfigResult.Invalid) loader.load(dir)).problems()).extracting(ConfigProblem::message)
                .containsExactly("is a directory, not a file");
    }
}

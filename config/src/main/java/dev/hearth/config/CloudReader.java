package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.Backoff;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code cloud} section: broker, TLS, limits and the keys trusted to sign commands. */
final class CloudReader {
    private final ReadContext ctx;

    CloudReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    CloudConfig read(Optional<YamlSection> section, String gatewayId) {
        CloudConfig d = CloudConfig.defaults(gatewayId);
        if (section.isEmpty()) return d;
        YamlSection s = section.get();
        boolean enabled = s.bool("enabled", true);
        List<URI> brokers = brokers(s, d.broker());
        URI broker = brokers.get(0);
        String clientId = s.text("clientId", d.clientId());
        if (clientId.isBlank()) s.problem("clientId", "must not be blank");
        Optional<String> username = s.text("username");
        Optional<Secret> password = s.secret("password");
        Optional<TlsConfig> tls = s.section("tls").flatMap(t -> tls(t, broker));
        Duration keepAlive = s.duration("keepAlive", d.keepAlive());
        String topicPrefix = topicPrefix(s, d.topicPrefix());
        Backoff reconnect = OnlineReader.backoff(s.sectionOrEmpty("reconnect"), d.reconnect());
        OutboxConfig outbox = outbox(s.sectionOrEmpty("outbox"));
        CommandsConfig commands = commands(s.sectionOrEmpty("commands"));
        List<TrustedKey> keys = trustedKeys(s);
        Optional<String> replyTopics = replyTopics(s);
        s.finish();
        return ctx.build(s.path(), () -> new CloudConfig(enabled, brokers, clientId, username, password, tls, keepAlive,
                topicPrefix, reconnect, outbox, commands, keys, replyTopics), () -> d);
    }

    /**
     * {@code broker: uri} or {@code brokers: [uri, ...]} (the nodes of one cluster, the preferred
     * first), not both; a bad entry is a problem, never skipped silently.
     */
    private List<URI> brokers(YamlSection s, URI fallback) {
        boolean one = s.has("broker");
        boolean many = s.has("brokers");
        if (one && many) {
            s.problem("brokers", "give either broker or brokers, not both");
            return List.of(fallback);
        }
        if (!many) return List.of(s.text("broker").flatMap(b -> broker(s, "broker", b.strip())).orElse(fallback));
        List<String> texts = s.textList("brokers", List.of());
        if (texts.isEmpty() || texts.size() > CloudConfig.MAX_BROKERS) {
            s.problem("brokers", "expected 1 to " + CloudConfig.MAX_BROKERS + " broker URIs, got " + texts.size());
            return List.of(fallback);
        }
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String key = "brokers[" + i + "]";
            Optional<URI> uri = broker(s, key, texts.get(i).strip());
            if (uri.isEmpty()) continue;
            if (out.contains(uri.get())) {
                s.problem(key, YamlSection.quote(texts.get(i)) + " is listed twice");
                continue;
            }
            out.add(uri.get());
        }
        if (out.stream().map(b -> CloudConfig.TLS_SCHEMES.contains(b.getScheme())).distinct().count() > 1) {
            s.problem("brokers", "mixes TLS (ssl://, wss://) and plain URIs; one tls section serves every node");
        }
        return out.isEmpty() ? List.of(fallback) : out;
    }

    private Optional<URI> broker(YamlSection s, String key, String text) {
        String expected = " is not a tcp://, ssl://, ws:// or wss:// URI";
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !CloudConfig.SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                s.problem(key, YamlSection.quote(text) + expected);
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            s.problem(key, YamlSection.quote(text) + expected);
            return Optional.empty();
        }
    }

    private Optional<TlsConfig> tls(YamlSection t, URI broker) {
        if (!CloudConfig.TLS_SCHEMES.contains(broker.getScheme())) {
            ctx.problems().add(t.path(), "TLS settings need an ssl:// or wss:// broker, got " + broker.getScheme() + "://");
        }
        Optional<Path> ca = existingFile(t, "caFile");
        Optional<Path> cert = existingFile(t, "certFile");
        Optional<Path> key = existingFile(t, "keyFile");
        if (t.has("certFile") != t.has("keyFile")) {
            ctx.problems().add(t.path(), "certFile and keyFile go together; " + (t.has("certFile") ? "keyFile" : "certFile") + " is missing");
        }
        t.finish();
        return Optional.ofNullable(ctx.build(t.path(), () -> new TlsConfig(ca, cert, key), () -> null));
    }

    private Optional<Path> existingFile(YamlSection t, String key) {
        Optional<Path> file = t.text(key).map(ctx::resolve);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            t.problem(key, "file " + file.get() + " does not exist");
        }
        return file;
    }

    private String topicPrefix(YamlSection s, String fallback) {
        String prefix = s.text("topicPrefix", fallback);
        if (prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")
                || prefix.contains("+") || prefix.contains("#")) {
            s.problem("topicPrefix", YamlSection.quote(prefix)
                    + " is not a topic prefix (levels separated by '/', no wildcards, no leading or trailing '/')");
            return fallback;
        }
        return prefix;
    }

    /** A topic filter: wildcards only as whole levels, '#' last, not '$'-prefixed (broker-reserved). */
    private Optional<String> replyTopics(YamlSection s) {
        Optional<String> filter = s.text("replyTopics").map(String::strip);
        if (filter.isEmpty()) return filter;
        String f = filter.get();
        boolean ok = !f.isEmpty() && f.charAt(0) != '$' && f.indexOf('\0') < 0 && f.length() <= 512;
        String[] levels = f.split("/", -1);
        for (int i = 0; ok && i < levels.length; i++) {
            ok = (!levels[i].contains("#") || (levels[i].equals("#") && i == levels.length - 1))
                    && (!levels[i].contains("+") || levels[i].equals("+"));
        }
        if (!ok) {
            s.problem("replyTopics", YamlSection.quote(f)
                    + " is not a topic filter ('+' and '#' only as whole levels, '#' last, no leading '$')");
            return Optional.empty();
        }
        return filter;
    }

    private OutboxConfig outbox(YamlSection o) {
        OutboxConfig d = OutboxConfig.defaults();
        long maxMessages = o.whole("maxMessages", d.maxMessages(), 1, Long.MAX_VALUE);
        DataSize maxBytes = o.size("maxBytes", d.maxBytes());
        Duration maxAge = o.duration("maxAge", d.maxAge());
        o.finish();
        return ctx.build(o.path(), () -> new OutboxConfig(maxMessages, maxBytes, maxAge), () -> d);
    }

    private CommandsConfig commands(YamlSection c) {
        CommandsConfig d = CommandsConfig.defaults();
        Duration clockSkew = c.durationOrZero("clockSkew", d.clockSkew());
        Duration maxValidity = c.duration("maxValidity", d.maxValidity());
        DataSize maxPayload = c.size("maxPayload", d.maxPayload());
        c.finish();
        return ctx.build(c.path(), () -> new CommandsConfig(clockSkew, maxValidity, maxPayload), () -> d);
    }

    private List<TrustedKey> trustedKeys(YamlSection s) {
        List<JsonNode> items = s.list("trustedKeys");
        List<TrustedKey> keys = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = s.itemPath("trustedKeys", i);
            Optional<YamlSection> entry = YamlSection.of(items.get(i), path, ctx);
            if (entry.isEmpty()) continue;
            YamlSection k = entry.get();
            Optional<String> id = k.requiredText("id");
            Optional<PublicKey> key = k.requiredText("publicKey").flatMap(text -> ed25519(k, text.strip()));
            k.finish();
            if (id.isEmpty() || key.isEmpty()) continue;
            Integer earlier = firstIndexOfId.putIfAbsent(id.get(), i);
            if (id.get().length() > TrustedKey.MAX_ID_LENGTH) {
                k.problem("id", "is longer than " + TrustedKey.MAX_ID_LENGTH + " characters (a command's key_id is at most that)");
            } else if (earlier != null) {
                k.problem("id", "duplicate key id " + YamlSection.quote(id.get()) + " (also trustedKeys[" + earlier + "])");
            } else {
                keys.add(new TrustedKey(id.get(), key.get()));
            }
        }
        return keys;
    }

    private static Optional<PublicKey> ed25519(YamlSection k, String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            k.problem("publicKey", "is not valid base64");
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (InvalidKeySpecException | ClassCastException e) {
            k.problem("publicKey", "is not an Ed25519 public key (expected base64 of its X.509 SubjectPublicKeyInfo)");
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 (Java 15+ always does)", e);
        }
    }
}

package dev.hearth.core.privacy.rights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.Share;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.privacy.ConsentChange;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.core.trust.KeyGrant;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.protocols.cloud.v1.PolicyLogEntry;
import java.time.Clock;
import java.util.Base64;
import java.time.Instant;
import java.util.List;

/**
 * Everything the gateway holds about one user, as JSON (the right of access): consent and its
 * history (with every rights request and its outcome), shares they gave and received, devices they
 * can reach and how, under {@code trust: users} their key, its signed grants and the policy log
 * entries about it, their audit entries (held under their pseudonym) and cloud messages still
 * queued that name them.
 */
public final class UserDataExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeldData data;
    private final Clock clock;

    public UserDataExport(HeldData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public ObjectNode export(String user) {
        return export(user, user);
    }

    /** The export of {@code user}, asked by {@code actor} (the user, or the owner locally); the request is recorded first. */
    public ObjectNode export(String user, String actor) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("a user id is needed");
        Instant now = clock.instant();
        data.consent().recordRequest(actor, user, ConsentChange.Kind.EXPORTED, "served", now);
        String pseudonym = data.pseudonymiser().pseudonym(user);
        ObjectNode o = JSON.createObjectNode();
        o.put("user", user);
        o.put("pseudonym", pseudonym);
        o.put("exportedAt", now.toString());
        o.put("home", data.home().home().id());
        o.put("homeOwner", data.home().owner().equals(user));
        o.set("consent", consent(user));
        ObjectNode shares = o.putObject("shares");
        ArrayNode given = shares.putArray("asGranter");
        ArrayNode received = shares.putArray("asGrantee");
        for (Share s : data.shares().all()) {
            if (s.granter().equals(user)) given.add(share(s, now));
            if (s.grantee().equals(user)) received.add(share(s, now));
        }
        o.set("devices", devices(user, now));
        data.trust().ifPresent(t -> o.set("keys", keys(t, user, now)));
        List<AuditEntry> audit = data.audit().entries(e -> e.user().equals(pseudonym)); // streamed: only this user's are held
        ObjectNode a = o.putObject("audit");
        a.put("heldAs", pseudonym);
        a.put("count", audit.size());
        a.set("entries", JSON.valueToTree(audit));
        o.set("outbox", outbox(user));
        return o;
    }

    private ObjectNode consent(String user) {
        ObjectNode c = JSON.createObjectNode();
        c.put("withdrawn", data.consent().withdrawn(user));
        data.consent().withdrawnAt(user).ifPresent(t -> c.put("withdrawnAt", t.toString()));
        if (data.home().owner().equals(user)) c.put("uxProgrammeJoined", data.consent().uxProgrammeJoined());
        ArrayNode history = c.putArray("history");
        for (ConsentChange ch : data.consent().history()) {
            if (!ch.actor().equals(user) && !ch.subject().equals(user)) continue;
            history.addObject().put("at", ch.at().toString()).put("actor", ch.actor()).put("subject", ch.subject())
                    .put("kind", ch.kind().name())
                    .put("result", ch.result());
        }
        return c;
    }

    /** The user's key, the signed grants it gave and received, and the policy log entries about it. */
    private static ObjectNode keys(TrustBook t, String user, Instant now) {
        ObjectNode o = JSON.createObjectNode();
        o.put("fingerprint", user);
        o.put("enrolledOwner", t.index().isEnrolledOwner(user));
        o.put("erased", t.index().isErased(user));
        t.index().key(user).ifPresent(k -> o.put("publicKey", Base64.getEncoder().encodeToString(k.raw().toByteArray())));
        ArrayNode given = o.putArray("grantsGiven");
        ArrayNode received = o.putArray("grantsReceived");
        for (KeyGrant g : t.index().all()) {
            if (g.granter().fingerprint().equals(user)) given.add(grant(g, now));
            if (g.grantee().fingerprint().equals(user)) received.add(grant(g, now));
        }
        ArrayNode log = o.putArray("policyLog");
        for (PolicyLogEntry e : t.entriesAbout(user)) {
            log.addObject().put("seq", e.getSeq()).put("at", Instant.ofEpochMilli(e.getAtMs()).toString())
                    .put("kind", e.getKindCase().name().toLowerCase(java.util.Locale.ROOT));
        }
        return o;
    }

    private static ObjectNode grant(KeyGrant g, Instant now) {
        return JSON.createObjectNode().put("id", g.id()).put("granter", g.granter().fingerprint())
                .put("grantee", g.grantee().fingerprint()).put("privilege", g.privilege().name()).put("scope", g.scope().key())
                .put("notBefore", g.notBefore().toString()).put("expires", g.expires().toString())
                .put("state", g.state().name()).put("activeNow", g.activeAt(now));
    }

    private static ObjectNode share(Share s, Instant now) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id()).put("granter", s.granter()).put("grantee", s.grantee()).put("scope", s.scope().key())
                .put("privilege", s.privilege().name()).put("createdAt", s.createdAt().toString())
                .put("state", s.stateAt(now).name());
        s.expiresAt().ifPresent(t -> o.put("expiresAt", t.toString()));
        return o;
    }

    private ArrayNode devices(String user, Instant now) {
        ArrayNode out = JSON.createArrayNode();
        for (DeviceRecord d : data.registry().all()) {
            Decision decision = data.access().decide(user, new DeviceScope(d.id()), Operation.READ_STATE, now);
            if (!decision.allowed()) continue;
            ObjectNode o = out.addObject();
            o.put("id", d.id()).put("name", d.name()).put("model", d.model());
            d.roomId().ifPresent(r -> o.put("room", r));
            decision.held().ifPresent(p -> o.put("privilege", p.name()));
            decision.grant().ifPresent(g -> o.put("via", g.via().map(id -> "share:" + id).orElse("owner")));
        }
        return out;
    }

    private ObjectNode outbox(String user) {
        UserMentions mentions = data.mentionsOf(user);
        List<QueuedMessages.Held> held = data.outbox().get().map(ob -> ob.held(mentions)).orElse(List.of());
        ObjectNode o = JSON.createObjectNode();
        o.put("count", held.size());
        ArrayNode entries = o.putArray("entries");
        for (QueuedMessages.Held e : held) {
            entries.addObject().put("id", e.id()).put("kind", e.message().kind().name()).put("topic", e.message().topic())
                    .put("queuedAt", e.queuedAt().toString())
                    .set("payload", decoded(e.message()));
        }
        return o;
    }

    private static JsonNode decoded(OutboundMessage m) {
        try {
            Message msg = switch (m.kind()) {
                case TELEMETRY -> Telemetry.parseFrom(m.payload());
                case STATE -> DeviceState.parseFrom(m.payload());
                case REGISTRY -> Registry.parseFrom(m.payload());
                default -> null;
            };
            if (msg == null) return JSON.getNodeFactory().textNode("(" + m.size() + " bytes)");
            return JSON.readTree(JsonFormat.printer().print(msg));
        } catch (InvalidProtocolBufferException e) {
            return JSON.getNodeFactory().textNode("(undecodable, " + m.size() + " bytes)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("protobuf JSON did not parse", e);
        }
    }
}

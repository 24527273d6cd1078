package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.Router;
import dev.hearth.core.trust.PolicyResult;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.core.trust.UserKey;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.PolicyHead;
import dev.hearth.protocols.cloud.v1.PolicyLogEntry;
import dev.hearth.protocols.cloud.v1.SignedLogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Owner keys and the policy log on the local API (DESIGN.md section 6). Enrolment is here and only
 * here: the gateway's LAN presence is the trust root, and nothing reachable over MQTT enrols a key.
 * <ul>
 *   <li>{@code POST /api/v1/owners} (API token) and {@code POST /api/v1/owners/setup} (no token: the
 *       one-time setup code in the body, spent by the first enrolment):
 *       {@code {"publicKey": base64 of the 32 key bytes, "name": "alice", "setupCode": "…"}};</li>
 *   <li>{@code GET /api/v1/owners}: the enrolled owner keys' fingerprints and names, and a warning
 *       while only one exists;</li>
 *   <li>{@code GET /api/v1/policy/log}: the head and every entry, with its bytes and the gateway's
 *       signature, so a client can check the chain itself.</li>
 * </ul>
 */
final class TrustResources {
    private static final int MAX_NAME = 64;
    private final GatewayAssembly gateway;

    TrustResources(GatewayAssembly gateway) {
        this.gateway = gateway;
    }

    void routes(Router router) {
        router.sync("POST", "/api/v1/owners", Router.Access.TOKEN, r -> enrol(r, "api_token"))
                .sync("POST", "/api/v1/owners/setup", Router.Access.PUBLIC, r -> enrol(r, "setup_code"))
                .sync("GET", "/api/v1/owners", Router.Access.TOKEN, r -> ApiResponse.ok(owners()))
                .sync("GET", "/api/v1/policy/log", Router.Access.TOKEN, r -> ApiResponse.ok(log()));
    }

    private TrustBook trust() {
        return gateway.trust().orElseThrow(() -> new ApiException(409, "trust_cloud",
                "this gateway runs with home.trust: cloud; owner keys and the policy log need home.trust: users"));
    }

    private ApiResponse enrol(ApiRequest r, String authorisedBy) {
        TrustBook trust = trust();
        JsonNode body = r.json();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(body.path("publicKey").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("publicKey must be base64");
        }
        Optional<UserKey> key = UserKey.of(ByteString.copyFrom(raw));
        if (key.isEmpty()) throw ApiException.badRequest("publicKey must be a 32-byte Ed25519 public key");
        String name = body.path("name").asText("");
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name has at most " + MAX_NAME + " characters and no control characters");
        }
        if (authorisedBy.equals("setup_code")) {
            try {
                if (!gateway.setupCode().spend(body.path("setupCode").asText(""))) {
                    return ApiResponse.error(401, "bad_setup_code", "the setup code is wrong or already spent");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PolicyResult result = trust.enrol(key.get(), name, authorisedBy);
        if (result instanceof PolicyResult.Refused refused) return ApiResponse.error(409, refused.reason(), refused.message());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", key.get().fingerprint());
        out.put("seq", ((PolicyResult.Applied) result).seq());
        out.put("owners", trust.index().owners().size());
        return ApiResponse.json(201, out);
    }

    private Map<String, Object> owners() {
        TrustBook trust = trust();
        Map<String, String> names = new LinkedHashMap<>();
        for (PolicyLogEntry e : entries(trust)) {
            if (e.hasEnrolment()) {
                UserKey.of(e.getEnrolment().getOwnerKey()).ifPresent(k -> names.put(k.fingerprint(), e.getEnrolment().getName()));
            }
        }
        List<Map<String, Object>> owners = new ArrayList<>();
        for (String fp : trust.index().owners().keySet()) owners.add(Map.of("fingerprint", fp, "name", names.getOrDefault(fp, "")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("owners", owners);
        out.put("logValid", trust.valid());
        if (owners.size() == 1) out.put("warning", "only one owner key is enrolled: enrol a second so losing one phone does not lose the home");
        return out;
    }

    private Map<String, Object> log() {
        TrustBook trust = trust();
        HexFormat hex = HexFormat.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (SignedLogEntry s : trust.log()) {
            PolicyLogEntry e = parse(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.getSeq());
            m.put("at", java.time.Instant.ofEpochMilli(e.getAtMs()).toString());
            m.put("kind", kind(e));
            m.put("prevHash", hex.formatHex(e.getPrevHash().toByteArray()));
            m.put("entry", Base64.getEncoder().encodeToString(s.getEntry().toByteArray()));
            m.put("signature", Base64.getEncoder().encodeToString(s.getSignature().toByteArray()));
            describe(e, m);
            out.add(m);
        }
        PolicyHead head = trust.head();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", Map.of("seq", head.getSeq(), "hash", hex.formatHex(head.getHash().toByteArray()),
                "gatewayKey", hex.formatHex(head.getGatewayKey().toByteArray())));
        body.put("valid", trust.valid());
        trust.invalidReason().ifPresent(why -> body.put("invalid", why));
        body.put("entries", out);
        return body;
    }

    private static List<PolicyLogEntry> entries(TrustBook trust) {
        return trust.log().stream().map(TrustResources::parse).toList();
    }

    private static PolicyLogEntry parse(SignedLogEntry s) {
        try {
            return PolicyLogEntry.parseFrom(s.getEntry());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a checked log entry no longer parses", e);
        }
    }

    private static String kind(PolicyLogEntry e) {
        if (e.hasEnrolment()) return "enrolment";
        if (e.hasTombstone()) return "tombstone";
        try {
            return PolicyBody.parseFrom(e.getObject().getBody()).getKindCase().name().toLowerCase(Locale.ROOT);
        } catch (InvalidProtocolBufferException ex) {
            return "unreadable";
        }
    }

    /** The entry's meaning in fingerprints (never the keys themselves). */
    private static void describe(PolicyLogEntry e, Map<String, Object> m) {
        if (e.hasEnrolment()) {
            UserKey.of(e.getEnrolment().getOwnerKey()).ifPresent(k -> m.put("owner", k.fingerprint()));
            m.put("authorisedBy", e.getEnrolment().getAuthorisedBy());
            return;
        }
        if (!e.hasObject()) return;
        try {
            PolicyBody b = PolicyBody.parseFrom(e.getObject().getBody());
            UserKey.of(b.getSignerKey()).ifPresent(k -> m.put("signer", k.fingerprint()));
            switch (b.getKindCase()) {
                case GRANT -> {
                    m.put("grant", b.getGrant().getGrantId());
                    UserKey.of(b.getGrant().getGranteeKey()).ifPresent(k -> m.put("grantee", k.fingerprint()));
                    m.put("privilege", b.getGrant().getPrivilege().name());
                    m.put("scope", b.getGrant().getScope().toString().strip());
                    m.put("expires", java.time.Instant.ofEpochMilli(b.getGrant().getExpiresMs()).toString());
                }
                case ACCEPT -> {
                    m.put("grantHash", HexFormat.of().formatHex(b.getAccept().getGrantHash().toByteArray()));
                    m.put("decline", b.getAccept().getDecline());
                }
                case REVOKE -> m.put("grant", b.getRevoke().getGrantId());
                default -> { }
            }
        } catch (InvalidProtocolBufferException ex) {
            m.put("unreadable", true);
        }
    }
}

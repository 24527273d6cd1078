package dev.hearth.core.commands;

import static dev.hearth.core.commands.RouterFixture.LAMP;
import static dev.hearth.core.commands.RouterFixture.OWNER;
import static dev.hearth.core.commands.RouterFixture.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.AuditEntry;
import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.DeleteRoomOp;
import dev.hearth.protocols.cloud.v1.ListRoomsOp;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.RenameDeviceOp;
import dev.hearth.protocols.cloud.v1.RenameRoomOp;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SetUxConsentOp;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeCommandRouterTest {
    @TempDir Path dir;
    RouterFixture home;

    @BeforeEach
    void open() {
        home = new RouterFixture(dir);
    }

    @AfterEach
    void close() {
        home.close();
    }

    // --- helpers: one command each ------------------------------------------------------------

    private CommandReply read(String user, String device) {
        return home.run(user, device, b -> b.setReadState(ReadStateOp.getDefaultInstance()));
    }

    private CommandReply createRoom(String user, String name) {
        return home.run(user, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName(name)));
    }

    private String room(String name) {
        CommandReply r = createRoom(OWNER, name);
        assertThat(r.getStatus()).as(r.getMessage()).isEqualTo(Status.OK);
        return data(r).path("id").asText();
    }

    private CommandReply assign(String user, String device, String roomId) {
        return home.run(user, device, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(roomId)));
    }

    private CommandReply offer(String granter, String grantee, Scope scope, Privilege p, long expiresAtMs) {
        return home.run(granter, "", b -> b.setCreateShare(CreateShareOp.newBuilder().setScope(scope).setGrantee(grantee)
                .setPrivilege(p).setExpiresAtMs(expiresAtMs)));
    }

    private CommandReply respond(String user, String shareId, boolean accept) {
        return home.run(user, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(shareId).setAccept(accept)));
    }

    private CommandReply revoke(String user, String shareId) {
        return home.run(user, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(shareId)));
    }

    /** {@code granter} offers, {@code grantee} accepts; returns the share id. */
    private String shared(String granter, String grantee, Scope scope, Privilege p) {
        CommandReply offered = offer(granter, grantee, scope, p, 0);
        assertThat(offered.getStatus()).as(offered.getMessage()).isEqualTo(Status.OK);
        String id = data(offered).path("id").asText();
        assertThat(respond(grantee, id, true).getStatus()).isEqualTo(Status.OK);
        return id;
    }

    private static Scope roomScope(String id) {
        return Scope.newBuilder().setRoomId(id).build();
    }

    private static Scope deviceScope(String id) {
        return Scope.newBuilder().setDevice(id).build();
    }

    private static final Scope HOME = Scope.newBuilder().setHome(true).build();

    private static void forbidden(CommandReply r, String code, String... messageParts) {
        assertThat(r.getStatus()).as(r.getMessage()).isEqualTo(Status.FORBIDDEN);
        assertThat(r.getReasonCode()).isEqualTo(code);
        for (String part : messageParts) assertThat(r.getMessage()).contains(part);
    }

    // --- read_state ---------------------------------------------------------------------------

    @Test
    void readStateReturnsTheFilteredStateToViewersOnly() {
        CommandReply owner = read(OWNER, LAMP);
        assertThat(owner.getStatus()).isEqualTo(Status.OK);
        var props = data(owner).path("properties");
        assertThat(props.path("2.1").asBoolean()).isTrue();
        assertThat(props.path("2.2").asInt()).isEqualTo(40);
        assertThat(props.has("4.1")).as("the PERSONAL wifi name never leaves").isFalse();
        assertThat(owner.getData().toStringUtf8()).doesNotContain("HomeWifi");

        forbidden(read("u3", LAMP), "no_access", "user u3 has no access to device lamp-1");

        shared(OWNER, "u2", deviceScope(LAMP), Privilege.VIEW);
        assertThat(read("u2", LAMP).getStatus()).isEqualTo(Status.OK);
        forbidden(read("u2", RouterFixture.LOCK), "no_access");
        forbidden(read(OWNER, "ghost"), "unknown_target", "device ghost is not in this home");
    }

    @Test
    void everyDecisionIsAuditedWithAPseudonymousUser() {
        int before = home.audit.read().size();
        read(OWNER, LAMP);
        read("u3", LAMP);
        List<AuditEntry> entries = home.audit.read();
        assertThat(entries).hasSize(before + 2);
        AuditEntry denied = entries.get(entries.size() - 1);
        assertThat(denied.user()).isEqualTo("p-u3");
        assertThat(denied.operation()).isEqualTo("read_state");
        assertThat(denied.code()).isEqualTo("NO_ACCESS");
        assertThat(entries).extracting(AuditEntry::user).doesNotContain("u1", "u3");
    }

    // --- rooms --------------------------------------------------------------------------------

    @Test
    void createsRoomsWithManageOnTheHomeOnly() {
        int changes = home.registryChanges.get();
        CommandReply created = createRoom(OWNER, "Bedroom");
        assertThat(created.getStatus()).isEqualTo(Status.OK);
        assertThat(data(created).path("name").asText()).isEqualTo("Bedroom");
        assertThat(home.rooms.list()).extracting(r -> r.name()).containsExactly("Bedroom");
        assertThat(home.registryChanges.get()).isGreaterThan(changes);

        CommandReply duplicate = createRoom(OWNER, "BEDROOM");
        assertThat(duplicate.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(duplicate.getReasonCode()).isEqualTo("duplicate_name");
        assertThat(createRoom(OWNER, " ").getReasonCode()).isEqualTo("invalid_name");

        shared(OWNER, "u2", HOME, Privilege.OPERATE);
        forbidden(createRoom("u2", "Study"), "insufficient_privilege", "user u2 has OPERATE on the home via share s1; edit_room needs MANAGE");
        forbidden(createRoom("u3", "Study"), "no_access");
        assertThat(home.rooms.list()).hasSize(1);
    }

    @Test
    void renamesAndDeletesRoomsWithManageOnTheRoom() {
        String bedroom = room("Bedroom");
        String kitchen = room("Kitchen");
        shared(OWNER, "u2", roomScope(bedroom), Privilege.MANAGE);
        shared(OWNER, "u3", roomScope(bedroom), Privilege.VIEW);

        CommandReply renamed = home.run("u2", "", b -> b.setRenameRoom(RenameRoomOp.newBuilder().setRoomId(bedroom).setName("Master bedroom")));
        assertThat(renamed.getStatus()).as(renamed.getMessage()).isEqualTo(Status.OK);
        assertThat(home.rooms.find(bedroom).orElseThrow().name()).isEqualTo("Master bedroom");

        forbidden(home.run("u3", "", b -> b.setRenameRoom(RenameRoomOp.newBuilder().setRoomId(bedroom).setName("Mine"))),
                "insufficient_privilege", "user u3 has VIEW on room \"Master bedroom\" via share s2; edit_room needs MANAGE");
        forbidden(home.run("u2", "", b -> b.setDeleteRoom(DeleteRoomOp.newBuilder().setRoomId(kitchen))), "no_access");

        assertThat(assign(OWNER, LAMP, bedroom).getStatus()).isEqualTo(Status.OK);
        CommandReply deleted = home.run("u2", "", b -> b.setDeleteRoom(DeleteRoomOp.newBuilder().setRoomId(bedroom)));
        assertThat(deleted.getStatus()).as(deleted.getMessage()).isEqualTo(Status.OK);
        assertThat(data(deleted).path("unassigned_devices").get(0).asText()).isEqualTo(LAMP);
        assertThat(home.registry.roomOf(LAMP)).isEmpty();
        assertThat(home.rooms.find(bedroom)).isEmpty();
        // The shares on a deleted room end with it.
        forbidden(read("u3", LAMP), "no_access");
        CommandReply missing = home.run(OWNER, "", b -> b.setDeleteRoom(DeleteRoomOp.newBuilder().setRoomId("r_404")));
        forbidden(missing, "unknown_target");
        assertThat(home.run(OWNER, "", b -> b.setDeleteRoom(DeleteRoomOp.getDefaultInstance())).getReasonCode()).isEqualTo("no_room");
    }

    // --- devices ------------------------------------------------------------------------------

    @Test
    void assignsDevicesWithManageOnTheDeviceAndTheDestinationRoom() {
        String bedroom = room("Bedroom");
        String kitchen = room("Kitchen");
        CommandReply assigned = assign(OWNER, LAMP, bedroom);
        assertThat(assigned.getStatus()).isEqualTo(Status.OK);
        assertThat(data(assigned).path("room_id").asText()).isEqualTo(bedroom);
        assertThat(home.registry.roomOf(LAMP)).contains(bedroom);

        shared(OWNER, "u2", deviceScope(LAMP), Privilege.MANAGE);
        forbidden(assign("u2", LAMP, kitchen), "no_access", "room \"Kitchen\"");
        assertThat(home.registry.roomOf(LAMP)).contains(bedroom);
        assertThat(assign("u2", LAMP, "").getStatus()).as("unassigning needs MANAGE on the device only").isEqualTo(Status.OK);
        assertThat(home.registry.roomOf(LAMP)).isEmpty();

        shared(OWNER, "u3", deviceScope(LAMP), Privilege.OPERATE);
        forbidden(assign("u3", LAMP, bedroom), "insufficient_privilege", "assign_device needs MANAGE");
        assertThat(assign(OWNER, LAMP, "r_404").getReasonCode()).isEqualTo("no_such_room");
        assertThat(assign(OWNER, "", bedroom).getReasonCode()).isEqualTo("no_device");
    }

    @Test
    void renamesDevicesWithManageOnTheDevice() {
        CommandReply renamed = home.run(OWNER, LAMP, b -> b.setRenameDevice(RenameDeviceOp.newBuilder().setName("  Desk lamp ")));
        assertThat(renamed.getStatus()).isEqualTo(Status.OK);
        assertThat(home.registry.find(LAMP).orElseThrow().name()).isEqualTo("Desk lamp");
        assertThat(home.run(OWNER, LAMP, b -> b.setRenameDevice(RenameDeviceOp.newBuilder().setName("a\u0007b"))).getReasonCode())
                .isEqualTo("invalid_name");
        shared(OWNER, "u2", deviceScope(LAMP), Privilege.OPERATE);
        forbidden(home.run("u2", LAMP, b -> b.setRenameDevice(RenameDeviceOp.newBuilder().setName("Mine"))),
                "insufficient_privilege", "rename_device needs MANAGE");
        assertThat(home.registry.find(LAMP).orElseThrow().name()).isEqualTo("Desk lamp");
    }

    // --- shares -------------------------------------------------------------------------------

    @Test
    void sharesNeedManageAndNeverGrantMoreThanTheGranterHolds() {
        String bedroom = room("Bedroom");
        CommandReply offered = offer(OWNER, "u2", roomScope(bedroom), Privilege.OPERATE, 0);
        assertThat(offered.getStatus()).isEqualTo(Status.OK);
        assertThat(data(offered).path("state").asText()).isEqualTo("PENDING");
        assertThat(data(offered).path("scope").asText()).isEqualTo("room:" + bedroom);
        forbidden(read("u2", LAMP), "no_access");

        shared(OWNER, "u3", roomScope(bedroom), Privilege.OPERATE);
        forbidden(offer("u3", "u4", roomScope(bedroom), Privilege.VIEW, 0), "insufficient_privilege", "share needs MANAGE");

        shared(OWNER, "u5", roomScope(bedroom), Privilege.MANAGE);
        assertThat(offer("u5", "u4", roomScope(bedroom), Privilege.MANAGE, 0).getStatus()).isEqualTo(Status.OK);
        forbidden(offer("u5", "u4", roomScope(bedroom), Privilege.OWNER, 0), "exceeds_granter", "holds MANAGE and cannot grant OWNER");
        forbidden(offer("u5", "u4", HOME, Privilege.VIEW, 0), "no_access");

        assertThat(offer(OWNER, "u2", roomScope(bedroom), Privilege.PRIVILEGE_UNSPECIFIED, 0).getReasonCode()).isEqualTo("no_privilege");
        assertThat(offer(OWNER, "u2", Scope.getDefaultInstance(), Privilege.VIEW, 0).getReasonCode()).isEqualTo("no_scope");
        assertThat(offer(OWNER, "", HOME, Privilege.VIEW, 0).getReasonCode()).isEqualTo("no_grantee");
        assertThat(offer(OWNER, OWNER + "x", HOME, Privilege.VIEW, home.clock.millis()).getReasonCode()).isEqualTo("invalid");
        forbidden(offer(OWNER, "u2", deviceScope("ghost"), Privilege.VIEW, 0), "unknown_target");
    }

    @Test
    void onlyTheGranteeAnswersAShare() {
        CommandReply offered = offer(OWNER, "u2", deviceScope(LAMP), Privilege.OPERATE, 0);
        String id = data(offered).path("id").asText();
        forbidden(respond("u3", id, true), "not_grantee", "only the grantee of share " + id);
        CommandReply accepted = respond("u2", id, true);
        assertThat(accepted.getStatus()).isEqualTo(Status.OK);
        assertThat(data(accepted).path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(read("u2", LAMP).getStatus()).isEqualTo(Status.OK);
        assertThat(respond("u2", id, false).getReasonCode()).isEqualTo("wrong_state");
        assertThat(respond("u2", "s404", true).getReasonCode()).isEqualTo("no_such_share");

        String declined = data(offer(OWNER, "u3", deviceScope(LAMP), Privilege.VIEW, 0)).path("id").asText();
        assertThat(data(respond("u3", declined, false)).path("state").asText()).isEqualTo("DECLINED");
        forbidden(read("u3", LAMP), "no_access");
    }

    @Test
    void theGranterTheOwnerOrAManagerRevokesAndTheNextCommandIsRefused() {
        String bedroom = room("Bedroom");
        assign(OWNER, LAMP, bedroom);
        String manager = shared(OWNER, "u5", HOME, Privilege.MANAGE);
        String byManager = shared("u5", "u2", roomScope(bedroom), Privilege.OPERATE);
        String byOwner = shared(OWNER, "u3", roomScope(bedroom), Privilege.VIEW);
        assertThat(read("u2", LAMP).getStatus()).isEqualTo(Status.OK);

        forbidden(revoke("u3", byManager), "insufficient_privilege", "revoke needs MANAGE");
        int changes = home.registryChanges.get();
        CommandReply revoked = revoke("u5", byManager);
        assertThat(revoked.getStatus()).isEqualTo(Status.OK);
        assertThat(data(revoked).path("state").asText()).isEqualTo("REVOKED");
        assertThat(home.registryChanges.get()).isGreaterThan(changes);
        forbidden(read("u2", LAMP), "no_access");

        assertThat(revoke("u5", byOwner).getStatus()).as("a MANAGE holder on the scope").isEqualTo(Status.OK);
        assertThat(revoke(OWNER, manager).getStatus()).isEqualTo(Status.OK);
        assertThat(revoke(OWNER, manager).getReasonCode()).isEqualTo("wrong_state");
        assertThat(revoke(OWNER, "s404").getReasonCode()).isEqualTo("no_such_share");
    }

    @Test
    void listsTheCallersOwnSharesAndAllToTheOwner() {
        shared(OWNER, "u2", deviceScope(LAMP), Privilege.MANAGE);
        shared("u2", "u3", deviceScope(LAMP), Privilege.VIEW);
        offer(OWNER, "u4", HOME, Privilege.VIEW, 0);

        assertThat(ids(OWNER)).containsExactly("s1", "s2", "s3");
        assertThat(ids("u2")).containsExactly("s1", "s2");
        assertThat(ids("u3")).containsExactly("s2");
        assertThat(ids("u9")).isEmpty();
        var first = data(home.run("u3", "", b -> b.setListShares(ListSharesOp.getDefaultInstance()))).path("shares").get(0);
        assertThat(first.path("granter").asText()).isEqualTo("u2");
        assertThat(first.path("privilege").asText()).isEqualTo("VIEW");
        assertThat(first.path("state").asText()).isEqualTo("ACCEPTED");
    }

    private List<String> ids(String user) {
        CommandReply r = home.run(user, "", b -> b.setListShares(ListSharesOp.getDefaultInstance()));
        assertThat(r.getStatus()).isEqualTo(Status.OK);
        List<String> ids = new ArrayList<>();
        data(r).path("shares").forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    @Test
    void listsOnlyTheRoomsAndDevicesTheUserCanReach() {
        String bedroom = room("Bedroom");
        String kitchen = room("Kitchen");
        assign(OWNER, LAMP, bedroom);
        assign(OWNER, RouterFixture.LOCK, kitchen);

        var all = data(home.run(OWNER, "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance())));
        assertThat(all.path("rooms")).hasSize(2);
        assertThat(all.path("rooms").get(0).path("devices").get(0).asText()).isEqualTo(LAMP);

        shared(OWNER, "u2", roomScope(bedroom), Privilege.VIEW);
        var mine = data(home.run("u2", "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance())));
        assertThat(mine.path("rooms")).hasSize(1);
        assertThat(mine.path("rooms").get(0).path("name").asText()).isEqualTo("Bedroom");
        assertThat(mine.path("unassigned")).isEmpty();

        shared(OWNER, "u3", deviceScope(RouterFixture.LOCK), Privilege.OPERATE);
        var one = data(home.run("u3", "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance())));
        assertThat(one.path("rooms")).hasSize(1);
        assertThat(one.path("rooms").get(0).path("devices").get(0).asText()).isEqualTo(RouterFixture.LOCK);

        forbidden(home.run("u4", "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance())), "no_access");
    }

    // --- expiry -------------------------------------------------------------------------------

    @Test
    void anExpiringShareStopsGrantingAtItsExactExpiry() {
        long expiry = home.clock.millis() + Duration.ofHours(2).toMillis();
        String id = data(offer(OWNER, "u2", deviceScope(LAMP), Privilege.OPERATE, expiry)).path("id").asText();
        assertThat(respond("u2", id, true).getStatus()).isEqualTo(Status.OK);

        home.clock.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(read("u2", LAMP).getStatus()).isEqualTo(Status.OK);
        home.clock.advance(Duration.ofMillis(1));
        forbidden(read("u2", LAMP), "no_access");
        assertThat(data(home.run("u2", "", b -> b.setListShares(ListSharesOp.getDefaultInstance())))
                .path("shares").get(0).path("state").asText()).isEqualTo("EXPIRED");
        assertThat(revoke(OWNER, id).getReasonCode()).isEqualTo("expired");
    }

    // --- privacy operations -------------------------------------------------------------------

    @Test
    void privacyOperationsGoToThePrivacyCommands(@TempDir Path other) {
        List<String> seen = new ArrayList<>();
        try (var withPrivacy = new RouterFixture(other, c -> {
            seen.add(c.body().getOperationCase().name());
            return CompletableFuture.completedFuture(CommandReply.newBuilder().setStatus(Status.OK).build());
        })) {
            assertThat(withPrivacy.run(OWNER, "", b -> b.setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(true))).getStatus())
                    .isEqualTo(Status.OK);
            assertThat(withPrivacy.run("u2", "", b -> b.setWithdrawConsent(WithdrawConsentOp.getDefaultInstance())).getStatus())
                    .isEqualTo(Status.OK);
        }
        assertThat(seen).containsExactly("SET_UX_CONSENT", "WITHDRAW_CONSENT");

        CommandReply unsupported = home.run("u2", "", b -> b.setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));
        assertThat(unsupported.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(unsupported.getReasonCode()).isEqualTo("unsupported_operation");
        assertThat(Optional.of(home.run(OWNER, LAMP, b -> b)).map(CommandReply::getReasonCode)).contains("unsupported_operation");
    }
}

package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.OWNER;
import static dev.hearth.core.access.HomeFixture.T0;
import static dev.hearth.core.access.HomeFixture.done;
import static dev.hearth.core.access.HomeFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.home.CountingIds;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reserved and malformed user ids, and the bound on shares per home (issue 21, defect 8). */
class UserIdBoundsTest {
    private static final DeviceScope LAMP_1 = new DeviceScope(LAMP);
    private HomeFixture home;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        home = new HomeFixture(dir);
    }

    @AfterEach
    void tearDown() {
        home.close();
    }

    @Test
    void theIdsHearthWritesInAUsersPlaceAreRefusedAsUserIds() {
        for (String reserved : List.of(ShareBook.ERASED_USER, AuditEntry.ANONYMOUS, "p_0123456789abcdef", " erased ")) {
            ShareResult r = home.shares.offer(OWNER, reserved, LAMP_1, Privilege.VIEW, Optional.empty(), T0);
            assertThat(refusal(r)).as(reserved).isEqualTo(ShareResult.Refusal.INVALID);
            assertThat(((ShareResult.Refused) r).reason()).contains("reserved");
        }
        assertThat(UserIds.valid("p_smith")).isTrue();
        assertThat(UserIds.valid("erased2")).isTrue();
    }

    @Test
    void aUserNamedErasedNeitherActsAsErasedGrantersNorHoldsAnything() {
        home.accepted("u2", Scope.HOME, Privilege.MANAGE);
        Share given = done(home.shares.offer("u2", "u3", LAMP_1, Privilege.VIEW, Optional.empty(), T0));
        home.shares.purgeUser("u2");
        assertThat(home.shares.find(given.id()).orElseThrow().granter()).isEqualTo(ShareBook.ERASED_USER);

        assertThat(refusal(home.shares.revoke(ShareBook.ERASED_USER, given.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        assertThat(refusal(home.shares.offer(ShareBook.ERASED_USER, "u4", LAMP_1, Privilege.VIEW, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.INVALID);
        Decision d = home.policy.decide(ShareBook.ERASED_USER, LAMP_1, Operation.READ_STATE, T0);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("reserved");
    }

    @Test
    void userIdsAreBoundedAndHoldNoControlCharacters() {
        String longest = "u".repeat(UserIds.MAX_LENGTH);
        assertThat(done(home.shares.offer(OWNER, longest, LAMP_1, Privilege.VIEW, Optional.empty(), T0)).grantee()).isEqualTo(longest);
        for (String bad : List.of(longest + "u", "u2\n10:00:00.000 INFO forged", "u2\u001b[31m", "u2\u2028x", "", "   ")) {
            ShareResult r = home.shares.offer(OWNER, bad, LAMP_1, Privilege.VIEW, Optional.empty(), T0);
            assertThat(refusal(r)).as(bad).isEqualTo(ShareResult.Refusal.INVALID);
            assertThat(((ShareResult.Refused) r).reason()).doesNotContain(bad.isBlank() ? "\u0000" : bad);
            assertThat(home.policy.decide(bad, LAMP_1, Operation.READ_STATE, T0).allowed()).isFalse();
        }
    }

    @Test
    void aHomeKeepsAtMostMaxSharesAndEndedOnesMakeRoomFirst() {
        List<ShareResult.Refusal> counted = new ArrayList<>();
        home.shares = ShareBook.open(home.db, new ShareIndex(), home.policy, home.home, new CountingIds("t"), 3, counted::add);
        List<Share> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) made.add(done(home.shares.offer(OWNER, "g" + i, LAMP_1, Privilege.VIEW, Optional.empty(), T0)));

        ShareResult full = home.shares.offer(OWNER, "g3", LAMP_1, Privilege.VIEW, Optional.empty(), T0);
        assertThat(refusal(full)).isEqualTo(ShareResult.Refusal.LIMIT_REACHED);
        assertThat(((ShareResult.Refused) full).reason()).contains("3");
        assertThat(counted).containsExactly(ShareResult.Refusal.LIMIT_REACHED);

        done(home.shares.revoke(OWNER, made.get(1).id(), T0));
        Share fourth = done(home.shares.offer(OWNER, "g3", LAMP_1, Privilege.VIEW, Optional.empty(), T0));
        assertThat(home.shares.all()).extracting(Share::id).containsExactly(made.get(0).id(), made.get(2).id(), fourth.id());
    }
}

package dev.hearth.testkit.fleet;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * The {@link HomeRules} inside Apache ActiveMQ Artemis, which has no ACL placeholders of its own:
 * it authenticates fleet users and decides every check on an address turned back into its MQTT
 * topic ({@code .} to {@code /}, {@code *} to {@code +}). Sending is publishing; consuming and making
 * or deleting a queue is subscribing; creating an address is either. Anything else (management,
 * browsing) is refused, as is every check for a user the rules do not know. Artemis's own
 * {@code $sys.mqtt.retain.} queues are judged by the topic they hold.
 *
 * <p>Thread-safe: Artemis calls it from its I/O and executor threads; the rules are immutable.
 */
public final class HomeSecurityManager implements ActiveMQSecurityManager5 {
    private static final String RETAIN = "$sys.mqtt.retain.";

    private final HomeRules rules;
    private final LongAdder refused = new LongAdder();
    private final LongAdder badLogins = new LongAdder();

    public HomeSecurityManager(HomeRules rules) {
        this.rules = rules;
    }

    /** Checks refused so far (a denied PUBLISH or SUBSCRIBE, a management call). */
    public long refused() {
        return refused.sum();
    }

    public long badLogins() {
        return badLogins.sum();
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        Optional<String> who = rules.authenticate(user, password);
        if (who.isEmpty()) {
            badLogins.increment();
            return null;
        }
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(who.get()));
        return s;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        String user = subject == null ? null : subject.getPrincipals(UserPrincipal.class).stream()
                .map(UserPrincipal::getName).findFirst().orElse(null);
        boolean ok = user != null && decide(user, checkType, topic(address));
        if (!ok) refused.increment();
        return ok;
    }

    private boolean decide(String user, CheckType type, String topic) {
        return switch (type) {
            case SEND -> rules.allows(user, HomeRules.Action.PUBLISH, topic);
            case CONSUME, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE, DELETE_DURABLE_QUEUE, DELETE_NON_DURABLE_QUEUE ->
                    rules.allows(user, HomeRules.Action.SUBSCRIBE, topic);
            case CREATE_ADDRESS -> rules.allows(user, HomeRules.Action.PUBLISH, topic)
                    || rules.allows(user, HomeRules.Action.SUBSCRIBE, topic);
            default -> false;
        };
    }

    /** An Artemis address (maybe {@code address::queue}, maybe a retain queue) as the MQTT topic it stands for. */
    static String topic(String address) {
        if (address == null) return "";
        int fq = address.indexOf("::");
        String a = fq >= 0 ? address.substring(0, fq) : address;
        if (a.startsWith(RETAIN)) a = a.substring(RETAIN.length());
        return a.replace('.', '/').replace('*', '+');
    }

    @Override
    public boolean validateUser(String user, String password) {
        return rules.authenticate(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false; // Artemis calls the Subject-based methods above; this older path grants nothing
    }
}

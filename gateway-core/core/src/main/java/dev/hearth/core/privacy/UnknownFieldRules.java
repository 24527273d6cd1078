package dev.hearth.core.privacy;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import dev.hearth.driver.api.model.DataClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's decisions on undeclared fields, per (model, field), kept in the gateway's SQLite
 * database and answered from memory: the validation step and the privacy filter ask on every
 * report, and see a decision from the next report on. At most {@value #MAX_RULES} decisions.
 */
public final class UnknownFieldRules implements AllowedFields {

    static final String COMPONENT = "privacy_unknown_fields";
    public static final int MAX_RULES = 4096;
    /** Longest model id or field name a decision may name. */
    public static final int MAX_NAME = 200;
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE privacy_unknown_field (model TEXT NOT NULL, field TEXT NOT NULL, decision TEXT NOT NULL, "
                    + "decided_at_ms INTEGER NOT NULL, PRIMARY KEY (model, field))"));

    /** One decision and when it was made. */
    public record Rule(String model, String field, UnknownFieldDecision decision, Instant decidedAt) {
        public Rule {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }

    /** What {@link #decide} did. */
    public enum Outcome { RECORDED, TOO_MANY_RULES }

    private record Key(String model, String field) {
    }

    private final Database db;
    private final Map<Key, Rule> rules = new ConcurrentHashMap<>();

    /** Opens the decisions, creating their table if needed. */
    public UnknownFieldRules(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        db.migrate(COMPONENT, MIGRATIONS);
        Connection c = db.connection();
        synchronized (c) {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT model, field, decision, decided_at_ms FROM privacy_unknown_field")) {
                while (r.next()) {
                    Optional<UnknownFieldDecision> d = UnknownFieldDecision.parse(r.getString(3));
                    if (d.isEmpty()) continue; // a row this version cannot read allows nothing
                    Rule rule = new Rule(r.getString(1), r.getString(2), d.get(), Instant.ofEpochMilli(r.getLong(4)));
                    rules.put(new Key(rule.model(), rule.field()), rule);
                }
            } catch (SQLException e) {
                throw new StorageException("cannot read the unknown-field decisions: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Optional<DataClass> allowed(String model, String field) {
        if (rules.isEmpty()) return Optional.empty();
        Rule r = rules.get(new Key(model, field));
        return r == null ? Optional.empty() : r.decision().allowedAs();
    }

    public Optional<Rule> rule(String model, String field) {
        return Optional.ofNullable(rules.get(new Key(model, field)));
    }

    /** Every decision, by model then field. */
    public List<Rule> all() {
        return rules.values().stream().sorted(Comparator.comparing(Rule::model).thenComparing(Rule::field)).toList();
    }

    /** Records the owner's decision, written before it applies. */
    public synchronized Outcome decide(String model, String field, UnknownFieldDecision decision, Instant at) {
        if (model.isBlank() || field.isBlank() || model.length() > MAX_NAME || field.length() > MAX_NAME) {
            throw new IllegalArgumentException("model and field must be 1 to " + MAX_NAME + " characters");
        }
        Key key = new Key(model, field);
        if (!rules.containsKey(key) && rules.size() >= MAX_RULES) return Outcome.TOO_MANY_RULES;
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_unknown_field(model, field, decision, decided_at_ms) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT(model, field) DO UPDATE SET decision = excluded.decision, "
                    + "decided_at_ms = excluded.decided_at_ms")) {
                p.setString(1, model);
                p.setString(2, field);
                p.setString(3, decision.name());
                p.setLong(4, at.toEpochMilli());
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot record the unknown-field decision: " + e.getMessage(), e);
            }
        }
        rules.put(key, new Rule(model, field, decision, at));
        return Outcome.RECORDED;
    }
}

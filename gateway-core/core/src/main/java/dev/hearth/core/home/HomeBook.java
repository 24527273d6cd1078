package dev.hearth.core.home;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The gateway's one home and its owner, persisted. The owner is read on every access decision,
 * so it is kept in memory; only the current owner can hand the home to someone else.
 */
public final class HomeBook {
    private final Database db;
    private volatile Home home;

    private HomeBook(Database db, Home home) {
        this.db = db;
        this.home = home;
    }

    /**
     * Opens the home: the stored one if there is one (its owner wins over {@code initialOwner}),
     * otherwise a new home {@code homeId} owned by {@code initialOwner}.
     */
    public static HomeBook open(Database db, String homeId, String initialOwner) {
        Objects.requireNonNull(db, "db");
        Home fresh = new Home(homeId, initialOwner);
        HomeSchema.migrate(db);
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT id, owner FROM home");
                 ResultSet r = p.executeQuery()) {
                if (r.next()) return new HomeBook(db, new Home(r.getString(1), r.getString(2)));
            } catch (SQLException e) {
                throw new StorageException("cannot load the home: " + e.getMessage(), e);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO home(id, owner) VALUES (?, ?)")) {
                p.setString(1, fresh.id());
                p.setString(2, fresh.owner());
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot create the home: " + e.getMessage(), e);
            }
        }
        return new HomeBook(db, fresh);
    }

    public Home home() {
        return home;
    }

    /** The owner's user id. */
    public String owner() {
        return home.owner();
    }

    /** Gives the home to {@code newOwner}; only the current owner may. */
    public synchronized HomeResult changeOwner(String actor, String newOwner) {
        if (!home.owner().equals(actor)) {
            return new HomeResult.Refused(HomeResult.Refusal.NOT_OWNER,
                    "user " + actor + " does not own the home; only the owner can change the owner");
        }
        if (newOwner == null || newOwner.isBlank()) {
            return new HomeResult.Refused(HomeResult.Refusal.INVALID_USER, "the new owner needs a user id");
        }
        Home next = new Home(home.id(), newOwner);
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("UPDATE home SET owner = ? WHERE id = ?")) {
                p.setString(1, newOwner);
                p.setString(2, home.id());
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot change the owner: " + e.getMessage(), e);
            }
        }
        home = next;
        return new HomeResult.Done(next);
    }
}

package dev.hearth.core.registry;

import dev.hearth.core.online.Availability;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry's table in the gateway database: one row per device, written whole. */
final class RegistryStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);

    static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE registry_device ("
                    + "id TEXT PRIMARY KEY, protocol TEXT NOT NULL, model TEXT NOT NULL, name TEXT NOT NULL, "
                    + "room_id TEXT, host TEXT NOT NULL, port INTEGER NOT NULL, "
                    + "first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, state TEXT NOT NULL, "
                    + "status TEXT NOT NULL, reason TEXT, detail TEXT NOT NULL, since INTEGER NOT NULL, "
                    + "session INTEGER NOT NULL, damped INTEGER NOT NULL)"));

    private static final String UPSERT = "INSERT INTO registry_device(id, protocol, model, name, room_id, host, port, "
            + "first_seen, last_seen, state, status, reason, detail, since, session, damped) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            + "protocol = excluded.protocol, model = excluded.model, name = excluded.name, room_id = excluded.room_id, "
            + "host = excluded.host, port = excluded.port, first_seen = excluded.first_seen, "
            + "last_seen = excluded.last_seen, state = excluded.state, status = excluded.status, "
            + "reason = excluded.reason, detail = excluded.detail, since = excluded.since, "
            + "session = excluded.session, damped = excluded.damped";

    private final Database db;

    RegistryStore(Database db) {
        this.db = db;
        db.migrate("registry", MIGRATIONS);
    }

    List<DeviceRecord> loadAll() {
        Connection c = db.connection();
        List<DeviceRecord> out = new ArrayList<>();
        synchronized (c) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM registry_device")) {
                while (r.next()) {
                    String id = r.getString("id");
                    try {
                        out.add(row(r));
                    } catch (IOException | IllegalArgumentException e) {
                        // One damaged row must not keep the gateway from starting.
                        LOG.warn("registry: skipping unreadable row of device {}: {}", id, e.getMessage());
                    }
                }
            } catch (SQLException e) {
                throw new StorageException("cannot load the registry: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Writes every record in one transaction. */
    void upsertAll(Collection<DeviceRecord> records) {
        if (records.isEmpty()) return;
        Connection c = db.connection();
        synchronized (c) {
            try {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement(UPSERT)) {
                    for (DeviceRecord d : records) {
                        bind(p, d);
                        p.addBatch();
                    }
                    p.executeBatch();
                    c.commit();
                } catch (SQLException e) {
                    db.endFailedTransaction(); // keeps e, the reason (SQLITE_FULL), and the shared connection usable
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
                db.health().succeeded("registry");
            } catch (SQLException e) {
                // /readyz, the storage error counter and a log line a minute (issue 21: storage faults visible)
                db.health().failed("registry", e.getMessage());
                throw new StorageException("cannot write the registry: " + e.getMessage(), e);
            }
        }
    }

    void delete(String id) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM registry_device WHERE id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot delete device " + id + ": " + e.getMessage(), e);
            }
        }
    }

    private static void bind(PreparedStatement p, DeviceRecord d) throws SQLException {
        Availability a = d.availability();
        p.setString(1, d.id());
        p.setString(2, d.protocol());
        p.setString(3, d.model());
        p.setString(4, d.name());
        if (d.roomId().isPresent()) p.setString(5, d.roomId().get()); else p.setNull(5, Types.VARCHAR);
        p.setString(6, host(d.address()));
        p.setInt(7, d.address().getPort());
        p.setLong(8, d.firstSeen().toEpochMilli());
        p.setLong(9, d.lastSeen().toEpochMilli());
        p.setString(10, StateJson.write(d.state()));
        p.setString(11, a.status().name());
        if (a.reason().isPresent()) p.setString(12, a.reason().get().name()); else p.setNull(12, Types.VARCHAR);
        p.setString(13, a.detail());
        p.setLong(14, a.since().toEpochMilli());
        p.setLong(15, a.session());
        p.setInt(16, a.damped() ? 1 : 0);
    }

    private static DeviceRecord row(ResultSet r) throws SQLException, IOException {
        String id = r.getString("id");
        String reason = r.getString("reason");
        Availability a = new Availability(id, OnlineStatus.valueOf(r.getString("status")),
                Optional.ofNullable(reason).map(OfflineReason::valueOf), r.getString("detail"),
                Instant.ofEpochMilli(r.getLong("since")), r.getLong("session"), r.getInt("damped") != 0);
        Map<String, Value> state = StateJson.read(r.getString("state"));
        return new DeviceRecord(id, r.getString("protocol"), r.getString("model"), r.getString("name"),
                Optional.ofNullable(r.getString("room_id")), address(r.getString("host"), r.getInt("port")),
                Instant.ofEpochMilli(r.getLong("first_seen")), Instant.ofEpochMilli(r.getLong("last_seen")), state, a);
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** IP literals become resolved addresses without any DNS lookup; anything else stays unresolved. */
    static InetSocketAddress address(String host, int port) {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad address " + host);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}

package dev.hearth.core.privacy;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The usage statistics of the user-experience programme (DESIGN.md section 13), as daily counts
 * and nothing else: a row is (day, metric, key, count), a key is a bucket name such as
 * {@code set_properties/OK} or {@code hearth.light.lamp1/native}, never an id or a name (a key that
 * is not of the bucket shape is refused and counted). With the home's consent off nothing is
 * counted at all: no row is written. Leaving the programme deletes every pending row. At most
 * {@value #MAX_KEYS_PER_DAY} keys a day; more are refused and counted. Writes are asynchronous, on
 * the storage thread, and never wait for the disk.
 */
public final class UsageStatsStore {
    static final String STORE = "usage_stats";
    /** The usage tables, applied when the database opens. */
    public static final Schema SCHEMA = new Schema("usage_stats", List.of(List.of(
            "CREATE TABLE usage_daily (day TEXT NOT NULL, metric TEXT NOT NULL, bucket TEXT NOT NULL, "
                    + "count INTEGER NOT NULL, PRIMARY KEY (day, metric, bucket))")));
    public static final int MAX_KEYS_PER_DAY = 512;
    /** Metric and bucket names: model ids, protocols, operations and statuses; no spaces, no user-chosen text. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9_.]{1,64}(/[A-Za-z0-9_.]{1,64}){0,2}");
    private static final Pattern METRIC = Pattern.compile("[a-z_]{1,32}");

    /** One stored daily count. */
    public record Count(LocalDate day, String metric, String bucket, long count) {
        public Count {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(bucket, "bucket");
            if (count < 0) throw new IllegalArgumentException("negative count");
        }
    }

    private final Database db;
    private final ConsentState consent;
    private final AtomicLong refused = new AtomicLong();

    public UsageStatsStore(Database db, ConsentState consent) {
        db.requireSchema(SCHEMA);
        this.db = db;
        this.consent = Objects.requireNonNull(consent, "consent");
    }

    /**
     * Adds one to {@code metric}/{@code bucket} on {@code day}, only while the home is in the UX
     * programme; otherwise nothing happens at all.
     */
    public void count(LocalDate day, String metric, String bucket) {
        add(day, metric, bucket, 1);
    }

    /** As {@link #count}, by {@code n} (a snapshot such as devices by model is added once a day). */
    public void add(LocalDate day, String metric, String bucket, long n) {
        if (!consent.uxProgrammeJoined()) return;
        if (n <= 0) return;
        if (!METRIC.matcher(metric).matches() || !BUCKET.matcher(bucket).matches()) {
            refused.incrementAndGet();
            return;
        }
        String d = day.toString();
        db.writeAsync(STORE, c -> {
            // consent may have been withdrawn (and the pending rows deleted) since the check above
            if (!consent.uxProgrammeJoined()) return null;
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO usage_daily(day, metric, bucket, count) SELECT ?, ?, ?, ? "
                            + "WHERE EXISTS (SELECT 1 FROM usage_daily WHERE day = ? AND metric = ? AND bucket = ?) "
                            + "OR (SELECT COUNT(*) FROM usage_daily WHERE day = ?) < ? "
                            + "ON CONFLICT(day, metric, bucket) DO UPDATE SET count = count + excluded.count")) {
                p.setString(1, d);
                p.setString(2, metric);
                p.setString(3, bucket);
                p.setLong(4, n);
                p.setString(5, d);
                p.setString(6, metric);
                p.setString(7, bucket);
                p.setString(8, d);
                p.setInt(9, MAX_KEYS_PER_DAY);
                if (p.executeUpdate() == 0) refused.incrementAndGet();
            }
            return null;
        });
    }

    /** The days with pending counts, oldest first. */
    public List<LocalDate> days() {
        return db.read(STORE, c -> {
            List<LocalDate> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT day FROM usage_daily ORDER BY day");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(LocalDate.parse(r.getString(1)));
            }
            return out;
        });
    }

    /** The pending counts of {@code day}, by metric and bucket. */
    public List<Count> of(LocalDate day) {
        return db.read(STORE, c -> {
            List<Count> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT metric, bucket, count FROM usage_daily WHERE day = ? ORDER BY metric, bucket")) {
                p.setString(1, day.toString());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(new Count(day, r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
            return out;
        });
    }

    /** Deletes {@code day}'s counts (once its message is in the durable outbox). */
    public int deleteDay(LocalDate day) {
        return db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM usage_daily WHERE day = ?")) {
                p.setString(1, day.toString());
                return p.executeUpdate();
            }
        });
    }

    /** Deletes everything pending: the home left the programme. */
    public int deleteAll() {
        return db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM usage_daily")) {
                return p.executeUpdate();
            }
        });
    }

    /** Counts refused: a malformed bucket or a day's bound reached. */
    public long refused() {
        return refused.get();
    }
}

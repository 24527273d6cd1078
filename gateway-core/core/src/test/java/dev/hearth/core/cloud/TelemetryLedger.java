package dev.hearth.core.cloud;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the cloud received, de-duplicated by Telemetry.id as the cloud does, in arrival order per device. */
public final class TelemetryLedger {
    private final Map<String, List<Long>> firstArrivals = new TreeMap<>();
    private final Set<Long> seen = new HashSet<>();
    private int duplicates;

    void add(List<CloudSubscriber.Received> received) {
        for (CloudSubscriber.Received r : received) {
            if (!r.topic().endsWith("/telemetry")) continue;
            Telemetry t;
            try {
                t = Telemetry.parseFrom(r.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("undecodable telemetry on " + r.topic(), e);
            }
            if (!seen.add(t.getId())) {
                duplicates++;
                continue;
            }
            firstArrivals.computeIfAbsent(t.getDevice(), d -> new ArrayList<>()).add(t.getId());
        }
    }

    public Map<String, List<Long>> perDevice() {
        return firstArrivals;
    }

    public int distinct() {
        return seen.size();
    }

    public int duplicates() {
        return duplicates;
    }

    public static TelemetryLedger of(List<CloudSubscriber.Received> received) {
        var l = new TelemetryLedger();
        l.add(received);
        return l;
    }

    static int distinctTelemetry(List<CloudSubscriber.Received> received) {
        return of(received).distinct();
    }
}

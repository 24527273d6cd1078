package dev.hearth.tools.demo;

import java.util.List;
import java.util.Objects;

/** How the demo keeps its mDNS traffic off every real network interface. */
public sealed interface Isolation {

    /** Devices and gateway run in a private network namespace made by this command prefix. */
    record Namespace(List<String> unshare) implements Isolation {
        public Namespace {
            unshare = List.copyOf(unshare);
            if (unshare.isEmpty()) throw new IllegalArgumentException("an unshare command is needed");
        }

        /** For people: {@code unshare --net --map-root-user}. */
        public String describe() {
            return String.join(" ", unshare);
        }
    }

    /** No private network namespace can be made here: the demo runs without mDNS, on static entries. */
    record Unavailable(String reason) implements Isolation {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

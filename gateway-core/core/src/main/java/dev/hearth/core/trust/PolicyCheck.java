package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.util.Objects;

/** What {@link PolicyObjects} made of a signed policy object: verified, or refused with a reason code. */
public sealed interface PolicyCheck {

    /** Its signature holds under {@code signer}, it is for this home and gateway, and it is well formed. */
    record Verified(SignedPolicyObject object, PolicyBody body, UserKey signer, ByteString hash) implements PolicyCheck {
        public Verified {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** Refused: {@code reason} is a code for replies and counters, {@code message} is for people. */
    record Refused(String reason, String message) implements PolicyCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}

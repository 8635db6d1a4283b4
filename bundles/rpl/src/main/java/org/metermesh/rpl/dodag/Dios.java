package org.metermesh.rpl.dodag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.SolicitedInformation;

/** DIO construction and DIS predicate matching, shared by the root and the meters. */
final class Dios {

    private Dios() {
    }

    /**
     * A DIO carrying the DODAG Configuration option (RFC 6550 6.7.6: every node passes the root's unchanged, so
     * that a meter hearing only other meters learns it) and, when known, the Prefix Information option (RFC 6550
     * 6.7.10).
     */
    static Dio build(int instanceId, int version, int rank, boolean grounded, int mop, int preference, int dtsn,
            Ipv6Address dodagId, DodagConfiguration configuration, Optional<PrefixInformation> prefix) {
        List<RplOption> options = new ArrayList<>(2);
        options.add(configuration);
        prefix.ifPresent(options::add);
        return new Dio(instanceId, version, rank, grounded, mop, preference, dtsn, dodagId, options);
    }

    /** A DIO without options: the base object alone (RFC 6550 6.3.1). */
    static Dio lean(int instanceId, int version, int rank, boolean grounded, int mop, int preference, int dtsn,
            Ipv6Address dodagId) {
        return new Dio(instanceId, version, rank, grounded, mop, preference, dtsn, dodagId, List.of());
    }

    /**
     * Whether a DODAG matches every predicate of a DIS's Solicited Information option (RFC 6550 6.7.9, 8.3); true
     * when the DIS carries none.
     */
    static boolean solicited(Dis dis, int instanceId, Ipv6Address dodagId, int version) {
        for (SolicitedInformation si : dis.optionsOf(SolicitedInformation.class)) {
            if (si.instancePredicate() && si.instanceId() != instanceId
                    || si.dodagIdPredicate() && !si.dodagId().equals(dodagId)
                    || si.versionPredicate() && si.version() != version) {
                return false;
            }
        }
        return true;
    }
}

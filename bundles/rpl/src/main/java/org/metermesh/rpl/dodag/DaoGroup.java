package org.metermesh.rpl.dodag;

import java.util.ArrayList;
import java.util.List;

import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;

/** RFC 6550 6.4.3: one or more Target options, and the Transit Information options that follow and apply to them. */
record DaoGroup(List<RplTarget> targets, List<TransitInformation> transits) {

    /** The groups of a DAO, in order; Transit options before any Target are ignored. */
    static List<DaoGroup> of(Dao dao) {
        List<DaoGroup> groups = new ArrayList<>();
        DaoGroup current = null;
        for (RplOption o : dao.options()) {
            if (o instanceof RplTarget t) {
                if (current == null || !current.transits.isEmpty()) {
                    current = new DaoGroup(new ArrayList<>(1), new ArrayList<>(3));
                    groups.add(current);
                }
                current.targets.add(t);
            } else if (o instanceof TransitInformation t && current != null) {
                current.transits.add(t);
            }
        }
        return groups;
    }
}

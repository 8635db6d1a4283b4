package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Every pid is described by MetaType the way Kura's console needs it: an OCD with the pid as id, in its own file. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetaTypeIT {

    @Inject
    private BundleContext context;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() {
        return TestRuntime.withMeterMesh();
    }

    @Test
    public void everyPidHasAnObjectClassDefinitionInItsBundle() {
        for (Map.Entry<String, String> pidAndOwner : MeterMesh.PID_OWNERS.entrySet()) {
            String pid = pidAndOwner.getKey();
            Bundle owner = MeterMesh.bundle(context, pidAndOwner.getValue());
            MetaTypeInformation info = metaType.getMetaTypeInformation(owner);
            assertNotNull("no metatype in " + owner.getSymbolicName(), info);
            assertTrue(pid + " not among " + Arrays.toString(info.getPids()),
                    Arrays.asList(info.getPids()).contains(pid));

            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            assertNotNull("no OCD for " + pid, ocd);
            assertEquals(pid, ocd.getID());
            assertNotNull(pid + " has no attributes", ocd.getAttributeDefinitions(ObjectClassDefinition.ALL));
        }
    }

    @Test
    public void everyPidHasItsMetatypeFileNamedAfterIt() {
        for (Map.Entry<String, String> pidAndOwner : MeterMesh.PID_OWNERS.entrySet()) {
            String entry = "OSGI-INF/metatype/" + pidAndOwner.getKey() + ".xml";
            Bundle owner = MeterMesh.bundle(context, pidAndOwner.getValue());
            assertNotNull(entry + " missing from " + owner.getSymbolicName(), owner.getEntry(entry));
        }
    }

    @Test
    public void noAttributeIsAPassword() {
        // Kura hands PASSWORD attributes to the component encrypted.
        for (Map.Entry<String, String> pidAndOwner : MeterMesh.PID_OWNERS.entrySet()) {
            Bundle owner = MeterMesh.bundle(context, pidAndOwner.getValue());
            ObjectClassDefinition ocd = metaType.getMetaTypeInformation(owner)
                    .getObjectClassDefinition(pidAndOwner.getKey(), null);
            for (AttributeDefinition attribute : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                assertNotEquals(ocd.getID() + " " + attribute.getID(), AttributeDefinition.PASSWORD,
                        attribute.getType());
            }
        }
    }
}

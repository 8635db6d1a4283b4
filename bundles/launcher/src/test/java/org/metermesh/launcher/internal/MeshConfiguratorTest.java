package org.metermesh.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The status thread's start: summary first, then the status line; nothing when the gateway stops before. */
class MeshConfiguratorTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final AtomicBoolean statusRan = new AtomicBoolean();

    @Test
    void theSummaryIsPrintedThenTheStatusLineFollows() {
        MeshConfigurator.summaryThenStatus(() -> "MeterMesh gateway 0.1.0 started", () -> statusRan.set(true),
                console);

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("MeterMesh gateway 0.1.0 started");
        assertThat(statusRan).isTrue();
    }

    @Test
    void aGatewayStoppedBeforeItSettledReportsNothingAndThrowsNothing() {
        assertThatCode(() -> MeshConfigurator.summaryThenStatus(() -> {
            throw new IllegalStateException("Invalid BundleContext.");
        }, () -> statusRan.set(true), console)).doesNotThrowAnyException();

        assertThat(printed.size()).isZero();
        assertThat(statusRan).isFalse();
    }
}

package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void withoutATerminalTheFirstStepAndTheLastAreLogged() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        bar.show(1, 10, 5_000_000_000L, false);
        bar.show(10, 10, 15_000_000_000L, true);

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                ProgressBar.line(1, 10, 5_000_000_000L), ProgressBar.line(10, 10, 15_000_000_000L));
    }
}

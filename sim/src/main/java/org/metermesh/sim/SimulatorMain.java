package org.metermesh.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./metermesh sim ...}: runs a neighbourhood in virtual time and reports. Exit 64 on a bad command line. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(ScenarioOptions.USAGE);
            return;
        }
        ScenarioOptions options;
        try {
            options = ScenarioOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("metermesh sim: " + e.getMessage());
            System.err.print(ScenarioOptions.USAGE);
            System.exit(64);
            return;
        }
        ProgressBar progress = new ProgressBar(System.err, System.console() != null);
        SimulationReport report = new Simulation(options).run(progress);
        System.out.println(report.summary());
        if (options.report() != null) {
            Path parent = options.report().toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(options.report(), report.toJson());
            System.out.println("report: " + options.report());
        }
    }
}

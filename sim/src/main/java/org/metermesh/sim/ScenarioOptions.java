package org.metermesh.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.rpl.message.RplMessage.Dio;

/**
 * What to simulate, from the command line:
 * {@code --meters N --seed S --sim-time 1h [--layout streets|random] [--density D] [--loss P] [--pcap FILE]
 * [--report FILE.json] [--kill METER@TIME] [--cut A-B@TIME] [--mop non-storing|storing] [--channels hopping|single]}.
 * Meter numbers start at 1; 0 is the gateway.
 *
 * @param mop     the gateway's Mode of Operation, {@link Dio#MOP_NON_STORING} or {@link Dio#MOP_STORING_NO_MULTICAST}
 * @param hopping every node hops over the channel plan on Wi-SUN dwell times; otherwise all share one channel
 */
public record ScenarioOptions(int meters, long seed, Duration simTime, Neighbourhood.Layout layout, double density,
        double extraLoss, Path pcap, Path report, List<Kill> kills, List<Cut> cuts, int mop, boolean hopping) {

    /**
     * Meters stand near the ground among houses: path loss grows faster than in the suburban default
     * ({@code n = 3.5} instead of 3), which gives the few dozen neighbours per meter the field manual's 32-entry
     * neighbour tables are sized for.
     */
    public MediumSettings medium() {
        return meterMedium(seed, extraLoss);
    }

    /** The medium of {@link #medium()} for any seed and extra loss: also the live neighbourhood's. */
    public static MediumSettings meterMedium(long seed, double extraLoss) {
        MediumSettings suburban = MediumSettings.suburban(seed);
        return new MediumSettings(seed, suburban.referenceLossDb(), 3.5, suburban.shadowingSigmaDb(),
                suburban.sensitivityDbm(), suburban.ccaThresholdDbm(), true, suburban.captureThresholdDb(),
                extraLoss);
    }

    /** Meter {@code meter} dies at {@code at}. */
    public record Kill(int meter, Duration at) {
    }

    /** The link between nodes {@code a} and {@code b} is cut at {@code at}. */
    public record Cut(int a, int b, Duration at) {
    }

    public static final String USAGE = """
            usage: ./metermesh sim --meters N [--seed S] [--sim-time 1h] [--layout streets|random] [--density D]
                                   [--loss P] [--pcap FILE] [--report FILE.json] [--kill METER@TIME] [--cut A-B@TIME]
                                   [--mop non-storing|storing] [--channels hopping|single]
              --meters N        meters in the neighbourhood (the gateway comes on top)
              --seed S          seed of every random choice; the same seed replays the same run (default 1)
              --sim-time T      simulated time to run, e.g. 90s, 15m, 1h (default 1h)
              --layout L        streets: houses along a street grid (default); random: scattered uniformly
              --density D       meters per square kilometre (default 1000)
              --loss P          extra frame loss probability on every link, 0 to 1 (default 0)
              --pcap FILE       write every frame the gateway sends or hears to FILE (pcap, LINKTYPE 283)
              --report FILE     write the JSON report to FILE
              --kill M@T        meter M dies at simulated time T (repeatable), e.g. --kill 17@20m
              --cut A-B@T       the radio link between nodes A and B is cut at time T (repeatable); 0 is the gateway
              --mop M           RPL mode of the gateway's DODAG: non-storing (default, source routes from the
                                gateway) or storing (every meter keeps its sub-DODAG's routes, hop by hop)
              --channels C      hopping: every node hops over the plan's 129 channels, unicast on the receiver's
                                channel, broadcasts in the shared broadcast window, Wi-SUN dwell times (default);
                                single: every node on channel 17
            """;

    public static ScenarioOptions parse(String... args) {
        int meters = -1;
        long seed = 1;
        Duration simTime = Duration.ofHours(1);
        Neighbourhood.Layout layout = Neighbourhood.Layout.STREETS;
        double density = 1000;
        double loss = 0;
        Path pcap = null;
        Path report = null;
        List<Kill> kills = new ArrayList<>();
        List<Cut> cuts = new ArrayList<>();
        int mop = Dio.MOP_NON_STORING;
        boolean hopping = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            i++;
            switch (option) {
                case "--meters" -> meters = positiveInt(option, value);
                case "--seed" -> seed = parseLong(option, value);
                case "--sim-time" -> simTime = DurationText.parse(value);
                case "--layout" -> layout = layout(value);
                case "--density" -> density = positiveDouble(option, value);
                case "--loss" -> loss = probability(option, value);
                case "--pcap" -> pcap = Path.of(value);
                case "--report" -> report = Path.of(value);
                case "--kill" -> kills.add(kill(value));
                case "--cut" -> cuts.add(cut(value));
                case "--mop" -> mop = mop(value);
                case "--channels" -> hopping = hopping(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (meters < 0) {
            throw new IllegalArgumentException("--meters is required");
        }
        for (Kill kill : kills) {
            requireNode("--kill", kill.meter(), meters, false);
        }
        for (Cut cut : cuts) {
            requireNode("--cut", cut.a(), meters, true);
            requireNode("--cut", cut.b(), meters, true);
        }
        return new ScenarioOptions(meters, seed, simTime, layout, density, loss, pcap, report, List.copyOf(kills),
                List.copyOf(cuts), mop, hopping);
    }

    private static boolean hopping(String value) {
        return switch (value) {
            case "hopping" -> true;
            case "single" -> false;
            default -> throw new IllegalArgumentException("--channels '" + value + "' is not hopping or single");
        };
    }

    private static void requireNode(String option, int node, int meters, boolean gatewayAllowed) {
        if (node > meters || node < (gatewayAllowed ? 0 : 1)) {
            throw new IllegalArgumentException(option + " names node " + node + ", but nodes are "
                    + (gatewayAllowed ? 0 : 1) + ".." + meters);
        }
    }

    private static Kill kill(String value) {
        String[] parts = value.split("@");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--kill '" + value + "' is not METER@TIME");
        }
        return new Kill(positiveInt("--kill", parts[0]), DurationText.parse(parts[1]));
    }

    private static Cut cut(String value) {
        String[] parts = value.split("@");
        String[] nodes = parts[0].split("-");
        if (parts.length != 2 || nodes.length != 2) {
            throw new IllegalArgumentException("--cut '" + value + "' is not A-B@TIME");
        }
        return new Cut(nonNegativeInt("--cut", nodes[0]), nonNegativeInt("--cut", nodes[1]),
                DurationText.parse(parts[1]));
    }

    private static int mop(String value) {
        return switch (value) {
            case "non-storing" -> Dio.MOP_NON_STORING;
            case "storing" -> Dio.MOP_STORING_NO_MULTICAST;
            default -> throw new IllegalArgumentException("--mop '" + value + "' is not non-storing or storing");
        };
    }

    private static Neighbourhood.Layout layout(String value) {
        try {
            return Neighbourhood.Layout.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layout '" + value + "' is not streets or random");
        }
    }

    private static int positiveInt(String option, String value) {
        int parsed = nonNegativeInt(option, value);
        if (parsed == 0) {
            throw new IllegalArgumentException(option + " must be positive, not 0");
        }
        return parsed;
    }

    private static int nonNegativeInt(String option, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
    }

    private static double positiveDouble(String option, String value) {
        double parsed = parseDouble(option, value);
        if (parsed <= 0) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return parsed;
    }

    private static double probability(String option, String value) {
        double parsed = parseDouble(option, value);
        if (parsed < 0 || parsed > 1) {
            throw new IllegalArgumentException(option + " must be between 0 and 1: " + value);
        }
        return parsed;
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a number");
        }
    }
}

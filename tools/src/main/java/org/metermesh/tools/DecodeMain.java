package org.metermesh.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@code ./metermesh decode}: prints the KuraPayload messages on a broker's topics as JSON lines, or decodes one
 * payload file. Exit codes as sysexits.h: 64 bad usage, 66 no such file, 69 broker unavailable.
 */
public final class DecodeMain {

    static final String USAGE = """
            usage: ./metermesh decode [--broker URL] [--topic FILTER]... [--count N]
                   ./metermesh decode --file FILE
              --broker URL     MQTT broker (default tcp://localhost:1883)
              --topic FILTER   topic filter to subscribe, repeatable (default '#' and '$EDC/#')
              --count N        exit after N messages (default: run until interrupted)
              --file FILE      decode one payload from a file ('-' for standard input) and exit
            Each message is printed as one JSON line: {"topic": ..., "payload": {...}}.""";

    private DecodeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String broker = "tcp://localhost:1883";
        List<String> topics = new ArrayList<>();
        int count = -1;
        String file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--broker" -> broker = value(args, ++i, "--broker");
                    case "--topic" -> topics.add(value(args, ++i, "--topic"));
                    case "--count" -> count = positive(value(args, ++i, "--count"));
                    case "--file" -> file = value(args, ++i, "--file");
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("metermesh decode: " + e.getMessage());
            err.println(USAGE);
            return 64;
        }
        PayloadPrinter printer = new PayloadPrinter();
        if (file != null) {
            try {
                byte[] payload = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
                out.println(printer.line(file, payload));
                return 0;
            } catch (IOException e) {
                err.println("metermesh decode: cannot read " + file + ": " + e.getMessage());
                return 66;
            }
        }
        if (topics.isEmpty()) {
            topics = List.of("#", "$EDC/#"); // '#' does not match topics that begin with '$' (MQTT 3.1.1 4.7.2)
        }
        return subscribe(broker, topics, count, printer, out, err);
    }

    private static int subscribe(String broker, List<String> topics, int count, PayloadPrinter printer,
            PrintStream out, PrintStream err) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        try (MqttClient client = new MqttClient(broker, "metermesh-decode-" + ProcessHandle.current().pid(),
                new MemoryPersistence())) {
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    err.println("metermesh decode: connection to " + broker + " lost: " + cause.getMessage());
                    done.countDown();
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    synchronized (out) {
                        out.println(printer.line(topic, message.getPayload()));
                        out.flush();
                    }
                    if (count > 0 && seen.incrementAndGet() >= count) {
                        done.countDown();
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            for (String topic : topics) {
                client.subscribe(topic, 1);
            }
            done.await();
            client.disconnect();
            return seen.get() >= count || count < 0 ? 0 : 69;
        } catch (MqttException e) {
            err.println("metermesh decode: " + broker + ": " + e.getMessage());
            return 69;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the text
        }
        throw new IllegalArgumentException("--count needs a positive number, not '" + text + "'");
    }
}

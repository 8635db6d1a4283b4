package org.metermesh.broker.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The standalone gateway's embedded MQTT broker (Moquette), so that {@code ./metermesh run} publishes somewhere on
 * a fresh machine and {@code mosquitto_sub -h localhost -t '#' -v} shows it. Standalone only: on Kura the
 * telemetry bundle uses Kura's broker connection. When the port is taken (a broker already runs there), it says
 * so in one line and stays idle; the gateway runs on and the telemetry bundle connects to whatever listens there.
 */
@Component(name = BrokerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = BrokerComponent.Config.class)
public final class BrokerComponent {

    public static final String PID = "org.metermesh.broker";
    static final String HOME_PROPERTY = "metermesh.home";

    private static final Logger LOG = System.getLogger(BrokerComponent.class.getName());

    @ObjectClassDefinition(id = PID, name = "MeterMesh embedded MQTT broker",
            description = "An MQTT 3.1.1 broker (Moquette) inside the standalone gateway, for demonstrations and "
                    + "development. Anonymous clients are allowed: bind it to the loopback address only.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Start the embedded broker.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Host", description = "Address to listen on; 127.0.0.1 keeps it on this host.")
        String host() default "127.0.0.1";

        @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "MQTT's registered port is 1883.")
        int port() default 1883;

        @AttributeDefinition(name = "Persistence directory", description = "Retained messages and persistent "
                + "sessions (H2 MVStore). A relative path resolves against the metermesh.home framework property.")
        String persistence_dir() default "data/broker";
    }

    private final Server server;

    @Activate
    public BrokerComponent(BundleContext context, Config config) throws IOException {
        if (!config.enabled()) {
            LOG.log(Level.INFO, "embedded MQTT broker disabled (broker.enabled: false)");
            server = null;
            return;
        }
        server = start(config.host(), config.port(),
                resolve(context.getProperty(HOME_PROPERTY), config.persistence_dir()));
    }

    /**
     * Starts a broker, or says in one line why not when the port is in use.
     *
     * @return the running broker, or null when the port was taken
     */
    static Server start(String host, int port, Path persistenceDir) throws IOException {
        String taken = portTaken(host, port);
        if (taken != null) {
            LOG.log(Level.INFO, "embedded MQTT broker not started: " + host + ":" + port + " is in use (" + taken
                    + "); the gateway publishes to the broker listening there");
            return null;
        }
        Server started = new Server();
        started.startServer(new MemoryConfig(properties(host, port, persistenceDir)));
        LOG.log(Level.INFO, "embedded MQTT broker listening on " + host + ":" + port + " (persistence in "
                + persistenceDir + ")");
        return started;
    }

    /** Moquette's settings: no telemetry to its authors, no metrics or error reporting services, no websocket. */
    static Properties properties(String host, int port, Path persistenceDir) {
        Properties properties = new Properties();
        properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, host);
        properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        properties.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, persistenceDir.toAbsolutePath() + "/");
        properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        // mosquitto_pub and mosquitto_sub connect with an empty client id (MQTT 3.1.1 section 3.1.3.1 allows it)
        properties.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        properties.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
        return properties;
    }

    static Path resolve(String home, String configured) {
        Path path = Path.of(configured);
        return path.isAbsolute() || home == null ? path : Path.of(home).resolve(path);
    }

    /** @return why the port cannot be bound, or null when it is free now */
    static String portTaken(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.stopServer();
        }
    }
}

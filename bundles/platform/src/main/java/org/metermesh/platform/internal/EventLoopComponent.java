package org.metermesh.platform.internal;

import java.time.Duration;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import java.time.Instant;
import java.util.random.RandomGenerator;

/** The gateway's real-time event loop, offered to every stack component as its {@link Scheduler}. */
@Component(name = EventLoopComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Scheduler.class)
@Designate(ocd = EventLoopComponent.Config.class)
public final class EventLoopComponent implements Scheduler {

    public static final String PID = "org.metermesh.platform.loop";

    @ObjectClassDefinition(id = PID, name = "MeterMesh event loop",
            description = "The single thread that drives the gateway's protocol stack.")
    public @interface Config {
        @AttributeDefinition(name = "Slow task warning (ms)", min = "1", max = "60000",
                description = "A task that runs longer than this is logged: it delays every timer of the stack.")
        int slow_task_warn_ms() default 100;
    }

    private final RealTimeScheduler loop;

    @Activate
    public EventLoopComponent(Config config) {
        this.loop = new RealTimeScheduler("metermesh-loop", Duration.ofMillis(config.slow_task_warn_ms()));
    }

    @Deactivate
    void deactivate() {
        loop.close();
    }

    @Override
    public long nanoTime() {
        return loop.nanoTime();
    }

    @Override
    public Instant now() {
        return loop.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return loop.schedule(delay, task);
    }

    @Override
    public RandomGenerator random() {
        return loop.random();
    }
}

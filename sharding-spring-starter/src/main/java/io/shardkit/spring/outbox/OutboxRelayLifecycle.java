package io.shardkit.spring.outbox;

import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link OutboxRelay} once every singleton exists (so after schema set-up and the publisher's own
 * initialisation) and stops it gracefully when the context closes: polls in progress finish within
 * {@link OutboxRelayConfig#shutdownTimeout()}, and whatever they did not confirm stays pending for the next start.
 *
 * <p>Its {@link #PHASE} is below the web server's, so the relay starts before requests are taken and stops after
 * the server has drained them: events of the last requests are still published when they can be.
 *
 * <p>An {@code OutboxRelay} cannot start again once stopped: starting a stopped context again (rather than
 * refreshing a new one) fails with the relay's {@code IllegalStateException}. Thread-safe.
 */
public final class OutboxRelayLifecycle implements SmartLifecycle {

    /** Below the embedded web server's phase ({@code DEFAULT_PHASE - 1024}): starts before it, stops after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final OutboxRelay relay;

    public OutboxRelayLifecycle(OutboxRelay relay) {
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    @Override
    public void start() {
        // An application may have started its relay itself (init method, runner); leave that one be.
        if (!relay.isRunning()) {
            relay.start();
        }
    }

    @Override
    public void stop() {
        relay.stop();
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public String toString() {
        return "OutboxRelayLifecycle[" + relay + "]";
    }
}

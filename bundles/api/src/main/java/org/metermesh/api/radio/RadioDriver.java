package org.metermesh.api.radio;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The radio at the bottom of the stack: the IEEE 802.15.4 MAC data service over a configured backend. Consumers
 * hold a dynamic reference (the driver may be swapped live) and receive frames by registering a
 * {@link RadioListener}. Methods may be called from any thread; the work happens on the stack's event loop.
 */
@ProviderType
public interface RadioDriver {

    RadioSettings settings();

    /**
     * Retunes the radio and changes its addresses and power for every following frame, as the field manual's
     * {@code iz set} does. Not persisted: the component's configuration applies again when it is re-created.
     *
     * @throws IllegalArgumentException if the channel is not in the configured channel plan
     */
    void apply(RadioSettings settings);

    LinkState linkState();

    /**
     * Sends {@code payload} in a data frame to {@code destination} within this PAN. Unicast frames ask for an
     * acknowledgement when {@code ackRequest} is set and are retried; broadcast frames never are.
     */
    CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest);

    /** The largest payload a data frame to {@code destination} carries; larger datagrams must be fragmented. */
    int maxPayload(MacAddress destination);

    /** Counters per reason and neighbour links, as of now. */
    RadioStatistics statistics();
}

/**
 * The durable store-and-forward outbox on the api state store: a message counts as accepted once committed
 * (group commit), goes out at least once in order per meter, warnings first, and when full the oldest usage
 * readings give way (see {@link org.metermesh.telemetry.store.OutboxLimits}). Private to the bundle.
 */
package org.metermesh.telemetry.store;

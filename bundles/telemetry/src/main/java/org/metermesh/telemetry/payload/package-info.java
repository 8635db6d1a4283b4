/**
 * Eclipse Kura's payload ({@code kurapayload.proto}, in {@code src/main/proto}) written and read on protobuf-java's
 * coded streams, optionally gzipped, or as JSON; and Kura's topic namespace (data, {@code $EDC} birth/death,
 * requests and replies). Decoders return typed rejections. Private to the bundle.
 */
package org.metermesh.telemetry.payload;

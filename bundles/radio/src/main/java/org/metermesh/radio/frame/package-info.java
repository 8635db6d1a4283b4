/**
 * IEEE 802.15.4 MAC frames (frame versions 2003, 2006 and 2015) and their codec, {@link
 * org.metermesh.radio.frame.MacFrameCodec}: immutable value types, limits fixed at construction, typed rejections
 * instead of exceptions. Plain Java: no OSGi, no threads, no I/O. Not exported: the radio bundle uses it internally.
 */
package org.metermesh.radio.frame;

package dev.dlt.runtime;

/**
 * Marker of every message that crosses an actor boundary: bound to Pekko's Jackson CBOR serializer in
 * {@code reference.conf}, so the same messages work in one JVM and across a cluster. Messages carry
 * tensors only as {@link Tensor} bytes, never as live NDArrays.
 */
public interface CborSerializable {}

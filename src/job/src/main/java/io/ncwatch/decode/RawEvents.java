package io.ncwatch.decode;

import io.ncwatch.record.RawEvent;

/** Input records as the sources make them: bytes and coordinates, with the event time read from the bytes. */
public final class RawEvents {
    private RawEvents() {}

    /** @return an event whose timestamp is {@link RawTimestamp#find} of {@code json} */
    public static RawEvent of(byte[] json, String topic, int partition, long offset) {
        return new RawEvent(json, topic, partition, offset, RawTimestamp.find(json));
    }
}

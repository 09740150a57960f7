package io.ncwatch.connector.elasticsearch.source;

/**
 * One hit as the fetcher hands it to the reader.
 *
 * @param sort its sort values as a JSON array: the position to resume after it
 */
record SearchHit(byte[] source, String id, String index, String sort) {
}

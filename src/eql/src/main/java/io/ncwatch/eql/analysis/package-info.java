/**
 * The analysis phase: a parsed query verified (what Elasticsearch rejects, what is not evaluated on a
 * stream) and its field names resolved to slots and to the ignore_above of their mapping.
 */
package io.ncwatch.eql.analysis;

/**
 * The runtime: compiled queries evaluated per event, allocation-free, over the field values a caller
 * decoded by slot. Knows nothing of the phases that built it.
 */
package io.ncwatch.eql.runtime;

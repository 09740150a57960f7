package io.ncwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.record.Suppression;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Elasticsearch sink's update of a kept alert (an {@code EsDocument} of operation {@code UPDATE}):
 * set {@code kibana.alert.suppression.docs_count} and {@code .end} if the count is higher than the stored one.
 */
final class SuppressionUpdateDocument {
    static final String DOCS_COUNT = "kibana.alert.suppression.docs_count";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuppressionUpdateDocument() {}

    static byte[] json(Suppression update) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("if_higher", DOCS_COUNT);
        ObjectNode suppression = doc.putObject("doc").putObject("kibana").putObject("alert").putObject("suppression");
        suppression.put("docs_count", update.docsCount);
        suppression.put("end", AlertDocument.timestamp(update.end));
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

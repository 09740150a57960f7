package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeLimitedConverterTest {

    private static final int LIMIT = 100;

    /** Replaces a rejected document by a short one in index "rejected" and remembers why. */
    private static final class Recording implements RejectedDocumentHandler {
        final List<Rejection> rejections = new ArrayList<>();
        final int replacementBytes;

        Recording(int replacementBytes) {
            this.replacementBytes = replacementBytes;
        }

        @Override
        public EsDocument replacementFor(EsDocument rejected, Rejection rejection) {
            rejections.add(rejection);
            return document("rejected", rejected.id(), replacementBytes);
        }

        @Override
        public boolean isReplacement(EsDocument document) {
            return document.index().equals("rejected");
        }
    }

    private static EsDocument document(String index, String id, int jsonBytes) {
        return new EsDocument(index, id, "x".repeat(jsonBytes).getBytes(StandardCharsets.UTF_8));
    }

    private static SizeLimitedConverter<EsDocument> converter(RejectedDocumentHandler handler) {
        return new SizeLimitedConverter<>((document, context) -> document, handler, LIMIT);
    }

    @Test
    void a_document_within_the_limit_passes_as_it_is() {
        Recording handler = new Recording(10);
        EsDocument document = document("i", "d", LIMIT - 2);

        assertThat(converter(handler).apply(document, null)).isSameAs(document);
        assertThat(handler.rejections).isEmpty();
    }

    @Test
    void a_document_over_the_limit_is_replaced_with_the_reason_and_no_status() {
        Recording handler = new Recording(10);

        EsDocument written = converter(handler).apply(document("i", "d", LIMIT), null);

        assertThat(written.index()).isEqualTo("rejected");
        assertThat(handler.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.type()).isEqualTo(Rejection.DOCUMENT_TOO_LARGE);
            assertThat(rejection.status()).isEmpty();
            assertThat(rejection.reason()).contains("102 bytes", "maxRecordSizeInBytes " + LIMIT);
        });
    }

    @Test
    void without_a_handler_or_with_a_replacement_too_large_the_job_fails_naming_the_document() {
        assertThatThrownBy(() -> converter(FailOnRejection.INSTANCE).apply(document("i", "big-1", LIMIT), null))
                .hasMessageContaining("big-1")
                .hasMessageContaining(Rejection.DOCUMENT_TOO_LARGE)
                .hasMessageContaining("no RejectedDocumentHandler");
        assertThatThrownBy(() -> converter(new Recording(LIMIT)).apply(document("i", "big-2", LIMIT), null))
                .hasMessageContaining("big-2")
                .hasMessageContaining("replacement");
    }
}

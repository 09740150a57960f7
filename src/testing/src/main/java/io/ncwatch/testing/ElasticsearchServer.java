package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real Elasticsearch of {@code bin/stack}, started once per JVM, with what tests ask of it: without
 * security ({@link #shared}), or with TLS and users ({@link #secured}, {@code bin/stack up --secure}),
 * where the tests' own requests go as the superuser and the job's as the user {@link #USER}.
 */
public final class ElasticsearchServer {

    /** The user of the secured server with the least-privilege role {@code ncwatch_writer}. */
    public static final String USER = "ncwatch";
    /** The newest major version the tests run against besides the default one. */
    public static final String VERSION_9 = "9.2.4";

    private static ElasticsearchServer shared;
    private static final Map<String, ElasticsearchServer> SECURED = new HashMap<>();

    private final Stack stack;
    private final Map<String, Integer> ports;
    private final String url;
    private final HttpClient http;
    private final String authorization;

    private ElasticsearchServer(Stack stack, Map<String, Integer> ports, boolean secure) {
        this.stack = stack;
        this.ports = ports;
        this.url = (secure ? "https" : "http") + "://localhost:" + ports.get("ES_PORT");
        stack.start("elasticsearch", ports);
        this.http = secure ? HttpClient.newBuilder().sslContext(trusting(caFile())).build() : HttpClient.newHttpClient();
        this.authorization = secure ? basic("elastic", read(passwordFile("elastic"))) : null;
    }

    private static Map<String, Integer> freePorts() {
        List<Integer> free = FreePorts.onLoopback(2);
        return Map.of("ES_PORT", free.get(0), "ES_TRANSPORT_PORT", free.get(1));
    }

    /** The server of this JVM without security, started on first use. */
    public static synchronized ElasticsearchServer shared() {
        if (shared == null) {
            shared = new ElasticsearchServer(new Stack("shared"), freePorts(), false);
        }
        return shared;
    }

    /** The secured server of this JVM, of the default version, started on first use. */
    public static ElasticsearchServer secured() {
        return secured(null);
    }

    /**
     * The secured server of this JVM of VERSION (an integ-test-zip version; null or empty: the default),
     * started on first use.
     */
    public static synchronized ElasticsearchServer secured(String version) {
        boolean defaultVersion = version == null || version.isEmpty();
        return SECURED.computeIfAbsent(defaultVersion ? "default" : version, name -> {
            // A secured first start runs the keystore and users tools (a JVM each) before the node itself.
            Map<String, String> environment = new HashMap<>(Map.of("STACK_START_TIMEOUT", "600"));
            if (!defaultVersion) {
                environment.put("ES_VERSION", version);
            }
            return new ElasticsearchServer(new Stack("secured-" + name, true, environment), freePorts(), true);
        });
    }

    /** For example {@code http://localhost:41234}, or {@code https://} when secured. */
    public String url() {
        return url;
    }

    /** The PEM certificate of the CA that signed the secured server's certificate. */
    public Path caFile() {
        return credentials().resolve("ca.crt");
    }

    /** The SHA-256 fingerprint of that CA certificate, in hex. */
    public String caFingerprint() {
        try (InputStream pem = Files.newInputStream(caFile())) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file holding USER's password on the secured server ({@code elastic} or {@link #USER}). */
    public Path passwordFile(String user) {
        return credentials().resolve(user + ".password");
    }

    /** The folder of the server's own logs. */
    public Path logs() {
        return stack.folder("elasticsearch").resolve("logs");
    }

    private Path credentials() {
        return stack.folder("elasticsearch").resolve("credentials");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream pem = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one request (BODY may be null), as the superuser when secured, and returns the JSON answer;
     * fails on an HTTP error, with Elasticsearch's answer in the message.
     */
    public JsonNode request(String method, String path, String body) {
        return JsonHttp.request(http, authorization, method, url + path, body);
    }

    /**
     * Creates INDEX, of two shards, mapped as ECS maps the events of Elastic's integrations: strings as
     * {@code keyword} (so {@code event.id} sorts, as a hunt's tiebreaker), {@code @timestamp} a date.
     */
    public void createEventsIndex(String index) {
        request("PUT", "/" + index, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"dynamic_templates": [{"strings": {"match_mapping_type": "string",
                     "mapping": {"type": "keyword", "ignore_above": 1024}}}],
                   "properties": {"@timestamp": {"type": "date"}}}}
                """);
    }

    /** Makes what was written to INDEX (an index, data stream or pattern) visible to searches. */
    public void refresh(String index) {
        request("POST", "/" + index + "/_refresh", null);
    }

    /** The number of documents in INDEX, after a refresh. */
    public long count(String index) {
        refresh(index);
        return request("GET", "/" + index + "/_count", null).get("count").asLong();
    }

    /** Every document of INDEX (up to 10,000), by id, after a refresh. */
    public Map<String, JsonNode> documents(String index) {
        return search(index, "{\"query\":{\"match_all\":{}}}");
    }

    /** The documents of INDEX that QUERY (a search request body) finds, up to 10,000, by id, after a refresh. */
    public Map<String, JsonNode> search(String index, String query) {
        refresh(index);
        Map<String, JsonNode> documents = new TreeMap<>();
        for (JsonNode hit : request("POST", "/" + index + "/_search?size=10000", query).path("hits").path("hits")) {
            documents.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return documents;
    }

    /** Stops the server gracefully, as an operator or a crash-free outage would; its data stays. */
    public void stop() {
        stack.down("elasticsearch", ports);
    }

    /** Starts the stopped server again on the same port with the same data; returns when it answers. */
    public void start() {
        stack.up("elasticsearch", ports);
    }
}

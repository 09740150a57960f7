package io.ncwatch.connector.elasticsearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a real Elasticsearch that answers the first {@code failures} requests whose
 * path contains {@code pathPart} with Elasticsearch's own 503 error and forwards everything else:
 * Elasticsearch failing for a while.
 */
final class UnavailableProxy implements AutoCloseable {

    private static final byte[] UNAVAILABLE = ("{\"error\":{\"type\":\"unavailable_shards_exception\","
            + "\"reason\":\"injected by the test\"},\"status\":503}").getBytes(StandardCharsets.UTF_8);

    private final String target;
    private final String pathPart;
    private final AtomicInteger failuresLeft;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    UnavailableProxy(String target, String pathPart, int failures) throws IOException {
        this(target, pathPart, failures, 0);
    }

    /** A proxy that forwards everything, listening on PORT. */
    static UnavailableProxy forwarding(String target, int port) throws IOException {
        return new UnavailableProxy(target, "", 0, port);
    }

    private UnavailableProxy(String target, String pathPart, int failures, int port) throws IOException {
        this.target = target;
        this.pathPart = pathPart;
        this.failuresLeft = new AtomicInteger(failures);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().contains(pathPart) && failuresLeft.getAndDecrement() > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
                send(exchange, 503, UNAVAILABLE);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"Content-Type", "Accept"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : new String[] {"Content-Type", "X-Elastic-Product"}) {
                response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package io.ncwatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * A real HTTP proxy in front of a real Elasticsearch that plays an overloaded node: every {@code n}-th
 * search ({@code _search} in its path) is answered 429 with Elasticsearch's rejection, as a node whose
 * search queue is full answers; every other request is passed on and its answer passed back.
 */
public final class OverloadedProxy implements AutoCloseable {
    private static final String REJECTION = """
            {"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"rejected execution of search (queue capacity 1000)"}],\
            "type":"es_rejected_execution_exception","reason":"rejected execution of search (queue capacity 1000)"},"status":429}""";

    private final String target;
    private final int every;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    /** Starts a proxy on a free local port to {@code target} (such as {@code http://localhost:9200}) that rejects every {@code every}-th search. */
    public OverloadedProxy(String target, int every) throws IOException {
        this.target = target;
        this.every = every;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Searches answered 429 so far. */
    public int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.contains("_search") && searches.incrementAndGet() % every == 0) {
                rejected.incrementAndGet();
                respond(exchange, 429, "application/json", REJECTION.getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, forward(exchange, body));
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while passing on " + exchange.getRequestURI(), e);
        }
    }

    private static void respond(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                response.body());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
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

package it;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Stripe API (and Retell's, which the test server finds on the same port), on loopback at
 * the port the server under test calls. One test class holds it at a time.
 */
final class ApiStub {

    static final int PORT = Integer.parseInt(System.getProperty("billhook.stripe.port", "9398"));

    private ApiStub() {
    }

    /** Started, answering each path prefix with its handler. */
    static HttpServer start(Map<String, HttpHandler> paths) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        paths.forEach(server::createContext);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }
}

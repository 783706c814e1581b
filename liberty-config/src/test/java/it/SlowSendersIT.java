package it;

import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Bodies cannot hold the door: a compressed body is refused, not inflated; large bodies beyond the server's places
 * are answered 503 at once; a body trickled byte by byte is cut off at its deadline (3 s on the test server); and
 * valid deliveries go through while all that goes on.
 */
class SlowSendersIT {

    @Test
    void aCompressedBodyIsRefusedNotInflated() throws IOException {
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(event);
        }
        String answer = exchange(request("/webhooks/stripe", gzip.size(), "Content-Encoding: gzip\r\nStripe-Signature: "
                + Billhook.signature(event) + "\r\n"), gzip.toByteArray(), 10_000);
        assertTrue(answer.startsWith("HTTP/1.1 415"), answer);
        assertTrue(answer.contains("/problems/unsupported-content-encoding"), answer);
    }

    @Test
    void slowAndLargeSendersDoNotStopValidDeliveries() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(Billhook.BASE.getHost(), Billhook.BASE.getPort());
                socket.getOutputStream().write(request("/webhooks/stripe", 1024 * 1024, "Stripe-Signature: t=1,v1=00\r\n"));
                socket.getOutputStream().write("{\"id\":\"evt_slow\"".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            int refusedAtOnce = 0;
            for (Socket socket : stalled) {
                socket.setSoTimeout(1_000);
                try {
                    String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    if (answer.startsWith("HTTP/1.1 503")) {
                        refusedAtOnce++;
                    }
                } catch (SocketTimeoutException stillReading) {
                    // one of the places for large bodies
                }
            }
            // 16 take the places; a request the server takes up only after the read timeout freed a place may take it
            assertTrue(refusedAtOnce >= 20, "large bodies beyond the 16 places are answered 503 at once: " + refusedAtOnce);

            for (int i = 0; i < 20; i++) {
                byte[] event = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
                assertEquals(200, postStripe(event).statusCode(), "a valid delivery while large senders stall");
            }

            Socket trickle = new Socket(Billhook.BASE.getHost(), Billhook.BASE.getPort());
            stalled.add(trickle);
            trickle.getOutputStream().write(request("/webhooks/stripe", 60_000, "Stripe-Signature: t=1,v1=00\r\n"));
            trickle.setSoTimeout(300);
            String answer = "";
            // cut off by the 3 s deadline, or at the latest by the read timeout (10 s) of a read still waiting then
        long giveUp = System.currentTimeMillis() + 30_000;
            while (answer.isEmpty() && System.currentTimeMillis() < giveUp) {
                trickle.getOutputStream().write(' ');
                trickle.getOutputStream().flush();
                try {
                    answer = new String(trickle.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                } catch (SocketTimeoutException notYet) {
                    // a byte every 300 ms: never silent long enough for the read timeout
                }
            }
            assertTrue(answer.startsWith("HTTP/1.1 408"), "the trickled body is cut off at its deadline: " + answer);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static byte[] request(String path, long contentLength, String headers) {
        return ("POST " + path + " HTTP/1.1\r\nHost: " + Billhook.BASE.getHost() + ":" + Billhook.BASE.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n" + headers
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String exchange(byte[] head, byte[] body, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket(Billhook.BASE.getHost(), Billhook.BASE.getPort())) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.cxmeter.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection that sends GETs and reads each answer on the calling thread, as
 * curl or a JDBC driver does: the harness times the services with it, and times the naive plans
 * through JDBC, so both sides are measured with the same kind of client.
 * <p>
 * Why not {@link java.net.http.HttpClient}: each of its calls passes between the caller, its selector
 * thread and its executor; on two shared cores those hand-offs add 0.7 to 1.4 ms to a 5 ms answer
 * (the harness prints both clients' p50 for the same request), which is the client's time, not the service's.
 * Reads answers with Content-Length or chunked bodies; anything else (HTTP/1.0, close-delimited) is refused.
 */
final class BlockingHttp implements AutoCloseable {

    /** A status and a body; the headers are not kept. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    BlockingHttp(URI origin) {
        this.host = origin.getHost();
        this.port = origin.getPort();
    }

    /** GETs {@code pathAndQuery} with the given headers, opening the connection first if needed. */
    Answer get(String pathAndQuery, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder(256).append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (socket == null) {
            connect();
        }
        out.write(bytes);
        out.flush();
        return read();
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(120_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    private Answer read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].equals("HTTP/1.1")) {
            throw new IOException("Not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("Not a header: " + header);
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunks();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new EOFException("Body ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            throw new IOException("An answer without Content-Length or chunked body (status " + status + ")");
        }
        if (close) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            if (length == 0) {
                // Trailers, if any, up to the empty line.
                while (!line().isEmpty()) {
                    // skipped
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length != length) {
                throw new EOFException("Chunk ended after " + chunk.length + " of " + length + " bytes");
            }
            body.write(chunk);
            if (!line().isEmpty()) {
                throw new IOException("A chunk not followed by CRLF");
            }
        }
    }

    /** One header-section line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("Connection closed mid-answer");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

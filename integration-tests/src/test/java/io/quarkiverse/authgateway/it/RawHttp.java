package io.quarkiverse.authgateway.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client that sends requests byte for byte as written: no path normalisation, no header merging, no encoding.
 * Path-confusion and malformed-header tests need exactly that.
 */
final class RawHttp {

    /**
     * An answer, with what it answers: the request target as it went on the request line and the value of the first
     * {@code Host} line sent ({@code null} for none), from which the expected {@code instance} and
     * {@code resource_metadata} follow.
     */
    record Response(int status, List<String[]> headers, String body, String target, String host) {

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    values.add(header[1]);
                }
            }
            return values;
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(status);
            for (String[] header : headers) {
                text.append("\n").append(header[0]).append(": ").append(header[1]);
            }
            return text.append("\n\n").append(body).toString();
        }
    }

    private RawHttp() {
    }

    /**
     * @param base the application URL
     * @param target the request target exactly as it goes on the request line
     * @param headerLines extra header lines, each without CRLF; may contain any bytes as ISO-8859-1 characters
     */
    static Response get(URL base, String target, String... headerLines) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Host: " + base.getHost() + ':' + base.getPort());
        lines.addAll(List.of(headerLines));
        return send(base, "GET " + target + " HTTP/1.1", lines.toArray(String[]::new));
    }

    /**
     * @param requestLine the request line, without CRLF
     * @param headerLines every header line, {@code Host} included (or not), each without CRLF
     */
    static Response send(URL base, String requestLine, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes(), target(requestLine), host(headerLines));
        }
    }

    /** The request target: what stands between the method and the version. */
    private static String target(String requestLine) {
        int start = requestLine.indexOf(' ') + 1;
        int end = requestLine.lastIndexOf(' ');
        return end > start ? requestLine.substring(start, end) : requestLine.substring(start);
    }

    /** The value of the first {@code Host} line as the server reads it (optional whitespace trimmed), or null. */
    private static String host(String[] headerLines) {
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Host")) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static Response parse(byte[] raw, String target, String host) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("Incomplete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.add(new String[]{ name, value });
            chunked |= name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
        }
        String body = text.substring(end + 4);
        return new Response(status, headers, chunked ? dechunk(body) : body, target, host);
    }

    private static String dechunk(String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String remaining = body;
        while (!remaining.isEmpty()) {
            int lineEnd = remaining.indexOf("\r\n");
            int size = Integer.parseInt(remaining.substring(0, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(remaining.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.UTF_8));
            remaining = remaining.substring(lineEnd + 2 + size + 2);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

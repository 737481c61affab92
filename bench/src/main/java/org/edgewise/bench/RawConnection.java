package org.edgewise.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket: writes prepared request bytes and reads the
 * answers' status and the few headers the benchmark needs, skipping bodies (Content-Length or chunked).
 * As lean as a client gets, so that the load generator leaves the shared cores to the Master.
 */
final class RawConnection implements Closeable {

    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ETAG = "etag".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    int connects;

    // the last answer read
    int status;
    boolean closeAfter;
    String etag;
    long bodyBytes;

    RawConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    boolean isOpen() {
        return socket != null;
    }

    void write(byte[] data, int length) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            pos = 0;
            lim = 0;
            connects++;
        }
        out.write(data, 0, length);
    }

    /** Reads one whole answer; afterwards {@link #status}, {@link #closeAfter}, {@link #etag} describe it. */
    void read() throws IOException {
        int end = lineEnd();
        if (end - pos < 12 || buf[pos] != 'H') {
            throw new IOException("not an HTTP status line");
        }
        status = (buf[pos + 9] - '0') * 100 + (buf[pos + 10] - '0') * 10 + (buf[pos + 11] - '0');
        pos = end + 1;
        long contentLength = -1;
        boolean chunked = false;
        closeAfter = false;
        etag = null;
        while (true) {
            end = lineEnd();
            int len = end - pos;
            if (len > 0 && buf[end - 1] == '\r') {
                len--;
            }
            if (len == 0) {
                pos = end + 1;
                break;
            }
            if (isHeader(CONTENT_LENGTH, len)) {
                contentLength = Long.parseLong(value(CONTENT_LENGTH, len));
            } else if (isHeader(TRANSFER_ENCODING, len)) {
                chunked = value(TRANSFER_ENCODING, len).toLowerCase().contains("chunked");
            } else if (isHeader(CONNECTION, len)) {
                closeAfter = value(CONNECTION, len).equalsIgnoreCase("close");
            } else if (isHeader(ETAG, len)) {
                etag = value(ETAG, len);
            }
            pos = end + 1;
        }
        bodyBytes = 0;
        if (status == 304 || status == 204 || status / 100 == 1) {
            // no body
        } else if (chunked) {
            while (true) {
                end = lineEnd();
                int i = pos;
                long size = 0;
                while (i < end && Character.digit(buf[i], 16) >= 0) {
                    size = size * 16 + Character.digit(buf[i], 16);
                    i++;
                }
                pos = end + 1;
                if (size == 0) {
                    while (true) { // trailers up to the empty line
                        end = lineEnd();
                        boolean empty = end == pos || (end == pos + 1 && buf[pos] == '\r');
                        pos = end + 1;
                        if (empty) {
                            break;
                        }
                    }
                    break;
                }
                skip(size);
                bodyBytes += size;
                end = lineEnd(); // the CRLF after the chunk
                pos = end + 1;
            }
        } else if (contentLength >= 0) {
            skip(contentLength);
            bodyBytes = contentLength;
        } else {
            throw new IOException("an answer without a length"); // Tomcat always sends one
        }
        if (closeAfter) {
            close();
        }
    }

    private boolean isHeader(byte[] lowerName, int len) {
        if (len <= lowerName.length || buf[pos + lowerName.length] != ':') {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            int c = buf[pos + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private String value(byte[] name, int len) {
        return new String(buf, pos + name.length + 1, len - name.length - 1, StandardCharsets.US_ASCII).strip();
    }

    /** The index of the next '\n', reading more when the buffer holds no whole line. */
    private int lineEnd() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < lim; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            from = lim;
            fill();
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                pos = 0;
                lim = 0;
                fill();
            }
            int take = (int) Math.min(n, lim - pos);
            pos += take;
            n -= take;
        }
    }

    private void fill() throws IOException {
        if (socket == null) {
            throw new EOFException("connection closed");
        }
        if (lim == buf.length) {
            throw new IOException("a header line longer than " + buf.length + " bytes");
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            throw new EOFException("connection closed by the Master");
        }
        lim += n;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
        socket = null;
        in = null;
        out = null;
        pos = 0;
        lim = 0;
    }
}

package io.cxmeter.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text stream (LF or CRLF) with their 1-based numbers, each held to a length: a
 * longer line is skipped to its end and flagged, so that one endless line cannot fill the heap.
 */
final class Lines implements Closeable {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int filled;
    private final int maxLength;
    private final StringBuilder line = new StringBuilder();
    private int number;
    private boolean tooLong;
    private boolean ended;

    Lines(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (ended) {
            return false;
        }
        line.setLength(0);
        tooLong = false;
        boolean newline = false;
        while (!newline) {
            if (position == filled) {
                filled = in.read(buffer);
                position = 0;
                if (filled <= 0) {
                    filled = 0;
                    break;
                }
            }
            int end = position;
            while (end < filled && buffer[end] != '\n') {
                end++;
            }
            int room = maxLength - line.length();
            if (end - position > room) {
                tooLong = true;
            }
            line.append(buffer, position, Math.min(end - position, Math.max(room, 0)));
            newline = end < filled;
            position = newline ? end + 1 : end;
        }
        if (!newline) {
            ended = true;
            if (line.isEmpty() && !tooLong) {
                return false;
            }
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        number++;
        return true;
    }

    int number() {
        return number;
    }

    boolean tooLong() {
        return tooLong;
    }

    boolean blank() {
        if (tooLong) {
            return false;
        }
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    String text() {
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

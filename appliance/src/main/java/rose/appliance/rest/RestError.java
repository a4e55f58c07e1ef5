package rose.appliance.rest;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request that fails with RouterOS's status and {@code detail} (reference 06 §6). The body is
 * {@code {"error":<status>,"message":"<reason>","detail":"<detail>"}}; {@code detail} is left out
 * where RouterOS leaves it out (404 for an unknown item, 401).
 */
final class RestError extends Exception {
    private final HttpResponseStatus status;

    RestError(HttpResponseStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    HttpResponseStatus status() {
        return status;
    }

    /** The RouterOS message, or null. */
    String detail() {
        return getMessage();
    }

    static RestError badRequest(String detail) {
        return new RestError(HttpResponseStatus.BAD_REQUEST, detail);
    }

    static RestError notFound() {
        return new RestError(HttpResponseStatus.NOT_FOUND, null);
    }

    /** An unknown path word: {@code no such command or directory (nonexistent)}. */
    static RestError noSuchDirectory(String word) {
        return badRequest("no such command or directory (" + word + ")");
    }
}

package rose.appliance.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.Via;
import rose.cli.lang.Session;

/**
 * One HTTP connection of {@code www}/{@code www-ssl}.
 *
 * <ol>
 *   <li>a whole request arrives (size-bounded by the aggregator before it gets here); reading
 *       stops until it is answered, so keep-alive and pipelined requests are answered in order
 *       and one connection never holds more than one request;</li>
 *   <li>the request is copied off the event loop onto the server's small worker pool: PBKDF2
 *       and database writes never run on an event loop;</li>
 *   <li>HTTP basic credentials are checked by the shared {@link Authenticator} (policy
 *       {@code rest-api}, the throttle, the {@code login failure ... via rest-api} line); a
 *       connection that repeats the same credentials keeps its session for
 *       {@link #LOGIN_REUSE_NANOS}, so RouterOS's "logged in once per keep-alive connection"
 *       holds and a flood of requests does not cost a PBKDF2 each;</li>
 *   <li>{@link RestCommands} runs the verb; after {@link #COMMAND_TIMEOUT_MS} the client gets
 *       RouterOS's {@code Session closed} and the connection is closed;</li>
 *   <li>anything thrown is answered 500 and logged: no exception leaves a request.</li>
 * </ol>
 */
final class RestConnection extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final long COMMAND_TIMEOUT_MS = 60_000;
    static final long LOGIN_REUSE_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_PIPELINED = 4;

    /** What the worker needs of a request, copied off Netty's buffers. */
    private record Request(HttpMethod method, String uri, String authorization, byte[] body, boolean keepAlive) {
    }

    /** An answer before it becomes an HTTP response. */
    private record Answer(HttpResponseStatus status, byte[] body, boolean challenge) {
    }

    private final RouterOs router;
    private final Authenticator auth;
    private final ActiveSessions active;
    private final Executor workers;
    private ChannelHandlerContext ctx;
    private boolean busy;                      // event loop only
    private final ArrayDeque<Request> pending = new ArrayDeque<>();   // event loop only
    private volatile boolean closed;

    // login state: touched by one request at a time (reading is off while one runs)
    private volatile byte[] credentials;
    private volatile long loggedInAt;
    private volatile Session session;
    private volatile RestCommands commands;
    private volatile ActiveSessions.Handle handle;

    RestConnection(RouterOs router, Authenticator auth, ActiveSessions active, Executor workers) {
        this.router = router;
        this.auth = auth;
        this.active = active;
        this.workers = workers;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            busy = true;
            send(new Answer(HttpResponseStatus.BAD_REQUEST, RestJson.error(400, "Bad Request", "malformed request"),
                    false), false);
            return;
        }
        Request r = new Request(req.method(), req.uri(), req.headers().get(HttpHeaderNames.AUTHORIZATION),
                ByteBufUtil.getBytes(req.content()), HttpUtil.isKeepAlive(req));
        ctx.channel().config().setAutoRead(false);
        if (busy) {
            // pipelined: requests decoded from the same read wait their turn, a few at most
            if (pending.size() >= MAX_PIPELINED) ctx.close();
            else pending.add(r);
            return;
        }
        start(r);
    }

    private void start(Request r) {
        busy = true;
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                send(new Answer(HttpResponseStatus.BAD_REQUEST, RestJson.error(400, "Bad Request", "Session closed"),
                        false), false);
            }
        }, COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            workers.execute(() -> {
                Answer a = answer(r);
                if (answered.compareAndSet(false, true)) {
                    timeout.cancel(false);
                    try {
                        ctx.executor().execute(() -> send(a, r.keepAlive()));
                    } catch (RejectedExecutionException e) {
                        // the service is being stopped: the connection goes with it
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            answered.set(true);
            timeout.cancel(false);
            send(new Answer(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    RestJson.error(503, "Service Unavailable", "too many requests"), false), false);
        }
    }

    private Answer answer(Request r) {
        try {
            QueryStringDecoder q = new QueryStringDecoder(r.uri(), StandardCharsets.UTF_8, true, 64);
            String path = q.path();
            if (!path.equals("/rest") && !path.startsWith("/rest/")) return error(HttpResponseStatus.NOT_FOUND, null);
            if (r.method().equals(HttpMethod.HEAD)) return error(HttpResponseStatus.NOT_IMPLEMENTED, null);
            if (login(r.authorization()) == null) {
                return new Answer(HttpResponseStatus.UNAUTHORIZED, RestJson.error(401, "Unauthorized", null), true);
            }
            List<String> segs = segments(path);
            boolean hasBody = r.method().equals(HttpMethod.POST) || r.method().equals(HttpMethod.PUT)
                    || r.method().equals(HttpMethod.PATCH);
            RestJson.Body body = hasBody ? RestJson.decode(r.body()) : RestJson.Body.EMPTY;
            Map<String, List<String>> params = q.parameters();
            RestCommands.Reply reply = commands.handle(r.method(), segs, params, body);
            return new Answer(reply.status(), reply.body(), false);
        } catch (RestError e) {
            return error(e.status(), e.detail());
        } catch (RestJson.BadJson e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "malformed request");   // a broken %-escape
        } catch (RuntimeException | StackOverflowError e) {
            router.log().error("system", "rest: internal error: " + e);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    /** {@code /rest/ip/address/} → {@code [ip, address]}; an empty word inside is refused. */
    private static List<String> segments(String path) throws RestError {
        String rest = path.length() <= 6 ? "" : path.substring(6);
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        List<String> out = new ArrayList<>();
        if (rest.isEmpty()) return out;
        for (String s : rest.split("/", -1)) {
            if (s.isEmpty()) throw RestError.noSuchDirectory("");
            out.add(s);
        }
        return out;
    }

    private static Answer error(HttpResponseStatus status, String detail) {
        return new Answer(status, RestJson.error(status.code(), status.reasonPhrase(), detail), false);
    }

    /** The session for these credentials, logging in when they are new here; null when refused. */
    private Session login(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        byte[] cred = authorization.substring(6).trim().getBytes(StandardCharsets.US_ASCII);
        Session s = session;
        if (s != null && MessageDigest.isEqual(cred, credentials) && System.nanoTime() - loggedInAt < LOGIN_REUSE_NANOS) {
            return s;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(cred), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) return null;
        Authenticator.Result res = auth.password(pair.substring(0, colon), pair.substring(colon + 1), Via.REST_API,
                remote());
        endSession(false);
        if (!res.ok()) return null;
        s = new Session(router, res.principal());
        commands = new RestCommands(s);
        handle = active.register(res.principal());
        credentials = cred;
        loggedInAt = System.nanoTime();
        session = s;
        if (closed) endSession(true);              // the connection went away while we logged in
        return s;
    }

    private void endSession(boolean log) {
        ActiveSessions.Handle h = handle;
        Session s = session;
        handle = null;
        session = null;
        commands = null;
        credentials = null;
        if (h != null) h.close();
        if (log && s != null) {
            router.log().log("system,info,account", "user " + s.user() + " logged out from " + s.principal().address()
                    + " via rest-api");
        }
    }

    private InetAddress remote() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private void send(Answer a, boolean keepAlive) {
        if (!ctx.channel().isActive()) return;
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, a.status(),
                a.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
        if (a.body() != null) resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body() == null ? 0 : a.body().length);
        if (a.challenge()) resp.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"RouterOS\"");
        if (!keepAlive) resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        var f = ctx.writeAndFlush(resp);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        busy = false;
        Request next = pending.poll();
        if (next != null) {
            start(next);
            return;
        }
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!busy) ctx.close();            // an idle keep-alive connection, or a client that stalled
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                           // TLS failures, resets
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        pending.clear();
        try {
            workers.execute(() -> endSession(true));
        } catch (RejectedExecutionException e) {
            endSession(true);
        }
    }
}

package rose.appliance.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.Via;
import rose.cli.lang.Session;

/**
 * One API connection (reference 05 §8):
 *
 * <ol>
 *   <li>until login only {@code /login} (plain 6.43+, or the old MD5 challenge) and
 *       {@code /quit} are accepted, under the decoder's small pre-login limits;</li>
 *   <li>each later sentence is split ({@link ApiRequest}) and run on this connection's own
 *       thread, in order, so the event loop never waits for a database write or PBKDF2;</li>
 *   <li>commands go through {@link ApiCommands} into the console's command layer;</li>
 *   <li>{@code /listen} subscriptions stream until {@code /cancel} or the connection ends;</li>
 *   <li>{@code /quit} answers {@code !fatal session terminated on request} and closes.</li>
 * </ol>
 *
 * Output is bounded too: when the peer stops reading and more than {@link #MAX_PENDING_BYTES}
 * are queued, the connection is closed rather than buffered without end.
 */
final class ApiConnection extends SimpleChannelInboundHandler<List<String>> {
    static final long MAX_PENDING_BYTES = 16L << 20;
    private static final int MAX_FAILED_LOGINS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouterOs router;
    private final Authenticator auth;
    private final ActiveSessions active;
    private final ApiSentenceDecoder decoder;
    private final ExecutorService worker;
    private ChannelHandlerContext ctx;
    private volatile Session session;
    private volatile ActiveSessions.Handle activeHandle;
    private volatile byte[] challenge;
    private int failedLogins;
    private ApiCommands commands;

    ApiConnection(RouterOs router, Authenticator auth, ActiveSessions active, ApiSentenceDecoder decoder) {
        this(router, auth, active, decoder, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "api-connection");
            t.setDaemon(true);
            return t;
        }));
    }

    /** With a given worker; tests pass one that runs in the caller so a seed replays exactly. */
    ApiConnection(RouterOs router, Authenticator auth, ActiveSessions active, ApiSentenceDecoder decoder,
            ExecutorService worker) {
        super(false);
        this.router = router;
        this.auth = auth;
        this.active = active;
        this.decoder = decoder;
        this.worker = worker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, List<String> words) {
        try {
            worker.execute(() -> handle(words));
        } catch (RejectedExecutionException e) {
            // closing: nothing more to run
        }
    }

    private void handle(List<String> words) {
        try {
            ApiRequest r = ApiRequest.parse(words);
            if (r.command().equals("/quit")) {
                fatal("session terminated on request");
                return;
            }
            if (session == null) {
                if (!r.command().equals("/login")) {
                    fatal("not logged in");
                    return;
                }
                login(r);
                return;
            }
            if (r.command().equals("/login")) {
                send(List.of("!done"), r.tag());
                return;
            }
            commands.run(r);
        } catch (RuntimeException e) {
            // a bug in one command must not kill the connection's thread
            router.log().error("system", "api: internal error: " + e);
            fatal("internal error");
        }
    }

    private void login(ApiRequest r) {
        String name = r.attributes().get("name");
        InetAddress from = remote();
        Authenticator.Result result;
        if (name == null) {
            byte[] c = new byte[16];
            RANDOM.nextBytes(c);
            challenge = c;
            send(List.of("!done", "=ret=" + HexFormat.of().formatHex(c)), r.tag());
            return;
        }
        String failure;
        if (r.attributes().containsKey("response")) {
            byte[] c = challenge;
            challenge = null;       // one answer per challenge: a replayed or guessed second try needs a new one
            result = auth.challenge(name, c, r.attributes().get("response"), Via.API, from);
            failure = "cannot log in";
        } else {
            result = auth.password(name, r.attributes().getOrDefault("password", ""), Via.API, from);
            failure = Authenticator.BAD_LOGIN;
        }
        if (!result.ok()) {
            trap(r.tag(), null, failure);
            send(List.of("!done"), r.tag());
            if (++failedLogins >= MAX_FAILED_LOGINS) fatal("too many failed logins");
            return;
        }
        Session s = new Session(router, result.principal());
        activeHandle = active.register(result.principal());
        commands = new ApiCommands(s, this);
        session = s;
        decoder.limits(ApiSentenceDecoder.Limits.LOGGED_IN);
        send(List.of("!done"), r.tag());
    }

    InetAddress remote() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** Queues a sentence; {@code .tag} is added after the reply word when the command had one. */
    void send(List<String> words, String tag) {
        List<String> out = words;
        if (tag != null) {
            out = new ArrayList<>(words.size() + 1);
            out.add(words.get(0));
            out.add(".tag=" + tag);
            out.addAll(words.subList(1, words.size()));
        }
        if (!ctx.channel().isActive()) return;
        long pending = ctx.channel().unsafe().outboundBuffer() == null ? 0
                : ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes();
        if (pending > MAX_PENDING_BYTES) {
            ctx.close();
            return;
        }
        ByteBuf buf = ctx.alloc().buffer();
        ApiWords.writeSentence(buf, out);
        ctx.writeAndFlush(buf);
    }

    /** A row as {@code !re} with {@code =key=value} words. */
    void sendRow(Map<String, String> row, String tag) {
        List<String> w = new ArrayList<>();
        w.add("!re");
        row.forEach((k, v) -> w.add("=" + k + "=" + v));
        send(w, tag);
    }

    void trap(String tag, Integer category, String message) {
        List<String> w = new ArrayList<>();
        w.add("!trap");
        if (category != null) w.add("=category=" + category);
        w.add("=message=" + message);
        send(w, tag);
    }

    void fatal(String reason) {
        if (!ctx.channel().isActive()) return;
        ByteBuf buf = ctx.alloc().buffer();
        ApiWords.writeSentence(buf, List.of("!fatal", reason));
        ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    /** Runs {@code task} on this connection's thread (listen updates). */
    void later(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // connection closed
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof ApiSentenceDecoder.ApiProtocolException) {
            fatal(c.getMessage());
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        worker.execute(() -> {
            if (commands != null) commands.cancelAll(false);
            ActiveSessions.Handle h = activeHandle;
            if (h != null) {
                h.close();
                Session s = session;
                router.log().log("system,info,account", "user " + s.user() + " logged out from "
                        + s.principal().address() + " via api");
            }
        });
        worker.shutdown();
    }

    static Map<String, String> ordered(Map<String, String> m) {
        return new LinkedHashMap<>(m);
    }
}

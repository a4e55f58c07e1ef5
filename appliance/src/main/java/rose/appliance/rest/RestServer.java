package rose.appliance.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import rose.appliance.service.ManagedService;
import rose.appliance.service.ServiceGate;
import rose.appliance.service.ServiceTls;
import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;

/**
 * The REST API (reference 06) as the {@code www} (plain HTTP) or {@code www-ssl} (TLS 1.2+)
 * service, on the Netty already in the tree. Per connection:
 * [TLS] → HTTP/1.1 codec (bounded request line and headers) → aggregator (bounded body, 413
 * beyond) → idle timer → {@link RestConnection}.
 *
 * <p>Everything is bounded so a hostile client cannot make it grow: {@link #MAX_CONNECTIONS}
 * connections, one request running and {@link RestConnection#MAX_PIPELINED} waiting per
 * connection, {@link #MAX_BODY} bytes per body, a small worker pool with a bounded queue (503
 * beyond), idle connections closed after {@link #IDLE_SECONDS}.
 */
public final class RestServer implements ManagedService {
    static final int MAX_BODY = 256 << 10;
    static final int MAX_CONNECTIONS = 64;
    static final int IDLE_SECONDS = 60;
    private static final int WORKERS = 4;

    private final RouterOs router;
    private final Authenticator auth;
    private final ActiveSessions active;
    private final ServiceTls ssl;
    private final ServiceGate gate;
    private final AtomicInteger connections = new AtomicInteger();
    private EventLoopGroup boss;
    private EventLoopGroup loops;
    private ThreadPoolExecutor workers;
    private Channel listener;

    /** {@code ssl} null for plain {@code www}. */
    public RestServer(RouterOs router, Authenticator auth, ActiveSessions active, ServiceTls ssl, ServiceGate gate) {
        this.router = router;
        this.auth = auth;
        this.active = active;
        this.ssl = ssl;
        this.gate = gate;
    }

    @Override
    public synchronized void start(InetAddress bind, int port) throws InterruptedException {
        String name = ssl == null ? "www" : "www-ssl";
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        boss = new NioEventLoopGroup(1);
        loops = new NioEventLoopGroup(2);
        ThreadPoolExecutor pool = workers;
        ServerBootstrap b = new ServerBootstrap().group(boss, loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        if (!gate.admits(ch.remoteAddress().getAddress())) {
                            ch.close();
                            return;
                        }
                        if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                            connections.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        if (ssl != null) {
                            SslContext tls = ssl.context(gate);     // as /ip service says now
                            if (tls == null) {
                                ch.close();
                                return;
                            }
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(4096, 16 << 10, 16 << 10));
                        ch.pipeline().addLast(new BoundedBody());
                        ch.pipeline().addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0));
                        ch.pipeline().addLast(new RestConnection(router, auth, active, pool));
                    }
                });
        b.childOption(ChannelOption.AUTO_READ, true);
        try {
            listener = b.bind(new InetSocketAddress(bind, port)).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            stop();
            throw e;
        }
    }

    /** The aggregator, answering an oversized body with a JSON 413. */
    static final class BoundedBody extends HttpObjectAggregator {
        BoundedBody() {
            super(MAX_BODY, true);
        }

        /**
         * A request with {@code Expect: 100-continue} and a too-large (or unacceptable)
         * Content-Length is refused before its body by Netty's shared, empty 413/417 responses;
         * every answer of ours is JSON, so answer with the same status and a JSON body.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, io.netty.channel.ChannelPipeline pipeline) {
            Object r = super.newContinueResponse(start, maxContentLength, pipeline);
            if (!(r instanceof FullHttpResponse refused) || refused.status().code() < 400) return r;
            HttpResponseStatus status = refused.status();
            String detail = status.code() == 413 ? "request body larger than " + MAX_BODY + " bytes" : "unsupported expectation";
            byte[] body = RestJson.error(status.code(), status.reasonPhrase(), detail);
            FullHttpResponse json = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            json.headers().set(refused.headers());
            json.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            json.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return json;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            byte[] body = RestJson.error(413, "Request Entity Too Large", "request body larger than " + MAX_BODY + " bytes");
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            // Closing at once would reset a client still sending its body before it reads the
            // answer; on keep-alive the aggregator discards the rest of the body instead.
            if (HttpUtil.isKeepAlive(oversized)) {
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            } else {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public synchronized int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public synchronized void stop() {
        if (listener != null) listener.close().syncUninterruptibly();
        listener = null;
        if (workers != null) {
            // requests already running finish and are answered first: the PATCH that disabled
            // www over www still gets its reply before the connection goes
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (boss != null) boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (loops != null) loops.shutdownGracefully(100, 1000, TimeUnit.MILLISECONDS);
        boss = null;
        loops = null;
        workers = null;
    }
}

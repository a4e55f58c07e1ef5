package rose.appliance.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;

import rose.appliance.service.ManagedService;
import rose.appliance.service.ServiceGate;
import rose.appliance.service.ServiceTls;
import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;

/**
 * The binary API service: {@code api} (plain, 8728) or {@code api-ssl} (TLS 1.2+, 8729) over
 * Netty. Per connection: [TLS] → {@link ApiSentenceDecoder} → {@link ApiConnection}. A
 * connection from outside the service's {@code address=} list is closed before a byte is read.
 */
public final class ApiServer implements ManagedService {
    private final RouterOs router;
    private final Authenticator auth;
    private final ActiveSessions active;
    private final ServiceTls ssl;
    private final ServiceGate gate;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;

    /** {@code ssl} null for plain {@code api}. */
    public ApiServer(RouterOs router, Authenticator auth, ActiveSessions active, ServiceTls ssl, ServiceGate gate) {
        this.router = router;
        this.auth = auth;
        this.active = active;
        this.ssl = ssl;
        this.gate = gate;
    }

    @Override
    public synchronized void start(InetAddress bind, int port) throws InterruptedException {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        if (!gate.admits(ch.remoteAddress().getAddress())) {
                            ch.close();
                            return;
                        }
                        if (ssl != null) {
                            SslContext tls = ssl.context(gate);     // as /ip service says now
                            if (tls == null) {
                                ch.close();
                                return;
                            }
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ApiSentenceDecoder decoder = new ApiSentenceDecoder(ApiSentenceDecoder.Limits.PRE_LOGIN);
                        ch.pipeline().addLast(decoder);
                        ch.pipeline().addLast(new ApiConnection(router, auth, active, decoder));
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();                   // TLS failures and resets: just close
                            }
                        });
                    }
                });
        try {
            listener = b.bind(new InetSocketAddress(bind, port)).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            stop();
            throw e;
        }
    }

    /** The port actually bound (tests bind port 0). */
    @Override
    public synchronized int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public synchronized void stop() {
        if (listener != null) listener.close().syncUninterruptibly();
        listener = null;
        if (boss != null) boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        if (workers != null) workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        boss = null;
        workers = null;
    }
}
